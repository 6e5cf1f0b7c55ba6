"""Fast paths of the grammar read exactly what the plain regexes they replace read (issue 9).

For speed, a few cues are read without the regex that states them most plainly: the word
before a figure is read back from its end, the sentence splitter opens on one character
class, "a month" opens on its first letter. Each must find what the plain form finds, on
any text: here on generated strings built from the characters and words that matter.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.extract.rules import attributes, side_finders
from factdb.extract.rules.cues import last_word

# the plain forms, as they were written before the fast paths
_LAST_WORD = re.compile(r"([A-Za-z][\w.'’-]*)[\s]+$")
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9•])|\n\s*")
_ABBREV = attributes._ABBREV
_A_DURATION = re.compile(
    r"(?=(?-i:[aAoO]))(?<![\w-])(?:a|an|one)\s+"
    r"(?P<u>second|minute|hour|day|week|fortnight|month|year|decade|century)\b"
    r"(?!\s+(?:before|after|old|or\s+two|and\s+a\s+half)\b|-)",
    re.IGNORECASE,
)

PIECES = st.lists(
    st.sampled_from(
        [" ", "  ", "\n", "\t", "\u00a0", ".", "!", "?", ",", '"', "”", "’", ")", "(", "“", "-", "'", "_",
         "a", "an", "A", "One", "ONE", "one", "x", "Mr", "U.S", "Dr", "3", "42", "3G", "é", "ß", "ſ",
         "\u0130", "\u212a", "Hour", "day", "year", "month", "years", "old", "before", "The", "Troops",
         "killed", "Boeing", "No"]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(PIECES)
def test_last_word_is_what_the_regex_finds(s):
    m = _LAST_WORD.search(s)
    assert last_word(s) == (m.group(1) if m else None)


def _plain_starts(text: str) -> list[int]:
    starts = [0]
    for m in _SENT_END.finditer(text):
        head = text[max(0, m.start() - 12) : m.start()]
        if m.group(0).strip() == "" and _ABBREV.search(head) and "\n" not in m.group(0):
            continue
        starts.append(m.end())
    return starts


@settings(max_examples=500, deadline=None)
@given(PIECES)
def test_sentence_starts_are_what_the_plain_splitter_finds(text):
    assert attributes.Sentences(text).starts == _plain_starts(text)


@settings(max_examples=500, deadline=None)
@given(PIECES)
def test_a_duration_is_what_the_plain_pattern_finds(text):
    fast = [(m.span(), m.span("u")) for m in side_finders._A_DURATION.finditer(text)]
    assert fast == [(m.span(), m.span("u")) for m in _A_DURATION.finditer(text)]


def test_the_fast_paths_meet_real_sentences():
    text = (
        "Mr. Smith said 3 U.S. troops were killed. \"It took a month,\" he added!\n"
        "Officials said one hour later that an hour-long talk ended. The 1,000-strong unit left."
    )
    assert [text[i : i + 8] for i in attributes.Sentences(text).starts] == _plain_and_sliced(text)
    assert last_word("finance ministers of the ") == "the"
    assert last_word("flew 3G ") == "G" and last_word("no space at the end") is None
    assert [m.group(0) for m in side_finders._A_DURATION.finditer(text)] == ["a month", "one hour"]


def _plain_and_sliced(text: str) -> list[str]:
    return [text[i : i + 8] for i in _plain_starts(text)]
