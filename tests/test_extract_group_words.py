"""A group word is its number: "a pair of missiles" is two missiles, exactly, and "a trio of
lawsuits" three lawsuits (issue 9 follow-up: paraphrase and wire gold). Wordings made up."""

import pytest

from factdb.extract import extract


def _counts(text: str) -> list[tuple[str, float, str, str]]:
    return [(c.quote, c.value, c.unit, c.bound) for c in extract(text).claims if c.kind == "count"]


@pytest.mark.parametrize(
    "text, quote, value, unit",
    [
        ("The navy launched a pair of cruise missiles at dawn.", "a pair of cruise missiles", 2, "missile"),
        ("A pair of Chinese frigates sailed through the strait.", "A pair of Chinese frigates", 2, "frigate"),
        ("Regulators opened a trio of investigations last week.", "a trio of investigations", 3, "investigation"),
        ("She hit a trio of late penalties.", "a trio of late penalties", 3, "penalty"),
        ("Divers found a pair of old shoes.", "a pair of old shoes", 2, "shoe"),
    ],
)
def test_a_group_word_counts_its_noun_exactly(text, quote, value, unit):
    assert (quote, value, unit, "exact") in _counts(text)


@pytest.mark.parametrize(
    "text",
    [
        "He borrowed a pair of scissors.",  # one thing with no singular
        "She wore a pair of goggles.",
        "The pair were arrested on Monday.",  # no "of": the two people named before
        "A pair of the suspects fled.",  # a part of a group named elsewhere
        "The trio of them left early.",
    ],
)
def test_no_count_where_the_group_word_is_no_number(text):
    assert _counts(text) == []
