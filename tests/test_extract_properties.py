"""Properties of the whole registry (every extractor together, as ingest runs it)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.extract import extract

# Phrases the rules key on, plus letters that re.IGNORECASE folds onto ASCII (ı İ ſ K).
PIECES = st.sampled_from(
    [
        "more than", "at least", "up to", "a maximum of", "a maxımum of", "maxİmum", "nearly", "over",
        "about", "some", "between", "and", "to", "from", "ſeven", "İ", "ı", "\u212a", "km", "miles",
        "$", "£", "€", "bn", "million", "percent", "%", "year", "years", "a decade", "fold",
        "killed", "wounded", "soldiers", "missiles", "December", "3", "1,100", "4.5", "-", "–",
        "(", ")", ",", ".", "\n", "said", "according to", "Hwasong-18", "twenty-one", "a dozen",
    ]
)
TWINS = {"i": "ıİ", "s": "ſ", "k": "\u212a", "I": "ıİ", "K": "\u212a"}


@st.composite
def folded(draw, phrase):
    """``phrase`` with some letters swapped for the non-ASCII letters IGNORECASE equates with them."""
    return "".join(draw(st.sampled_from([ch, *TWINS.get(ch, "")])) for ch in phrase)


BOUNDED = st.tuples(
    st.sampled_from(["a maximum of", "more than", "at least", "up to", "nearly", "almost", "as many as", "some"]),
    st.sampled_from(["a year", "a decade", "seven ships", "5 km", "$3 billion", "six missiles", "two-thirds"]),
).flatmap(lambda t: folded(t[0] + " " + t[1]))

TEXTS = st.one_of(
    BOUNDED,
    st.lists(PIECES, max_size=40).map(" ".join),
    st.lists(PIECES, max_size=40).map("".join),
    st.text(max_size=200),
)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.one_of(st.none(), st.dates(min_value=dt.date.min, max_value=dt.date.max)))
def test_no_text_crashes_and_every_quote_is_its_span(text, published):
    result = extract(text, published)
    assert result.faults == []  # a fault is a rule bug, even on nonsense text
    for claim in result.claims:
        assert text[claim.char_start : claim.char_end] == claim.quote
        assert claim.extractor and claim.extractor_version
        if claim.value is not None and claim.value_high is not None:
            assert claim.value <= claim.value_high
