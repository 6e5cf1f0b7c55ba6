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
    assert "current: (empty)" in cli("db", "current", "--db", db_path).output
    assert cli("db", "upgrade", "--db", db_path).exit_code == 0
    assert f"current: {head_revision()}" in cli("db", "current", "--db", db_path).output
    assert cli("db", "downgrade", "base", "--db", db_path).exit_code == 0
    assert "current: (empty)" in cli("db", "current", "--db", db_path).output
