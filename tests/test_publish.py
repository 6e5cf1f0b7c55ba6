"""The published database as fact-checkers meet it: Datasette's test client, no port.

One database is built per session from the seeds plus four short articles written here
(two reports of one launch that agree, two of another that disagree; the first carries
``<script>`` and HTML-looking text), published with ``factdb publish``, and served with
the same settings as ``factdb serve``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from factdb.publish.metadata import canned_queries, database_metadata, load_metadata, metadata_path
from factdb.publish.serve import SETTINGS, datasette_args, make_datasette
from factdb.publish.snapshot import INSPECT_NAME, SNAPSHOT_NAME, publish

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DB = "factdb"

TEST_ARTICLES = [
    {
        "title": "Test <img src=x onerror=alert(1)> launch report",
        "outlet": "Test Wire",
        "published": "2024-06-01",
        "url": "javascript:alert(1)",
        "text": (
            "Test launch report\n\nNorth Korea fired an intermediate-range ballistic missile on Saturday. "
            "South Korea's military said the missile flew over 1,100 kilometers before it fell into the sea. "
            "<script>alert(1)</script> A navy spokesman said <b>nine ships</b> had been deployed."
        ),
    },
    {
        "title": "Second test report",
        "outlet": "Other Test Wire",
        "published": "2024-06-01",
        "url": "https://example.org/second",
        "text": (
            "Second test report\n\nNorth Korea launched an intermediate-range ballistic missile on Saturday "
            "that flew about 1,150 kilometers, Japan's defense ministry said."
        ),
    },
    {
        "title": "Third test report",
        "outlet": "Third Test Wire",
        "published": "2024-09-20",
        "url": "https://example.org/third",
        "text": (
            "Third test report\n\nNorth Korea fired an intercontinental ballistic missile on Friday. "
            "Japan's defense ministry said the missile flew 1,000 kilometers."
        ),
    },
    {
        "title": "Fourth test report",
        "outlet": "Fourth Test Wire",
        "published": "2024-09-20",
        "url": "https://example.org/fourth",
        "text": (
            "Fourth test report\n\nNorth Korea fired an intercontinental ballistic missile on Friday. "
            "South Korea's military said the missile flew 2,000 kilometers."
        ),
    },
]
HTML_QUOTE = "<b>nine ships</b>"

# Tables of another issue (entities, corroboration, launch events) that some canned
# queries read; while they are not in the schema those queries are skipped, by name.
ENTITY_TABLES = {
    "claims_about_entity": ("entities", "entity_aliases", "claim_entities"),
    "corroborations": ("corroborations",),
    "contradictions": ("contradictions",),
    "claim_group_sources": ("claim_groups", "claim_group_members"),
    "launch_events_timeline": ("launch_events", "launch_event_sources"),
    "launch_event_field_sources": ("launch_event_fields",),
}


@pytest.fixture(scope="session")
def source_db(tmp_path_factory) -> Path:
    """Seeds + the test articles + one hand-made claim whose quote looks like HTML."""
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest

    folder = tmp_path_factory.mktemp("publish-src")
    articles = folder / "test-articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in TEST_ARTICLES), encoding="utf-8")
    path = folder / "source.db"
    engine = open_database(path)
    summary = ingest(engine, iter_inputs([str(SEEDS), str(articles)]))
    engine.dispose()
    assert summary.new == 9 and not summary.failed
    _add_html_quote_claim(path)
    return path


def _add_html_quote_claim(path: Path) -> None:
    """A claim whose span is ``<b>nine ships</b>``: extractors never make one, a renderer must survive it."""
    conn = sqlite3.connect(path)
    doc_id, text = conn.execute("SELECT id, text FROM documents WHERE outlet = 'Test Wire'").fetchone()
    start = text.index(HTML_QUOTE)
    run_id, name, version = conn.execute(
        "SELECT run_id, extractor, extractor_version FROM claims LIMIT 1"
    ).fetchone()
    conn.execute(
        "INSERT INTO claims (id, document_id, run_id, kind, attribute, subject, value, unit, bound, resolved, "
        "char_start, char_end, quote, extractor, extractor_version, confidence, is_current) "
        "VALUES ('test-html-quote', ?, ?, 'count', 'test.html_quote', '<i>ships</i>', 9, 'ship', 'exact', 1, "
        "?, ?, ?, ?, ?, 0.5, 1)",
        (doc_id, run_id, start, start + len(HTML_QUOTE), HTML_QUOTE, name, version),
    )
    conn.commit()
    conn.close()


@pytest.fixture(scope="session")
def published(source_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    publish(source_db, out)
    return out


@pytest.fixture
def snapshot(published) -> Path:
    return published / SNAPSHOT_NAME


@pytest.fixture
async def ds(published):
    datasette = make_datasette(published)
    await datasette.invoke_startup()
    return datasette


def query(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def schema(path: Path) -> dict[str, list[str]]:
    """Every table and view of the live database with its columns."""
    names = [r[0] for r in query(path, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
    return {n: [r[1] for r in query(path, f"SELECT * FROM pragma_table_info('{n}')")] for n in names}


def pk_of(snapshot: Path, quote: str) -> int:
    return query(snapshot, "SELECT pk FROM claims WHERE quote = ? ORDER BY pk LIMIT 1", (quote,))[0][0]


# --- the snapshot ------------------------------------------------------------------


def test_snapshot_is_one_clean_file(published, snapshot, source_db):
    assert sorted(p.name for p in published.iterdir()) == sorted([SNAPSHOT_NAME, INSPECT_NAME])
    assert query(snapshot, "PRAGMA journal_mode") == [("delete",)]
    assert query(snapshot, "PRAGMA integrity_check") == [("ok",)]
    assert query(snapshot, "SELECT count(*) FROM claims") == query(source_db, "SELECT count(*) FROM claims")


def test_inspect_counts_match(published, snapshot):
    data = json.loads((published / INSPECT_NAME).read_text())[DB]
    assert data["file"] == SNAPSHOT_NAME and data["size"] == snapshot.stat().st_size
    for name, entry in data["tables"].items():
        assert query(snapshot, f'SELECT count(*) FROM "{name}"')[0][0] == entry["count"], name
    assert data["views"]["claims_view"]["count"] == query(snapshot, "SELECT count(*) FROM claims_view")[0][0]
    table_names = {r[0] for r in query(snapshot, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(data["tables"]) == table_names


def test_publish_replaces_an_old_snapshot(source_db, tmp_path):
    first = publish(source_db, tmp_path)
    second = publish(source_db, tmp_path)
    assert first.path == second.path and second.path.is_file()
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*tmp"))


def test_cli_publish(cli, source_db, tmp_path):
    result = cli("publish", "--db", source_db, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / SNAPSHOT_NAME).is_file()
    missing = cli("publish", "--db", tmp_path / "nope.db", "--out", tmp_path / "out2")
    assert missing.exit_code == 2 and not (tmp_path / "nope.db").exists()


def test_serve_arguments_are_deliberate(published):
    args = datasette_args(published, port=8123)
    assert args[:3] == ["serve", "-i", str(published / SNAPSHOT_NAME)]
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert args[args.index("--metadata") + 1] == str(metadata_path())
    assert args[args.index("--inspect-file") + 1] == str(published / INSPECT_NAME)
    settings = {args[i + 1]: args[i + 2] for i, a in enumerate(args) if a == "--setting"}
    assert settings["sql_time_limit_ms"] == "2500" and settings["suggest_facets"] == "off"
    assert int(settings["facet_time_limit_ms"]) <= int(settings["sql_time_limit_ms"])


def test_serve_without_snapshot_fails_clearly(cli, tmp_path):
    result = cli("serve", "--dir", tmp_path)
    assert result.exit_code == 2
    assert "factdb publish" in result.output


# --- metadata against the live schema -------------------------------------------------


def test_metadata_describes_exactly_the_live_schema(snapshot):
    tables = database_metadata(load_metadata())["tables"]
    live = schema(snapshot)
    assert sorted(set(live) - set(tables)) == [], "tables/views without metadata"
    assert sorted(set(tables) - set(live)) == [], "metadata for tables/views that do not exist"
    for name, columns in live.items():
        meta = tables[name]
        assert meta.get("description"), f"{name} has no description"
        described = meta.get("columns", {})
        assert sorted(set(columns) - set(described)) == [], f"{name}: columns without description"
        assert sorted(set(described) - set(columns)) == [], f"{name}: described columns that do not exist"
        assert all(described.values()), f"{name}: empty column description"


def test_metadata_top_level_and_no_units():
    meta = load_metadata()
    for key in ("title", "description", "license", "source"):
        assert meta.get(key), key
    text = json.dumps(meta)
    assert '"units"' not in text


def test_internal_tables_hidden_on_purpose(snapshot):
    tables = database_metadata(load_metadata())["tables"]
    for name in schema(snapshot):
        internal = (
            name in ("alembic_version", "sqlite_sequence", "sqlite_stat1")
            or name.endswith("_fts")
            or re.search(r"_fts_(data|idx|content|docsize|config)$", name)
        )
        if internal:
            assert tables[name].get("hidden") is True, name


def test_label_columns_and_fts_wiring(snapshot):
    tables = database_metadata(load_metadata())["tables"]
    live = schema(snapshot)
    for name, meta in tables.items():
        if "label_column" in meta:
            assert meta["label_column"] in live[name], name
        for key in ("sort", "sort_desc"):
            if key in meta:
                assert meta[key] in live[name], (name, key)
    assert tables["claims_view"]["fts_table"] == "claims_fts" and tables["claims_view"]["fts_pk"] == "pk"
    assert tables["documents"]["fts_table"] == "documents_fts" and tables["documents"]["fts_pk"] == "id"
    assert tables["documents"]["label_column"] == "title"


def _indexed_first_columns(snapshot: Path, table: str) -> set[str]:
    cols = set()
    for (index,) in query(snapshot, f"SELECT name FROM pragma_index_list('{table}')"):
        first = query(snapshot, f"SELECT name FROM pragma_index_info('{index}') WHERE seqno = 0")
        cols.update(r[0] for r in first)
    cols.update(r[1] for r in query(snapshot, f"SELECT * FROM pragma_table_info('{table}')") if r[5] == 1)
    return cols


# A view's facet column is served by the index of the table column it comes from.
VIEW_SOURCES = {"claims_view": {"outlet": ("documents", "outlet"), "published": ("documents", "published")}}


def test_every_default_facet_column_is_indexed(snapshot):
    tables = database_metadata(load_metadata())["tables"]
    views = {r[0] for r in query(snapshot, "SELECT name FROM sqlite_master WHERE type = 'view'")}
    for name, meta in tables.items():
        for column in meta.get("facets", []):
            table, col = (name, column)
            if name in views:
                table, col = VIEW_SOURCES.get(name, {}).get(column, ("claims", column))
            assert col in _indexed_first_columns(snapshot, table), f"facet {name}.{column} has no index"


# --- default pages and facets ----------------------------------------------------------


def _facet_tables():
    meta = database_metadata(load_metadata())["tables"]
    return [(t, f) for t, m in meta.items() if not m.get("hidden") for f in m.get("facets", [])]


@pytest.mark.parametrize(("table", "facet"), _facet_tables())
async def test_default_facet_works(ds, snapshot, table, facet):
    response = await ds.client.get(f"/{DB}/{table}.json")
    assert response.status_code == 200
    data = response.json()
    result = data["facet_results"][facet]
    assert not result["truncated"] or len(result["results"]) == SETTINGS["default_facet_size"]
    assert facet not in data.get("facets_timed_out", [])
    expected = dict(
        query(snapshot, f'SELECT "{facet}", count(*) FROM "{table}" WHERE "{facet}" IS NOT NULL GROUP BY 1')
    )
    got = {r["value"]: r["count"] for r in result["results"]}
    assert got and all(expected[v] == n for v, n in got.items())
    # Selecting a facet value filters the page to it.
    value, count = next(iter(got.items()))
    filtered = await ds.client.get(f"/{DB}/{table}.json", params={facet: value, "_shape": "objects"})
    assert filtered.json()["filtered_table_rows_count"] == count


@pytest.mark.parametrize("table", ["claims", "claims_view", "documents", "extraction_runs", "extractors"])
async def test_default_pages_render(ds, table):
    response = await ds.client.get(f"/{DB}/{table}")
    assert response.status_code == 200
    description = database_metadata(load_metadata())["tables"][table]["description"]
    assert str(__import__("markupsafe").escape(description)) in response.text


async def test_database_page_and_search(ds):
    assert (await ds.client.get(f"/{DB}")).status_code == 200
    found = await ds.client.get(f"/{DB}/claims_view.json", params={"_search": "ballistic", "_shape": "array"})
    assert found.status_code == 200
    assert any("ballistic" in r["quote"] for r in found.json())
    docs = await ds.client.get(f"/{DB}/documents.json", params={"_search": "missile", "_shape": "array"})
    assert docs.status_code == 200 and docs.json()


# --- canned queries ----------------------------------------------------------------------


def _canned(snapshot: Path) -> dict:
    """(params, check) for each canned query; check(rows) asserts the expected rows."""
    live = schema(snapshot)
    seed_km = pk_of(snapshot, "over 1,100 kilometers")
    test_doc = query(snapshot, "SELECT id FROM documents WHERE outlet = 'Test Wire'")[0][0]
    money_name, money_version = query(
        snapshot, "SELECT extractor, extractor_version FROM claims WHERE quote = 'approximately $35 billion'"
    )[0]

    def quotes(rows):
        return [r["quote"] for r in rows]

    def range_check(rows):
        assert "over 1,100 kilometers" in quotes(rows)
        assert all(r["attribute"] == "missile.flight_distance" for r in rows)
        assert all((r["value_high"] or r["value"]) >= 1000 for r in rows)

    def range_since_check(rows):
        assert sorted(quotes(rows)) == ["2,000 kilometers", "about 1,150 kilometers", "over 1,100 kilometers"]
        assert all(r["published"] >= "2024-01-01" for r in rows)
        assert [r["value"] for r in rows] == sorted((r["value"] for r in rows), reverse=True)

    def range_max_check(rows):
        assert sorted(quotes(rows)) == [
            "1,000 kilometers",
            "about 1,150 kilometers",
            "over 1,100 kilometers",
            "over 1,100 kilometers",
        ]

    def search_check(rows):
        assert "at least seven short-range ballistic missiles" in quotes(rows)
        assert all(r["before"] is not None and r["after"] is not None for r in rows)

    def same_figure_check(rows):
        assert [(r["quote"], r["outlet"]) for r in rows] == [("over 1,100 kilometers", "Test Wire")]

    def document_check(rows):
        assert {"over 1,100 kilometers", "nine ships", HTML_QUOTE} <= set(quotes(rows))
        assert [r["char_start"] for r in rows] == sorted(r["char_start"] for r in rows)

    def entity_check(rows):
        assert "over 1,100 kilometers" in quotes(rows) and "about 1,150 kilometers" in quotes(rows)
        assert {r["entity"] for r in rows} == {"North Korea"}
        assert {r["role"] for r in rows} <= {"subject", "agent", "location", "claimant"}

    def corroboration_check(rows):
        assert sorted(quotes(rows)) == ["about 1,150 kilometers", "over 1,100 kilometers"]
        assert {r["outlet"] for r in rows} == {"Test Wire", "Other Test Wire"}
        assert len({r["group_id"] for r in rows}) == 1

    def contradiction_check(rows):
        assert sorted(quotes(rows)) == ["1,000 kilometers", "2,000 kilometers"]
        assert {r["outlet"] for r in rows} == {"Third Test Wire", "Fourth Test Wire"}

    def group_check(rows):
        assert sorted(quotes(rows)) == ["1,000 kilometers", "2,000 kilometers"]
        assert {r["status"] for r in rows} == {"contradiction"} and len({r["source_key"] for r in rows}) == 2
        assert all(r["url"].startswith("https://example.org/") for r in rows)

    def timeline_check(rows):
        dates = [r["event_date"] for r in rows]
        assert dates[:2] == ["2024-09-20", "2024-06-01"] and dates == sorted(dates, reverse=True)
        june = rows[1]
        assert (
            june["country"] == "North Korea"
            and "Test Wire" in june["sources"]
            and "Other Test Wire" in june["sources"]
        )

    def event_fields_check(rows):
        fields = {r["field"] for r in rows}
        assert {"country", "flight_distance"} <= fields
        assert {"over 1,100 kilometers", "about 1,150 kilometers"} & {r["quote"] for r in rows}
        for r in rows:
            if r["char_start"] is not None:
                text = query(snapshot, "SELECT text FROM documents WHERE id = ?", (r["document_id"],))[0][0]
                assert text[r["char_start"] : r["char_end"]] == r["quote"]

    def dates_check(rows):
        assert "January 2024" in quotes(rows)
        assert all("2024" <= r["date_start"] <= "2024-12-31~" for r in rows)

    def extractor_check(rows):
        assert "approximately $35 billion" in quotes(rows)

    def latest_check(rows):
        assert len(rows) == 9
        assert [r["ingested_at"] for r in rows] == sorted((r["ingested_at"] for r in rows), reverse=True)

    def latest_outlet_check(rows):
        assert [r["outlet"] for r in rows] == ["Test Wire"] and rows[0]["claims"] >= 3

    def ids(sql, params=()):
        return [r[0] for r in query(snapshot, sql, params)]

    contradiction = (
        ids("SELECT id FROM claim_groups WHERE status = 'contradiction'") if "claim_groups" in live else []
    )
    june_event = (
        ids("SELECT id FROM launch_events WHERE event_date = '2024-06-01'") if "launch_events" in live else []
    )
    alias = (
        ids(
            "SELECT a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
            "WHERE e.name = 'North Korea' AND NOT a.is_pattern AND a.alias != e.name ORDER BY a.alias"
        )
        if "entity_aliases" in live
        else []
    )
    return {
        "claims_about_entity": [({"entity": "North Korea"}, entity_check)]
        + [({"entity": a}, entity_check) for a in alias[:1]],
        "attribute_in_range_since": [
            ({"attribute": "missile.flight_distance", "min_value": "1000"}, range_check),
            (
                {"attribute": "missile.flight_distance", "min_value": "1050", "since": "2024-01-01"},
                range_since_check,
            ),
            (
                {"attribute": "missile.flight_distance", "min_value": "1000", "max_value": "1200"},
                range_max_check,
            ),
            ({"attribute": "missile.flight_distance", "min_value": "5000"}, lambda rows: rows == [] or None),
        ],
        "corroborations": [
            ({}, corroboration_check),
            ({"attribute": "missile.flight_distance"}, corroboration_check),
            ({"attribute": "no.such"}, lambda rows: rows == [] or None),
        ],
        "contradictions": [({}, contradiction_check)],
        "claim_group_sources": [({"group_id": str(g)}, group_check) for g in contradiction[:1]],
        "launch_events_timeline": [({"country": "North Korea", "since": "2024-01-01"}, timeline_check)],
        "launch_event_field_sources": [({"event_id": str(e)}, event_fields_check) for e in june_event[:1]],
        "search_quotes": [
            ({"q": "ballistic missiles"}, search_check),
            ({"q": 'odd "query'}, lambda rows: None),
        ],
        "same_figure_elsewhere": [({"pk": str(seed_km)}, same_figure_check)],
        "document_claims": [({"document_id": str(test_doc)}, document_check)],
        "dates_between": [({"from_date": "2024", "to_date": "2024-12-31"}, dates_check)],
        "extractor_output": [({"extractor": money_name, "version": money_version}, extractor_check)],
        "latest_documents": [({}, latest_check), ({"outlet": "Test Wire"}, latest_outlet_check)],
    }


def test_at_least_eight_canned_queries_with_named_parameters():
    queries = canned_queries(load_metadata())
    assert len(queries) >= 8
    for name, q in queries.items():
        assert re.search(r":[a-z_]+", q["sql"]), f"{name} has no :named parameter"
        assert not q.get("write"), f"{name} is a writable canned query"
        assert q.get("title") and q.get("description"), name


def test_every_canned_query_has_a_test(snapshot):
    missing = set(canned_queries(load_metadata())) - set(_canned(snapshot)) - set(ENTITY_TABLES)
    assert not missing, f"canned queries without expected rows in this test: {sorted(missing)}"


def _canned_cases():
    return [name for name in canned_queries(load_metadata())]


@pytest.mark.parametrize("name", _canned_cases())
async def test_canned_query(ds, snapshot, name):
    live = schema(snapshot)
    needs = ENTITY_TABLES.get(name, ())
    absent = [t for t in needs if t not in live]
    if absent:
        pytest.skip(f"{name} reads {', '.join(absent)} (issue 4), not in the schema yet")
    cases = _canned(snapshot).get(name)
    if cases is None:
        pytest.fail(f"no expected rows written for canned query {name}")
    assert cases, f"{name}: the test data produced nothing to query"
    for params, check in cases:
        response = await ds.client.get(f"/{DB}/{name}.json", params={**params, "_shape": "array"})
        assert response.status_code == 200, (name, params, response.text[:500])
        check(response.json())
        page = await ds.client.get(f"/{DB}/{name}", params=params)
        assert page.status_code == 200, (name, params)


# --- read-only --------------------------------------------------------------------------

WRITE_SQL = [
    "DELETE FROM claims",
    "UPDATE claims SET quote = 'x'",
    "INSERT INTO documents (id) VALUES (999)",
    "DROP TABLE claims",
    "CREATE TABLE evil (x)",
    "ALTER TABLE claims ADD COLUMN evil",
    "PRAGMA writable_schema = 1",
    "ATTACH DATABASE '/tmp/evil.db' AS evil",
    "WITH x AS (SELECT 1) DELETE FROM claims",
    "SELECT 1; DELETE FROM claims",
]


@pytest.mark.parametrize("sql", WRITE_SQL)
async def test_sql_writes_refused(ds, snapshot, sql):
    before = query(snapshot, "SELECT count(*), max(pk) FROM claims")
    for path in (f"/{DB}.json", f"/{DB}"):
        response = await ds.client.get(path, params={"sql": sql})
        assert response.status_code in (400, 403), (sql, response.status_code)
    assert query(snapshot, "SELECT count(*), max(pk) FROM claims") == before
    assert "evil" not in schema(snapshot)


@pytest.mark.parametrize(
    "path",
    [
        f"/{DB}/claims/-/insert",
        f"/{DB}/claims/1/-/update",
        f"/{DB}/claims/1/-/delete",
        f"/{DB}/claims/-/upsert",
        f"/{DB}/claims/-/drop",
        f"/{DB}/-/create",
        f"/{DB}/claims",
        f"/{DB}/attribute_in_range_since",
        f"/{DB}",
        "/-/claim/1",
    ],
)
async def test_write_apis_refused(ds, snapshot, path):
    before = query(snapshot, "SELECT count(*) FROM claims")
    response = await ds.client.post(path, json={"row": {"quote": "x"}, "rows": [{"quote": "x"}]})
    assert response.status_code == 405, (path, response.status_code)
    assert "read-only" in response.text
    for method in ("put", "patch", "delete"):
        other = await getattr(ds.client, method)(path)
        assert other.status_code == 405, (method, path, other.status_code)
    assert query(snapshot, "SELECT count(*) FROM claims") == before


async def test_no_write_plugin_and_write_permissions_denied(ds):
    plugins = (await ds.client.get("/-/plugins.json")).json()
    assert [p["name"] for p in plugins] == ["factdb"]
    for action in ("insert-row", "update-row", "delete-row", "create-table", "drop-table"):
        assert await ds.permission_allowed({"id": "root"}, action, (DB, "claims"), default=True) is False
    assert ds.databases[DB].is_mutable is False


async def test_arbitrary_sql_is_bounded_by_the_time_limit(ds):
    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
    response = await ds.client.get(f"/{DB}.json", params={"sql": endless})
    assert response.status_code == 400
    assert "interrupted" in response.text.lower() or "time limit" in response.text.lower()
    raised = await ds.client.get(f"/{DB}.json", params={"sql": "SELECT 1", "_timelimit": "999999"})
    assert raised.status_code == 200  # a larger _timelimit is accepted but cannot raise the limit


# --- the plugin: quotes in context, documents with spans, escaping -----------------------


async def test_claim_page_highlights_quote_in_sentence(ds, snapshot):
    pk = pk_of(snapshot, "over 1,100 kilometers")
    response = await ds.client.get(f"/-/claim/{pk}")
    assert response.status_code == 200
    html = response.text
    assert '<mark class="factdb-quote">over 1,100 kilometers</mark>' in html
    sentence = re.search(r'<blockquote class="factdb-sentence"[^>]*>(.*?)</blockquote>', html, re.S).group(1)
    assert "missile" in sentence and "kilometers" in sentence
    claim_id = query(snapshot, "SELECT id FROM claims WHERE pk = ?", (pk,))[0][0]
    assert (await ds.client.get(f"/-/claim/{claim_id}")).status_code == 200
    assert (await ds.client.get("/-/claim/999999")).status_code == 404


async def test_quote_cells_show_context(ds, snapshot):
    pk = pk_of(snapshot, "over 1,100 kilometers")
    for page in (
        # listings show 20 rows a page (datasette-metadata.json): ask for all of the test's claims
        f"/{DB}/claims_view?_size=100",
        f"/{DB}/claims?_size=100",
        f"/{DB}/attribute_in_range_since?attribute=missile.flight_distance&min_value=1000",
    ):
        html = (await ds.client.get(page)).text
        assert f'href="/-/claim/{pk}"><mark class="factdb-quote">over 1,100 kilometers</mark></a>' in html, (
            page
        )


async def test_document_page_marks_every_span_linked_to_its_claim_page(ds, snapshot):
    doc_id = query(
        snapshot, "SELECT document_id FROM claims WHERE quote = 'over 1,100 kilometers' ORDER BY pk"
    )[0][0]
    response = await ds.client.get(f"/-/document/{doc_id}")
    assert response.status_code == 200
    html = response.text
    claims = query(snapshot, "SELECT pk FROM claims WHERE document_id = ? AND is_current", (doc_id,))
    assert claims
    for (pk,) in claims:
        assert f'id="claim-{pk}"' in html
        assert f'href="/-/claim/{pk}"' in html
    assert (await ds.client.get("/-/document/999999")).status_code == 404


def _visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


async def test_script_and_html_in_articles_are_escaped(ds, snapshot):
    pk = pk_of(snapshot, HTML_QUOTE)
    doc_id = query(snapshot, "SELECT document_id FROM claims WHERE pk = ?", (pk,))[0][0]
    pages = {
        "claim": (await ds.client.get(f"/-/claim/{pk}")).text,
        "document": (await ds.client.get(f"/-/document/{doc_id}")).text,
        "claims_view": (await ds.client.get(f"/{DB}/claims_view", params={"document_id": str(doc_id)})).text,
        "documents": (await ds.client.get(f"/{DB}/documents")).text,
    }
    for name, html in pages.items():
        assert "<script>alert(1)</script>" not in html, name
        assert "<b>nine ships</b>" not in html, name
        assert "<img src=x" not in html, name
        assert 'href="javascript:' not in html, name
    # The words are shown as text, and the HTML-looking quote is the highlighted element.
    assert '<mark class="factdb-quote">&lt;b&gt;nine ships&lt;/b&gt;</mark>' in pages["claim"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["claim"] + pages["document"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["document"]
    assert "&lt;b&gt;nine ships&lt;/b&gt;" in pages["document"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages["document"]
    assert '<mark class="factdb-quote">&lt;b&gt;nine ships&lt;/b&gt;</mark>' in pages["claims_view"]


async def test_document_page_keeps_every_character(ds, snapshot):
    """Overlapping spans are cut, never dropped or repeated: the page shows the text exactly."""
    from html import unescape

    for doc_id, text in query(snapshot, "SELECT id, text FROM documents"):
        html = (await ds.client.get(f"/-/document/{doc_id}")).text
        body = re.search(r'<div class="factdb-document">(.*?)</div>', html, re.S).group(1)
        assert unescape(_visible_text(body)) == text, doc_id


# --- rendering helpers -------------------------------------------------------------------


def test_highlight_document_overlaps_and_escaping():
    from factdb.publish.render import Span, highlight_document, quote_in_context

    text = "A <b> over 1,100 km & more. Next sentence."
    start = text.index("over")
    spans = [
        Span(start, start + len("over 1,100 km"), "1", "/r/1", "distance"),
        Span(start + 5, start + 10, "2", "/r/2", "count"),
    ]
    html = str(highlight_document(text, spans))
    assert "&lt;b&gt;" in html and "&amp; more" in html
    assert 'id="claim-1"' in html and 'id="claim-2"' in html
    from html import unescape

    assert unescape(_visible_text(html)) == text
    ctx = str(quote_in_context(text, start, start + 13))
    assert '<mark class="factdb-quote">over 1,100 km</mark>' in ctx and "Next sentence" not in ctx


def test_highlight_document_picks_the_shortest_covering_span_at_any_scale():
    """Random overlapping spans (copies included): each character links to the shortest claim
    covering it, as the definition says; checked character by character against brute force."""
    import random

    from factdb.publish.render import Span, highlight_document

    rng = random.Random(11)
    text = "".join(rng.choice("ab c.") for _ in range(400))
    spans = []
    for i in range(300):
        a = rng.randrange(0, 399)
        spans.append(Span(a, min(400, a + rng.randrange(1, 30)), str(i), f"/c/{i}", "k"))
    spans += [Span(s.start, s.end, s.key + "copy", s.href + "copy", "k") for s in spans[:50]]
    html = str(highlight_document(text, spans))
    pieces = re.findall(r'<a class="factdb-span" href="([^"]+)" title="[^"]*"><mark>(.*?)</mark></a>|'
                        r'<span class="factdb-anchor" id="[^"]+"></span>|([^<]+)', html, re.S)  # fmt: skip
    pos = 0
    from html import unescape

    for href, marked, plain in pieces:
        chunk = unescape(marked or plain)
        for _ch in chunk:
            covering = [s for s in spans if s.start <= pos < s.end]
            want = min(covering, key=lambda s: (s.end - s.start, s.start)).href if covering else ""
            assert href == want, (pos, href, want)
            pos += 1
    assert pos == len(text)
    assert html.count('class="factdb-anchor"') == len(spans)


def test_metadata_found_from_checkout_and_package(tmp_path, monkeypatch):
    from factdb.publish import metadata

    assert metadata_path().name == "datasette-metadata.json"
    assert metadata_path().parent == Path(__file__).resolve().parents[1]
    # Installed without a checkout: the copy at factdb/_data (force-included in the wheel) is used.
    fake_pkg = tmp_path / "site" / "factdb"
    (fake_pkg / "publish").mkdir(parents=True)
    (fake_pkg / "_data").mkdir()
    (fake_pkg / "_data" / "datasette-metadata.json").write_text('{"title": "packaged"}')
    monkeypatch.setattr(metadata, "__file__", str(fake_pkg / "publish" / "metadata.py"))
    monkeypatch.setattr(metadata.resources, "files", lambda pkg: fake_pkg)
    assert metadata.load_metadata()["title"] == "packaged"


async def test_claim_page_shows_entities_and_other_sources(ds, snapshot):
    """From one claim a fact-checker sees what it is about, who agrees and who says otherwise."""
    if "claim_groups" not in schema(snapshot):
        pytest.skip("claim_groups (issue 4) not in the schema yet")
    agree = pk_of(snapshot, "about 1,150 kilometers")
    html = (await ds.client.get(f"/-/claim/{agree}")).text
    assert "Corroborated by" in html and "over 1,100 kilometers" in html
    # The entity links to its page (issue 11), and to a chart of this figure about it.
    nk = query(snapshot, "SELECT id FROM entities WHERE name = 'North Korea'")[0][0]
    assert f'href="/-/entity/{nk}">North Korea</a>' in html
    assert f"/-/figure?attribute=missile.flight_distance&amp;entity={nk}" in html
    other = pk_of(snapshot, "2,000 kilometers")
    html = (await ds.client.get(f"/-/claim/{other}")).text
    assert "Contradicted by" in html
    assert f'href="/-/claim/{pk_of(snapshot, "1,000 kilometers")}"' in html
    assert "/factdb/claim_group_sources?group_id=" in html


def test_serve_refuses_write_plugins(monkeypatch):
    from factdb.publish import serve

    serve.check_plugins()  # this environment: factdb's plugin only
    monkeypatch.setattr(serve, "installed_plugins", lambda: ["factdb", "datasette-write"])
    with pytest.raises(serve.ServeError, match="datasette-write"):
        serve.check_plugins()


def test_precompute_matches_live_counts_and_runs_twice(snapshot, tmp_path):
    """publish's precomputed tables (issue 11) say what a live count says, and a second run
    rebuilds rather than duplicates."""
    import shutil

    from factdb.publish.precompute import INDEXES, precompute

    copy = tmp_path / "again.db"
    shutil.copyfile(snapshot, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        precompute(conn)
        facets = conn.execute(
            "SELECT tbl, col, value, count FROM factdb_facet_counts ORDER BY 1, 2, 3"
        ).fetchall()
        live = conn.execute(
            "SELECT 'claims', 'kind', kind, count(*) FROM claims GROUP BY kind ORDER BY 3"
        ).fetchall()
        assert [f for f in facets if f[:2] == ("claims", "kind")] == live
        entity = conn.execute(
            "SELECT entity_id, attribute, claims FROM factdb_entity_counts ORDER BY 1, 2"
        ).fetchall()
        assert (
            entity
            == conn.execute(
                "SELECT ce.entity_id, c.attribute, count(*) FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id "
                "WHERE c.is_current GROUP BY 1, 2 ORDER BY 1, 2"
            ).fetchall()
        )
        current = dict(
            conn.execute("SELECT value, count FROM factdb_current_counts WHERE col = 'kind'").fetchall()
        )
        assert current == dict(conn.execute("SELECT kind, count(*) FROM claims WHERE is_current GROUP BY 1"))
        latest = conn.execute(
            "SELECT entity_id, rank, claim_pk FROM factdb_entity_latest ORDER BY 1, 2"
        ).fetchall()
        assert latest and all(1 <= rank <= 100 for _, rank, _ in latest)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {name for name, *_ in INDEXES} <= names
        assert query(snapshot, "SELECT count(*) FROM factdb_facet_counts")[0][0] == len(
            facets
        )  # same as publish's
    finally:
        conn.close()
