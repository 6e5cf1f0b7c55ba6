"""The shared number grammar: parse_number and the regex pieces."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.extract.rules.numbers import NUMBER, NUMBER_RE, is_fraction, parse_number

WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def to_words(n: int) -> str:
    """Independent little writer of English numbers below a million, for round trips."""
    if n < 20:
        return WORDS[n]
    if n < 100:
        t, u = divmod(n, 10)
        return TENS[t] + ("-" + WORDS[u] if u else "")
    if n < 1000:
        h, r = divmod(n, 100)
        return WORDS[h] + " hundred" + (" and " + to_words(r) if r else "")
    th, r = divmod(n, 1000)
    return to_words(th) + " thousand" + ((" " + to_words(r)) if r else "")


@pytest.mark.parametrize(
    "text,value",
    [
        ("1,100", 1100),
        ("4.5", 4.5),
        ("28,500", 28500),
        ("35bn", 35e9),
        ("35B", 35e9),
        ("$35B".lstrip("$"), 35e9),
        ("4.7 billion", 4.7e9),
        ("1.2 trillion", 1.2e12),
        ("25k", 25000),
        ("£600m".lstrip("£"), 600e6),
        ("seven", 7),
        ("Seventeen", 17),
        ("twenty-one", 21),
        ("ninety nine", 99),
        ("a dozen", 12),
        ("three dozen", 36),
        ("a hundred", 100),
        ("two hundred and fifty", 250),
        ("half a million", 500_000),
        ("one and a half million", 1_500_000),
        ("a million", 1e6),
        ("dozens", 24),
        ("hundreds", 200),
        ("thousands", 2000),
        ("tens of thousands", 20000),
        ("hundreds of millions", 2e8),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value, rel=1e-12)


def test_fractions_are_fractions_of_one():
    assert parse_number("two-thirds") == pytest.approx(2 / 3, rel=1e-12)
    assert parse_number("three-quarters") == 0.75
    assert parse_number("a third") == pytest.approx(1 / 3)
    assert is_fraction("two-thirds") and not is_fraction("seven")


@pytest.mark.parametrize("text", ["", "   ", "x", "seven three", "3 5", "Hwasong", "first"])
def test_not_numbers(text):
    assert parse_number(text) is None


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_comma_grouped_integers_round_trip(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999_999))
def test_number_words_round_trip(n):
    words = to_words(n)
    assert parse_number(words) == n
    # the regex reads the whole written-out number, not a prefix of it
    assert re.fullmatch(NUMBER, words, re.IGNORECASE), words


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=0, max_value=999, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([("million", 1e6), ("billion", 1e9), ("trillion", 1e12), ("thousand", 1e3)]),
    st.sampled_from(["{n} {w}", "{n}{a}"]),
)
def test_scaled_numbers_round_trip(d, scale, form):
    word, factor = scale
    abbrev = {"million": "m", "billion": "bn", "trillion": "tn", "thousand": "k"}[word]
    s = form.format(n=d, w=word, a=abbrev)
    assert parse_number(s) == pytest.approx(float(d) * factor, rel=1e-9)


def test_number_regex_finds_numbers_in_prose():
    found = [m.group(0) for m in NUMBER_RE.finditer("seven ships, 1,100 km and twenty-one guns")]
    assert found == ["seven", "1,100", "twenty-one"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parse_number_never_crashes(s):
    v = parse_number(s)
    assert v is None or isinstance(v, float)
