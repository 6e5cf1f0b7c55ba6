"""factdb export: every format, every filter, re-anchoring, JSON-LD expansion, flat memory."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import tracemalloc
from pathlib import Path

import pytest

from factdb.export import Filters, connect, export
from factdb.export.jsonld import FACTDB_NS, OA, SCHEMA
from factdb.export.launches import CNS_COLUMNS
from factdb.export.records import FIELDS
from factdb.models import CLAIM_FIELDS

from .conftest import ROOT, SEEDS, assert_provenance

# Characters outside the Basic Multilingual Plane: two UTF-16 code units each, one code point.
ROCKET, GRIN, FLAG_K, FLAG_R = "\U0001f680", "\U0001f600", "\U0001f1f0", "\U0001f1f7"
CJK_B1, CJK_B2, CJK_B3 = "\U0002000b", "\U0002000c", "\U0002a700"  # CJK Unified Ideographs Extension B

ASTRAL_ARTICLE = f"""---
title: "Launch {ROCKET} report"
url: https://news.example.test/astral/launch-report
published: 2024-01-05
outlet: Example News
---
{ROCKET}{ROCKET} North Korea {CJK_B1}{CJK_B2} fired at least seven short-range ballistic missiles on Friday {GRIN}, \
which flew over 1,100 kilometers before landing in the sea, according to South Korea's military.

The {CJK_B3} programme cost approximately $35 billion {FLAG_K}{FLAG_R}, officials said. Nine ships {ROCKET} joined the \
exercise, and over 1,000 North Korean soldiers were killed or wounded {GRIN}{GRIN}.
"""

# The same sentence four times: a 32-character prefix and suffix cannot tell the middle ones
# apart, so the quote selector must grow its context to stay unique.
REPEATED_ARTICLE = """---
title: Repeated wire copy
url: https://news.example.test/repeated
published: 2024-02-01
---
Wire copy repeated by a careless CMS.

The missile flew over 1,100 kilometers before landing in the sea, officials said on Monday.
The missile flew over 1,100 kilometers before landing in the sea, officials said on Monday.
The missile flew over 1,100 kilometers before landing in the sea, officials said on Monday.
The missile flew over 1,100 kilometers before landing in the sea, officials said on Monday.
"""


def build_db(path: Path, extra_dir: Path | None = None) -> Path:
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest

    engine = open_database(path)
    inputs = [str(SEEDS)] + ([str(extra_dir)] if extra_dir else [])
    summary = ingest(engine, iter_inputs(inputs))
    engine.dispose()
    assert not summary.failed
    return path


def write_fixtures(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "astral.md").write_text(ASTRAL_ARTICLE, encoding="utf-8")
    (folder / "repeated.md").write_text(REPEATED_ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("export")
    path = build_db(tmp / "export.db", write_fixtures(tmp / "extra"))
    assert_provenance(path)
    add_launch_event(path)
    return path


def add_launch_event(path: Path) -> None:
    """One launch event of the astral article, as the assembler records one (fields pointing at
    claims, mentions and text spans), so the launches export is tested whatever the assembler's
    rules find in these few articles."""
    conn = sqlite3.connect(path)
    doc_id, text = conn.execute("SELECT id, text FROM documents WHERE url LIKE '%/astral/%'").fetchone()
    claim = {
        attr: conn.execute(
            "SELECT id, char_start, char_end, quote, value FROM claims WHERE document_id = ? AND attribute = ?",
            (doc_id, attr),
        ).fetchone()
        for attr in ("missile.flight_distance", "missile.count")
    }
    country = conn.execute(
        "SELECT m.id, m.char_start, m.char_end, m.quote FROM entity_mentions m JOIN entities e ON e.id = m.entity_id "
        "WHERE m.document_id = ? AND e.name = 'North Korea' ORDER BY m.char_start LIMIT 1",
        (doc_id,),
    ).fetchone()
    landed = text.index("in the sea")
    # a date read from the text, stored (as the assembler may) with its span but without its claim
    friday = conn.execute(
        "SELECT id, char_start, char_end, quote FROM claims WHERE document_id = ? AND quote = 'Friday'",
        (doc_id,),
    ).fetchone()
    event = conn.execute(
        "INSERT INTO launch_events (event_date, country, missile, missile_count, flight_distance_km, altitude_km, "
        "landed, reported_by, documents) VALUES ('2024-01-05', 'North Korea', 'SRBM', ?, ?, NULL, 'in the sea', "
        "'South Korean military', 1) RETURNING id",
        (claim["missile.count"][4], claim["missile.flight_distance"][4]),
    ).fetchone()[0]
    rows = [
        ("date", "2024-01-05", None, None, friday[1], friday[2], friday[3]),
        ("country", "North Korea", None, country[0], country[1], country[2], country[3]),
        ("landed", "in the sea", None, None, landed, landed + 10, "in the sea"),
    ] + [
        (field, f"lower {c[4]:g}", c[0], None, c[1], c[2], c[3])
        for field, c in (
            ("flight_distance", claim["missile.flight_distance"]),
            ("count", claim["missile.count"]),
        )
    ]
    conn.executemany(
        "INSERT INTO launch_event_fields (event_id, field, value, document_id, claim_id, mention_id, char_start, "
        "char_end, quote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(event, f, v, doc_id, cid, mid, a, b, q) for f, v, cid, mid, a, b, q in rows],
    )
    conn.commit()
    conn.close()


def run(db: Path, fmt: str, **filters) -> tuple[str, int]:
    out = io.StringIO()
    conn = connect(str(db))
    try:
        result = export(conn, fmt, out, Filters(**filters))
    finally:
        conn.close()
    return out.getvalue(), result.count


def query(db: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def current_claims(db: Path) -> dict[str, dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = {r["id"]: dict(r) for r in conn.execute("SELECT * FROM claims WHERE is_current")}
    conn.close()
    return rows


def texts_by_sha(db: Path) -> dict[str, str]:
    return dict(query(db, "SELECT sha256, text FROM documents"))


def annotations(db: Path, **filters) -> list[dict]:
    text, n = run(db, "annotation", **filters)
    items = [json.loads(line) for line in text.splitlines()]
    assert len(items) == n
    return items


def claim_reviews(db: Path, **filters) -> list[dict]:
    text, n = run(db, "claimreview", **filters)
    items = json.loads(text)
    assert len(items) == n
    return items


# --- the fixture really has what the tests are about ------------------------------------------


def test_fixture_has_astral_characters_before_claims(db):
    claims = current_claims(db)
    texts = dict(query(db, "SELECT id, text FROM documents"))
    shifted = [
        c for c in claims.values() if any(ch > "\uffff" for ch in texts[c["document_id"]][: c["char_start"]])
    ]
    assert len(shifted) >= 3, "the astral article must yield claims after emoji and CJK extension B"
    repeated = [c for c in claims.values() if c["quote"] == "over 1,100 kilometers"]
    assert len(repeated) >= 4


# --- Web Annotation: re-anchoring -------------------------------------------------------------


def _selectors(anno: dict) -> tuple[dict, dict]:
    sel = {s["type"]: s for s in anno["target"]["selector"]}
    return sel["TextQuoteSelector"], sel["TextPositionSelector"]


def test_every_annotation_reanchors_by_quote_selector_alone(db):
    claims, texts = current_claims(db), texts_by_sha(db)
    items = annotations(db)
    assert len(items) == len(claims)
    for anno in items:
        claim = claims[anno["id"].removeprefix("urn:factdb:claim:")]
        text = texts[anno["target"]["textSha256"]]
        quote, _ = _selectors(anno)
        prefix, exact, suffix = quote.get("prefix", ""), quote["exact"], quote.get("suffix", "")
        # every place prefix + exact + suffix occurs, as a client would search (overlaps included)
        probe, hits, i = prefix + exact + suffix, [], -1
        while (i := text.find(probe, i + 1)) != -1:
            hits.append(i + len(prefix))
        assert hits == [claim["char_start"]], (claim["quote"], hits)
        assert text[hits[0] : hits[0] + len(exact)] == claim["quote"]
        assert len(prefix) <= 32 or text.count(exact) > 1  # context grows only where needed


def test_every_annotation_reanchors_by_position_alone_in_code_points_and_utf16(db):
    claims, texts = current_claims(db), texts_by_sha(db)
    differ = 0
    for anno in annotations(db):
        claim = claims[anno["id"].removeprefix("urn:factdb:claim:")]
        text = texts[anno["target"]["textSha256"]]
        _, pos = _selectors(anno)
        assert text[pos["start"] : pos["end"]] == claim["quote"]  # W3C: code points
        units = text.encode("utf-16-le")  # what a browser's JavaScript string indexes
        assert units[2 * pos["utf16Start"] : 2 * pos["utf16End"]].decode("utf-16-le") == claim["quote"]
        differ += pos["utf16Start"] != pos["start"]
    assert differ >= 3, "some offsets must differ between code points and UTF-16 (astral characters)"


def test_annotation_target_source_is_the_url_or_the_text_hash(db):
    urls = dict(query(db, "SELECT sha256, url FROM documents"))
    for anno in annotations(db):
        sha = anno["target"]["textSha256"]
        assert anno["target"]["source"] == (urls[sha] or f"urn:sha256:{sha}")
        assert anno["type"] == "Annotation" and anno["motivation"] == "describing"


def test_annotation_body_carries_the_structured_value(db):
    claims = current_claims(db)
    for anno in annotations(db):
        claim = claims[anno["id"].removeprefix("urn:factdb:claim:")]
        structured = next(b for b in anno["body"] if b.get("@type") == "StructuredValue")
        props = {p["propertyID"]: p["value"] for p in structured["additionalProperty"]}
        for f in CLAIM_FIELDS:
            expected = bool(claim[f]) if f == "resolved" else claim[f]
            assert props.get(f) == expected, f


# --- JSON-LD expands offline, to schema.org and W3C OA terms ----------------------------------


def _no_network(url, options=None):  # pragma: no cover - called only if a context were remote
    raise AssertionError(f"JSON-LD processing tried to fetch {url}")


def _scalars_compact(node) -> int:
    if isinstance(node, dict):
        return sum(_scalars_compact(v) for k, v in node.items() if k != "@context")
    if isinstance(node, list):
        return sum(_scalars_compact(v) for v in node)
    return 1


def _walk_expanded(node, iris: set[str]) -> int:
    """Scalars in an expanded document (values, node ids, types); collects predicate and type IRIs."""
    if isinstance(node, list):
        return sum(_walk_expanded(v, iris) for v in node)
    if "@value" in node:
        return 1
    n = 0
    for key, value in node.items():
        if key == "@id":
            n += 1
        elif key == "@type":
            iris.update(value)
            n += len(value)
        else:
            iris.add(key)
            n += _walk_expanded(value, iris)
    return n


def _expand(obj) -> tuple[set[str], int]:
    jsonld = pytest.importorskip("pyld").jsonld
    expanded = jsonld.expand(obj, {"documentLoader": _no_network})
    iris: set[str] = set()
    n = _walk_expanded(expanded, iris)
    return iris, n


def test_claimreview_objects_expand_offline_to_schema_org_terms_only(db):
    items = claim_reviews(db)
    assert items
    for obj in items:
        iris, n = _expand(obj)
        assert n == _scalars_compact(obj), "a term was dropped in expansion (not in the context)"
        assert all(i.startswith(SCHEMA) for i in iris), sorted(i for i in iris if not i.startswith(SCHEMA))
        assert f"{SCHEMA}ClaimReview" in iris and f"{SCHEMA}claimReviewed" in iris


FACTDB_TERMS = {f"{FACTDB_NS}utf16Start", f"{FACTDB_NS}utf16End", f"{FACTDB_NS}textSha256"}
W3C = (
    OA,
    "http://purl.org/dc/terms/",
    "http://purl.org/dc/elements/1.1/",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/ns/activitystreams#",
)


def test_annotations_expand_offline_to_w3c_terms_schema_org_and_documented_extensions(db):
    for obj in annotations(db):
        iris, n = _expand(obj)
        assert n == _scalars_compact(obj), "a term was dropped in expansion (not in the context)"
        strays = {i for i in iris if not i.startswith(W3C + (SCHEMA,)) and i not in FACTDB_TERMS}
        assert not strays, strays
        for term in (
            "Annotation",
            "hasTarget",
            "hasSelector",
            "TextQuoteSelector",
            "TextPositionSelector",
            "exact",
            "start",
            "end",
            "hasBody",
            "hasSource",
        ):
            assert f"{OA}{term}" in iris, term
        assert FACTDB_TERMS <= iris


# --- ClaimReview content ------------------------------------------------------------------------


def test_claimreview_has_sentence_appearance_author_and_every_field(db):
    claims = current_claims(db)
    docs = {r[0]: r for r in query(db, "SELECT sha256, url, published, outlet FROM documents")}
    items = claim_reviews(db)
    assert len(items) == len(claims)  # no reviews yet: one per claim
    linked = 0
    for obj in items:
        item = obj["itemReviewed"]
        claim = claims[item["identifier"]]
        assert item["@type"] == "Claim" and claim["quote"] in obj["claimReviewed"]
        sha = item["appearance"]["identifier"].removeprefix("urn:sha256:")
        _, url, published, outlet = docs[sha]
        assert item["appearance"].get("url") == url and item["appearance"].get("datePublished") == published
        if outlet:
            assert item["appearance"]["publisher"]["name"] == outlet
        props = {p["propertyID"]: p["value"] for p in item["additionalProperty"]}
        for f in CLAIM_FIELDS:
            expected = bool(claim[f]) if f == "resolved" else claim[f]
            assert props.get(f) == expected, f
        assert "reviewRating" not in obj
        linked += (
            item.get("author", {}).get("@type") in ("Person", "Organization")
            and claim["attribution"] is not None
        )
    assert linked >= 1, "a claim with a linked claimant names it as the Claim's author"


# --- CSV and JSON Lines ---------------------------------------------------------------------------


def test_jsonl_has_every_contract_field_document_metadata_and_sentence(db):
    claims = current_claims(db)
    text, n = run(db, "jsonl")
    rows = [json.loads(line) for line in text.splitlines()]
    assert n == len(rows) == len(claims)
    meta = {r[0]: r[1:] for r in query(db, "SELECT id, title, outlet, url, published FROM documents")}
    for row in rows:
        assert tuple(row) == FIELDS
        claim = claims[row["id"]]
        for f in CLAIM_FIELDS:
            assert row[f] == (bool(claim[f]) if f == "resolved" else claim[f]), f
        assert (
            row["document_title"],
            row["document_outlet"],
            row["document_url"],
            row["document_published"],
        ) == meta[row["document_id"]]
        assert claim["quote"] in row["sentence"]
    order = [(r["document_id"], r["char_start"]) for r in rows]
    assert order == sorted(order), "document order"


def test_csv_matches_jsonl_row_for_row(db):
    text, n = run(db, "csv")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames) == FIELDS
    rows = list(reader)
    jl = [json.loads(line) for line in run(db, "jsonl")[0].splitlines()]
    assert len(rows) == n == len(jl)
    for c, j in zip(rows, jl, strict=True):
        assert c["id"] == j["id"] and c["quote"] == j["quote"] and c["sentence"] == j["sentence"]
        assert (float(c["value"]) if c["value"] else None) == j["value"]
        assert c["resolved"] == ("true" if j["resolved"] else "false")
        assert (c["attribution"] or None) == j["attribution"]


# --- filters --------------------------------------------------------------------------------------


def _ids(db, **filters) -> set[str]:
    return {json.loads(line)["id"] for line in run(db, "jsonl", **filters)[0].splitlines()}


def test_filters_select_what_sql_selects(db):
    everything = _ids(db)
    assert _ids(db, kind="distance") == {
        r[0] for r in query(db, "SELECT id FROM claims WHERE is_current AND kind = 'distance'")
    }
    assert _ids(db, attribute="missile.flight_distance") == {
        r[0]
        for r in query(db, "SELECT id FROM claims WHERE is_current AND attribute = 'missile.flight_distance'")
    }
    doc_id, sha = query(db, "SELECT id, sha256 FROM documents ORDER BY id LIMIT 1")[0]
    in_doc = {
        r[0] for r in query(db, "SELECT id FROM claims WHERE is_current AND document_id = ?", (doc_id,))
    }
    assert _ids(db, document=str(doc_id)) == in_doc == _ids(db, document=sha[:12])
    nk = {
        r[0]
        for r in query(
            db,
            "SELECT DISTINCT ce.claim_id FROM claim_entities ce JOIN entities e ON e.id = ce.entity_id "
            "JOIN claims c ON c.id = ce.claim_id WHERE e.name = 'North Korea' AND c.is_current",
        )
    }
    assert nk and _ids(db, entity="north korea") == nk
    since = {
        r[0]
        for r in query(
            db,
            "SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id "
            "WHERE c.is_current AND d.published >= '2024-01-01'",
        )
    }
    assert _ids(db, since="2024-01-01") == since and since < everything
    assert _ids(db, kind="distance", since="2024-01-01") == since & _ids(db, kind="distance")


def test_bad_filters_are_one_line_errors(cli, db):
    for args, message in (
        (["--entity", "Atlantis"], "no entity called 'Atlantis'"),
        (["--since", "last week"], "is not a YYYY-MM-DD date"),
        (["--format", "xml"], "unknown --format"),
    ):
        argv = ["export", "--db", db] + (args if "--format" in args else ["--format", "csv", *args])
        result = cli(*argv)
        assert result.exit_code == 2 and message in result.stderr, result.stderr
        assert "Traceback" not in result.output
    result = cli("export", "--db", db, "--format", "launches", "--kind", "distance")
    assert result.exit_code == 2 and "launches are selected by" in result.stderr


def test_cli_writes_file_and_counts_on_stderr(cli, db, tmp_path):
    out = tmp_path / "claims.csv"
    result = cli("export", "--db", db, "--format", "csv", "--kind", "distance", "--out", out)
    assert result.exit_code == 0, result.output
    n = len(list(csv.DictReader(out.open(encoding="utf-8"))))
    assert n and f"exported {n} claims as csv to {out}" in result.stderr
    assert not list(tmp_path.glob("*.part"))
    result = cli("export", "--db", tmp_path / "missing.db", "--format", "csv")
    assert result.exit_code == 2 and "no database" in result.stderr


# --- launches ---------------------------------------------------------------------------------------


def test_launches_in_cns_columns_with_typed_values_and_provenance(db):
    text, n = run(db, "launches")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames[: len(CNS_COLUMNS)]) == CNS_COLUMNS
    rows = list(reader)
    assert n == len(rows) == query(db, "SELECT count(*) FROM launch_events")[0][0] > 0
    claims = current_claims(db)
    texts = dict(query(db, "SELECT id, text FROM documents"))
    with_distance = [r for r in rows if r["Distance Travelled"]]
    assert with_distance
    for row in with_distance:
        claim = claims[row["Distance Travelled Claim ID"]]
        assert claim["quote"] == row["Distance Travelled Quote"]
        assert texts[claim["document_id"]][claim["char_start"] : claim["char_end"]] == claim["quote"]
        assert (
            float(row["Distance Travelled Value"]) == claim["value"]
            and row["Distance Travelled Unit"] == "km"
        )
        assert row["Distance Travelled Bound"] == claim["bound"]
        event = query(
            db, "SELECT flight_distance_km FROM launch_events WHERE id = ?", (int(row["Event ID"]),)
        )[0][0]
        assert float(row["Distance Travelled Value"]) == event
    for row in rows:
        assert row["Confirmation Status"] in ("Confirmed", "Unconfirmed") and row["Source(s)"]
    (astral,) = [r for r in rows if r["Date"] == "2024-01-05" and r["Date Quote"] == "Friday"]
    friday = query(
        db,
        "SELECT id FROM claims WHERE quote = 'Friday' AND document_id = ?",
        (int(astral["Date Document ID"]),),
    )
    assert astral["Date Claim ID"] == friday[0][0]  # credited by its span
    assert astral["Number of Missiles Value"] == "7" and astral["Number of Missiles Bound"] == "lower"
    assert astral["Missile Type"] == "SRBM" and astral["Country"] == "North Korea"
    # filters apply to events
    assert run(db, "launches", since="2100-01-01")[1] == 0
    assert (
        run(db, "launches", entity="North Korea")[1]
        == query(db, "SELECT count(*) FROM launch_events WHERE country = 'North Korea'")[0][0]
    )


# --- streaming: memory does not grow with the number of claims -------------------------------------


def _peak(db: Path, fmt: str) -> tuple[int, int]:
    tracemalloc.start()
    try:
        conn = connect(str(db))
        sink = io.StringIO()
        count = export(conn, fmt, _Discard(sink), Filters()).count
        conn.close()
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


class _Discard(io.TextIOBase):
    def __init__(self, _):
        self.n = 0

    def write(self, s):
        self.n += len(s)
        return len(s)


def test_export_memory_is_flat_in_the_number_of_claims(db, tmp_path):
    import sys

    sys.path.insert(0, str(ROOT))
    from benchmarks.serve import replicate_claims

    small = tmp_path / "small.db"
    shutil.copy(db, small)
    big = tmp_path / "big.db"
    shutil.copy(db, big)
    base = query(small, "SELECT count(*) FROM claims")[0][0]
    replicate_claims(big, base * 40)
    for fmt in ("csv", "annotation", "claimreview"):
        n_small, peak_small = _peak(small, fmt)
        n_big, peak_big = _peak(big, fmt)
        assert n_big >= 35 * n_small
        # 40 times the claims, not 40 times the memory (a fetchall would be)
        assert peak_big < 3 * peak_small + 2_000_000, (fmt, peak_small, peak_big)


def test_stdout_export_and_empty_selections_are_valid(cli, db):
    result = cli("export", "--db", db, "--format", "jsonl", "--kind", "distance")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines and all(json.loads(line)["kind"] == "distance" for line in lines)
    assert f"exported {len(lines)} claims as jsonl" in result.stderr
    empty = cli("export", "--db", db, "--format", "claimreview", "--since", "2100-01-01")
    assert empty.exit_code == 0 and json.loads(empty.stdout) == []
    empty_csv = cli("export", "--db", db, "--format", "csv", "--since", "2100-01-01")
    assert empty_csv.stdout.splitlines() == [",".join(FIELDS)]


@pytest.mark.browser
def test_utf16_offsets_select_the_quote_in_a_real_browser(db):
    """What a browser client does with a position: a DOM Range over the document's text node,
    offsets in UTF-16 code units. ``utf16Start``/``utf16End`` select the quote; the W3C code
    point offsets would not, after an emoji or a CJK extension B ideograph."""
    from .test_browser import CHROMIUM, CHROMIUM_ARGS, _require_chromium

    _require_chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    texts = texts_by_sha(db)
    items = annotations(db)
    by_doc: dict[str, list] = {}
    for anno in items:
        _, pos = _selectors(anno)
        exact = _selectors(anno)[0]["exact"]
        by_doc.setdefault(anno["target"]["textSha256"], []).append(
            [pos["utf16Start"], pos["utf16End"], pos["start"], pos["end"], exact]
        )
    script = """([text, spans]) => {
        const node = document.createTextNode(text);
        document.body.replaceChildren(node);
        return spans.map(([u0, u1, c0, c1, exact]) => {
            const range = document.createRange();
            range.setStart(node, u0);
            range.setEnd(node, u1);
            return [range.toString() === exact, text.substring(c0, c1) === exact];
        });
    }"""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<html><body></body></html>")
        utf16_ok = codepoint_ok = total = 0
        for sha, spans in by_doc.items():
            for by_utf16, by_code_points in page.evaluate(script, [texts[sha], spans]):
                utf16_ok += by_utf16
                codepoint_ok += by_code_points
                total += 1
        browser.close()
    assert total == len(items)
    assert utf16_ok == total  # every quote, by UTF-16 offsets, in the browser's own string model
    assert codepoint_ok < total  # code point offsets are not what a browser counts in
