"""Dates stated from another date (factdb/extract/rules/dates/offsets.py): a distance before
or after a day, or a length that starts on it; each next to the day it counts from."""

from __future__ import annotations

import datetime as dt

import pytest

from factdb.extract.rules.dates import find_dates
from factdb.extract.rules.dates.offsets import shift

PUB = dt.date(2025, 4, 18)  # a Friday


def got(text: str, published: dt.date | None = PUB) -> list[tuple]:
    return [(c.kind, c.quote, c.date_start, c.date_end, c.date_precision) for c in find_dates(text, published)]


@pytest.mark.parametrize(
    "day, n, unit, out",
    [
        ("2024-02-20", 10, "day", "2024-03-01"),
        ("2024-03-01", -1, "day", "2024-02-29"),
        ("2024-01-31", 1, "month", "2024-02-29"),  # no February 31: its last day
        ("2023-12-15", 2, "fortnight", "2024-01-12"),
        ("2024-02-29", 1, "year", "2025-02-28"),
    ],
)
def test_shift(day, n, unit, out):
    assert shift(dt.date.fromisoformat(day), n, unit).isoformat() == out


@pytest.mark.parametrize(
    "text, quote, start",
    [
        ("The ceasefire began four days after March 3, 2022.", "four days after March 3, 2022", "2022-03-07"),
        ("Voting closed a week before 12 June 2017.", "a week before 12 June 2017", "2017-06-05"),
        ("The bid came two months prior to Oct. 31, 2019.", "two months prior to Oct. 31, 2019", "2019-08-31"),
        ("Shares fell 10 days after Feb. 2, 2018.", "10 days after Feb. 2, 2018", "2018-02-12"),
    ],
)
def test_distance_from_a_day(text, quote, start):
    out = got(text)
    assert ("date", quote, start, None, "day") in out
    assert len(out) == 2  # the day it counts from stays a claim of its own


def test_distance_from_a_weekday_follows_the_weekday_resolution():
    # "Monday" in a past clause: the last Monday up to publication (2025-04-14)
    assert ("date", "two days after Monday", "2025-04-16", None, "day") in got("It struck two days after Monday.")


@pytest.mark.parametrize(
    "text, quote, start, end",
    [
        ("Roads close for five days from 2 May 2024.", "for five days from 2 May 2024", "2024-05-02", "2024-05-07"),
        ("The show runs 3 weeks starting June 1, 2023.", "3 weeks starting June 1, 2023", "2023-06-01", "2023-06-22"),
        ("The curfew starts 9 March 2021 for 14 days.", "9 March 2021 for 14 days", "2021-03-09", "2021-03-23"),
        ("from 1 July 2020 for two weeks, schools shut", "from 1 July 2020 for two weeks", "2020-07-01", "2020-07-15"),
    ],
)
def test_length_from_a_day(text, quote, start, end):
    assert ("period", quote, start, end, "day") in got(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose five years from 1996 levels.",  # a year anchors nothing
        "It came two days before the Nov. 13 attacks.",  # the day is a modifier of another noun
        "He waited 3 days after that.",
    ],
)
def test_no_derived_date(text):
    assert all(c[4] != "day" or "after" not in c[1] and "before" not in c[1] for c in got(text))


def test_derived_date_needs_a_resolved_day():
    assert [c[1] for c in got("It closed 3 days after Jan. 12.", None)] == ["Jan. 12"]
