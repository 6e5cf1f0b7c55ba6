"""Issue 9: a claim keeps the figure and unit as the text writes them, next to canonical
values that carry no float noise; schema 0004 stores both and shows them."""

from __future__ import annotations

import random
import sqlite3

import pytest

from factdb.db.engine import downgrade, make_engine, upgrade
from factdb.extract import extract_claims, registry
from factdb.ingest import iter_inputs, read_document
from factdb.models import SIGNIFICANT_DIGITS, Claim, canonical_number, written_digits
from factdb.publish.render import written_figure

from .conftest import SEEDS, assert_provenance


def significant_digits(v: float) -> int:
    """Significant digits of ``repr(v)``: 30.577536 -> 8, 35000000000.0 -> 2, 1e-07 -> 1."""
    mantissa = repr(abs(v)).split("e")[0].replace(".", "")
    return len(mantissa.strip("0")) or 1


def claim_at(text: str, figure: str) -> Claim:
    """The one extracted claim whose quote holds ``figure``."""
    found = [c for c in extract_claims(text, None) if figure in c.quote and c.kind not in ("date", "period")]
    assert len(found) == 1, [c.quote for c in found]
    return found[0]


@pytest.mark.parametrize(
    "text, figure, value_w, unit_w, value, value_high",
    [
        ("The missile flew 19 miles before it fell.", "19 miles", "19", "miles", 30.577536, None),
        ("The missile flew 300 miles before it fell.", "300 miles", "300", "miles", 482.8032, None),
        ("They signed a deal worth $35 billion on Monday.", "$35 billion", "35 billion", "$", 35e9, None),
        ("It flew about 1,100 km, the military said.", "1,100 km", "1,100", "km", 1100.0, None),
        ("Officials said four to five thousand people fled.", "thousand people", "four to five thousand", "people",
         4000.0, 5000.0),
        ("The club paid £600m for the stadium.", "£600m", "600m", "£", 6e8, None),
        ("The economy grew 3.5 percent last year.", "3.5 percent", "3.5", "percent", 3.5, None),
        ("Unemployment fell to 4.5 per cent in May.", "per cent", "4.5", "per cent", 4.5, None),
        ("The bill is between $3 and $5 billion.", "billion", "3 and $5 billion", "$", 3e9, 5e9),
        ("Police said 1,000-2,000 troops were sent.", "troops", "1,000-2,000", "troops", 1000.0, 2000.0),
        ("The jet reached Mach 5 in tests.", "Mach 5", "5", "Mach", 5.0, None),
    ],
)  # fmt: skip
def test_figure_and_unit_as_written(text, figure, value_w, unit_w, value, value_high):
    claim = claim_at(text, figure)
    assert (claim.value_as_written, claim.unit_as_written) == (value_w, unit_w)
    assert claim.value_as_written in claim.quote
    # exactly the canonical number, not one float step away from it
    assert claim.value == value and repr(claim.value) == repr(value)
    assert claim.value_high == value_high


def test_bound_words_are_not_part_of_the_unit():
    for text, figure, unit_w in (
        ("The missile flew over 1,100 kilometers east.", "1,100", "kilometers"),
        ("It costs approximately $35 billion in all.", "$35", "$"),
        ("He paid $5bn or so for it.", "$5bn", "$"),
        ("Rates rose 2% or so this year.", "2%", "%"),
    ):
        claim = claim_at(text, figure)
        assert claim.unit_as_written == unit_w, (text, claim.quote)


def test_seed_must_haves_keep_what_was_written():
    expected = {
        "002": {
            "over 1,100 kilometers": ("1,100", "kilometers"),
            "over 1,000 North Korean soldiers killed or wounded": ("1,000", "North Korean soldiers killed or wounded"),
            "at least seven short-range ballistic missiles": ("seven", "short-range ballistic missiles"),
        },
        "003": {"approximately $35 billion": ("35 billion", "$")},
        "004": {"nine ships": ("nine", "ships")},
    }
    for seed, wanted in expected.items():
        doc = read_document(next(SEEDS.glob(f"{seed}_*.txt")))
        claims = {c.quote: c for c in extract_claims(doc.text, doc.publication_date)}
        for quote, written in wanted.items():
            assert (claims[quote].value_as_written, claims[quote].unit_as_written) == written


def test_dates_and_phrases_without_a_number_span_record_nothing_as_written():
    text = "On December 3, 2024, after a year of talks, exports grew tenfold."
    for c in extract_claims(text, None):
        if c.kind in ("date", "period") or c.quote in ("a year", "tenfold"):
            assert (c.value_as_written, c.unit_as_written) == (None, None), c.quote


def test_as_written_fields_do_not_change_the_claim_id():
    base = dict(kind="distance", char_start=10, char_end=18, quote="19 miles", value=30.577536, unit="km",
                extractor="quantities", extractor_version="1")  # fmt: skip
    plain = Claim(**base).record(1, "ab" * 32)
    written = Claim(**base, value_as_written="19", unit_as_written="miles").record(1, "ab" * 32)
    assert plain["id"] == written["id"]
    assert list(written)[-2:] == ["value_as_written", "unit_as_written"]
    with pytest.raises(ValueError, match="not in the quote"):
        Claim(**base, value_as_written="20")


@pytest.mark.parametrize(
    "raw, figure, expected",
    [
        (19 * 1.609344, "19", 30.577536),
        (300 * 1.609344, "300", 482.8032),
        (35000000000.0000001, "35 billion", 35e9),
        (0.1 + 0.2, None, 0.3),
        (2 / 3 * 100, "two-thirds", 66.6666666667),  # 12 significant digits
        (1234567890123.0, "1,234,567,890,123", 1234567890123.0),  # a longer written figure keeps its digits
        (None, None, None),
    ],
)
def test_canonical_number_rounds_away_float_noise(raw, figure, expected):
    assert canonical_number(raw, figure) == expected
    quote = figure or "x"
    claim = Claim(kind="other_quantity", char_start=0, char_end=len(quote), quote=quote, value=raw,
                  value_as_written=figure)  # fmt: skip
    assert claim.value == expected  # the model rounds, so every extractor's claims are clean


def test_written_digits():
    assert (written_digits("1,234.50"), written_digits("0.005"), written_digits("four"), written_digits(None)) == (
        6, 1, 0, 0,
    )  # fmt: skip


def _assert_no_noise(claims) -> int:
    n = 0
    for c in claims:
        allowed = max(SIGNIFICANT_DIGITS, written_digits(c.value_as_written))
        for v in (c.value, c.value_high):
            if v is not None:
                assert significant_digits(v) <= allowed, (c.quote, repr(v))
                n += 1
        if c.value_as_written is not None:
            assert c.value_as_written in c.quote
    return n


def test_no_float_noise_in_seed_values():
    n = 0
    for path in sorted(SEEDS.glob("*.txt")):
        doc = read_document(path)
        n += _assert_no_noise(extract_claims(doc.text, doc.publication_date))
    assert n > 10


def test_no_float_noise_across_the_shared_corpus(shared_corpus):
    paths = sorted(shared_corpus.glob("bbc/*/*.txt")) + sorted(shared_corpus.glob("reuters-2016/*.md"))
    sample = random.Random(9).sample(paths, min(300, len(paths)))
    values = written = numeric = 0
    for path in sample:
        doc = read_document(path)
        claims = extract_claims(doc.text, doc.publication_date)
        values += _assert_no_noise(claims)
        numeric += sum(1 for c in claims if c.value is not None)
        written += sum(1 for c in claims if c.value_as_written is not None)
    assert values > 500
    assert written >= 0.9 * numeric  # nearly every figure keeps its written form


@pytest.mark.parametrize(
    "args, shown",
    [
        (("19", "miles", "19 miles", 30.577536, None, "km", "distance"), "19 miles (30.58 km)"),
        (("35 billion", "$", "approximately $35 billion", 35e9, None, "USD", "money"),
         "$35 billion (35,000,000,000 USD)"),
        (("1,100", "km", "about 1,100 km", 1100.0, None, "km", "distance"), "1,100 km"),
        (("four to five thousand", "people", "four to five thousand people", 4000.0, 5000.0, "person", "count"),
         "four to five thousand people (4,000–5,000)"),
        (("600m", "£", "£600m", 6e8, None, "GBP", "money"), "£600m (600,000,000 GBP)"),
        (("3.5", "percent", "3.5 percent", 3.5, None, "percent", "percentage"), "3.5 percent"),
        (("40", "%", "40%", 40.0, None, "percent", "percentage"), "40%"),
        (("5", "Mach", "Mach 5", 5.0, None, "mach", "speed"), "Mach 5"),
        ((None, None, "December 3", None, None, None, "date"), None),
    ],
)  # fmt: skip
def test_written_figure_for_the_claim_page(args, shown):
    assert written_figure(*args) == shown


def _columns(db, table: str) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def _rows(db, sql: str, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_ingest_stores_and_views_what_was_written(seeded_db):
    assert {"value_as_written", "unit_as_written"} <= set(_columns(seeded_db, "claims_view"))
    rows = _rows(
        seeded_db, "SELECT value_as_written, unit_as_written, value FROM claims_view WHERE quote = ?",
        "approximately $35 billion",
    )  # fmt: skip
    assert rows == [("35 billion", "$", 35e9)]
    assert _rows(seeded_db, "SELECT count(*) FROM claims WHERE kind = 'date' AND value_as_written IS NOT NULL") == [(0,)]


async def test_claim_page_shows_the_written_figure(seeded_db):
    from datasette.app import Datasette

    (pk,) = _rows(seeded_db, "SELECT pk FROM claims WHERE quote = 'approximately $35 billion'")[0]
    ds = Datasette([str(seeded_db)])
    html = (await ds.client.get(f"/-/claim/{pk}")).text
    assert "$35 billion (35,000,000,000 USD)" in html
    assert "<dt>unit_as_written</dt>" in html


def test_migration_0004_round_trip_with_data(db_path, monkeypatch):
    from factdb.db.sqlite_extras import TRIGGERS
    from factdb.pipeline import ingest
    from factdb.reextract import reextract

    engine = make_engine(db_path)
    upgrade(engine, "head")
    assert ingest(engine, iter_inputs([str(SEEDS)])).new == 5
    claims = _rows(db_path, "SELECT count(*) FROM claims")[0][0]

    downgrade(engine, "0003")
    assert "value_as_written" not in _columns(db_path, "claims")
    assert "unit_as_written" not in _columns(db_path, "claims_view")
    assert "value" in _columns(db_path, "claims_view")  # 0001's view is back
    assert _rows(db_path, "SELECT count(*) FROM claims")[0][0] == claims
    triggers = {n for (n,) in _rows(db_path, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert set(TRIGGERS) <= triggers

    upgrade(engine, "head")
    assert {"value_as_written", "unit_as_written"} <= set(_columns(db_path, "claims_view"))
    # existing claims have nothing as written until a re-extraction fills it
    assert _rows(db_path, "SELECT count(*) FROM claims WHERE value_as_written IS NOT NULL") == [(0,)]
    assert _rows(db_path, "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'ships'")[0][0] >= 1
    assert assert_provenance(db_path) == claims

    registry.extractors()
    old = registry._REGISTRY["counts"]
    monkeypatch.setitem(registry._REGISTRY, "counts", registry.Extractor("counts", "99.0.0", "test", old.run))
    reextract(engine, ["counts"])
    assert _rows(db_path, "SELECT value_as_written, unit_as_written FROM claims_view WHERE quote = 'nine ships'") == [
        ("nine", "ships")
    ]
    engine.dispose()
