"""The published site as a reader walks it (issue 11): every claim reference resolves, search
never errors, a landing page with one search box, readable figures, canned queries with
linked ids. Datasette's test client, no port; the browser walk is in test_browser.py.
"""

from __future__ import annotations

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
    """"sea" is in the sentence of Test Wire's "over 1,100 kilometers", not in its quote or subject."""
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
        assert re.search(rf'<a href="/{DB}/claims_view\?kind={kind}">{kind}</a> <span class="factdb-count">{n}<', html)
    for (attribute,) in rows(snapshot, "SELECT DISTINCT attribute FROM claims WHERE is_current AND attribute != ''"):
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
    assert readable_figure(1100.0, None, "km", "lower", "distance", None, "over 1,100 kilometers") == "over 1,100 km"
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
    execute = db.execute

    async def slow(sql, *args, **kwargs):
        if "group by kind" in sql or "match" in sql:
            raise QueryInterrupted(Exception("interrupted"), sql, {})
        return await execute(sql, *args, **kwargs)

    monkeypatch.setattr(db, "execute", slow)
    search = await ds.client.get("/-/search", params={"q": "missile"})
    assert search.status_code == 200 and "cut short" in search.text
    landing = await ds.client.get("/")
    assert landing.status_code == 200 and 'class="factdb-search-form"' in landing.text
    assert "Claims by kind" not in landing.text
    monkeypatch.setattr(db, "execute", execute)
    assert "Claims by kind" in (await ds.client.get("/")).text  # not cached while incomplete
