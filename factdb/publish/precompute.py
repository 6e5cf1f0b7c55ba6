"""What the published site would otherwise recompute on every page view, built once at publish time.

Runs on the snapshot only (``factdb publish`` calls :func:`precompute` on its copy): the
working database never carries these tables. At a million claims, counting a table's
facets or an entity's claims takes a few hundred milliseconds a page; a snapshot never
changes, so the answers are computed here once and read back by the plugin:

* ``factdb_facet_counts``: for every facet the metadata declares (claims: kind, attribute,
  unit, bound; documents: outlet ...), the count of each value over the whole table,
  which is what an unfiltered table page shows. :class:`PrecomputedColumnFacet` in the
  plugin reads it; a page filtered by one column reads ``factdb_filter_facets`` (below),
  any other filtered page counts live.
* ``factdb_current_counts``: current claims by kind and by attribute (the landing page's
  lists; Datasette's time limit stops a live count at a million claims, and a custom limit
  can only lower it).
* ``factdb_entity_counts``: current claims per entity and attribute (the entity page's
  table, the landing page's entity list).
* ``factdb_entity_latest``: each entity's :data:`LATEST_PER_ENTITY` most recently
  published current claims, ranked (the entity page's list, which would otherwise sort
  all of a country's claims).
* ``factdb_filter_counts`` and ``factdb_filter_facets``: for a page filtered by one
  column (``claims_view?outlet=BBC``, ``claims?kind=date``), the rows it has and its facet
  counts by the other filter columns. Datasette counts every filtered page, and counting a
  quarter of a million joined rows takes 70 ms (``?outlet=BBC``) to 1.5 s (``?bound=exact``)
  at a million claims; a facet, as long again. See :data:`FILTER_COLUMNS`.
* ``factdb_filter_keys``: for a value of a documents column shared by many claims (an
  outlet), the pks of its claims in order, so the page reads its newest 21 claims instead
  of sorting all of the outlet's (260 ms for the BBC at a million claims). See
  :data:`KEYED_COLUMNS`. A page with two filters (the link an outlet's kind facet
  leads to) is counted from ``factdb_filter_facets`` and, one filter keyed, lists its rows
  by walking that value's keys (bounded by :data:`factdb.publish.filter_answers.WALK_MAX`).
  :mod:`factdb.publish.filter_answers` turns the SQL Datasette writes for such pages
  into SQL reading these tables; the plugin applies it.
* Covering indexes for the filtered pages people open most (see :data:`INDEXES`).

Every table name starts with ``factdb_`` and the metadata hides them.
"""

from __future__ import annotations

import sqlite3

LATEST_PER_ENTITY = 100  # as many as the entity page lists (figures.ENTITY_CLAIMS)

# (name, table, columns): each lets a filtered page or canned query read an index alone
# instead of a million table rows. Why each one:
INDEXES = (
    # claims_view?kind=X and ?attribute=X list the newest claims first: with the pk after
    # the filter column the page reads 51 index entries in order instead of sorting every
    # claim of the kind (300 ms at a million claims, under 40 ms with it).
    ("factdb_ix_claims_kind_pk", "claims", ("kind", "pk")),
    ("factdb_ix_claims_attribute_pk", "claims", ("attribute", "pk")),
    # ... and counts them (Datasette counts every filtered page) from the index alone.
    ("factdb_ix_claims_kind_count", "claims", ("kind", "is_current", "document_id")),
    # claims_view?outlet=X counts the current claims of the outlet's documents: index-only
    # with the document and is_current together.
    ("factdb_ix_claims_document_current", "claims", ("document_id", "is_current", "pk")),
    # dates_between: date range, then is_current without reading each row.
    ("factdb_ix_claims_date_current", "claims", ("date_start", "is_current", "pk")),
    # entity pages and claims_about_entity: an entity's links with the claim id in the index.
    ("factdb_ix_claim_entities_entity_claim", "claim_entities", ("entity_id", "claim_id", "role")),
)


# Single equality filters (?column=value, one filter and nothing else) whose count, and
# whose facets by any other of these columns, are answered from factdb_filter_counts and
# factdb_filter_facets, by table. Only columns of TEXT affinity: Datasette passes the value as text,
# and a TEXT column compares text to text with no conversion, in the view and in the
# counts table alike (an INTEGER column would convert '5' to 5, the counts table would not).
FILTER_COLUMNS = {
    "claims_view": ("kind", "attribute", "unit", "bound", "outlet", "published"),
    "claims": ("kind", "attribute", "unit", "bound"),
}
# Filters whose newest-first page is read from factdb_filter_keys: the documents columns of
# claims_view. A claims column has its (column, pk) index (INDEXES); a documents column
# cannot be indexed with the claim's pk, so SQLite reads every claim of the outlet's
# documents and sorts them.
KEYED_COLUMNS = {"claims_view": ("outlet", "published")}
# Values with fewer rows than this are not keyed: SQLite reads and sorts that many rows
# in a few milliseconds (about 1 us a row with claims_view's review subqueries), and the
# keys stay near the claims' number: in the serve benchmark's million claims, 11 outlets
# and 13 publication dates are keyed (1,004,000 keys, 10 MB; all these tables take
# 10 s of CPU at publish).
KEYED_MIN_ROWS = 5_000
# The order in which the table's pages list rows (its sort_desc in the metadata).
KEY_ORDER = {"claims_view": "pk"}


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}


def declared_facets() -> dict[str, list[str]]:
    """Facets by table, as ``datasette-metadata.json`` declares them (simple column facets)."""
    from factdb.publish.metadata import database_metadata, load_metadata

    try:
        tables = database_metadata(load_metadata()).get("tables", {})
    except (OSError, ValueError):
        return {}
    return {
        name: [f for f in spec.get("facets", []) if isinstance(f, str)]
        for name, spec in tables.items()
        if spec.get("facets")
    }


def precompute(conn: sqlite3.Connection) -> None:
    """Add the ``factdb_*`` tables and indexes to a snapshot (``conn`` open read-write on it).

    Safe to run twice (everything is dropped and rebuilt) and on an older schema (a table
    that is missing is skipped). Runs ``ANALYZE`` on what it adds so the planner knows them.
    """
    tables = _tables(conn)
    conn.execute("BEGIN")
    try:
        _facet_counts(conn, tables)
        _current_counts(conn, tables)
        _entity_tables(conn, tables)
        _filter_tables(conn, tables)
        for name, table, columns in INDEXES:
            conn.execute(f'DROP INDEX IF EXISTS "{name}"')
            if table in tables and set(columns) <= _columns(conn, table):
                cols = ", ".join(f'"{c}"' for c in columns)
                conn.execute(f'CREATE INDEX "{name}" ON "{table}" ({cols})')
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    for name in (
        "factdb_facet_counts",
        "factdb_current_counts",
        "factdb_entity_counts",
        "factdb_entity_latest",
        "factdb_filter_counts",
        "factdb_filter_facets",
        "factdb_filter_keys",
    ):
        if name in _tables(conn):
            conn.execute(f'ANALYZE "{name}"')
    for table in sorted({table for _name, table, _cols in INDEXES} & tables):
        conn.execute(f'ANALYZE "{table}"')  # once per table: at a million claims each costs seconds


def _facet_counts(conn: sqlite3.Connection, tables: set[str]) -> None:
    conn.execute("DROP TABLE IF EXISTS factdb_facet_counts")
    conn.execute(
        "CREATE TABLE factdb_facet_counts (tbl TEXT NOT NULL, col TEXT NOT NULL, value, count INTEGER NOT NULL)"
    )
    for table, facets in declared_facets().items():
        if table not in tables:
            continue
        present = _columns(conn, table)
        for column in facets:
            if column not in present:
                continue
            # Exactly Datasette's facet: every row of the table, NULLs left out.
            conn.execute(
                f'INSERT INTO factdb_facet_counts (tbl, col, value, count) SELECT ?, ?, "{column}", count(*) '
                f'FROM "{table}" WHERE "{column}" IS NOT NULL GROUP BY "{column}"',
                (table, column),
            )
    conn.execute("CREATE INDEX factdb_ix_facet_counts ON factdb_facet_counts (tbl, col, count DESC, value)")


def _current_counts(conn: sqlite3.Connection, tables: set[str]) -> None:
    conn.execute("DROP TABLE IF EXISTS factdb_current_counts")
    if "claims" not in tables:
        return
    conn.execute(
        "CREATE TABLE factdb_current_counts (col TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL)"
    )
    for column in ("kind", "attribute"):
        conn.execute(
            f"INSERT INTO factdb_current_counts (col, value, count) SELECT ?, {column}, count(*) FROM claims "
            f"WHERE is_current AND {column} IS NOT NULL AND {column} != '' GROUP BY {column}",
            (column,),
        )


def _entity_tables(conn: sqlite3.Connection, tables: set[str]) -> None:
    conn.execute("DROP TABLE IF EXISTS factdb_entity_counts")
    conn.execute("DROP TABLE IF EXISTS factdb_entity_latest")
    if not {"claim_entities", "claims", "documents"} <= tables:
        return
    conn.execute(
        "CREATE TABLE factdb_entity_counts (entity_id INTEGER NOT NULL, attribute TEXT, claims INTEGER NOT NULL)"
    )
    conn.execute(
        "INSERT INTO factdb_entity_counts (entity_id, attribute, claims) "
        "SELECT ce.entity_id, c.attribute, count(*) FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id "
        "WHERE c.is_current GROUP BY ce.entity_id, c.attribute"
    )
    conn.execute("CREATE INDEX factdb_ix_entity_counts ON factdb_entity_counts (entity_id, claims DESC)")
    conn.execute(
        "CREATE TABLE factdb_entity_latest (entity_id INTEGER NOT NULL, rank INTEGER NOT NULL, "
        "claim_pk INTEGER NOT NULL, role TEXT NOT NULL, PRIMARY KEY (entity_id, rank)) WITHOUT ROWID"
    )
    conn.execute(
        "INSERT INTO factdb_entity_latest (entity_id, rank, claim_pk, role) "
        "SELECT entity_id, rank, pk, role FROM ("
        "  SELECT ce.entity_id, c.pk, ce.role, row_number() OVER ("
        "    PARTITION BY ce.entity_id ORDER BY d.published DESC, c.pk DESC) AS rank"
        "  FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id JOIN documents d ON d.id = c.document_id"
        "  WHERE c.is_current) WHERE rank <= ?",
        (LATEST_PER_ENTITY,),
    )


def _text_affinity(declared: str | None) -> bool:
    """SQLite's affinity rules: a declared type with INT is INTEGER; else CHAR, CLOB or TEXT is TEXT."""
    upper = (declared or "").upper()
    return "INT" not in upper and any(word in upper for word in ("CHAR", "CLOB", "TEXT"))


def _filter_tables(conn: sqlite3.Connection, tables: set[str]) -> None:
    for name in ("factdb_filter_counts", "factdb_filter_facets", "factdb_filter_keys"):
        conn.execute(f"DROP TABLE IF EXISTS {name}")
    # Values are TEXT like the columns they copy, so `value = :p0` compares as `"col" = :p0`
    # does, and facet values sort as Datasette's `order by count desc, value` sorts them.
    conn.execute(
        "CREATE TABLE factdb_filter_counts (tbl TEXT NOT NULL, col TEXT NOT NULL, value TEXT NOT NULL, "
        "count INTEGER NOT NULL, keys INTEGER, PRIMARY KEY (tbl, col, value)) WITHOUT ROWID"
    )
    conn.execute(
        "CREATE TABLE factdb_filter_facets (tbl TEXT NOT NULL, col TEXT NOT NULL, value TEXT NOT NULL, "
        "facet TEXT NOT NULL, facet_value TEXT NOT NULL, count INTEGER NOT NULL, "
        "PRIMARY KEY (tbl, col, value, facet, facet_value)) WITHOUT ROWID"
    )
    # A value's keys under one small integer rather than its table, column and value on
    # every row: some 10 bytes a key (a million keys, 10 MB; with the names, 40 MB).
    conn.execute(
        "CREATE TABLE factdb_filter_keys (keys INTEGER NOT NULL, key INTEGER NOT NULL, "
        "PRIMARY KEY (keys, key)) WITHOUT ROWID"
    )
    for table, wanted in FILTER_COLUMNS.items():
        if table not in tables:
            continue
        declared = {r[1]: r[2] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        # A column missing, or compared with conversions the tables here would not make, is left out.
        columns = [c for c in wanted if _text_affinity(declared.get(c))]
        if not columns:
            continue
        # One pass over the table: rows by every combination of the columns' values (some
        # 20,000 at a million claims), from which each count and facet count is summed.
        quoted = ", ".join(f'"{c}"' for c in columns)
        conn.execute("DROP TABLE IF EXISTS temp.factdb_combinations")
        conn.execute(
            f'CREATE TEMP TABLE factdb_combinations AS SELECT {quoted}, count(*) AS n FROM "{table}" GROUP BY {quoted}'
        )
        for column in columns:
            # Exactly the rows `"column" = value` selects: NULL matches no value.
            conn.execute(
                f'INSERT INTO factdb_filter_counts (tbl, col, value, count) SELECT ?, ?, "{column}", sum(n) '
                f'FROM temp.factdb_combinations WHERE "{column}" IS NOT NULL GROUP BY "{column}"',
                (table, column),
            )
            for facet in columns:
                # Datasette's facet of the filtered rows: NULLs left out.
                conn.execute(
                    "INSERT INTO factdb_filter_facets (tbl, col, value, facet, facet_value, count) "
                    f'SELECT ?, ?, "{column}", ?, "{facet}", sum(n) FROM temp.factdb_combinations '
                    f'WHERE "{column}" IS NOT NULL AND "{facet}" IS NOT NULL GROUP BY "{column}", "{facet}"',
                    (table, column, facet),
                )
        conn.execute("DROP TABLE temp.factdb_combinations")
        order = KEY_ORDER.get(table)
        for column in KEYED_COLUMNS.get(table, ()):
            if column in columns and order in declared:
                _filter_keys(conn, table, column, order)


def _filter_keys(conn: sqlite3.Connection, table: str, column: str, order: str) -> None:
    """Number the values of ``column`` with at least :data:`KEYED_MIN_ROWS` rows and list their rows' keys."""
    first = conn.execute("SELECT coalesce(max(keys), 0) + 1 FROM factdb_filter_counts").fetchone()[0]
    values = conn.execute(
        "SELECT value FROM factdb_filter_counts WHERE tbl = ? AND col = ? AND count >= ? ORDER BY value",
        (table, column, KEYED_MIN_ROWS),
    ).fetchall()
    conn.executemany(
        "UPDATE factdb_filter_counts SET keys = ? WHERE tbl = ? AND col = ? AND value = ?",
        [(first + i, table, column, value) for i, (value,) in enumerate(values)],
    )
    conn.execute(
        f'INSERT INTO factdb_filter_keys (keys, key) SELECT f.keys, t."{order}" FROM "{table}" AS t '
        f'JOIN factdb_filter_counts AS f ON f.tbl = ? AND f.col = ? AND f.value = t."{column}" '
        f"WHERE f.keys IS NOT NULL ORDER BY 1, 2",
        (table, column),
    )
