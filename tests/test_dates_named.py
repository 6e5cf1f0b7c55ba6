"""Named days with their year (factdb/extract/rules/dates/holidays.py) and years with an era,
each class in several wordings, with the near misses it must leave alone."""

from __future__ import annotations

import datetime as dt

import pytest

from factdb.extract.rules.dates import find_dates
from factdb.extract.rules.dates.holidays import HOLIDAYS, easter, thanksgiving

PUB = dt.date(2025, 4, 18)


def got(text: str, published: dt.date | None = PUB) -> list[tuple]:
    return [(c.kind, c.quote, c.date_start, c.date_end) for c in find_dates(text, published)]


@pytest.mark.parametrize(
    "year, day",
    # Western Easter Sundays as published (e.g. the US Naval Observatory's table)
    [(1961, "1961-04-02"), (2000, "2000-04-23"), (2008, "2008-03-23"), (2011, "2011-04-24"), (2038, "2038-04-25")],
)
def test_easter(year, day):
    assert easter(year).isoformat() == day


@pytest.mark.parametrize("year, day", [(2016, "2016-11-24"), (2018, "2018-11-22"), (2020, "2020-11-26")])
def test_thanksgiving_is_the_fourth_thursday_of_november(year, day):
    assert thanksgiving(year).isoformat() == day
    assert thanksgiving(year).weekday() == 3


@pytest.mark.parametrize(
    "text, quote, start",
    [
        ("Sales over Christmas 2019 fell.", "Christmas 2019", "2019-12-25"),
        ("Shops reopened on Boxing Day, 2003.", "Boxing Day, 2003", "2003-12-26"),
        ("the Easter 2016 rising anniversary", "Easter 2016", "2016-03-27"),
        ("Protests on Good Friday 2016 were calm.", "Good Friday 2016", "2016-03-25"),
        ("a party on New Year's Eve 1999", "New Year's Eve 1999", "1999-12-31"),
        ("since Thanksgiving of 2020", "Thanksgiving of 2020", "2020-11-26"),
        ("Cyber Monday 2018 sales", "Cyber Monday 2018", "2018-11-26"),
        ("on St. Patrick's Day 2021", "St. Patrick's Day 2021", "2021-03-17"),
        ("on halloween 2012", "halloween 2012", "2012-10-31"),
    ],
)
def test_named_day_with_its_year(text, quote, start):
    assert got(text) == [("date", quote, start, None)]


@pytest.mark.parametrize(
    "text, quotes",
    [
        ("He left on Friday 2010 was bad.", ["Friday"]),  # a weekday is no named day
        ("Christmas sales fell 2% in 2019.", ["2019"]),  # the name is not next to the year
        ("Christmas was quiet.", []),  # no year written: not a claim the gold files score
    ],
)
def test_named_day_near_misses(text, quotes):
    assert [c[1] for c in got(text)] == quotes


def test_every_named_day_resolves_in_a_leap_and_a_common_year():
    for name, day in HOLIDAYS.items():
        for y in (2023, 2024):
            assert day(y).year == y, name


# --- an era: AD/CE years of any length; BC years are no date ISO 8601 writes here
@pytest.mark.parametrize(
    "text, quote, start",
    [
        ("Pompeii was buried in AD 79.", "AD 79", "0079"),
        ("The wall was built around 122 AD by Hadrian.", "122 AD", "0122"),
        ("dated to 410 C.E. by the team", "410 C.E.", "0410"),
        ("a coin from 64 a.d., found", "64 a.d.", "0064"),
    ],
)
def test_years_with_an_era(text, quote, start):
    assert got(text) == [("date", quote, start, None)]


@pytest.mark.parametrize("text", ["founded in 1200 BC by", "between 2000 and 1700 BCE", "around 300 B.C. the city"])
def test_years_before_the_era_are_no_date(text):
    assert [c for c in got(text) if c[1] != "2000"] == []
