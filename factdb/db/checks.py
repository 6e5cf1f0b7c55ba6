"""``factdb verify``: the provenance invariants, checked over the whole database.

Each check returns the faults it finds as short strings; an empty list is a pass.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Engine

from factdb.db.sqlite_extras import FTS_TABLES, TRIGGERS, VIEWS, fts_in_sync


def check_spans(conn) -> list[str]:
    # substr() counts characters, as Python slicing does, so this is text[start:end] == quote.
    rows = conn.exec_driver_sql(
        "SELECT c.id, c.document_id, c.char_start, c.char_end FROM claims c JOIN documents d ON d.id = c.document_id "
        "WHERE c.char_end > length(d.text) OR substr(d.text, c.char_start + 1, c.char_end - c.char_start) != c.quote"
    ).fetchall()
    return [f"claim {r[0]}: quote differs from document {r[1]} text[{r[2]}:{r[3]}]" for r in rows]


def check_document_hashes(conn) -> list[str]:
    faults = []
    for doc_id, sha, text in conn.exec_driver_sql("SELECT id, sha256, text FROM documents"):
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
            faults.append(f"document {doc_id}: stored text no longer matches its SHA-256")
    return faults


def check_foreign_keys(conn) -> list[str]:
    if conn.dialect.name == "postgresql":
        # PostgreSQL enforces every foreign key on every write, with no switch to turn it
        # off per connection (SQLite's PRAGMA foreign_keys): no row can break one.
        return []
    rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    return [f"{r[0]} row {r[1]}: missing {r[2]} row (foreign key {r[3]})" for r in rows]


def check_schema_objects(conn) -> list[str]:
    if conn.dialect.name == "postgresql":
        # views, and the GIN indexes standing for the FTS5 tables (no triggers there)
        present = {n for (n,) in conn.exec_driver_sql("SELECT viewname FROM pg_views WHERE schemaname = current_schema()")}
        present |= {n for (n,) in conn.exec_driver_sql("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
        return [f"missing {name}" for name in sorted((set(VIEWS) | set(FTS_TABLES)) - present)]
    present = {
        name
        for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view', 'table')")
    }
    wanted = set(TRIGGERS) | set(VIEWS) | set(FTS_TABLES)
    return [f"missing {name}" for name in sorted(wanted - present)]


def check_fts(conn) -> list[str]:
    if conn.dialect.name == "postgresql":
        return []  # expression indexes: the server updates them with their rows, nothing to drift
    raw = conn.connection.dbapi_connection
    return [f"{fts} is out of sync with {table}" for fts, (table, _, _) in FTS_TABLES.items() if not fts_in_sync(raw, fts)]


def check_mention_spans(conn) -> list[str]:
    """Entity mentions and launch-event field quotes obey the claims' span invariant."""
    rows = conn.exec_driver_sql(
        "SELECT 'mention', m.id, m.document_id, m.char_start, m.char_end FROM entity_mentions m "
        "JOIN documents d ON d.id = m.document_id "
        "WHERE m.char_end > length(d.text) OR substr(d.text, m.char_start + 1, m.char_end - m.char_start) != m.quote "
        "UNION ALL SELECT 'launch event field', f.id, f.document_id, f.char_start, f.char_end FROM launch_event_fields f "
        "JOIN documents d ON d.id = f.document_id WHERE f.char_start IS NOT NULL AND (f.char_end > length(d.text) "
        "OR substr(d.text, f.char_start + 1, f.char_end - f.char_start) != f.quote)"
    ).fetchall()
    return [f"{r[0]} {r[1]}: quote differs from document {r[2]} text[{r[3]}:{r[4]}]" for r in rows]


CHECKS = {
    "spans": check_spans,
    "mention spans": check_mention_spans,
    "document hashes": check_document_hashes,
    "foreign keys": check_foreign_keys,
    "schema objects": check_schema_objects,
    "full-text indexes": check_fts,
}


def verify(engine: Engine, extra: dict | None = None) -> dict[str, list[str]]:
    """Run every check, then ``extra`` ones (name → check(conn)); ``{check name: [faults]}``.

    Checks that need the layers above the database (the derived tables' fingerprint
    belongs to the linker) come in through ``extra``: this module imports none of them.
    """
    results = {}
    with engine.connect() as conn:
        for name, check in {**CHECKS, **(extra or {})}.items():
            results[name] = check(conn)
    return results
