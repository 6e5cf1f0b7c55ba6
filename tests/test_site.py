"""The published site as a reader walks it (issue 11): every claim reference resolves, search
never errors, a landing page with one search box, readable figures, canned queries with
linked ids. Datasette's test client, no port; the browser walk is in test_browser.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest

from factdb.publish.metadata import canned_queries, load_metadata
from factdb.publish.plugin import escape_fts
from factdb.publish.render import readable_figure
from factdb.publish.serve import make_datasette
from factdb.publish.snapshot import SNAPSHOT_NAME
from tests.test_publish import pk_of, published, source_db  # noqa: F401  (shared session fixtures)

DB = "factdb"


@pytest.fixture
async def ds(published):  # noqa: F811
    datasette = make_datasette(published)
    await datasette.invoke_startup()
    return datasette


@pytest.fixture
def snapshot(published):  # noqa: F811
    return published / SNAPSHOT_NAME


def rows(snapshot, sql, params=()):
    conn = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def claim_links(html: str) -> list[str]:
    return re.findall(r'href="(/-/claim/[^"#]+)', html)


# --- 1. every reference to a claim resolves ------------------------------------------------


@pytest.mark.parametrize("table", ["claim_entities", "claim_group_members", "launch_event_fields", "reviews"])
async def test_claim_id_cells_link_to_claim_pages_that_answer(ds, snapshot, table):
    expected = {r[0] for r in rows(snapshot, f"SELECT claim_id FROM {table} WHERE claim_id IS NOT NULL")}
    html = (await ds.client.get(f"/{DB}/{table}", params={"_size": "max"})).text
    links = claim_links(html)
    assert {link.rsplit("/", 1)[1] for link in links} == expected
    assert f'href="/{DB}/claims/' not in html  # Datasette's foreign-key link (a 404) is replaced
    for link in sorted(set(links))[:5]:
        assert (await ds.client.get(link)).status_code == 200, link


@pytest.mark.parametrize("page", ["claims", "claims_view", "corroborations", "contradictions"])
async def test_claim_ids_link_in_tables_and_views(ds, snapshot, page):
    html = (await ds.client.get(f"/{DB}/{page}")).text
    ids = {link.rsplit("/", 1)[1] for link in claim_links(html)}
    known = {r[0] for r in rows(snapshot, "SELECT id FROM claims")} | {
        str(r[0]) for r in rows(snapshot, "SELECT pk FROM claims")
    }
    assert ids and ids <= known


async def test_claims_row_url_by_hash_redirects_to_claim_page(ds, snapshot):
    pk = pk_of(snapshot, "over 1,100 kilometers")
    claim_id = rows(snapshot, "SELECT id FROM claims WHERE pk = ?", (pk,))[0][0]
    response = await ds.client.get(f"/{DB}/claims/{claim_id}")
    assert response.status_code == 302 and response.headers["location"] == f"/-/claim/{claim_id}"
    followed = await ds.client.get(f"/{DB}/claims/{claim_id}", follow_redirects=True)
    assert followed.status_code == 200 and "over 1,100 kilometers" in followed.text
    assert (await ds.client.get(f"/{DB}/claims/{pk}")).status_code == 200  # the pk row page stays
    missing = await ds.client.get(f"/{DB}/claims/nosuchclaim", follow_redirects=True)
    assert missing.status_code == 404
    assert (await ds.client.get("/nosuchdb/claims/abc")).status_code == 404


async def test_claims_row_page_counts_links_by_claim_id(ds, snapshot):
    pk = pk_of(snapshot, "over 1,100 kilometers")
    claim_id = rows(snapshot, "SELECT id FROM claims WHERE pk = ?", (pk,))[0][0]
    n = rows(snapshot, "SELECT count(*) FROM claim_entities WHERE claim_id = ?", (claim_id,))[0][0]
    assert n > 0
    html = (await ds.client.get(f"/{DB}/claims/{pk}")).text
    plural = "" if n == 1 else "s"
    assert re.search(
        rf'href="/{DB}/claim_entities\?claim_id={claim_id}">\s*{n} row{plural}</a>\s*from claim_id in claim_entities',
        html,
    ), html[html.find("Links from") :][:800]
    assert f'href="/-/claim/{pk}"' in html  # and to the claim page


async def test_document_highlights_link_to_claim_pages_and_targets_are_marked(ds, snapshot):
    pk = pk_of(snapshot, "over 1,100 kilometers")
    doc_id = rows(snapshot, "SELECT document_id FROM claims WHERE pk = ?", (pk,))[0][0]
    html = (await ds.client.get(f"/-/document/{doc_id}")).text
    assert re.search(rf'id="claim-{pk}"></span><a class="factdb-span" href="/-/claim/{pk}"', html)
    css = await ds.client.get("/-/factdb/static/factdb.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert ":target" in css.text and "scroll-margin-top" in css.text
    claim = (await ds.client.get(f"/-/claim/{pk}")).text
    assert '<blockquote class="factdb-sentence" id="claim">' in claim
    for page in (claim, html, (await ds.client.get(f"/{DB}/claims_view")).text):
        assert "/-/factdb/static/factdb.css" in page


# --- 2. search that never errors -------------------------------------------------------------

HOSTILE = ['"', '""', '"""', "a\"b", "*", "-", "^", "NOT", "AND OR", "(", ")", "a:b", "NEAR(", "'", "\\", "   ",
           "missile\"", 'ballistic "missile', "ürün", "北朝鲜", "%", "\x01", "x" * 400]  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE, ids=repr)
async def test_any_search_text_answers_200(ds, text):
    for path in (f"/{DB}/claims_view.json", f"/{DB}/documents.json", f"/{DB}/claims.json"):
        response = await ds.client.get(path, params={"_search": text})
        assert response.status_code == 200, (path, response.text[:300])
    response = await ds.client.get("/-/search", params={"q": text})
    assert response.status_code == 200


def test_escape_fts_quotes_every_word():
    assert escape_fts("ballistic missile") == '"ballistic" "missile"'
    assert escape_fts('"ballistic missile" test') == '"ballistic missile" "test"'
    assert escape_fts('"') == '""' and escape_fts("") == '""' and escape_fts(None) == '""'
    assert escape_fts("a'b NOT") == '"a\'b" "NOT"'


async def test_search_still_finds_and_phrases_still_work(ds):
    found = await ds.client.get(f"/{DB}/claims_view.json", params={"_search": "ballistic", "_shape": "array"})
    assert any("ballistic" in r["quote"] for r in found.json())
    phrase = await ds.client.get(
        f"/{DB}/claims_view.json", params={"_search": '"ballistic missiles"', "_shape": "array"}
    )
    assert phrase.status_code == 200 and phrase.json()


async def test_landing_search_covers_the_sentence(ds, snapshot):
    """ "sea" is in the sentence of Test Wire's "over 1,100 kilometers", not in its quote or subject."""
    pk = rows(
        snapshot,
        "SELECT c.pk FROM claims c JOIN documents d ON d.id = c.document_id "
        "WHERE c.quote = 'over 1,100 kilometers' AND d.outlet = 'Test Wire'",
    )[0][0]
    direct = await ds.client.get(f"/{DB}/claims_view.json", params={"_search": "sea", "_shape": "array"})
    assert pk not in [r["pk"] for r in direct.json()]
    html = (await ds.client.get("/-/search", params={"q": "fell into the sea"})).text
    assert f'href="/-/claim/{pk}"' in html
    assert f'href="/-/claim/{pk}"><mark class="factdb-quote">over 1,100 kilometers</mark>' in html
    # A word in no sentence of the claim leaves it out.
    html = (await ds.client.get("/-/search", params={"q": "sea zebra"})).text
    assert f'href="/-/claim/{pk}"' not in html


# --- 3. the landing page -------------------------------------------------------------------------


async def test_landing_page(ds, snapshot):
    response = await ds.client.get("/")
    assert response.status_code == 200
    html = response.text
    assert '<form class="factdb-search-form" action="/-/search"' in html
    for kind, n in rows(snapshot, "SELECT kind, count(*) FROM claims WHERE is_current GROUP BY kind"):
        assert re.search(
            rf'<a href="/{DB}/claims_view\?kind={kind}">{kind}</a> <span class="factdb-count">{n}<', html
        )
    for (attribute,) in rows(
        snapshot, "SELECT DISTINCT attribute FROM claims WHERE is_current AND attribute != ''"
    ):
        assert f'href="/{DB}/claims_view?attribute={attribute}"' in html
    for name, q in canned_queries(load_metadata()).items():
        assert f'<a href="/{DB}/{name}">{__import__("markupsafe").escape(q["title"])}</a>' in html
    assert f'href="/{DB}/claims_view"' in html and f'href="/{DB}/documents"' in html
    assert f'href="/{DB}"' in html  # Datasette's database list stays
    compact = re.search(r'<a href="([^"]+)">its main columns only</a>', html).group(1).replace("&amp;", "&")
    page = await ds.client.get(compact)
    assert page.status_code == 200 and '<mark class="factdb-quote">' in page.text
    assert ">over 1,100 km</span>" in page.text  # the figure still reads as words
    filtered = await ds.client.get(f"/{DB}/claims_view.json", params={"kind": "distance", "_shape": "array"})
    assert filtered.json() and {r["kind"] for r in filtered.json()} == {"distance"}


# --- 4. readable figures -------------------------------------------------------------------------


def test_readable_figure():
    assert (
        readable_figure(1100.0, None, "km", "lower", "distance", None, "over 1,100 kilometers")
        == "over 1,100 km"
    )
    assert readable_figure(35e9, None, "USD", "approx", "money", "USD", "approximately $35 billion") == (
        "approximately $35 billion"
    )
    assert readable_figure(35e9, None, "USD", "approx", "money", "USD") == "about $35 billion"
    assert readable_figure(7.0, None, "missile", "lower", "count", None, "at least seven missiles") == (
        "at least 7 missiles"
    )
    assert readable_figure(30.577536000000002, None, "km", "exact", "distance") == "30.58 km"
    assert readable_figure(3.0, 5.0, "missile", "range", "count") == "3–5 missiles"
    assert readable_figure(None, None, None, "exact", "date") is None
    assert readable_figure(12.5, None, "percent", "approx", "percentage") == "about 12.5%"


async def test_figures_read_as_words_beside_the_written_figure(ds, snapshot):
    html = (await ds.client.get(f"/{DB}/claims_view", params={"kind": "distance"})).text
    assert '<span class="factdb-figure" title="canonical value 1100.0">over 1,100 km</span>' in html
    assert "written “1,100 kilometers”" in html
    money = (await ds.client.get(f"/{DB}/claims_view", params={"kind": "money"})).text
    assert "approximately $35 billion</span>" in money and "35000000000.0<" not in money
    pk = pk_of(snapshot, "over 1,100 kilometers")
    claim = (await ds.client.get(f"/-/claim/{pk}")).text
    assert 'Reads: <span class="factdb-figure">over 1,100 km</span>' in claim


# --- 5. canned-query pages -----------------------------------------------------------------------


def test_every_canned_query_has_a_title_and_parameter_help():
    for name, q in canned_queries(load_metadata()).items():
        assert q.get("title") and q.get("description"), name
        for param in set(re.findall(r"(?<!:):(\w+)", q["sql"])):
            assert param in q["description"], (name, param)


async def test_canned_query_pages_link_ids(ds, snapshot):
    doc_id = rows(snapshot, "SELECT id FROM documents WHERE outlet = 'Test Wire'")[0][0]
    response = await ds.client.get(f"/{DB}/document_claims", params={"document_id": str(doc_id)})
    html = response.text
    assert response.status_code == 200 and "Every claim in a document, in reading order" in html
    assert "<title>Every claim in a document, in reading order · factdb</title>" in html
    pk = rows(snapshot, "SELECT pk FROM claims WHERE document_id = ? ORDER BY char_start", (doc_id,))[0][0]
    assert f'<a class="factdb-claim-link" href="/-/claim/{pk}">{pk}</a>' in html
    assert f'<a href="/-/document/{doc_id}">{doc_id}</a>' in html
    group = rows(snapshot, "SELECT id FROM claim_groups WHERE status = 'contradiction'")[0][0]
    html = (await ds.client.get(f"/{DB}/contradictions", params={"attribute": ""})).text
    assert f'href="/{DB}/claim_group_sources?group_id={group}"' in html
    assert claim_links(html)
    assert "Valid attributes" in html  # contradictions takes an attribute
    document_claims = await ds.client.get(f"/{DB}/document_claims", params={"document_id": str(doc_id)})
    assert "Valid attributes" not in document_claims.text  # it takes none
    assert "Valid attributes" not in (await ds.client.get(f"/{DB}", params={"sql": "select 1"})).text
    html = (await ds.client.get(f"/{DB}/attribute_in_range_since")).text
    assert "Valid attributes" in html
    assert f'href="/{DB}/attribute_in_range_since?attribute=missile.flight_distance"' in html


def test_templates_and_static_files_ship_in_the_package():
    """The wheel packages factdb/ whole; every template and static file the plugin names is there."""
    from importlib import resources

    from factdb.publish import plugin

    root = resources.files("factdb.publish")
    source = open(plugin.__file__, encoding="utf-8").read()
    for name in set(re.findall(r'"(factdb_\w+\.html)"', source)) | {
        "index.html", "query-factdb.html", "row-factdb-claims.html",
    }:  # fmt: skip
        assert (root / "templates" / name).is_file(), name
    for name in plugin.STATIC_FILES:
        assert (root / "static" / name).is_file(), name


async def test_search_and_landing_survive_the_time_limit(ds, monkeypatch):
    """At a million claims a count or a search may run out of time: the pages still answer."""
    from datasette.database import QueryInterrupted

    db = ds.get_database(DB)
    execute, table_names = db.execute, db.table_names

    async def slow(sql, *args, **kwargs):
        if "group by kind" in sql or "match" in sql:
            raise QueryInterrupted(Exception("interrupted"), sql, {})
        return await execute(sql, *args, **kwargs)

    async def unpublished_tables():
        # As a database published before precompute.py: the landing page counts live.
        return [t for t in await table_names() if not t.startswith("factdb_")]

    monkeypatch.setattr(db, "execute", slow)
    monkeypatch.setattr(db, "table_names", unpublished_tables)
    search = await ds.client.get("/-/search", params={"q": "missile"})
    assert search.status_code == 200 and "cut short" in search.text
    landing = await ds.client.get("/")
    assert landing.status_code == 200 and 'class="factdb-search-form"' in landing.text
    assert "Claims by kind" not in landing.text
    monkeypatch.setattr(db, "execute", execute)
    assert "Claims by kind" in (await ds.client.get("/")).text  # not cached while incomplete


# --- 6. entity pages and figures over time (issue 11) ---------------------------------------------


def entity_id(snapshot, name="North Korea"):
    return rows(snapshot, "SELECT id FROM entities WHERE name = ?", (name,))[0][0]


LIVE_ENTITY_COUNTS = (
    "SELECT c.attribute, count(*) FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id "
    "WHERE ce.entity_id = ? AND c.is_current GROUP BY c.attribute"
)


async def entity_page_facts(ds, eid):
    html = (await ds.client.get(f"/-/entity/{eid}")).text
    counts = re.findall(r'<li>(?:<a class="factdb-figure-link" href="[^"]+" title="[^"]+">)?([^<]+)(?:</a>)? '
                        r'<span class="factdb-count">([\d,]+)</span></li>', html)  # fmt: skip
    return html, {name: int(n.replace(",", "")) for name, n in counts}


async def test_entity_page_counts_and_claims(ds, snapshot):
    eid = entity_id(snapshot)
    response = await ds.client.get(f"/-/entity/{eid}")
    assert response.status_code == 200
    html, counts = await entity_page_facts(ds, eid)
    assert "<h1>North Korea" in html
    live = {a or "no curated attribute": n for a, n in rows(snapshot, LIVE_ENTITY_COUNTS, (eid,))}
    assert counts == live and sum(live.values()) > 3
    # Every current claim of the entity is listed (fewer than the page's 100), newest first, each linked.
    expected = rows(
        snapshot,
        "SELECT c.pk FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id JOIN documents d ON d.id = c.document_id "
        "WHERE ce.entity_id = ? AND c.is_current ORDER BY d.published DESC, c.pk DESC",
        (eid,),
    )
    listed = [int(pk) for pk in re.findall(r'<a class="factdb-quote-link" href="/-/claim/(\d+)">', html)]
    assert listed == [pk for (pk,) in expected]
    assert (await ds.client.get(f"/-/claim/{listed[0]}")).status_code == 200
    # The chart link of an attribute it has, and the paged list of all its links.
    assert f"/-/figure?attribute=missile.flight_distance&amp;entity={eid}" in html
    assert f'href="/{DB}/claim_entities?entity_id={eid}"' in html
    for missing in ("999999", "99999999999999999999999"):
        assert (await ds.client.get(f"/-/entity/{missing}")).status_code == 404


async def test_entity_page_is_the_same_without_precomputed_tables(ds, snapshot, monkeypatch):
    """A database published before precompute.py (or served unpublished) counts live: same page."""
    eid = entity_id(snapshot)
    before, counts = await entity_page_facts(ds, eid)
    db = ds.get_database(DB)
    table_names = db.table_names

    async def unpublished_tables():
        return [t for t in await table_names() if not t.startswith("factdb_")]

    monkeypatch.setattr(db, "table_names", unpublished_tables)
    after, live_counts = await entity_page_facts(ds, eid)
    assert live_counts == counts
    assert re.findall(r"/-/claim/\d+", after) == re.findall(r"/-/claim/\d+", before)


async def test_entity_ids_link_to_entity_pages(ds, snapshot):
    html = (await ds.client.get(f"/{DB}/claim_entities", params={"_size": "max"})).text
    linked = set(re.findall(r'<a class="factdb-entity-link" href="/-/entity/(\d+)">', html))
    assert linked == {str(r[0]) for r in rows(snapshot, "SELECT DISTINCT entity_id FROM claim_entities")}
    for eid in sorted(linked)[:3]:
        assert (await ds.client.get(f"/-/entity/{eid}")).status_code == 200
    landing = (await ds.client.get("/")).text
    assert f'href="/-/entity/{entity_id(snapshot)}">North Korea</a>' in landing
    assert "Figures over time" in landing


def spec_of(html):
    m = re.search(r'<script type="application/json" id="factdb-figure-spec">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


async def test_figure_page_has_one_point_per_claim(ds, snapshot):
    eid = entity_id(snapshot)
    response = await ds.client.get(
        "/-/figure", params={"attribute": "missile.flight_distance", "entity": str(eid)}
    )
    assert response.status_code == 200
    html = response.text
    expected = rows(
        snapshot,
        "SELECT c.pk, c.value, c.bound, d.published FROM claims c JOIN documents d ON d.id = c.document_id "
        "WHERE c.attribute = 'missile.flight_distance' AND c.is_current AND c.value IS NOT NULL "
        "AND c.id IN (SELECT claim_id FROM claim_entities WHERE entity_id = ?)",
        (eid,),
    )
    dated = {(pk, value) for pk, value, _bound, date in expected if date}
    assert len(dated) >= 4  # the four test reports
    points = spec_of(html)["data"]["values"]
    assert {(p["pk"], p["value"]) for p in points} == dated
    assert all(p["href"] == f"/-/claim/{p['pk']}" for p in points)
    assert {p["bound"] for p in points} >= {"over (at least)", "about", "exact"}
    assert f'data-points="{len(dated)}"' in html
    # The fallback table holds every point, dated or not, each linked to its claim page.
    table = html[html.index('<table class="rows-and-columns factdb-figure-points">') :]
    assert sorted(int(pk) for pk in re.findall(r'<td><a href="/-/claim/(\d+)">', table)) == sorted(
        pk for pk, *_ in expected
    )
    # The libraries come from this site, not a CDN.
    for name in ("vega", "vega-lite", "vega-embed"):
        assert f'<script src="/-/factdb/static/vendor/{name}.min.js"></script>' in html
    assert "cdn" not in html.lower() and "https://" not in html.split("<script", 1)[1].split("</section>")[0]


async def test_figure_spec_cannot_break_out_of_its_script(ds, snapshot):
    """The Test Wire headline holds '<img ... onerror>': inside the JSON it is \\u003c-escaped."""
    eid = entity_id(snapshot)
    html = (
        await ds.client.get("/-/figure", params={"attribute": "missile.flight_distance", "entity": eid})
    ).text
    script = re.search(r'id="factdb-figure-spec">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and "\\u003cimg" in script
    assert any("<img" in p["title"] for p in spec_of(html)["data"]["values"])  # the data itself is intact


async def test_figure_page_errors_are_plain(ds):
    assert (await ds.client.get("/-/figure")).status_code == 400
    assert (await ds.client.get("/-/figure", params={"attribute": "x", "entity": "abc"})).status_code == 404
    assert (
        await ds.client.get("/-/figure", params={"attribute": "x", "entity": "999999"})
    ).status_code == 404
    empty = await ds.client.get("/-/figure", params={"attribute": "no.such_attribute"})
    assert empty.status_code == 200 and "has a figure" in empty.text and "factdb-chart" not in empty.text


def test_log_scale_only_across_orders_of_magnitude():
    from factdb.publish.figures import vega_lite_spec

    def y_scale(values):
        points = [{"value": v, "high": None} for v in values]
        return vega_lite_spec(points, "person", "x")["layer"][1]["encoding"]["y"]["scale"]

    assert y_scale([10, 250_000]) == {"type": "log"}
    assert y_scale([1000, 1150, 2000]).get("type") is None
    assert y_scale([0, 5000]).get("type") is None  # a zero has no place on a log axis


async def test_vendored_chart_libraries_are_served(ds):
    from factdb.publish import plugin

    for name in [n for n in plugin.STATIC_FILES if n.startswith("vendor/")]:
        response = await ds.client.get(f"/-/factdb/static/{name}")
        assert response.status_code == 200 and response.headers["content-type"].startswith(
            "application/javascript"
        )
        assert len(response.content) > 50_000
    assert (await ds.client.get("/-/factdb/static/vendor/README.md")).status_code == 404
    assert (await ds.client.get("/-/factdb/static/vendor/../plugin.py")).status_code == 404


# --- 7. exports that stream every row, with the sentence (issue 11) -------------------------------


async def test_claims_view_csv_streams_every_row_with_its_sentence(ds, snapshot, monkeypatch):
    from factdb.publish import stream

    monkeypatch.setattr(stream, "CHUNK", 3)  # several keyset pages even in the small test database
    page = (await ds.client.get(f"/{DB}/claims_view", params={"kind": "distance"})).text
    assert 'href="/-/claims.csv?kind=distance"' in page and 'href="/-/claims.jsonl?kind=distance"' in page
    response = await ds.client.get("/-/claims.csv", params={"kind": "distance"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.text)))
    expected = rows(
        snapshot, "SELECT pk, value FROM claims WHERE kind = 'distance' AND is_current ORDER BY pk DESC"
    )
    assert len(expected) > 3 and [int(r["pk"]) for r in table] == [pk for pk, _ in expected]
    for r in table:
        assert r["quote"] in r["sentence"] and len(r["sentence"]) > len(r["quote"])
        assert r["figure"]
    # Full precision: the stored float, not the readable figure.
    assert {float(r["value"]) for r in table} == {v for _, v in expected}


async def test_claims_jsonl_takes_the_pages_filters_and_search(ds, snapshot, monkeypatch):
    from factdb.publish import stream

    monkeypatch.setattr(stream, "CHUNK", 2)
    response = await ds.client.get(
        "/-/claims.jsonl", params={"_search": "kilometers", "published__gte": "2024-06-01"}
    )
    assert response.status_code == 200
    got = [json.loads(line) for line in response.text.splitlines()]
    expected = rows(
        snapshot,
        "SELECT c.pk FROM claims c JOIN documents d ON d.id = c.document_id WHERE c.is_current "
        "AND d.published >= '2024-06-01' AND c.pk IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'kilometers') "
        "ORDER BY c.pk DESC",
    )
    assert [r["pk"] for r in got] == [pk for (pk,) in expected] and len(got) >= 4
    assert all(r["quote"] in r["sentence"] for r in got)
    array = await ds.client.get("/-/claims.jsonl", params={"_search": "kilometers", "_shape": "array"})
    assert len(json.loads(array.text)) >= len(got)
    assert (await ds.client.get("/-/claims.csv", params={"nosuch": "1"})).status_code == 400
    assert (await ds.client.get("/-/claims.jsonl", params={"_search": '"'})).status_code == 200


async def test_table_csv_links_stream_all_rows(ds):
    html = (await ds.client.get(f"/{DB}/claims", params={"kind": "distance"})).text
    link = re.search(r'<a href="([^"]+)">CSV</a>', html).group(1).replace("&amp;", "&")
    assert link.startswith(f"/{DB}/claims.csv?") and "_stream=on" in link and "kind=distance" in link
    response = await ds.client.get(link)
    assert response.status_code == 200 and response.text.count("\n") > 1


# --- 8. facets from the snapshot's precomputed counts ----------------------------------------------


async def test_unfiltered_facets_come_precomputed_and_equal_live_counts(ds, snapshot, monkeypatch):
    db = ds.get_database(DB)
    seen = []
    execute = db.execute

    async def spy(sql, *args, **kwargs):
        seen.append(sql)
        return await execute(sql, *args, **kwargs)

    monkeypatch.setattr(db, "execute", spy)
    data = (await ds.client.get(f"/{DB}/claims.json")).json()
    assert not any("group by kind" in s for s in seen)  # no live facet query
    for column in ("kind", "attribute", "unit", "bound"):
        got = {r["value"]: r["count"] for r in data["facet_results"][column]["results"]}
        live = dict(
            rows(snapshot, f"SELECT {column}, count(*) FROM claims WHERE {column} IS NOT NULL GROUP BY 1")
        )
        assert got == dict(sorted(live.items(), key=lambda kv: -kv[1])[: len(got)]) and got
    # A filtered page counts live, over its own rows.
    seen.clear()
    data = (await ds.client.get(f"/{DB}/claims.json", params={"kind": "distance"})).json()
    assert any("group by" in s.lower() for s in seen)
    assert {r["value"]: r["count"] for r in data["facet_results"]["kind"]["results"]} == {
        "distance": rows(snapshot, "SELECT count(*) FROM claims WHERE kind = 'distance'")[0][0]
    }


# --- 9. per-process caches of what an immutable snapshot and fixed metadata answer ---------


async def test_table_allow_blocks_hold_with_cached_permission_answers(published):  # noqa: F811
    import copy

    metadata = copy.deepcopy(load_metadata())
    metadata["databases"][DB]["tables"]["reviews"]["allow"] = {"id": "root"}
    ds = make_datasette(published, metadata=metadata)
    await ds.invoke_startup()
    root = {"ds_actor": ds.sign({"a": {"id": "root"}}, "actor")}
    for _ in range(2):  # the second round is answered from the cache
        assert (await ds.client.get(f"/{DB}/reviews")).status_code == 403
        assert (await ds.client.get(f"/{DB}/reviews", cookies=root)).status_code == 200
        assert (await ds.client.get(f"/{DB}/claims")).status_code == 200
        listed = (await ds.client.get(f"/{DB}.json")).json()
        assert "reviews" not in {t["name"] for t in listed["tables"]}
    # New metadata (a new object) is read afresh: the denial goes with it.
    ds._metadata_local = load_metadata()
    assert (await ds.client.get(f"/{DB}/reviews")).status_code == 200


async def test_document_page_lists_identical_claims_once(published, tmp_path):  # noqa: F811
    import shutil

    dist = tmp_path / "dist"
    dist.mkdir()
    shutil.copyfile(published / SNAPSHOT_NAME, dist / SNAPSHOT_NAME)
    conn = sqlite3.connect(dist / SNAPSHOT_NAME)
    (doc_id,) = conn.execute(
        "SELECT document_id FROM claims WHERE quote = 'over 1,100 kilometers'"
    ).fetchone()
    originals = [
        r[0] for r in conn.execute("SELECT pk FROM claims WHERE document_id = ? AND is_current", (doc_id,))
    ]
    columns = ", ".join(r[1] for r in conn.execute("PRAGMA table_info(claims)") if r[1] not in ("pk", "id"))
    marks = ",".join("?" * len(originals))
    # three more copies of every claim: same span, same figure, new id (as the benchmark makes)
    for n in range(3):
        conn.execute(
            f"INSERT INTO claims (id, {columns}) SELECT substr(id, 1, 29) || printf('r%02d', ?), {columns} "
            f"FROM claims WHERE pk IN ({marks})",
            (n, *originals),
        )
    conn.commit()
    copies = [
        r[0]
        for r in conn.execute(
            f"SELECT pk FROM claims WHERE document_id = ? AND pk NOT IN ({marks})", (doc_id, *originals)
        )
    ]
    conn.close()
    assert len(copies) == 3 * len(originals)
    ds = make_datasette(dist)
    await ds.invoke_startup()
    html = (await ds.client.get(f"/-/document/{doc_id}")).text
    assert f"{4 * len(originals)} current claims highlighted" in html
    assert "Identical claims on the same words are listed once" in html
    assert html.count("(×4)") == len(originals)
    for pk in originals:  # each span marked and listed once, under its first claim
        assert html.count(f'id="claim-{pk}"') == 1 and f'href="/-/claim/{pk}"' in html
    assert not any(f'href="/-/claim/{pk}"' in html for pk in copies)
    # An ordinary document reads as before: no count of copies.
    other = (await ds.client.get(f"/-/document/{doc_id + 1}")).text
    assert "Identical claims" not in other and "(×" not in other


async def test_table_rows_filter_writes_what_datasettes_loop_writes(ds):
    from pathlib import Path

    import datasette
    import jinja2
    from datasette.utils import to_css_class
    from markupsafe import Markup

    from factdb.publish.plugin import table_rows_html

    # Datasette's own row loop, read from its _table.html, rendered by Jinja as Datasette does.
    source = (Path(datasette.__file__).parent / "templates" / "_table.html").read_text(encoding="utf-8")
    loop = source[source.index("{% for row in display_rows %}") : source.index("</tbody>")]
    env = jinja2.Environment(autoescape=True, enable_async=True)
    env.filters["to_css_class"] = to_css_class
    cells = [
        ("pk", 7, "int"),
        ("quote", 'a <b> & "c"', "str"),
        ("value", Markup('<span class="x">1 km</span>'), "float"),
        ("with space/slash", None, "none"),
        ("ünï", 2.5, "float"),
        ("<odd>", "'", "str"),
    ]
    rows = [[{"column": c, "value": v, "value_type": t, "raw": v} for c, v, t in cells]] * 2
    expected = await env.from_string(loop).render_async(display_rows=rows)
    assert re.sub(r">\s+<", "><", expected).strip() == re.sub(r">\s+<", "><", table_rows_html(rows)).strip()
    # and the listing pages use it: every cell of every row is there
    html = (await ds.client.get(f"/{DB}/claims_view")).text
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    columns = (await ds.client.get(f"/{DB}/claims_view.json?_size=1")).json()["columns"]
    assert body.count("<tr>") == 20 and body.count("<td ") == 20 * len(columns)


async def test_schema_answers_are_remembered_per_immutable_database(ds):
    db = ds.get_database(DB)
    first = await db.table_columns("claims")
    assert first == await db.table_columns.__wrapped__("claims")  # the answer SQLite gives
    first.append("not a column")  # a caller altering its copy alters nothing else
    assert "not a column" not in await db.table_columns("claims")
    assert await db.primary_keys("claims") == ["pk"] and await db.fts_table("claims") == "claims_fts"
    await db.table_names()
    calls = []
    execute_fn = db.execute_fn

    async def spy(fn):
        calls.append(fn)
        return await execute_fn(fn)

    db.execute_fn = spy
    try:
        for _ in range(3):
            await db.table_columns("claims")
            await db.table_names()
        assert calls == []  # asked before: answered without a query
    finally:
        db.execute_fn = execute_fn


async def test_query_rows_filter_writes_what_datasettes_loop_writes(ds, snapshot):
    from pathlib import Path

    import datasette
    import jinja2
    from datasette.utils import to_css_class
    from markupsafe import Markup

    from factdb.publish.plugin import query_rows_html

    source = (Path(datasette.__file__).parent / "templates" / "query.html").read_text(encoding="utf-8")
    loop = source[source.index("{% for row in display_rows %}") : source.index("</tbody>")]
    env = jinja2.Environment(autoescape=True, enable_async=True)
    env.filters["to_css_class"] = to_css_class
    env.globals["zip"] = zip
    columns = ["pk", "quote", "with space", "<odd>"]
    sample = [[7, 'a <b> & "c"', Markup("<em>x</em>"), None], [8, "'", 2.5, ""]]
    expected = await env.from_string(loop).render_async(display_rows=sample, columns=columns)
    got = query_rows_html(sample, columns)
    assert re.sub(r">\s+<", "><", expected).strip() == re.sub(r">\s+<", "><", got).strip()
    # and canned query pages use it: every cell of every row is there
    (doc_id,) = rows(snapshot, "SELECT document_id FROM claims WHERE quote = 'over 1,100 kilometers'")[0]
    html = (await ds.client.get(f"/{DB}/document_claims", params={"document_id": doc_id})).text
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    n = rows(snapshot, "SELECT count(*) FROM claims WHERE document_id = ? AND is_current", (doc_id,))[0][0]
    assert body.count("<tr>") == n and body.count("<td ") == n * 19
