"""A fraction of a scale word is one number: "a quarter of a million people" is 250,000
people, not 25 percent and a million people (issue 9 follow-up). Wordings made up."""

import pytest

from factdb.extract import extract


def _claims(text: str) -> list[tuple[str, str, float]]:
    return [(c.quote, c.kind, round(c.value, 3)) for c in extract(text).claims if c.value is not None]


@pytest.mark.parametrize(
    "text, quote, kind, value",
    [
        ("Nearly a quarter of a million voters signed the petition.", "Nearly a quarter of a million voters", "count", 250000),
        ("The storm cut power to three-quarters of a million homes.", "three-quarters of a million homes", "count", 750000),
        ("Officials put the bill at a third of a billion dollars.", "a third of a billion dollars", "money", 333333333.333),
        ("The famine has killed more than a quarter of a million people.", "more than a quarter of a million people", "casualties", 250000),
        ("Half of a million tourists came.", "Half of a million tourists", "count", 500000),
    ],
)
def test_a_fraction_of_a_scale_word_is_one_number(text, quote, kind, value):
    claims = _claims(text)
    assert (quote, kind, value) in claims
    assert not [c for c in claims if c[1] == "percentage"], claims


@pytest.mark.parametrize(
    "text, quote, value",
    [
        ("A quarter of the delegates walked out.", "A quarter", 25.0),
        ("About a third of voters backed the plan.", "About a third", 33.333),
        ("Two-thirds of a group of 90 students passed.", "Two-thirds", 66.667),
    ],
)
def test_a_fraction_of_a_whole_stays_a_percentage(text, quote, value):
    assert (quote, "percentage", value) in _claims(text)
