"""The SQLite-only parts of the schema: FTS5 indexes, the triggers that sync them, views.

The migrations create these (Alembic owns all DDL); this module names them so that
``factdb verify``, the tests and the publishing layer agree on what must exist.
"""

from __future__ import annotations

# fts table -> (content table, content rowid column, indexed columns)
FTS_TABLES = {
    "documents_fts": ("documents", "id", ("title", "text")),
    "claims_fts": ("claims", "pk", ("quote", "subject")),
}
TRIGGERS = tuple(f"{table}_{op}" for table in ("documents", "claims") for op in ("ai", "ad", "au"))
VIEWS = ("claims_view", "corroborations", "contradictions", "launch_event_sources")
_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")


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
