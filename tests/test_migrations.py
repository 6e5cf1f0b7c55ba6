"""Alembic owns the schema: no drift from the models, every revision reversible with data in it."""

from __future__ import annotations

import io
import sqlite3

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from factdb.db.engine import (
    SchemaError,
    alembic_config,
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    open_database,
    upgrade,
)
from factdb.db.sqlite_extras import FTS_TABLES, TRIGGERS, VIEWS

from .conftest import SEEDS


def objects(path) -> dict[str, set[str]]:
    conn = sqlite3.connect(path)
    out: dict[str, set[str]] = {}
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master"):
        out.setdefault(kind, set()).add(name)
    conn.close()
    return out


def test_no_drift_between_models_and_migrations(db_path):
    engine = open_database(db_path)
    cfg = alembic_config(engine)
    cfg.stdout = io.StringIO()  # alembic prints its verdict; keep it off pytest's captured stream
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.check(cfg)  # raises if autogenerate would write anything
    assert "No new upgrade operations detected" in cfg.stdout.getvalue()  # raises if autogenerate would write anything


def test_triggers_views_and_fts_exist_at_head(db_path):
    open_database(db_path)
    found = objects(db_path)
    assert set(TRIGGERS) <= found["trigger"]
    assert set(VIEWS) <= found["view"]
    assert set(FTS_TABLES) <= found["table"]


def test_every_revision_up_down_up_with_data(db_path):
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest

    engine = make_engine(db_path)
    upgrade(engine, "head")
    summary = ingest(engine, iter_inputs([str(SEEDS)]))
    assert summary.new == 5
    script = ScriptDirectory.from_config(alembic_config())
    revisions = list(reversed(list(script.walk_revisions())))
    # step down to the first revision and back up again, one revision at a time
    for rev in reversed(revisions[1:]):
        downgrade(engine, rev.down_revision)
        upgrade(engine, rev.revision)
        downgrade(engine, rev.down_revision)
    for rev in revisions[1:]:
        upgrade(engine, rev.revision)
    assert current_revision(engine) == head_revision()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    # the FTS indexes still answer after the round trip
    assert conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Blinken'").fetchone()[0] >= 2
    assert set(TRIGGERS) <= objects(db_path)["trigger"]
    # and the whole schema goes down to nothing and back
    downgrade(engine, "base")
    assert "documents" not in objects(db_path).get("table", set())
    upgrade(engine, "head")
    assert set(VIEWS) <= objects(db_path)["view"]


def test_new_database_is_brought_to_head(db_path):
    engine = open_database(db_path)
    assert current_revision(engine) == head_revision()


def test_newer_database_is_refused(db_path):
    open_database(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaError, match="newer than this factdb"):
        open_database(db_path)


def test_cli_refuses_newer_database(db_path, cli):
    open_database(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.commit()
    conn.close()
    result = cli("stats", "--db", db_path)
    assert result.exit_code == 2
    assert "newer than this factdb" in result.output


def test_db_commands(db_path, cli):
    assert cli("db", "current", "--db", db_path).exit_code == 2  # read-only: a missing file is not created
    assert not db_path.exists()
    assert cli("db", "upgrade", "--db", db_path).exit_code == 0
    assert f"current: {head_revision()}" in cli("db", "current", "--db", db_path).output
    assert cli("db", "downgrade", "base", "--db", db_path).exit_code == 0
    assert "current: (empty)" in cli("db", "current", "--db", db_path).output


def test_run_faults_and_derived_state_at_head(db_path):
    """Revision 0003: the columns ingest writes faults into (by name, in plain SQL), the
    stage constraint, the foreign key to the run, and the indexes stats and Datasette use."""
    open_database(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys=ON")
    columns = {r[1]: (r[2], r[3]) for r in conn.execute("PRAGMA table_info(run_faults)")}  # name: (type, notnull)
    assert columns == {
        "id": ("INTEGER", 1),
        "run_id": ("INTEGER", 1),
        "stage": ("TEXT", 1),
        "source": ("TEXT", 1),
        "document_sha256": ("TEXT", 0),
        "extractor": ("TEXT", 0),
        "extractor_version": ("TEXT", 0),
        "char_offset": ("INTEGER", 0),
        "reason": ("TEXT", 1),
        "recorded_at": ("TEXT", 1),
    }
    indexes = {r[1] for r in conn.execute("PRAGMA index_list(run_faults)")}
    assert {"ix_run_faults_run_id", "ix_run_faults_stage"} <= indexes
    assert [r[2] for r in conn.execute("PRAGMA foreign_key_list(run_faults)")] == ["extraction_runs"]
    assert {r[1] for r in conn.execute("PRAGMA table_info(derived_state)")} == {"name", "fingerprint", "built_at"}
    conn.execute(
        "INSERT INTO extraction_runs (command, started_at, factdb_version, extractors, documents, claims_added, "
        "claims_removed, claims_changed) VALUES ('ingest', 'now', '0', '', 0, 0, 0, 0)"
    )
    insert = (
        "INSERT INTO run_faults (run_id, stage, source, document_sha256, extractor, extractor_version, char_offset, "
        "reason, recorded_at) VALUES (?, ?, 'feed.jsonl:12', NULL, NULL, NULL, NULL, 'not JSON', 'now')"
    )
    conn.execute(insert, (1, "read"))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute(insert, (1, "parse"))
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        conn.execute(insert, (99, "store"))
    conn.close()


def test_as_written_columns_and_view_at_head(db_path):
    """Revision 0004: two nullable TEXT columns on claims, added without a batch copy (the
    FTS triggers on claims survive), and claims_view shows them before the canonical value."""
    open_database(db_path)
    conn = sqlite3.connect(db_path)
    columns = {r[1]: (r[2], r[3]) for r in conn.execute("PRAGMA table_info(claims)")}
    assert columns["value_as_written"] == ("TEXT", 0) and columns["unit_as_written"] == ("TEXT", 0)
    view = [r[1] for r in conn.execute("PRAGMA table_info(claims_view)")]
    assert view.index("value_as_written") + 1 == view.index("unit_as_written") == view.index("value") - 1
    triggers = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"claims_ai", "claims_ad", "claims_au"} <= triggers
    conn.close()
