"""The parts of the schema outside the models: full-text indexes, their triggers, views.

The migrations create these (Alembic owns all DDL); this module names them so that
``factdb verify``, the tests and the publishing layer agree on what must exist. On
SQLite, full-text search is FTS5 tables over their content tables; on PostgreSQL, GIN
indexes over ``to_tsvector`` expressions with the FTS5 tables' names (revision 0001), and
no triggers. The views are the same SQL on both.

On SQLite, rows leave and change in the FTS5 indexes through triggers, but since revision
0008 they enter them without one: whatever inserts into ``documents`` or ``claims`` fills
the index too, once per transaction (:func:`fill_fts`). A per-row trigger costs more than
the insert it follows: FTS5 flushes its pending terms to a new index segment at every
savepoint, and ingest writes each document inside its own savepoint, so the triggers made
one tiny segment (and its merges) per document, half of ingest's storing time. A row
inserted without it is caught by ``factdb verify`` (the FTS5 integrity check compares the
index with its table).
"""

from __future__ import annotations

import sqlite3

# fts table -> (content table, content rowid column, indexed columns)
FTS_TABLES = {
    "documents_fts": ("documents", "id", ("title", "text")),
    "claims_fts": ("claims", "pk", ("quote", "subject")),
}
# the triggers of revision 0001 that remain: deletes and updates of the indexed columns
# (the insert triggers, *_ai, went in revision 0008)
TRIGGERS = tuple(f"{table}_{op}" for table in ("documents", "claims") for op in ("ad", "au"))
VIEWS = ("claims_view", "corroborations", "contradictions", "launch_event_sources")
_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")

# PostgreSQL: the expression each GIN index is built on (revision 0001 writes it out);
# a query must repeat it exactly for the planner to use the index.
PG_FTS_EXPRESSIONS = {
    "documents_fts": "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || left(text, 250000))",
    "claims_fts": "to_tsvector('english'::regconfig, quote || ' ' || subject)",
}


def documents_matching(dialect_name: str, prefixes: tuple[str, ...]) -> str:
    """SQL selecting the ids of documents whose title or text has a word starting with one
    of ``prefixes`` (plain lowercase words), through the full-text index of either backend."""
    for p in prefixes:
        if not p.isalpha() or not p.islower():
            raise ValueError(f"not a plain lowercase word: {p!r}")
    if dialect_name == "postgresql":
        query = " | ".join(f"{p}:*" for p in prefixes)
        return (
            f"SELECT id FROM documents WHERE {PG_FTS_EXPRESSIONS['documents_fts']} "
            f"@@ to_tsquery('english'::regconfig, '{query}')"
        )
    query = " OR ".join(f"{p}*" for p in prefixes)
    return f"SELECT rowid FROM documents_fts WHERE documents_fts MATCH '{query}'"


def is_fts_name(name: str) -> bool:
    """True for FTS virtual tables and their shadow tables (not models: Alembic skips them)."""
    return any(name == fts or name == fts + suffix for fts in FTS_TABLES for suffix in ("",) + _SHADOW_SUFFIXES)


def fts_in_sync(conn, fts: str) -> bool:
    """FTS5's own integrity check against its content table; False when they differ."""
    import sqlite3

    try:
        conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True


def fts_marks(cur) -> tuple[int, int]:
    """The largest document id and claim key now: what :func:`fill_fts` indexes after."""
    return cur.execute(
        "SELECT (SELECT coalesce(max(id), 0) FROM documents), (SELECT coalesce(max(pk), 0) FROM claims)"
    ).fetchone()


def fill_fts(cur, marks: tuple[int, int]) -> None:
    """Index the documents and claims inserted since :func:`fts_marks` gave ``marks``, in
    the caller's transaction (SQLite only; the write lock held since the marks were taken,
    so every row above them is the caller's). Keys only grow (integer primary keys, never
    reused below the largest), so the rows above the marks are exactly the new ones; a
    rolled-back insert left none behind."""
    documents, claims = marks
    cur.execute("INSERT INTO documents_fts(rowid, title, text) SELECT id, title, text FROM documents WHERE id > ?", (documents,))
    cur.execute("INSERT INTO claims_fts(rowid, quote, subject) SELECT pk, quote, subject FROM claims WHERE pk > ?", (claims,))


def _null(value: None) -> None:
    return value


def bind_none_and_bool_fast() -> None:
    """Let Python's sqlite3 bind ``None`` and ``bool`` parameters through a registered adapter.

    sqlite3 (Python 3.11) binds int, float, str and bytes directly, but every other value,
    ``None`` and ``True`` included, goes through its adaptation protocol, which looks for an
    adapter and fails to find one by raising and swallowing an AttributeError: about a
    microsecond per value. A claim row carries eight or so NULLs and two booleans, so that
    was a fifth of the time spent inserting claims. With an adapter registered the lookup
    succeeds at once. What is stored does not change: the adapters return what sqlite3 bound
    before (NULL for ``None``, the integer for a ``bool``). Process-wide, as adapters are;
    an adapter registered for these types by anyone else is left as it is.
    """
    for kind, adapter in ((type(None), _null), (bool, int)):
        if (kind, sqlite3.PrepareProtocol) not in sqlite3.adapters:
            sqlite3.register_adapter(kind, adapter)
