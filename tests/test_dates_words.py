"""Dates with their day or year written in words (factdb/extract/rules/dates/words.py and the
forms that use it), each class in several wordings, with the near misses it must leave alone."""

from __future__ import annotations

import datetime as dt

import pytest

from factdb.extract.rules.dates import find_dates
from factdb.extract.rules.dates.words import day_words, year_words

PUB = dt.date(2025, 4, 18)


def got(text: str, published: dt.date | None = PUB) -> list[tuple]:
    return [(c.kind, c.quote, c.date_start, c.date_end) for c in find_dates(text, published)]


# --- the number readers on their own
@pytest.mark.parametrize(
    "text, day, ordinal",
    [
        ("first", 1, True),
        ("twenty-seventh", 27, True),
        ("twenty seventh", 27, True),
        ("thirtieth", 30, True),
        ("twenty nine", 29, False),
        ("twenty-one", 21, False),
        ("fifteen", 15, False),
        ("thirty", 30, False),
    ],
)
def test_day_words(text, day, ordinal):
    assert day_words(text, 0) == (day, len(text), ordinal)


@pytest.mark.parametrize("text", ["thirty-two", "thirty ninth", "forty", "hundred", "people"])
def test_day_words_rejects_what_is_no_day(text):
    found = day_words(text, 0)
    assert found is None or found[1] < len(text)


@pytest.mark.parametrize(
    "text, year",
    [
        ("nineteen eighty six", 1986),
        ("nineteen-seventy-two", 1972),
        ("nineteen oh five", 1905),
        ("twenty twenty", 2020),
        ("twenty nineteen", 2019),
        ("nineteen hundred ninety three", 1993),
        ("nineteen hundred and ninety three", 1993),
        ("seventeen hundred thirty three", 1733),
        ("eighteen hundred", 1800),
        ("two thousand", 2000),
        ("two thousand and fifteen", 2015),
        ("two thousand eight", 2008),
    ],
)
def test_year_words(text, year):
    assert year_words(text, 0) == (year, len(text))


@pytest.mark.parametrize("text", ["twenty five", "nineteen five", "three thousand", "nineteen", "seven hundred"])
def test_year_words_rejects_what_is_no_year(text):
    assert year_words(text, 0) is None


# --- a day in words after the month: cardinals ("May twenty nine") and ordinals in lower case
@pytest.mark.parametrize(
    "text, quote, start",
    [
        ("The vote is set for June thirty.", "June thirty", "2025-06-30"),
        ("It happened on August twelve, police said.", "August twelve", "2024-08-12"),
        ("The deal closed December thirty-one, 1999.", "December thirty-one, 1999", "1999-12-31"),
        ("we spoke on june twenty one", "june twenty one", "2024-06-21"),
        ("filed on october the fifth", "october the fifth", "2024-10-05"),
        ("they landed on november second.", "november second", "2024-11-02"),
    ],
)
def test_day_in_words_after_month(text, quote, start):
    assert got(text) == [("date", quote, start, None)]


def test_lower_case_month_with_worded_day_range():
    assert got("the office is shut september ninth through twelfth") == [
        ("period", "september ninth through twelfth", "2024-09-09", "2024-09-12")
    ]


@pytest.mark.parametrize(
    "text, quote",
    [
        ("In March twenty people died.", "March"),  # a count follows the month
        ("In May ten soldiers were hurt.", "May"),
        ("In June. One of the shows was cut.", "June"),  # a sentence ends after the month
        ("In July twenty-five percent of them left.", "July"),
    ],
)
def test_a_count_after_a_month_is_no_day(text, quote):
    assert [c[1] for c in got(text)] == [quote]


@pytest.mark.parametrize("text", ["it may first need approval", "you may one day see it", "prices may two-fold rise"])
def test_may_the_verb_takes_no_worded_day(text):
    assert got(text) == []


# --- a year in words after a day or a month
@pytest.mark.parametrize(
    "text, quote, start",
    [
        ("He was born July nineteen sixty nine.", "July nineteen sixty nine", "1969-07"),
        ("It opened September twenty twenty.", "September twenty twenty", "2020-09"),
        ("The fire began 2 March nineteen oh six.", "2 March nineteen oh six", "1906-03-02"),
        ("The treaty of March 3 eighteen hundred and five", "March 3 eighteen hundred and five", "1805-03-03"),
        ("on june first two thousand and eight, rain", "june first two thousand and eight", "2008-06-01"),
        ("It was signed in April two thousand.", "April two thousand", "2000-04"),
    ],
)
def test_year_in_words_after_a_date(text, quote, start):
    assert got(text) == [("date", quote, start, None)]


@pytest.mark.parametrize(
    "text, quote, start",
    [
        ("born on nineteen March nineteen seventy", "nineteen March nineteen seventy", "1970-03-19"),
        ("On twenty-two June 1941 the invasion began.", "twenty-two June 1941", "1941-06-22"),
        ("the third November two thousand and one", "third November two thousand and one", "2001-11-03"),
    ],
)
def test_day_in_words_before_month_with_a_year(text, quote, start):
    assert got(text) == [("date", quote, start, None)]


@pytest.mark.parametrize(
    "text, quotes",
    [
        ("In October two thousand people marched.", ["October"]),  # a count, not a year
        ("By March nineteen hundred troops had left.", ["March"]),
        ("some twenty March protesters", []),  # a day in words before a month needs a year
    ],
)
def test_worded_count_after_a_month_is_no_year(text, quotes):
    assert [c[1] for c in got(text)] == quotes
