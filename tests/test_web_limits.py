"""What the published web answers to requests meant to hurt it, and how its errors look.

Sizes (a query may not make the server allocate gigabytes), ids no row can have (404, not
500), and Datasette's error pages, which used to fail with ``rich`` installed. The database
is the one :mod:`tests.test_publish` builds and serves with ``factdb serve``'s settings.
"""

from __future__ import annotations

import logging
import resource
import shutil
import sqlite3
import time
from urllib.parse import quote

import pytest
from datasette.plugins import pm
from datasette.utils.asgi import Request

from factdb.publish import plugin
from factdb.publish.serve import make_datasette
from factdb.publish.snapshot import SNAPSHOT_NAME
from tests.test_publish import pk_of, published, source_db  # noqa: F401  (shared session fixtures)

DB = "factdb"
QUICK_S = 2.0  # every refusal below answers well within the SQL time limit
RSS_GROWTH_MB = 100  # far below the gigabytes these queries used to take


@pytest.fixture
async def ds(published):  # noqa: F811
    datasette = make_datasette(published)
    await datasette.invoke_startup()
    return datasette


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _sql(sql: str, fmt: str = ".json") -> str:
    return f"/{DB}{fmt}?sql={quote(sql)}"


# --- sizes -----------------------------------------------------------------------------

TOO_BIG = {
    "zeroblob": ("select zeroblob(500000000)", "string or blob too big"),
    "replace_hex": ("select replace(hex(zeroblob(5000000)), '0', 'xxxxxxxxxx')", "string or blob too big"),
    "group_concat": (
        "with recursive r(i) as (select 1 union all select i + 1 from r where i < 100) "
        "select group_concat(hex(zeroblob(1000000))) from r",
        "string or blob too big",
    ),
    "many_big_rows": (
        "with recursive r(i) as (select 1 union all select i + 1 from r where i < 1000) "
        "select hex(zeroblob(2000000)) from r",
        "result too large",
    ),
}


@pytest.mark.parametrize("fmt", [".json", ""])
@pytest.mark.parametrize("case", sorted(TOO_BIG))
async def test_oversized_queries_answer_400_quickly_without_allocating(ds, case, fmt):
    sql, message = TOO_BIG[case]
    before = _max_rss_mb()
    started = time.monotonic()
    response = await ds.client.get(_sql(sql, fmt))
    elapsed = time.monotonic() - started
    assert response.status_code == 400, response.text[:500]
    assert elapsed < QUICK_S
    assert _max_rss_mb() - before < RSS_GROWTH_MB
    if fmt == ".json":
        assert message in response.json()["error"].lower()
    else:
        assert message in response.text.lower() and "<!DOCTYPE html>" in response.text


@pytest.mark.parametrize(
    "sql",
    [
        "select printf('%.*c', 500000000, 'x') as big",
        "select format('%500000000c', 'x') as big",
        "select printf('%.500000000f', 1.5) as big",
    ],
)
async def test_printf_with_a_huge_width_answers_null_at_once(ds, sql):
    """SQLite's printf spins once per unit of width before any limit applies: refused up front."""
    before = _max_rss_mb()
    started = time.monotonic()
    response = await ds.client.get(_sql(sql))
    # NULL, as SQLite answers for any result over the length limit, but at once
    assert response.status_code == 200 and response.json()["rows"] == [[None]]
    assert time.monotonic() - started < QUICK_S
    assert _max_rss_mb() - before < RSS_GROWTH_MB


async def test_ordinary_printf_still_formats(ds):
    response = await ds.client.get(_sql("select printf('%05.1f|%s|%d|%q', 3.14159, 'a', 42, 'it''s') as f"))
    assert response.status_code == 200 and response.json()["rows"] == [["003.1|a|42|it''s"]]
    response = await ds.client.get(_sql("select printf(null) as f, format('%.*c', 3, 'x') as g"))
    assert response.json()["rows"] == [[None, "xxx"]]


async def test_where_clause_building_a_huge_value_is_a_400_not_a_500(ds):
    """``_where=`` runs in a table page, which does not catch this error itself: the handler does."""
    path = f"/{DB}/claims.json?_where={quote('length(zeroblob(500000000)) > 0')}"
    response = await ds.client.get(path)
    assert response.status_code == 400
    assert response.json()["error"] == "string or blob too big"
    html = await ds.client.get(path.replace("claims.json", "claims"))
    assert html.status_code == 400 and "string or blob too big" in html.text


async def test_every_serving_connection_has_the_length_limit(ds):
    limit = await ds.get_database(DB).execute_fn(lambda conn: conn.getlimit(sqlite3.SQLITE_LIMIT_LENGTH))
    assert limit == plugin.MAX_VALUE_BYTES
    assert plugin.MAX_VALUE_BYTES >= 16 * 1024 * 1024 > 10 * 1024 * 1024  # ingest's largest document


@pytest.fixture
async def big_document_ds(published, tmp_path):  # noqa: F811
    """The snapshot plus one 10 MiB document, partly non-ASCII: the largest ingest accepts."""
    shutil.copy(published / SNAPSHOT_NAME, tmp_path / SNAPSHOT_NAME)
    text = ("Missile range: 1,100 km — über die See. " * 300_000)[: 10 * 1024 * 1024]
    conn = sqlite3.connect(tmp_path / SNAPSHOT_NAME)
    with conn:
        doc_id = conn.execute(
            "INSERT INTO documents (sha256, text, title, source, media_type, encoding, char_count, ingested_at) "
            "VALUES ('big', ?, 'Big', 'test', 'text/plain', 'utf-8', ?, '2024-01-01') RETURNING id",
            (text, len(text)),
        ).fetchone()[0]
    conn.close()
    datasette = make_datasette(tmp_path)
    await datasette.invoke_startup()
    return datasette, doc_id, text


async def test_largest_document_is_still_readable(big_document_ds):
    ds, doc_id, text = big_document_ds
    row = await ds.client.get(f"/{DB}/documents/{doc_id}.json?_shape=array")
    assert row.status_code == 200 and row.json()[0]["text"] == text
    page = await ds.client.get(f"/-/document/{doc_id}")
    assert page.status_code == 200 and "über die See" in page.text
    listing = await ds.client.get(f"/{DB}/documents.json?_size=max")
    assert listing.status_code == 200


async def test_oversized_response_is_refused_but_streams_pass(ds, monkeypatch):
    cap = 4000  # the test database's whole claims CSV is a little over this
    monkeypatch.setattr(plugin, "MAX_RESPONSE_BYTES", cap)
    small = await ds.client.get(f"/{DB}/claims.json?_size=1&_col=kind&_shape=array")
    assert small.status_code == 200 and len(small.content) < cap
    refused = await ds.client.get(f"/{DB}/claims.json?_size=max")
    assert refused.status_code == 400 and refused.json()["title"] == "Response too large"
    assert "_stream" in refused.json()["error"]
    page = await ds.client.get(f"/{DB}/claims?_size=max")
    assert page.status_code == 400 and "Response too large" in page.text
    stream = await ds.client.get(f"/{DB}/claims.csv?_stream=on&_size=max")
    assert stream.status_code == 200 and len(stream.content) > cap


def test_result_budget_counts_per_query():
    conn = sqlite3.connect(":memory:")
    conn.row_factory = plugin.ResultBudget(limit=1000)
    rows = "with recursive r(i) as (select 1 union all select i + 1 from r where i < 30) select printf('%.*c', 100, 'x') from r"
    assert len(conn.execute(rows + " limit 9").fetchall()) == 9
    assert len(conn.execute(rows + " limit 9").fetchall()) == 9  # a new query starts afresh
    with pytest.raises(sqlite3.OperationalError, match="result too large"):
        conn.execute(rows).fetchall()
    assert conn.execute("select 1 as one").fetchone()["one"] == 1  # still sqlite3.Row


# --- ids no row can have -----------------------------------------------------------------

IMPOSSIBLE_IDS = [
    "/-/claim/99999999999999999999",
    "/-/claim/9223372036854775808",
    "/-/claim/-1",
    "/-/claim/0",
    "/-/claim/not-a-claim",
    "/-/claim/" + "9" * 5000,  # past Python's 4,300-digit int parsing limit
    "/-/claim/" + "a" * 5000,
    "/-/claim/%C2%B2",  # a Unicode digit
    "/-/claim/1.5",
    "/-/document/9223372036854775808",
    "/-/document/99999999999999999999",
    "/-/document/-1",
    "/-/document/0",
    "/-/document/abc",
    "/-/document/" + "9" * 5000,
    "/-/document/",
]


@pytest.mark.parametrize("path", IMPOSSIBLE_IDS, ids=lambda p: p[:40])
async def test_ids_that_cannot_exist_are_404(ds, path):
    response = await ds.client.get(path, follow_redirects=True)  # Datasette redirects "%" and "/$"
    assert response.status_code == 404, response.text[:300]
    assert "<!DOCTYPE html>" in response.text and "Error 404" in response.text
    assert len(response.content) < 20_000  # a 5,000-character id is not echoed back whole


async def test_every_id_form_the_routes_accept_finds_its_claim(ds, published):  # noqa: F811
    snapshot = published / SNAPSHOT_NAME
    pk = pk_of(snapshot, "over 1,100 kilometers")
    claim_id = sqlite3.connect(snapshot).execute("SELECT id FROM claims WHERE pk = ?", (pk,)).fetchone()[0]
    for ident in (str(pk), f"000{pk}", claim_id, "test-html-quote"):
        response = await ds.client.get(f"/-/claim/{ident}")
        assert response.status_code == 200, ident
    assert (await ds.client.get("/-/document/1")).status_code == 200
    assert (await ds.client.get("/-/document/0001")).status_code == 200


# --- error pages ---------------------------------------------------------------------------

ERROR_PAGES = {
    "missing_table": (f"/{DB}/no_such_table", 404, "Table not found"),
    "missing_database": ("/no_such_database", 404, "Database not found"),
    "unrouted": ("/a/b/c/d/e", 404, "Error 404"),  # the one rich used to turn into a bare 500
    "bad_sql": (_sql("select nope", ""), 400, "no such column: nope"),
    "bad_search": (f"/{DB}/documents?_search=%22&_searchmode=raw", 400, "unterminated string"),  # raw: asked for it
    "bad_sort": (f"/{DB}/claims?_sort=nope", 400, "Cannot sort table by nope"),
    "bad_size": (f"/{DB}/claims?_size=abc", 400, "_size must be a positive integer"),
}


@pytest.mark.parametrize("case", sorted(ERROR_PAGES))
async def test_error_pages_render_with_status_and_message(ds, case):
    path, status, message = ERROR_PAGES[case]
    response = await ds.client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert "<!DOCTYPE html>" in response.text and "Internal Server Error" not in response.text
    assert message in response.text


async def test_json_errors_stay_json(ds):
    response = await ds.client.get(f"/{DB}/claims.json?_sort=nope")
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "error": "Cannot sort table by nope",
        "status": 400,
        "title": None,
    }


def test_datasette_default_error_handler_is_replaced():
    """Datasette awaits every handler's answer, so its own (rich-printing) one must not be among them."""
    from datasette.utils.asgi import NotFound

    answers = pm.hook.handle_exception(datasette=None, request=Request.fake("/x"), exception=NotFound("x"))
    assert answers and all(plugin._module_of(a) != "datasette.handle_exception" for a in answers)
    for answer in answers:
        answer.close()


async def test_server_errors_are_logged_not_shown(ds, caplog):
    with caplog.at_level(logging.ERROR, logger="factdb.publish.plugin"):
        response = await plugin.error_response(ds, Request.fake("/x"), RuntimeError("/secret/path"))
    assert response.status == 500
    assert "/secret/path" not in response.body and "has been logged" in response.body
    assert "/secret/path" in caplog.text


def test_document_text_cache_is_bounded_in_characters(monkeypatch):
    """512 cached documents of 10 MiB would be 5 GB: the cache also stops at a character total."""
    from collections import OrderedDict

    monkeypatch.setattr(plugin, "_TEXT_CACHE_CHARS", 25)
    cache = OrderedDict((i, "x" * 10) for i in range(5))
    plugin._trim_cache(cache)
    assert list(cache) == [3, 4]
    cache = OrderedDict({9: "y" * 100})  # one text over the bound stays: it was just asked for
    plugin._trim_cache(cache)
    assert list(cache) == [9]
