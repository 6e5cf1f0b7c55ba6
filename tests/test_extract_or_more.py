"""A bound written in words between the number and what it counts: "seven or more ballistic
missiles" is at least seven missiles, "ten or fewer ships" at most ten (issue 9 follow-up,
found probing paraphrases of the seed claims). Wordings made up."""

import pytest

from factdb.extract import extract


def _claims(text: str) -> list[tuple[str, str, float, str]]:
    return [(c.quote, c.kind, c.value, c.bound) for c in extract(text).claims]


@pytest.mark.parametrize(
    "text, quote, kind, value, bound",
    [
        ("Four or more cruise missiles struck the port.", "Four or more cruise missiles", "count", 4, "lower"),
        ("Fishing boats with 30 or more crew must report.", "30 or more crew", "count", 30, "lower"),
        ("Towns of 5,000 or fewer residents qualify.", "5,000 or fewer residents", "count", 5000, "upper"),
        ("Patients who waited 12 or more hours complained.", "12 or more hours", "duration", 12, "lower"),
        ("The rocket flew 900 km or more.", "900 km or more", "distance", 900, "lower"),
    ],
)
def test_a_bound_in_words_after_the_number(text, quote, kind, value, bound):
    assert (quote, kind, value, bound) in _claims(text)


@pytest.mark.parametrize(
    "text",
    [
        "Three or more of the men fled.",  # a partitive: no noun right after the bound
        "Is it five or more than that?",
    ],
)
def test_no_bound_taken_before_a_function_word(text):
    assert not [c for c in _claims(text) if c[3] in ("lower", "upper") and "or " in c[0]]
