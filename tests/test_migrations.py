"""Alembic owns the schema: no drift from the models, every revision reversible with data in it.

The tests taking ``db_target`` run on SQLite and on PostgreSQL (issue 13; skipped with a
message when no PostgreSQL server can be started)."""

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
from factdb.db.sqlite_extras import FTS_TABLES, TRIGGERS, VIEWS, documents_matching

from .conftest import SEEDS


def objects(target) -> dict[str, set[str]]:
    """Schema objects by kind: SQLite's sqlite_master; PostgreSQL's tables, views and indexes."""
    if "://" not in str(target):
        conn = sqlite3.connect(target)
        out: dict[str, set[str]] = {}
        for kind, name in conn.execute("SELECT type, name FROM sqlite_master"):
            out.setdefault(kind, set()).add(name)
        conn.close()
        return out
    engine = make_engine(target)
    with engine.connect() as conn:
        one = lambda sql: {n for (n,) in conn.exec_driver_sql(sql)}  # noqa: E731
        out = {
            "table": one("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"),
            "view": one("SELECT viewname FROM pg_views WHERE schemaname = current_schema()"),
            "index": one("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"),
            "trigger": one("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"),
        }
    engine.dispose()
    return out


def test_no_drift_between_models_and_migrations(db_target):
    engine = open_database(db_target)
    cfg = alembic_config(engine)
    cfg.stdout = io.StringIO()  # alembic prints its verdict; keep it off pytest's captured stream
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.check(cfg)  # raises if autogenerate would write anything
    assert "No new upgrade operations detected" in cfg.stdout.getvalue()
    engine.dispose()


def test_triggers_views_and_fts_exist_at_head(db_target, backend):
    open_database(db_target).dispose()
    found = objects(db_target)
    assert set(VIEWS) <= found["view"]
    if backend == "sqlite":
        assert set(TRIGGERS) <= found["trigger"]
        assert set(FTS_TABLES) <= found["table"]
    else:  # GIN indexes named like the FTS5 tables, kept by the server: no triggers
        assert set(FTS_TABLES) <= found["index"]
        assert not found["trigger"] & set(TRIGGERS)


def _matching(engine, word: str) -> int:
    with engine.connect() as conn:
        return len(conn.exec_driver_sql(documents_matching(engine.dialect.name, (word,))).fetchall())


def test_every_revision_up_down_up_with_data(db_target, backend):
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest

    engine = make_engine(db_target)
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
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM documents").scalar() == 5
        assert conn.exec_driver_sql("SELECT count(*) FROM claims_view").scalar() == summary.claims
    # the full-text indexes still answer after the round trip
    assert _matching(engine, "blinken") >= 2
    if backend == "sqlite":
        assert set(TRIGGERS) <= objects(db_target)["trigger"]
    else:
        assert set(FTS_TABLES) <= objects(db_target)["index"]
    # and the whole schema goes down to nothing and back
    downgrade(engine, "base")
    assert "documents" not in objects(db_target).get("table", set())
    upgrade(engine, "head")
    assert set(VIEWS) <= objects(db_target)["view"]
    # a schema rebuilt from nothing takes the same data again
    assert ingest(engine, iter_inputs([str(SEEDS)])).new == 5
    assert _matching(engine, "blinken") >= 2
    engine.dispose()


def test_new_database_is_brought_to_head(db_target):
    engine = open_database(db_target)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_newer_server_database_is_refused(pg_url):
    engine = open_database(pg_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    engine.dispose()
    with pytest.raises(SchemaError, match="newer than this factdb"):
        open_database(pg_url)


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
    assert {"claims_ad", "claims_au"} <= triggers
    conn.close()


def _claims_ddl(conn) -> str:
    return conn.execute("SELECT sql FROM sqlite_master WHERE name = 'claims'").fetchone()[0]


def _objects_but_claims(conn) -> list[tuple]:
    return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name != 'claims'"))


def _all_rows(conn) -> dict[str, list]:
    tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables if "_fts" not in t}


def test_claims_checks_without_in_keep_everything_else(tmp_path):
    """Revision 0009 on SQLite: only the two checks' text changes. Every other object keeps its
    SQL, every row of every table stays (a table rebuild would have cascaded deletes into the
    claim links: migrations run with foreign keys on), the full-text index still matches,
    and the checks accept and refuse exactly what they did."""
    from factdb.ingest import iter_inputs
    from factdb.models import BOUNDS, KINDS
    from factdb.pipeline import ingest

    db = tmp_path / "x.db"
    engine = make_engine(db)
    upgrade(engine, "0008")
    summary = ingest(engine, iter_inputs([str(SEEDS)]))
    conn = sqlite3.connect(db)
    before_schema = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    before_objects, before_rows = _objects_but_claims(conn), _all_rows(conn)
    assert before_rows["claim_entities"] and before_rows["launch_event_fields"]  # not vacuous
    assert " IN (" in _claims_ddl(conn)
    conn.close()
    upgrade(engine, "0009")
    conn = sqlite3.connect(db)
    ddl = _claims_ddl(conn)
    assert "kind = 'distance' OR kind = 'altitude'" in ddl and "bound = 'exact' OR" in ddl and " IN (" not in ddl
    assert _objects_but_claims(conn) == before_objects
    after_rows = _all_rows(conn)
    after_rows["alembic_version"] = before_rows["alembic_version"]
    assert after_rows == before_rows
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)")
    assert conn.execute("SELECT count(*) FROM claims_view").fetchone()[0] == summary.claims
    # same values accepted and refused as before: every kind and bound, and near misses
    row = conn.execute("SELECT * FROM claims ORDER BY pk LIMIT 1").fetchone()
    cols = [r[1] for r in conn.execute("PRAGMA table_info(claims)")]
    insert = f"INSERT INTO claims ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    k, b, i, p = cols.index("kind"), cols.index("bound"), cols.index("id"), cols.index("pk")
    n = 0
    for kind in KINDS:
        for bound in BOUNDS:
            n += 1
            values = list(row)
            values[p], values[i], values[k], values[b] = None, f"new{n}", kind, bound
            conn.execute(insert, values)
    for kind, bound in (("Distance", "exact"), ("distance ", "exact"), ("count", "between"), (None, "exact"), ("", "")):
        n += 1
        values = list(row)
        values[p], values[i], values[k], values[b] = None, f"bad{n}", kind, bound
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(insert, values)
    conn.rollback()
    conn.close()
    downgrade(engine, "0008")
    conn = sqlite3.connect(db)
    assert sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")) == before_schema
    assert _all_rows(conn) == before_rows
    conn.close()
    engine.dispose()


def test_claims_checks_on_postgresql(pg_url):
    """Revision 0009 on PostgreSQL: the two named constraints change text, both directions."""
    engine = open_database(pg_url)

    def checks() -> dict[str, str]:
        with engine.connect() as conn:
            return dict(conn.exec_driver_sql(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = 'claims'::regclass AND contype = 'c'"
            ).fetchall())

    at_head = checks()
    assert "OR" in at_head["ck_claims_kind"] and "other_quantity" in at_head["ck_claims_kind"]
    assert "OR" in at_head["ck_claims_bound"] and len(at_head) == 5
    downgrade(engine, "0008")
    down = checks()
    assert "ANY" in down["ck_claims_kind"] and "ANY" in down["ck_claims_bound"]  # how PostgreSQL shows IN
    upgrade(engine, "head")
    assert checks() == at_head
    engine.dispose()


def test_claims_checks_not_as_written_are_refused_in_one_line(tmp_path, cli):
    """Revision 0009 edits the two constraint clauses as revision 0001 wrote them; a claims
    table changed by hand is refused (one error line, no traceback), and nothing changes."""
    db = tmp_path / "x.db"
    engine = make_engine(db)
    upgrade(engine, "0008")
    engine.dispose()
    conn = sqlite3.connect(db)
    ddl = _claims_ddl(conn)
    tampered = ddl.replace("'other_quantity'", "'other_quantity', 'rumour'")
    assert tampered != ddl
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'claims'", (tampered,))
    conn.execute(f"PRAGMA schema_version={version + 1}")
    conn.commit()
    conn.close()
    result = cli("ingest", SEEDS, "--db", db)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "ck_claims_kind" in lines[0] and "changed outside the migrations" in lines[0]
    assert "Traceback" not in result.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0008",)
    assert _claims_ddl(conn) == tampered
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    conn.close()
