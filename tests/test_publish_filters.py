"""Pages filtered by one column answered from publish-time tables (issue 11).

``claims_view?outlet=BBC`` counted and sorted a quarter of a million joined rows at a
million claims. The snapshot now carries each value's row count and, for a documents
column, the keys of its rows in order (factdb/publish/precompute.py); the plugin rewrites
the two statements Datasette writes for such a page. Everything here checks the answers
against the statements Datasette would have run, on the test snapshot published with every
value keyed (the real threshold keys only values with thousands of claims).
"""

from __future__ import annotations

import sqlite3
from urllib.parse import urlencode

import pytest

from factdb.publish import filter_answers, precompute
from factdb.publish.filter_answers import FilterAnswers
from factdb.publish.precompute import FILTER_COLUMNS, KEYED_COLUMNS
from factdb.publish.serve import make_datasette
from factdb.publish.snapshot import SNAPSHOT_NAME, publish
from tests.test_publish import source_db  # noqa: F401  (shared session fixture)

DB = "factdb"
VIEW = "claims_view"
COLUMNS = (
    "pk, id, document_id, document_title, outlet, url, published, kind, attribute, subject, value, unit, "
    "bound, quote, latest_rating, reviews"
)


@pytest.fixture(scope="module")
def keyed(source_db, tmp_path_factory):  # noqa: F811
    """The test database published with every value of a keyed column keyed."""
    out = tmp_path_factory.mktemp("dist-keyed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(precompute, "KEYED_MIN_ROWS", 1)
        publish(source_db, out)
    return out


@pytest.fixture
def conn(keyed):
    conn = sqlite3.connect(f"file:{keyed / SNAPSHOT_NAME}?mode=ro", uri=True)
    yield conn
    conn.close()


@pytest.fixture
async def ds(keyed):
    datasette = make_datasette(keyed)
    await datasette.invoke_startup()
    return datasette


def _answers(conn) -> FilterAnswers:
    return FilterAnswers.load(
        conn.execute(FilterAnswers.COUNTED_SQL).fetchall(),
        conn.execute(FilterAnswers.KEYED_SQL).fetchall(),
        conn.execute(FilterAnswers.PAIRS_SQL).fetchall(),
    )


def _values(conn, column: str, table: str = VIEW) -> list[str]:
    return [
        r[0] for r in conn.execute(f'SELECT DISTINCT "{column}" FROM {table} WHERE "{column}" IS NOT NULL')
    ]


def _all_columns(conn, table: str) -> str:
    """The column list Datasette writes for a table's facet SQL."""
    return ", ".join(r[1] for r in conn.execute(f"PRAGMA table_info({table})"))


def _facet_sql(conn, table: str, column: str | None, facet: str, limit: int) -> str:
    """datasette/facets.py's column facet over the SQL of a page filtered by ``column`` (or not)."""
    where = f'where "{column}" = :p0 ' if column else ""  # with Datasette's trailing space
    page = f"select {_all_columns(conn, table)} from {table} {where}"
    return (
        f"\n    select {facet} as value, count(*) as count from (\n        {page}\n    )\n"
        f"    where {facet} is not null\n    group by {facet} order by count desc, value limit {limit}\n"
    )


@pytest.mark.parametrize("table", sorted(FILTER_COLUMNS))
def test_counts_and_facets_equal_sql_for_every_value(conn, table):
    answers = _answers(conn)
    assert {(table, c) for c in FILTER_COLUMNS[table]} <= answers.counted
    checked = 0
    for column in FILTER_COLUMNS[table]:
        # every value, a value no row has, and a number written as text (no conversion)
        for value in [*_values(conn, column, table), "no such value", "2024"]:
            sql = f'select count(*) from {table} where "{column}" = :p0 '
            rewritten, params = answers.rewrite(sql, {"p0": value})
            assert "factdb_filter_counts" in rewritten
            assert conn.execute(rewritten, params).fetchall() == conn.execute(sql, {"p0": value}).fetchall()
            for facet in FILTER_COLUMNS[table]:
                for limit in (2, 21):  # a truncated facet keeps Datasette's order, ties by value
                    sql = _facet_sql(conn, table, column, facet, limit)
                    rewritten, params = answers.rewrite(sql, {"p0": value})
                    assert "factdb_filter_facets" in rewritten
                    got = conn.execute(rewritten, params).fetchall()
                    assert got == conn.execute(sql, {"p0": value}).fetchall(), (column, value, facet)
                    checked += bool(got)
    for facet in FILTER_COLUMNS[table]:  # a facet of the whole table: each value's count
        sql = _facet_sql(conn, table, None, facet, 5)
        rewritten, params = answers.rewrite(sql, {})
        assert "factdb_filter_counts" in rewritten
        assert conn.execute(rewritten, params).fetchall() == conn.execute(sql).fetchall()
    assert checked > 50


@pytest.mark.parametrize("column", KEYED_COLUMNS[VIEW])
def test_keyed_pages_list_the_rows_datasette_would(conn, column):
    answers = _answers(conn)
    values = _values(conn, column)
    assert values and all((VIEW, column, v) in answers.keyed for v in values)
    for value in values:
        total = conn.execute(f'select count(*) from {VIEW} where "{column}" = ?', (value,)).fetchone()[0]
        for limit, offset in ((3, 0), (3, 2), (21, 0), (2, total - 1), (5, total + 10)):
            sql = f'select {COLUMNS} from {VIEW} where "{column}" = :p0 order by pk desc limit {limit}'
            sql += f" offset {offset}" if offset else ""
            rewritten, params = answers.rewrite(sql, {"p0": value})
            assert "factdb_filter_keys" in rewritten
            assert conn.execute(rewritten, params).fetchall() == conn.execute(sql, {"p0": value}).fetchall()
    # A value no row has is not keyed: Datasette's own query answers (no rows).
    sql = f'select {COLUMNS} from {VIEW} where "{column}" = :p0 order by pk desc limit 21'
    assert answers.rewrite(sql, {"p0": "no such value"}) is None


def test_other_statements_are_left_alone(conn):
    answers = _answers(conn)
    page = f'select pk from {VIEW} where "outlet" = :p0 order by pk desc limit 21'
    assert answers.rewrite(page, {"p0": "Test Wire"}) is not None
    for sql, params in (
        (page, {"p0": "Test Wire", "p1": "x"}),  # a second parameter
        (page, {"p0": 5}),  # not text as Datasette binds it
        (page, None),
        (page.replace("pk desc", "published desc"), {"p0": "Test Wire"}),  # another order
        (page.replace("pk desc", "pk"), {"p0": "Test Wire"}),
        (page.replace('"outlet" = :p0', '"outlet" = :p0 and "kind" = :p1'), {"p0": "Test Wire"}),
        (page.replace(VIEW, "claims"), {"p0": "Test Wire"}),  # a table with no keys
        (page.replace("select pk", "select pk, 'x'"), {"p0": "Test Wire"}),  # not a column list
        (page.replace("select pk", "select pk from documents union select pk"), {"p0": "Test Wire"}),
        (_facet_sql(conn, VIEW, "outlet", "url", 5), {"p0": "Test Wire"}),  # a facet not counted
        (_facet_sql(conn, VIEW, "outlet", "kind", 5).replace("desc, value", "desc"), {"p0": "Test Wire"}),
        (f'select count(*) from {VIEW} where "url" = :p0 ', {"p0": "x"}),  # a column not counted
        (f'select count(*) from {VIEW} where "outlet" = :p0 and "kind" = :p1 ', {"p0": "x"}),
        ('select count(*) from claims where "extractor" = :p0 ', {"p0": "dates"}),  # not counted
        ('select count(*) from documents where "outlet" = :p0 ', {"p0": "Test Wire"}),
    ):
        assert answers.rewrite(sql, params) is None, sql


def _spy(ds, monkeypatch) -> list[str]:
    """The statements that reach SQLite, after the plugin's rewriting."""
    db = ds.get_database(DB)
    seen: list[str] = []
    execute = db.execute.__wrapped__

    async def spy(sql, *args, **kwargs):
        seen.append(sql)
        return await execute(sql, *args, **kwargs)

    monkeypatch.setattr(db.execute, "__wrapped__", spy)
    return seen


async def test_outlet_page_through_datasette(ds, conn, monkeypatch):
    seen = _spy(ds, monkeypatch)
    for outlet in _values(conn, "outlet"):
        expected = [
            r[0] for r in conn.execute(f"SELECT pk FROM {VIEW} WHERE outlet = ? ORDER BY pk DESC", (outlet,))
        ]
        got, url = [], f"/{DB}/{VIEW}.json?" + urlencode({"outlet": outlet, "_size": "2"})
        while url:
            data = (await ds.client.get(url)).json()
            assert data["filtered_table_rows_count"] == len(expected), data
            got += [row[0] for row in data["rows"]]
            url = data["next_url"] and data["next_url"].removeprefix("http://localhost")
        assert got == expected, outlet
    assert any("factdb_filter_keys" in s for s in seen) and any("factdb_filter_counts" in s for s in seen)
    assert not any(s.startswith("select count(*) from claims_view") for s in seen)


async def test_html_page_and_exact_filter(ds, conn):
    outlet = conn.execute(
        f"SELECT outlet FROM {VIEW} WHERE outlet IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    count = conn.execute(f"SELECT count(*) FROM {VIEW} WHERE outlet = ?", (outlet,)).fetchone()[0]
    for params in ({"outlet": outlet}, {"outlet__exact": outlet}):
        response = await ds.client.get(f"/{DB}/{VIEW}", params=params)
        assert response.status_code == 200
        assert f"{count:,} row" in response.text and f'where outlet = "{outlet}"' in response.text.replace(
            "&#34;", '"'
        )
    data = (await ds.client.get(f"/{DB}/{VIEW}.json", params={"outlet": "no such outlet"})).json()
    assert data["filtered_table_rows_count"] == 0 and data["rows"] == []


async def test_combined_filters_and_search_run_datasettes_own_queries(ds, conn, monkeypatch):
    seen = _spy(ds, monkeypatch)
    outlet, kind, unit = conn.execute(
        f"SELECT outlet, kind, unit FROM {VIEW} WHERE outlet IS NOT NULL AND unit IS NOT NULL "
        "GROUP BY 1, 2, 3 ORDER BY count(*) DESC"
    ).fetchone()
    # (request, its rows in SQL, what may be precomputed: another order has the same count;
    # two filters: test_two_filters)
    cases = (
        ({"outlet": outlet, "kind": kind, "unit": unit}, "outlet = ? AND kind = ? AND unit = ?", (outlet, kind, unit), ()),
        ({"outlet": outlet, "_sort": "published"}, "outlet = ?", (outlet,), ("factdb_filter_counts",)),
        ({"outlet": outlet, "_search": "missile"}, "outlet = ? AND pk IN (SELECT rowid FROM claims_fts "
         "WHERE claims_fts MATCH 'missile')", (outlet,), ()),
    )  # fmt: skip
    for params, where, args, allowed in cases:
        seen.clear()
        data = (await ds.client.get(f"/{DB}/{VIEW}.json", params={**params, "_size": "max"})).json()
        expected = [r[0] for r in conn.execute(f"SELECT pk FROM {VIEW} WHERE {where}", args)]
        assert expected and data["filtered_table_rows_count"] == len(expected)
        assert sorted(row[0] for row in data["rows"]) == sorted(expected)
        used = {name for s in seen for name in ("factdb_filter_counts", "factdb_filter_keys") if name in s}
        assert used <= set(allowed), params


async def test_facets_of_one_filter_pages_through_datasette(ds, conn, monkeypatch):
    """claims (default facets) and claims_view (?_facet=) filtered by one column: the facet
    counts are those of the filtered rows, read from factdb_filter_facets."""
    seen, shown = _spy(ds, monkeypatch), 0
    kind = conn.execute("SELECT kind FROM claims GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    outlet = conn.execute(f"SELECT outlet FROM {VIEW} WHERE outlet IS NOT NULL LIMIT 1").fetchone()[0]
    for table, column, value, facets in (
        ("claims", "kind", kind, ()),  # the metadata's facets: kind, attribute, unit, bound
        (VIEW, "outlet", outlet, ("kind", "attribute", "outlet")),
        (VIEW, None, None, ("kind", "unit", "published")),  # the whole view
    ):
        seen.clear()
        params = [(column, value)] * bool(column) + [("_facet", f) for f in facets]
        data = (await ds.client.get(f"/{DB}/{table}.json?" + urlencode(params))).json()
        results = data["facet_results"]
        assert set(facets) <= set(results) and len(results) >= 3
        for facet, result in results.items():
            where, args = (f'"{column}" = ? AND ', (value,)) if column else ("", ())
            live = conn.execute(
                f'SELECT "{facet}", count(*) FROM {table} WHERE {where}"{facet}" IS NOT NULL '
                "GROUP BY 1 ORDER BY 2 DESC, 1",
                args,
            ).fetchall()
            got = [(r["value"], r["count"]) for r in result["results"]]
            assert got == live[: len(got)] and (got or not live), (table, facet)
            shown += bool(got)
            assert result["truncated"] == (len(live) > len(got))
        assert not any("group by" in s.lower() for s in seen), table  # no live facet query
        assert sum("factdb_filter_" in s for s in seen) >= len(results)
    assert shown >= 4


async def test_a_snapshot_missing_one_of_the_tables_runs_datasettes_sql(keyed, conn, monkeypatch):
    """A snapshot published before factdb_filter_facets existed: nothing is rewritten (a
    rewritten facet would read a missing table), and the page is still right."""
    ds = make_datasette(keyed)
    db = ds.get_database(DB)
    table_names = db.table_names

    async def older():
        return [t for t in await table_names() if t != "factdb_filter_facets"]

    monkeypatch.setattr(db, "table_names", older)
    await ds.invoke_startup()
    assert not hasattr(db.execute, "__wrapped__")
    outlet = conn.execute(f"SELECT outlet FROM {VIEW} WHERE outlet IS NOT NULL LIMIT 1").fetchone()[0]
    data = (await ds.client.get(f"/{DB}/{VIEW}.json", params={"outlet": outlet, "_facet": "kind"})).json()
    expected = conn.execute(f"SELECT count(*) FROM {VIEW} WHERE outlet = ?", (outlet,)).fetchone()[0]
    assert data["filtered_table_rows_count"] == expected and data["facet_results"]["kind"]["results"]


def test_two_filters(conn):
    """A page filtered by two counted columns: its count is a facet count; with one of them
    keyed, its rows are read by walking the keys. Every pair of values that occurs, and one
    that does not, in both orders of the columns."""
    answers = _answers(conn)
    columns = FILTER_COLUMNS[VIEW]
    counted = walked = 0
    for a in columns:
        for b in columns:
            pairs = conn.execute(
                f'SELECT DISTINCT "{a}", "{b}" FROM {VIEW} WHERE "{a}" IS NOT NULL AND "{b}" IS NOT NULL'
            ).fetchall()
            for p0, p1 in [*pairs, (pairs[0][0], "no such value")]:
                params = {"p0": p0, "p1": p1}
                where = f'where "{a}" = :p0 and "{b}" = :p1 '
                sql = f"select count(*) from {VIEW} {where}"
                rewritten, args = answers.rewrite(sql, params)
                assert conn.execute(rewritten, args).fetchall() == conn.execute(sql, params).fetchall()
                counted += 1
                total = conn.execute(sql, params).fetchone()[0]
                for limit, offset in ((3, 0), (2, 1), (21, 0), (2, max(total - 1, 0))):
                    sql = f"select {COLUMNS} from {VIEW} {where}order by pk desc limit {limit}"
                    sql += f" offset {offset}" if offset else ""
                    rewritten = answers.rewrite(sql, params)
                    if rewritten is None:
                        assert a not in KEYED_COLUMNS[VIEW] and b not in KEYED_COLUMNS[VIEW] or not total
                        continue
                    assert "factdb_filter_keys" in rewritten[0]
                    got = conn.execute(*rewritten).fetchall()
                    assert got == conn.execute(sql, params).fetchall(), (a, b, p0, p1, limit, offset)
                    walked += bool(got)
    assert counted > 200 and walked > 100


def test_two_filter_walk_is_bounded(conn, monkeypatch):
    """A pair too rare for its keyed value (or a page too deep) is Datasette's own SQL."""
    answers = _answers(conn)
    outlet, kind, n = conn.execute(
        f"SELECT outlet, kind, count(*) FROM {VIEW} WHERE outlet IS NOT NULL GROUP BY 1, 2 ORDER BY 3 LIMIT 1"
    ).fetchone()
    total = answers.keyed[(VIEW, "outlet", outlet)][1]
    sql = f'select pk from {VIEW} where "kind" = :p0 and "outlet" = :p1 order by pk desc limit 5'
    params = {"p0": kind, "p1": outlet}
    assert answers.rewrite(sql, params) is not None
    monkeypatch.setattr(filter_answers, "WALK_MAX", 5 * total / n - 0.5)  # just under this walk
    assert answers.rewrite(sql, params) is None
    assert answers.rewrite(sql + " offset 100", params) is None


async def test_two_filter_pages_through_datasette(ds, conn, monkeypatch):
    """The link a facet of an outlet's page leads to (?outlet=X&kind=Y), page after page."""
    seen = _spy(ds, monkeypatch)
    pairs = conn.execute(
        f"SELECT outlet, kind, count(*) FROM {VIEW} WHERE outlet IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC"
    ).fetchall()
    for outlet, kind, n in pairs[:4]:
        expected = [
            r[0]
            for r in conn.execute(
                f"SELECT pk FROM {VIEW} WHERE outlet = ? AND kind = ? ORDER BY pk DESC", (outlet, kind)
            )
        ]
        got, url = [], f"/{DB}/{VIEW}.json?" + urlencode({"outlet": outlet, "kind": kind, "_size": "2"})
        while url:
            data = (await ds.client.get(url)).json()
            assert data["filtered_table_rows_count"] == n == len(expected)
            got += [row[0] for row in data["rows"]]
            url = data["next_url"] and data["next_url"].removeprefix("http://localhost")
        assert got == expected
    assert any("factdb_filter_keys as k cross join" in s for s in seen)
    assert any("factdb_filter_facets" in s and ":p1" in s for s in seen)
    assert not any(s.startswith("select count(*) from claims_view") for s in seen)
