"""Date forms added for issue 9, each class in several wordings with its near misses: month
and day written against each other, compact and file-name dates, two-digit years after a
date, days sharing one month, lower-case month ranges, and the dateline told by the
publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from factdb.extract.rules.dates import find_dates

PUB = dt.date(2025, 4, 18)


def got(text: str, published: dt.date | None = PUB) -> list[tuple]:
    return [(c.kind, c.quote, c.date_start, c.date_end) for c in find_dates(text, published)]


# --- a month and its day written with no space between them
@pytest.mark.parametrize(
    "text, quote, start",
    [
        ("The bill passed on Sept30, 2001 after a vote.", "Sept30, 2001", "2001-09-30"),
        ("Results came Jun5.", "Jun5", "2024-06-05"),
        ("seen nov12th by the team", "nov12th", "2024-11-12"),
        ("Filed 5jan 2019 in Leeds.", "5jan 2019", "2019-01-05"),
        ("Filed 23Oct.", "23Oct", "2024-10-23"),
    ],
)
def test_glued_month_and_day(text, quote, start):
    assert got(text) == [("date", quote, start, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Play the mp3 file.",
        "a Jun35 code",  # no June 35
        "see example.com/a%20Nov%20x there",  # an encoded address
        "the 4xmar3 unit",
    ],
)
def test_glued_near_misses(text):
    assert got(text) == []


@pytest.mark.parametrize(
    "text, quote, start",
    [("Revenue for CY2018 rose.", "CY2018", "2018"), ("the fy19 budget", "fy19", "2019"), ("in the cy18 plan", "cy18", "2018")],
)
def test_year_codes(text, quote, start):
    assert got(text) == [("date", quote, start, None)]


# --- compact and file-name dates; never inside a web address
@pytest.mark.parametrize(
    "text, quote, start",
    [
        ("The log of 20190312 shows it.", "20190312", "2019-03-12"),
        ("see backup_2019-03-12.tar for it", "2019-03-12", "2019-03-12"),
        ("the file minutes-2021-11-02.pdf says", "2021-11-02", "2021-11-02"),
    ],
)
def test_compact_and_file_name_dates(text, quote, start):
    assert got(text) == [("date", quote, start, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Call 20191399 today.",  # no month 13
        "It holds 20190230 bytes.",  # no February 30
        "see https://example.com/news/la-na-story-20160122-story.html",
        "read www.example.org/archive-2018-09-23-page-01",
        "Order 201903120 shipped.",
    ],
)
def test_compact_near_misses(text):
    assert got(text) == []


# --- a two-digit year after a day or month: with an apostrophe, or after "of"
@pytest.mark.parametrize(
    "text, quote, start",
    [
        ("It peaked in Dec '18, analysts said.", "Dec '18", "2018-12"),
        ("She left in March of '92.", "March of '92", "1992-03"),
        ("born 3 May of 71", "3 May of 71", "1971-05-03"),
        ("At least through June 30 of ’17, no change.", "June 30 of ’17", "2017-06-30"),
    ],
)
def test_two_digit_year_after_a_date(text, quote, start):
    assert got(text) == [("date", quote, start, None)]


def test_two_digit_count_after_a_month_is_no_year():
    assert [c[1] for c in got("In March of 45 patients, 3 died.")] == ["March"]


# --- days listed before one month: each day is a date in that month
@pytest.mark.parametrize(
    "text, first, second",
    [
        ("Shows run on 9 and 10 July in Leeds.", ("9", "2024-07-09"), ("10 July", "2024-07-10")),
        ("Talks are on 3 and 4 May 2026.", ("3", "2026-05-03"), ("4 May 2026", "2026-05-04")),
        ("on February 16 and 17 it snowed", ("February 16", "2025-02-16"), None),
    ],
)
def test_days_sharing_a_month(text, first, second):
    out = [(c[1], c[2]) for c in got(text)]
    assert out[0] == first
    if second:
        assert out[1] == second


# --- lower-case bare months as the ends of a range after "from"/"between"
@pytest.mark.parametrize(
    "text, quote, start, end",
    [
        ("it ran from january to march.", "from january to march", "2025-01", "2025-03"),
        ("prices rose between june and august", "between june and august", "2024-06", "2024-08"),
        ("sales from october to December 2020", "from october to December 2020", "2020-10", "2020-12"),
    ],
)
def test_lower_case_month_ranges(text, quote, start, end):
    assert got(text) == [("period", quote, start, end)]


@pytest.mark.parametrize("text", ["between august and may be", "from may i ask", "the move from march to april"])
def test_lower_case_month_range_near_misses(text):
    out = got(text)
    assert all(c[0] != "period" for c in out) or text.endswith("april")


# --- the dateline: a date alone at the head is the article's own only near its publication
def test_head_date_far_from_publication_is_a_claim():
    text = "July 4, 1995\nThe town held its parade."
    assert got(text, dt.date(2016, 11, 7)) == [("date", "July 4, 1995", "1995-07-04", None)]


def test_head_date_near_publication_is_the_dateline():
    text = "July 4, 1995\nThe town held its parade."
    assert got(text, dt.date(1995, 7, 5)) == []
    assert got(text, None) == []  # no publication date: the head date is read as the dateline


def test_yearless_head_date_far_from_publication_is_a_claim():
    assert got("Feb 29", dt.date(2017, 3, 22)) == [("date", "Feb 29", "2016-02-29", None)]
    assert got("Mar 20", dt.date(2017, 3, 22)) == []


# --- decades and centuries written with their digits
@pytest.mark.parametrize(
    "text, quote, start, end, precision",
    [
        ("Music of the '90s was loud.", "'90s", "1990", "1999", "decade"),
        ("a craze of the mid-’80s", "mid-’80s", "1980", "1989", "decade"),
        ("in the 1980s and ’90s, he fought", "’90s", "1990", "1999", "decade"),
        ("railways of the 1800s", "1800s", "1800", "1899", "century"),  # a hundred years
        ("since the early 1900s", "early 1900s", "1900", "1999", "century"),
        ("growth in the 2000s", "2000s", "2000", "2009", "decade"),  # the decade
    ],
)
def test_decades_and_centuries(text, quote, start, end, precision):
    found = [(c.quote, c.date_start, c.date_end, c.date_precision) for c in find_dates(text, PUB)]
    assert (quote, start, end, precision) in found


@pytest.mark.parametrize("text", ["highs in the 90s today", "rock'n'roll's 50s set", "a man in his 80s"])
def test_two_digit_decade_needs_its_apostrophe(text):
    assert got(text) == []


# --- years past 2099 after a preposition
@pytest.mark.parametrize(
    "text, quote", [("Seas will rise a metre by 2100.", "2100"), ("The lease runs until 2150, officials said.", "2150")]
)
def test_far_years(text, quote):
    assert got(text) == [("date", quote, quote, None)]


@pytest.mark.parametrize("text", ["He won by 2100 votes.", "Power went out in 2100 homes.", "It rose to 2200 points"])
def test_far_year_near_misses(text):
    assert got(text) == []


# --- a week given by its last day, as weekly figures are
@pytest.mark.parametrize(
    "text, quote, start, end",
    [
        ("Claims fell in the week ended March 8, 2025.", "week ended March 8, 2025", "2025-03-02", "2025-03-08"),
        ("sales in the week ending 4 January 2025", "week ending 4 January 2025", "2024-12-29", "2025-01-04"),
    ],
)
def test_week_ending(text, quote, start, end):
    assert got(text) == [("period", quote, start, end)]


# --- ranges of quarters and halves are one period, ending with the far one's last month
@pytest.mark.parametrize(
    "text, quote, start, end",
    [
        ("Sales grew from Q2 2021 to Q1 2022.", "from Q2 2021 to Q1 2022", "2021-04", "2022-03"),
        (
            "from the second quarter of 2019 to the fourth quarter of 2020",
            "from the second quarter of 2019 to the fourth quarter of 2020",
            "2019-04",
            "2020-12",
        ),
        ("between Q2 and Q4 2018, margins fell", "between Q2 and Q4 2018", "2018-04", "2018-12"),
        ("from H2 2019 to H1 2021", "from H2 2019 to H1 2021", "2019-07", "2021-06"),
    ],
)
def test_quarter_and_half_ranges(text, quote, start, end):
    assert got(text) == [("period", quote, start, end)]


def test_quarters_out_of_order_stay_apart():
    assert [c[1] for c in got("Q4 to Q1 2019 results")] == ["Q4", "Q1 2019"]
