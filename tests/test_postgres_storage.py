"""Storage behaviour that must hold on both backends (issue 13), and PostgreSQL's own errors.

Tests taking ``db_target`` run on a SQLite file and on a PostgreSQL database of the
session's throwaway cluster (skipped with a message when none can be started).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factdb.cli import app
from factdb.db.engine import make_engine, open_database
from factdb.ingest import iter_inputs
from factdb.pipeline import ingest

from .conftest import SEEDS

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def one_error_line(result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and "Traceback" not in result.output
    return lines[0]


def sql(target, statement: str, params=()):
    """Run one statement on either backend; the rows of a SELECT."""
    engine = make_engine(target)
    try:
        with engine.begin() as conn:
            result = conn.exec_driver_sql(statement, params)
            return result.fetchall() if result.returns_rows else None
    finally:
        engine.dispose()


def test_document_failing_mid_store_rolls_back_alone(db_target, tmp_path, monkeypatch):
    """A statement failing inside one document's savepoint (on PostgreSQL that aborts the
    transaction until ROLLBACK TO) costs that document only; the batch commits."""
    import factdb.entities.store as store_module

    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(SEEDS.iterdir()):
        (folder / path.name).write_text(path.read_text("utf-8"), encoding="utf-8")
    poison = sorted(folder.iterdir())[2]
    poison.write_text(poison.read_text("utf-8") + "\nPOISON\n", encoding="utf-8")
    real = store_module.store_links

    def failing_links(conn, document_id, links, ids=None):
        text = conn.exec_driver_sql("SELECT text FROM documents WHERE id = ?", (document_id,)).scalar()
        if "POISON" in text:  # a real constraint violation, raised by the database itself
            conn.exec_driver_sql("INSERT INTO claims (id) VALUES ('no other column')")
        return real(conn, document_id, links, ids)

    monkeypatch.setattr(store_module, "store_links", failing_links)
    engine = open_database(db_target)
    summary = ingest(engine, iter_inputs([str(folder)]))
    engine.dispose()
    assert summary.new == 4 and len(summary.failed) == 1
    assert summary.failed[0].stage == "store" and "could not be stored" in summary.failed[0].reason
    assert sql(db_target, "SELECT count(*) FROM documents WHERE text LIKE '%POISON%'") == [(0,)]
    assert sql(db_target, "SELECT count(*) FROM documents") == [(4,)]
    orphans = "SELECT count(*) FROM claims c LEFT JOIN documents d ON d.id = c.document_id WHERE d.id IS NULL"
    assert sql(db_target, orphans) == [(0,)]
    assert sql(db_target, "SELECT stage FROM run_faults") == [("store",)]
    monkeypatch.undo()
    # the failed document goes in whole on the next run
    engine = open_database(db_target)
    again = ingest(engine, iter_inputs([str(folder)]))
    engine.dispose()
    assert again.new == 1 and again.present == 4 and not again.failed
    assert run("verify", "--db", db_target).exit_code == 0
    # the failed document left no hole in the ids (SQLite reuses them; PostgreSQL is told to)
    assert [r[0] for r in sql(db_target, "SELECT id FROM documents ORDER BY id")] == [1, 2, 3, 4, 5]


def test_same_text_twice_in_one_batch_leaves_no_gap(db_target, tmp_path):
    """The second copy conflicts on the text hash inside the insert: on PostgreSQL that takes
    a number from the sequence, which must not show as a gap in the ids (the snapshots of
    both backends would differ)."""
    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted(SEEDS.iterdir())
    for i, path in enumerate(seeds[:3] + seeds[:1] + seeds[3:]):
        (folder / f"{i}-{path.name}").write_bytes(path.read_bytes())
    engine = open_database(db_target)
    summary = ingest(engine, iter_inputs([str(folder)]))
    engine.dispose()
    assert summary.new == 5 and summary.present == 1 and not summary.failed
    assert [r[0] for r in sql(db_target, "SELECT id FROM documents ORDER BY id")] == [1, 2, 3, 4, 5]


def test_killed_run_is_repaired_by_verify(db_target):
    engine = open_database(db_target)
    ingest(engine, iter_inputs([str(SEEDS)]))
    engine.dispose()
    events = sql(db_target, "SELECT count(*) FROM launch_events")
    # what a process killed between its last commit and its rebuild leaves behind
    sql(db_target, "DELETE FROM claim_group_members")
    sql(db_target, "DELETE FROM claim_groups")
    sql(db_target, "DELETE FROM launch_events")
    text = "A sixth article, stored but never grouped."
    sql(
        db_target,
        "INSERT INTO documents (sha256, text, source, media_type, encoding, char_count, ingested_at) "
        "VALUES (?, ?, 'killed.txt', 'text/plain', 'utf-8', ?, '2026-01-01T00:00:00+00:00')",
        (__import__("hashlib").sha256(text.encode()).hexdigest(), text, len(text)),
    )
    if "://" not in str(db_target):  # as a committed SQLite ingest batch indexes its documents (revision 0008)
        sql(db_target, "INSERT INTO documents_fts(rowid, title, text) SELECT id, title, text FROM documents "
            "WHERE source = 'killed.txt'")
    result = run("verify", "--check-only", "--json", "--db", db_target)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["faults"]["derived tables"]
    result = run("verify", "--json", "--db", db_target)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rebuilt_derived_tables"] is True
    assert sql(db_target, "SELECT count(*) FROM launch_events") == events


def test_downgrade_counts_rows_and_needs_yes(db_target):
    engine = open_database(db_target)
    ingest(engine, iter_inputs([str(SEEDS)]))
    engine.dispose()
    line = one_error_line(run("db", "downgrade", "base", "--db", db_target), code=1)
    assert line.startswith("error: downgrading to base would delete 5 documents, ")
    result = run("db", "downgrade", "base", "--yes", "--db", db_target)
    assert result.exit_code == 0 and result.stdout.strip() == "at revision (base)", result.output
    assert run("db", "upgrade", "--db", db_target).exit_code == 0
    assert sql(db_target, "SELECT count(*) FROM documents") == [(0,)]


# --- PostgreSQL's failures are one line too -------------------------------------------


def test_unreachable_server_is_one_line():
    pytest.importorskip("psycopg")
    url = "postgresql+psycopg://factdb:secret@127.0.0.1:1/nothing"
    line = one_error_line(run("stats", "--db", url))
    assert line.startswith("error: cannot connect to PostgreSQL at postgresql+psycopg://factdb:***@127.0.0.1:1/nothing: ")
    assert "secret" not in line and "refused" in line.lower()


def test_missing_socket_folder_is_one_line(tmp_path):
    pytest.importorskip("psycopg")
    line = one_error_line(run("ingest", "--db", f"postgresql://factdb@/db?host={tmp_path}/gone", str(SEEDS)))
    assert line.startswith(f"error: cannot connect to PostgreSQL at postgresql+psycopg://factdb@/db?host={tmp_path}/gone: ")


def test_unknown_database_on_a_live_server(pg_cluster):
    line = one_error_line(run("stats", "--db", pg_cluster.url("no_such_db")))
    assert "no_such_db" in line and "does not exist" in line


@pytest.mark.parametrize("url", ["mysql://u@h/db", "postgresql+asyncpg://u@h/db", "oracle://u:pw@h/db"])
def test_other_databases_are_refused(url):
    line = one_error_line(run("stats", "--db", url))
    assert line.startswith("error: cannot use ") and "factdb stores into a SQLite file or PostgreSQL" in line
    assert "pw@" not in line


def test_another_programs_server_database_is_refused(pg_url):
    sql(pg_url, "CREATE TABLE customers (id integer)")
    line = one_error_line(run("ingest", "--db", pg_url, str(SEEDS)))
    assert line.endswith("is not a factdb database (it has tables customers); use a new database or schema")
    assert {r[0] for r in sql(pg_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")} == {"customers"}


def test_sqlite_url_is_a_path(tmp_path):
    path = tmp_path / "via-url.db"
    assert run("db", "upgrade", "--db", f"sqlite:///{path}").exit_code == 0
    assert path.exists()


def test_export_from_a_server_says_to_publish_first(pg_url):
    assert run("db", "upgrade", "--db", pg_url).exit_code == 0
    line = one_error_line(run("export", "--format", "jsonl", "--db", pg_url))
    assert line == "error: export reads a SQLite file: run factdb publish, then factdb export --db dist/factdb.db"
