"""Speed paths of issue 13 give what the plain steps they shortcut give.

- attribution stops its name-before-verb scan at the sentence's last speech verb;
- attribute naming skips the rules whose first words one combined search did not find;
- a claim's canonical value, confidence, currency and attribute checks take shortcuts for
  the common case, and must refuse and canonicalise exactly as before.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.extract.rules import attributes, attribution
from factdb.models import Claim, ContractError, canonical_number


def _plain_scan(sentence: str):
    """attribution._scan as it was: both verb patterns over the whole sentence."""
    according = []
    if "according" in sentence:
        for m in attribution._ACCORDING.finditer(sentence):
            who = attribution._clean(m.group("who"))
            if who:
                according.append((m.start(), m.end(), who))
    verbs: tuple[list, list] = ([], [])
    if attribution._ANY_SAY.search(sentence):
        for rx, out in zip((attribution._BEFORE_VERB, attribution._AFTER_VERB), verbs, strict=True):
            for m in rx.finditer(sentence):
                who = attribution._clean(m.group("who"))
                if who:
                    out.append((m.start(), m.end(), m.start("who"), m.end("who"), who))
    return according, verbs[0], verbs[1]


SENTENCE = st.lists(
    st.sampled_from(
        [" ", "  ", ", ", ". ", "\u201d ", '"', "(", "the ", "The ", "Bank ", "of ", "England ", "Smith", "'s ",
         "officials ", "police ", "South ", "Korean ", "military ", "said", "says", "saidx", "unsaid", "told ",
         "has ", "also ", "reportedly ", "estimates ", "claimed", "5%", "3 million ", "on Monday", "it ", "he ",
         "according to ", "Reuters", "wrote", "warns ", "Mr. ", "U.S. ", "Dr ", "\u2019s ", "\u017f", "\n"]
    ),
    max_size=18,
).map("".join)

HARD_SENTENCES = [
    "The figure rose 5%, the Bank of England said on Monday, and officials said it would rise.",
    "\u201cIt will rise to 5%,\u201d said John Smith, the bank's economist.",
    "South Korean officials have also said 3 million were at risk, according to Yonhap",
    "Police said5 people died",
    "The ministry saidx 5",
    "Smith said",
    "He said the UN estimates 30,000 people",
]


@pytest.mark.parametrize("sentence", HARD_SENTENCES)
def test_attribution_scan_matches_the_plain_scan_on_wordings(sentence):
    assert attribution._scan(sentence) == _plain_scan(sentence)


@settings(max_examples=400, deadline=None)
@given(SENTENCE)
def test_attribution_scan_matches_the_plain_scan(sentence):
    assert attribution._scan(sentence) == _plain_scan(sentence)


def _plain_name(kind, unit, participle, win, at):
    """attributes.name with the combined first-words search switched off."""
    saved = attributes._first_words_rx
    attributes._first_words_rx = lambda *key: None
    try:
        return attributes.name(kind, unit, participle, win, at)
    finally:
        attributes._first_words_rx = saved


# every rule's own words, so that windows hit rules (and their "none" words) often
_RULE_WORDS = sorted(
    {w.replace("?", "").replace("\\w*", "") for r in attributes.RULES for w in r.first_words if w.isascii()}
    - {""}
)
WINDOW = st.lists(
    st.sampled_from([*_RULE_WORDS[:60], "the", "rose", "to", "of", "a", "5%", "$5bn", "-", "Rate", "GDP"]),
    max_size=12,
).map(" ".join)
KINDS = st.sampled_from(["money", "percentage", "distance", "duration", "age", "altitude", "speed", "weight",
                         "other_quantity", "count"])


@settings(max_examples=400, deadline=None)
@given(KINDS, st.sampled_from([None, "percent", "USD", "km", "year", "magnitude"]), WINDOW)
def test_attribute_naming_matches_the_rule_by_rule_search(kind, unit, win):
    at = (len(win) // 2, len(win) // 2 + 1)
    assert attributes.name(kind, unit, None, win, at) == _plain_name(kind, unit, None, win, at)


def test_attribute_naming_on_wordings():
    for kind, unit, win in [
        ("percentage", "percent", "inflation rose to 5% in March"),
        ("money", "USD", "the company's revenue was $5bn last year"),
        ("percentage", "percent", "turnout was 60% in the election"),
        ("money", "GBP", "he paid £5m for the house"),
    ]:
        at = (win.index(next(ch for ch in win if ch.isdigit())), len(win) - 1)
        assert attributes.name(kind, unit, None, win, at) == _plain_name(kind, unit, None, win, at)


def _claim(**kw):
    base = dict(kind="money", char_start=0, char_end=4, quote="$5bn")
    return Claim(**{**base, **kw})


@pytest.mark.parametrize("value", [5e9, 1.0, 0.0, -0.0, -12.0, 999_999_999_999.0, 1e12, 1e15, 2.5,
                                   30.577536000000002, 1 / 3, 12345678901234.0])
def test_canonical_value_is_the_rounded_one(value):
    c = _claim(value=value)
    assert c.value == canonical_number(float(value), None)
    assert str(c.value) == str(canonical_number(float(value), None))  # -0.0 stays -0.0


def test_int_values_and_confidence_become_floats():
    c = _claim(value=5, value_high=7, confidence=1)
    assert (type(c.value), type(c.value_high), type(c.confidence)) == (float, float, float)
    assert (c.value, c.value_high, c.confidence) == (5.0, 7.0, 1.0)


def test_a_currency_or_attribute_seen_valid_does_not_let_another_through():
    _claim(currency="USD", attribute="company.revenue")
    for bad in ("usd", "US", "USD\n", "USDX"):
        with pytest.raises(ContractError, match="currency"):
            _claim(currency=bad)
    for bad in ("Company.revenue", "revenue", "company.revenue\n"):
        with pytest.raises(ContractError, match="attribute"):
            _claim(attribute=bad)


def test_contract_refusals_stand():
    with pytest.raises(ContractError, match="confidence"):
        _claim(confidence=1.5)
    with pytest.raises(ContractError, match="confidence"):
        _claim(confidence=True)
    with pytest.raises(ContractError, match="value_high"):
        _claim(value=5.0, value_high=4.0)
    with pytest.raises(ContractError, match="value"):
        _claim(value="5")
    with pytest.raises(TypeError):
        _claim(nonsense=1)
