"""What the published site would otherwise recompute on every page view, built once at publish time.

Runs on the snapshot only (``factdb publish`` calls :func:`precompute` on its copy): the
working database never carries these tables. At a million claims, counting a table's
facets or an entity's claims takes a few hundred milliseconds a page; a snapshot never
changes, so the answers are computed here once and read back by the plugin:

* ``factdb_facet_counts``: for every facet the metadata declares (claims: kind, attribute,
  unit, bound; documents: outlet ...), the count of each value over the whole table,
  which is what an unfiltered table page shows. :class:`PrecomputedColumnFacet` in the
  plugin reads it; a filtered page still counts live (its rows are fewer, and any filter
  is possible).
* ``factdb_current_counts``: current claims by kind and by attribute (the landing page's
  lists; Datasette's time limit stops a live count at a million claims, and a custom limit
  can only lower it).
* ``factdb_entity_counts``: current claims per entity and attribute (the entity page's
  table, the landing page's entity list).
* ``factdb_entity_latest``: each entity's :data:`LATEST_PER_ENTITY` most recently
  published current claims, ranked (the entity page's list, which would otherwise sort
  all of a country's claims).
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
        for name, table, columns in INDEXES:
            conn.execute(f'DROP INDEX IF EXISTS "{name}"')
            if table in tables and set(columns) <= _columns(conn, table):
                cols = ", ".join(f'"{c}"' for c in columns)
                conn.execute(f'CREATE INDEX "{name}" ON "{table}" ({cols})')
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    for name in ("factdb_facet_counts", "factdb_current_counts", "factdb_entity_counts", "factdb_entity_latest"):
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
    conn.execute("CREATE TABLE factdb_current_counts (col TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL)")
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
