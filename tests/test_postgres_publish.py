"""The same inputs through either backend publish the same snapshot (issue 13).

The same documents are ingested, in the same order and in two runs (so the derived
tables are rebuilt once over), into a SQLite file and a PostgreSQL database; both are
published. The two snapshots must have the same schema and, table by
table, the same rows (the clock columns aside: they say when, not what), the same FTS
answers and the same precomputed counts. Also: the CLI commands on a PostgreSQL URL.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from factdb.db.engine import open_database
from factdb.ingest import iter_inputs
from factdb.pipeline import ingest
from factdb.publish.snapshot import INSPECT_NAME, publish

from .conftest import FIXTURES, SEEDS, assert_provenance

INPUTS = [str(SEEDS), str(FIXTURES / "linking")]
# when a row was written, not what it says: differs between any two runs
CLOCK_COLUMNS = {"ingested_at", "started_at", "finished_at", "registered_at", "built_at", "recorded_at"}


def _ingest(target) -> int:
    """The inputs in two runs: the second rebuilds the groups and events the first built."""
    new = 0
    for inputs in (INPUTS[:1], INPUTS[1:]):
        engine = open_database(target)
        summary = ingest(engine, iter_inputs(inputs))
        engine.dispose()
        assert not summary.failed, summary.failed
        new += summary.new
    return new


def _content(snapshot) -> dict:
    conn = sqlite3.connect(snapshot)
    out = {"schema": sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))}
    tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table.startswith("sqlite_") or "_fts_" in table:
            continue  # SQLite's statistics and FTS5's internal segments (their answers are compared below)
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[1] not in CLOCK_COLUMNS]
        quoted = ", ".join(f'"{c}"' for c in cols)
        out[table] = conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY {quoted}').fetchall()
    for fts, words in (("documents_fts", "missile OR launch*"), ("claims_fts", "kilomet* OR people")):
        out[fts] = conn.execute(f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid", (words,)).fetchall()
    conn.close()
    return out


@pytest.fixture(scope="module")
def published_pair(pg_cluster, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pair")
    sqlite_db, pg_db = str(tmp / "source.db"), pg_cluster.new_database("pair")
    assert _ingest(sqlite_db) == _ingest(pg_db) > 20
    return publish(sqlite_db, tmp / "from-sqlite"), publish(pg_db, tmp / "from-postgres"), sqlite_db, pg_db


def test_snapshot_from_postgres_equals_snapshot_from_sqlite(published_pair):
    from_sqlite, from_pg, _, _ = published_pair
    a, b = _content(from_sqlite.path), _content(from_pg.path)
    assert a.keys() == b.keys()
    for table in a:
        assert a[table] == b[table], f"{table} differs"
    # not vacuous: the tables that carry the facts have rows, and the searches find some
    for table in ("documents", "claims", "entity_mentions", "claim_entities", "claim_groups", "launch_events"):
        assert a[table], table
    assert a["documents_fts"] and a["claims_fts"]
    assert from_sqlite.counts == from_pg.counts
    inspect = [json.loads((s.path.parent / INSPECT_NAME).read_text()) for s in (from_sqlite, from_pg)]
    assert inspect[0]["factdb"]["tables"] == inspect[1]["factdb"]["tables"]


def test_snapshot_from_postgres_is_a_clean_sqlite_file(published_pair):
    _, from_pg, _, _ = published_pair
    conn = sqlite3.connect(from_pg.path)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # the FTS5 indexes agree with their tables, and every trigger and index of the schema is back
    for fts in ("documents_fts", "claims_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
    names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')")}
    assert {"claims_ad", "documents_au", "ix_claims_kind", "uq_entity_mentions_document_span"} <= names
    assert conn.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0  # ANALYZE ran
    conn.close()
    assert assert_provenance(from_pg.path) > 0
    assert not (from_pg.path.parent / f"{from_pg.path.name}-wal").exists()


def test_cli_on_a_postgres_url(published_pair, cli, tmp_path):
    _, _, sqlite_db, pg_db = published_pair
    result = cli("verify", "--json", "--db", pg_db)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ok"] is True
    stats = [json.loads(cli("stats", "--json", "--db", db).stdout) for db in (sqlite_db, pg_db)]
    for key in ("documents", "claims", "claims_by_kind", "claims_by_extractor", "documents_by_outlet"):
        assert stats[0][key] == stats[1][key], key
    assert stats[1]["file_bytes"] > 0  # the server's size of the database
    claims = [cli("claims", "--db", db, "--json").stdout for db in (sqlite_db, pg_db)]
    assert claims[0] == claims[1] and [json.loads(line) for line in claims[0].splitlines()]  # JSON Lines
    assert "current: " in cli("db", "current", "--db", pg_db).output
    result = cli("publish", "--db", pg_db, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "factdb.db").exists()


def test_republishing_replaces_the_snapshot(published_pair, tmp_path):
    _, _, _, pg_db = published_pair
    first = publish(pg_db, tmp_path)
    before = sqlite3.connect(first.path).execute("SELECT count(*) FROM claims").fetchone()
    second = publish(pg_db, tmp_path)
    assert second.path == first.path
    assert sqlite3.connect(second.path).execute("SELECT count(*) FROM claims").fetchone() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([INSPECT_NAME, "factdb.db"])  # no leftovers


def test_snapshot_is_one_moment_while_others_write(db_target, tmp_path, monkeypatch):
    """Tables are copied one after the other; an ingest committing in between must not give
    the snapshot claims, mentions or links of documents it does not have."""
    import factdb.publish.snapshot as snapshot

    engine = open_database(db_target)
    ingest(engine, iter_inputs([str(SEEDS)]))
    engine.dispose()
    real = snapshot._copy_table
    written = []

    def copy_then_write(conn, db, table):
        real(conn, db, table)
        if table == "documents":  # another process ingests right after the documents were read
            other = open_database(db_target)
            written.append(ingest(other, iter_inputs([str(FIXTURES / "linking")])).new)
            other.dispose()

    monkeypatch.setattr(snapshot, "_copy_table", copy_then_write)
    snap = snapshot.publish(db_target, tmp_path / "out")
    assert written and written[0] > 0
    conn = sqlite3.connect(snap.path)
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (5,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT count(*) FROM claims").fetchone() == conn.execute(
        "SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document_id").fetchone()
    conn.close()
    assert assert_provenance(snap.path) > 0
