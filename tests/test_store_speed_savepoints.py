"""A batch is written without a savepoint per document unless one of its documents fails
(issue 13): then the batch is written again with them, and the database ends up exactly as
if the failing document had never been in the batch.

The savepoints were a quarter of the claims insert's time on SQLite (each copies the pages
a document touches into a statement journal); containment must not change for it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factdb.db.engine import open_database
from factdb.db.store import Store
from factdb.entities import store as entity_store
from factdb.extract import extractors
from factdb.models import DocumentIn
from factdb.pipeline import prepare

from .conftest import table_rows

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# every table a batch writes, with the columns that do not depend on the clock
TABLES = {
    "documents": "id, sha256, text, title, outlet, source, char_count",
    "claims": "*",
    "entities": "*",
    "entity_aliases": "*",
    "entity_mentions": "*",
    "claim_entities": "*",
}


def _prepared(poison: bool) -> list:
    out = []
    for i, path in enumerate(sorted(SEEDS.iterdir())):
        text = path.read_text("utf-8")
        if i == 2 and poison:
            text += "\nPOISON\n"
        out.append(prepare(DocumentIn(source=path.name, text=text, outlet="Seeds")))
    return out


def _failing_links(conn, document_id, links, ids=None):
    # after the document's row and its claims are in, as a real late failure would be
    text = conn.exec_driver_sql("SELECT text FROM documents WHERE id = ?", (document_id,)).scalar()
    if "POISON" in text:
        raise sqlite3.IntegrityError("simulated failure")
    return entity_store.store_links(conn, document_id, links, ids)


def _store(target, batch: list):
    engine = open_database(target)
    store = Store(engine, "ingest", extractors(), entity_store.sync_entities, _failing_links)
    statements: list[str] = []
    if engine.dialect.name == "sqlite":
        store._dbapi().set_trace_callback(statements.append)
    results = store.write(batch)
    store.close()
    engine.dispose()
    return results, statements


def _contents(target) -> dict:
    return {t: table_rows_cols(target, t, cols) for t, cols in TABLES.items()}


def table_rows_cols(target, table: str, cols: str) -> list[tuple]:
    rows = table_rows(target, table)
    if cols == "*":
        return sorted(rows, key=repr)
    from sqlalchemy import create_engine

    from factdb.db.engine import make_engine

    engine = make_engine(target) if "://" in str(target) else create_engine(f"sqlite:///{target}")
    try:
        with engine.connect() as conn:
            return sorted((tuple(r) for r in conn.exec_driver_sql(f"SELECT {cols} FROM {table}")), key=repr)
    finally:
        engine.dispose()


def test_a_clean_batch_takes_no_savepoint(tmp_path):
    results, statements = _store(tmp_path / "a.db", _prepared(poison=False))
    assert [r.status for r in results] == ["new"] * 5
    assert statements, "the trace saw the batch"
    assert not [s for s in statements if "SAVEPOINT" in s.upper()]
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == sum(len(p.rows) for p in _prepared(False))
    assert conn.execute("SELECT count(*) FROM claim_entities").fetchone()[0] > 0  # the seeds link
    conn.close()


@pytest.fixture
def second_target(backend, tmp_path, request) -> str:
    if backend == "sqlite":
        return str(tmp_path / "without.db")
    return request.getfixturevalue("pg_cluster").new_database()


def test_a_failing_document_leaves_the_batch_as_if_it_was_never_there(db_target, second_target):
    """Fresh databases, so the failure also rolls back the batch's gazetteer sync, which the
    second attempt must redo; ids are the ones the batch without the document gets."""
    with_poison = _prepared(poison=True)
    results, statements = _store(db_target, with_poison)
    assert [getattr(r, "status", "failed") for r in results] == ["new", "new", "failed", "new", "new"]
    assert results[2].stage == "store" and "simulated failure" in results[2].reason
    if statements:  # SQLite: the second attempt took a savepoint per document
        assert sum(s.upper().startswith("SAVEPOINT") for s in statements) == 5
    without = [p for i, p in enumerate(_prepared(poison=False)) if i != 2]
    _store(second_target, without)
    got, expected = _contents(db_target), _contents(second_target)
    for table in TABLES:
        assert got[table] == expected[table], table
    assert got["claim_entities"] and got["entity_mentions"] and got["entities"]
    faults = table_rows(db_target, "run_faults")
    assert len(faults) == 1 and "simulated failure" in str(faults[0])


def test_two_failing_documents_and_a_repeat_in_one_batch(tmp_path):
    """Each failing document is rolled back alone, a repeated text is reported present."""
    batch = _prepared(poison=False)
    bad = [prepare(DocumentIn(source=f"bad{i}", text=f"POISON {i}: 7 missiles flew 300 km.")) for i in range(2)]
    batch = [bad[0], batch[0], batch[1], bad[1], batch[1], batch[2]]
    results, _ = _store(tmp_path / "b.db", batch)
    assert [getattr(r, "status", "failed") for r in results] == ["failed", "new", "new", "failed", "present", "new"]
    conn = sqlite3.connect(tmp_path / "b.db")
    assert conn.execute("SELECT id FROM documents ORDER BY id").fetchall() == [(1,), (2,), (3,)]
    assert conn.execute("SELECT count(*) FROM documents WHERE text LIKE '%POISON%'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM run_faults WHERE stage = 'store'").fetchone()[0] == 2
    conn.close()
