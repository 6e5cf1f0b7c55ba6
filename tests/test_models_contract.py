"""Claim and DocumentIn (plain dataclasses since issue 9) accept exactly what the contract
(spec/claims.md) allows and refuse the rest, at construction.

Hypothesis draws each field from a mix of valid and invalid values; an oracle written from
the contract's rules (not from models.py) says whether the whole combination is valid, and
construction must agree: a claim, or a ContractError (a ValueError) naming a field.
"""

from __future__ import annotations

import dataclasses
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.models import BOUNDS, KINDS, Claim, ContractError, DocumentIn, canonical_number

QUOTE_POOL = ("30 km", "about 1,100 miles", "$35 billion", "x", "12 rockets", "between 3 and 5")

_kind = st.one_of(st.sampled_from(KINDS), st.sampled_from(("Distance", "money ", "", "km", "quantity")))
_bound = st.one_of(st.sampled_from(BOUNDS), st.sampled_from(("EXACT", "about", "", "ranged")))
_currency = st.one_of(
    st.none(),
    st.sampled_from(("USD", "EUR", "KRW")),
    st.sampled_from(("usd", "US", "USDX", "USD\n", "U$D", "")),
    st.text(alphabet="ABCZabc$\n ", max_size=4),
)
_attribute = st.one_of(
    st.none(),
    st.sampled_from(("missile.flight_distance", "arms_sale.value", "a.b.c", "x_1.y2")),
    st.sampled_from(("missile", "Missile.range", "a..b", ".a.b", "a.b.", "a.b\n", "a-b.c", "")),
    st.text(alphabet="ab._A\n", max_size=8),
)
_number = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=True, width=64),
    st.floats(min_value=0, max_value=1e15),
)
_confidence = st.one_of(st.floats(0, 1), st.floats(allow_nan=True), st.integers(-1, 2))


@st.composite
def claim_fields(draw) -> dict:
    quote = draw(st.one_of(st.sampled_from(QUOTE_POOL), st.just("")))
    start = draw(st.one_of(st.integers(0, 50), st.integers(-5, -1)))
    # mostly a span that fits the quote, sometimes one that does not
    end = draw(st.one_of(st.just(start + len(quote)), st.integers(-5, 60)))
    fields = {"kind": draw(_kind), "char_start": start, "char_end": end, "quote": quote}
    for name, strategy in (
        ("bound", _bound),
        ("currency", _currency),
        ("attribute", _attribute),
        ("value", _number),
        ("value_high", _number),
        ("confidence", _confidence),
    ):
        if draw(st.booleans()):
            fields[name] = draw(strategy)
    if draw(st.booleans()):
        # a substring of the quote (valid) or a figure it does not contain (invalid)
        fields["value_as_written"] = draw(
            st.one_of(
                st.sampled_from(
                    [quote[i:j] for i in range(len(quote)) for j in range(i + 1, len(quote) + 1)] or ["9"]
                ),
                st.just("999999"),
            )
        )
    return fields


def contract_says_valid(f: dict) -> bool:
    """The contract's rules, written out independently of models.py."""
    quote = f["quote"]
    if f["kind"] not in KINDS or f.get("bound", "exact") not in BOUNDS:
        return False
    if f["char_start"] < 0 or f["char_end"] <= f["char_start"]:
        return False
    if not quote or f["char_end"] - f["char_start"] != len(quote):
        return False
    cur = f.get("currency")
    if cur is not None and re.fullmatch(r"[A-Z]{3}", cur) is None:
        return False
    attr = f.get("attribute")
    if attr is not None and re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", attr) is None:
        return False
    conf = f.get("confidence", 0.9)
    if not 0 <= conf <= 1:  # NaN fails both comparisons
        return False
    written = f.get("value_as_written")
    lo = canonical_number(f.get("value"), written)
    hi = canonical_number(f.get("value_high"), written)
    if lo is not None and hi is not None and hi < lo:
        return False
    return written is None or written in quote


@settings(max_examples=1500, deadline=None)
@given(claim_fields())
def test_claim_accepts_and_refuses_what_the_contract_says(fields):
    if contract_says_valid(fields):
        claim = Claim(**fields)
        assert claim.quote == fields["quote"] and claim.kind == fields["kind"]
        assert claim.bound == fields.get("bound", "exact")
        assert isinstance(claim.confidence, float)
        for name in ("value", "value_high"):
            given_value = fields.get(name)
            got = getattr(claim, name)
            if given_value is None:
                assert got is None
            else:  # canonical: a float, within 12 significant digits of what was given
                assert isinstance(got, float)
                assert got == given_value or math.isclose(got, given_value, rel_tol=1e-11)
    else:
        with pytest.raises(ContractError) as info:
            Claim(**fields)
        assert isinstance(info.value, ValueError) and info.value.field in {
            f.name for f in dataclasses.fields(Claim)
        }


def _claim(**over) -> Claim:
    return Claim(**{"kind": "distance", "char_start": 3, "char_end": 8, "quote": "30 km", **over})


@pytest.mark.parametrize(
    "field, value",
    [
        ("char_start", True),  # bool is not an offset
        ("char_start", "3"),
        ("char_end", 8.0),
        ("quote", None),
        ("subject", None),
        ("value", "30"),
        ("value", True),
        ("confidence", "high"),
        ("resolved", 1),
        ("unit", 5),
        ("kind", ["distance"]),
    ],
)
def test_wrong_types_are_refused_by_name(field, value):
    with pytest.raises(ContractError, match=f"^{field}: "):
        _claim(**{field: value})


def test_unknown_fields_are_refused():
    with pytest.raises(TypeError):
        _claim(colour="red")
    with pytest.raises(TypeError):
        DocumentIn(text="x", source="s", colour="red")


def test_a_claim_is_frozen_slotted_and_hashable():
    c = _claim(value=30, value_as_written="30")
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.value = 31  # type: ignore[misc]
    assert not hasattr(c, "__dict__")
    assert c.value == 30.0 and isinstance(c.value, float)
    assert hash(c) == hash(_claim(value=30.0, value_as_written="30")) and c == _claim(
        value=30.0, value_as_written="30"
    )
    assert dataclasses.replace(c, extractor="x").extractor == "x"
    with pytest.raises(ContractError):
        dataclasses.replace(c, quote="31 km!")  # replace re-checks the contract


def test_float_noise_is_rounded_but_written_digits_are_kept():
    assert _claim(value=30.577536000000002).value == 30.577536
    quote = "1234567890.123456 m"
    c = Claim(
        kind="distance",
        char_start=0,
        char_end=len(quote),
        quote=quote,
        value=1234567890.123456,
        value_as_written="1234567890.123456",
    )
    assert c.value == 1234567890.123456


def test_record_and_as_dict_carry_every_contract_field():
    from factdb.models import CLAIM_FIELDS

    c = _claim(value=30, unit="km", value_as_written="30", unit_as_written="km")
    row = c.record(7, "0" * 64)
    assert tuple(row) == CLAIM_FIELDS and row["document_id"] == 7 and row["value"] == 30.0
    assert c.as_dict() == {f.name: getattr(c, f.name) for f in dataclasses.fields(Claim)}


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.just(""), st.text(min_size=1, max_size=20)),
    precision=st.one_of(
        st.none(), st.sampled_from(("day", "month", "year")), st.sampled_from(("week", "Day", ""))
    ),
    title=st.one_of(st.none(), st.text(max_size=5), st.integers()),
)
def test_document_accepts_and_refuses_what_the_contract_says(text, precision, title):
    valid = (
        bool(text)
        and precision in (None, "day", "month", "year")
        and (title is None or isinstance(title, str))
    )
    if valid:
        doc = DocumentIn(text=text, source="s.txt", published_precision=precision, title=title)
        assert doc.text == text and doc.published_precision == precision
    else:
        with pytest.raises(ContractError):
            DocumentIn(text=text, source="s.txt", published_precision=precision, title=title)


def test_untrusted_input_goes_through_pydantic_at_the_edge():
    """pydantic still types and coerces untrusted dicts (JSON) into these dataclasses, and
    the contract's own checks still run after it."""
    pydantic = pytest.importorskip("pydantic")
    adapter = pydantic.TypeAdapter(Claim)
    c = adapter.validate_python(
        {"kind": "distance", "char_start": "3", "char_end": 8, "quote": "30 km", "value": "30"}
    )
    assert c == _claim(value=30.0)
    with pytest.raises(pydantic.ValidationError, match="quote length does not match"):
        adapter.validate_python({"kind": "distance", "char_start": 3, "char_end": 9, "quote": "30 km"})
