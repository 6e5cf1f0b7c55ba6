"""The seed articles' must-have claims, through the whole registry as ingest runs it."""

from __future__ import annotations

import datetime as dt

import pytest

from factdb.extract import extract_claims
from factdb.ingest import read_document

from .conftest import SEEDS


def claims_of(name: str, published: dt.date | None = None):
    doc = read_document(next(SEEDS.glob(f"{name}_*.txt")))
    when = published or doc.publication_date
    claims = extract_claims(doc.text, when)
    for c in claims:
        assert doc.text[c.char_start : c.char_end] == c.quote
    return {c.quote: c for c in claims}


@pytest.mark.parametrize(
    "seed, quote, kind, value, unit, bound, attribute",
    [
        ("002", "over 1,100 kilometers", "distance", 1100, "km", "lower", "missile.flight_distance"),
        ("003", "approximately $35 billion", "money", 35_000_000_000, "USD", "approx", "arms_sale.value"),
        (
            "002",
            "over 1,000 North Korean soldiers killed or wounded",
            "casualties",
            1000,
            "soldier",
            "lower",
            "casualties.killed_or_wounded",
        ),
        ("002", "at least seven short-range ballistic missiles", "count", 7, "missile", "lower", "missile.count"),
        ("004", "nine ships", "count", 9, "ship", "exact", "naval_exercise.ship_count"),
    ],
)
def test_numeric_must_haves(seed, quote, kind, value, unit, bound, attribute):
    claim = claims_of(seed)[quote]
    assert (claim.kind, claim.value, claim.unit, claim.bound, claim.attribute) == (kind, value, unit, bound, attribute)
    assert claim.subject


def test_money_currency_and_attributions():
    assert claims_of("003")["approximately $35 billion"].currency == "USD"
    seed = claims_of("002")
    assert seed["over 1,100 kilometers"].attribution in ("South Korea’s military", "South Korea's military")
    assert seed["over 1,000 North Korean soldiers killed or wounded"].attribution == "Blinken"


def test_period_and_unresolved_dates():
    period = claims_of("001")["from 1910 to 1945"]
    assert (period.kind, period.date_start, period.date_end, period.bound) == ("period", "1910", "1945", "range")
    seed = claims_of("002")  # no publication date in the text: nothing to resolve against
    for quote, partial in (("December 3", "--12-03"), ("November 5", "--11-05")):
        assert (seed[quote].kind, seed[quote].date_start, seed[quote].resolved) == ("date", partial, False)
    resolved = claims_of("002", dt.date(2024, 12, 20))
    assert resolved["December 3"].date_start == "2024-12-03" and resolved["December 3"].resolved


def test_no_claims_from_names_furniture_or_datelines():
    quotes = {q for name in ("000", "001", "002", "003", "004") for q in claims_of(name)}
    for bad in ("Hwasong", "World War II", "Source 1", "Source 2", "2024-01-03", "Tue Aug 15 2023", "Bush"):
        assert not any(bad in q for q in quotes), bad
