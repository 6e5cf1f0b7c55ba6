"""People "missing" are casualties; people missing something are not (issue 9 follow-up).

The contract counts the missing among casualties. "missing" is also a verb with an object
("were missing school"), and "reported" between the auxiliary and the participle ("were
reported killed") is the victims' passive all the same. Wordings here are made up.
"""

import pytest

from factdb.extract import extract


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(c.quote, c.kind) for c in extract(text).claims if c.kind in ("count", "casualties")]


@pytest.mark.parametrize(
    "text, quote",
    [
        ("Three divers were missing off the coast on Sunday.", "Three divers"),
        ("Five miners remain missing underground.", "Five miners"),
        ("Eleven villagers are missing", "Eleven villagers"),
        ("Six crew are missing, feared drowned.", "Six crew"),
        ("Two pilots were still missing nearly a day after the crash.", "Two pilots"),
        ("The six missing were all fishermen.", "six missing"),
        ("Four tourists were reported missing near the glacier.", "Four tourists"),
        ("Fourteen protesters were reported killed by police.", "Fourteen protesters"),
        ("Seven workers have been reported injured at the plant.", "Seven workers"),
    ],
)
def test_the_missing_and_the_reported_victims_are_casualties(text, quote):
    assert (quote, "casualties") in _kinds(text)


@pytest.mark.parametrize(
    "text, quote",
    [
        ("Two hundred pupils were missing school because of the snow.", "Two hundred pupils"),
        ("Four strikers were missing their chances all night.", "Four strikers"),
        ("Eight staff were missing work after the outbreak.", "Eight staff"),
        ("Three firms were missing deadlines every quarter.", "Three firms"),
        ("Twelve fans are missing out on tickets.", "Twelve fans"),
        ("Five reporters reported wounded soldiers at the checkpoint.", "Five reporters"),
    ],
)
def test_people_missing_something_or_reporting_are_counts(text, quote):
    assert (quote, "count") in _kinds(text)


@pytest.mark.parametrize(
    "text, first, second",
    [
        ("The nine missing include two children.", "nine missing", "two children"),
        ("The four missing included three sailors.", "four missing", "three sailors"),
        ("Of the 30 missing, including five teachers, none was found.", "30 missing", "five teachers"),
    ],
)
def test_a_verb_of_inclusion_ends_the_counted_phrase(text, first, second):
    quotes = [q for q, _ in _kinds(text)]
    assert first in quotes and second in quotes, quotes


@pytest.mark.parametrize(
    "text, quote, part",
    [
        ("The number of dead climbed to 87 overnight.", "87", "killed"),
        ("The number of fatalities stood at 19.", "19", "killed"),
        ("The number of injured has risen to 240.", "240", "wounded"),
        ("Some 40 passengers lost their lives.", "Some 40 passengers", "killed"),
        ("Nine climbers were left injured.", "Nine climbers", "wounded"),
    ],
)
def test_tolls_and_victims_in_other_words_are_casualties(text, quote, part):
    claims = [(c.quote, c.attribute) for c in extract(text).claims]
    assert (quote, f"casualties.{part}") in claims, claims


@pytest.mark.parametrize(
    "text",
    [
        "The number of buses climbed to 87.",
        "Two banks lost their licences.",
        "Nine climbers were left stranded.",
    ],
)
def test_the_same_words_without_victims_are_counts(text):
    assert [k for _, k in _kinds(text)] == ["count"]


def test_a_toll_in_other_words_is_no_count_of_its_noun():
    claims = [(c.quote, c.kind, c.attribute) for c in extract("The number of people killed rose to 31 from 19.").claims]
    assert claims == [("31", "casualties", "casualties.killed")]
