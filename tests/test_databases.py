"""What `--db` may name, and what happens when the database fails (issue 8).

Read-only commands refuse a missing file instead of creating it empty; nothing opens a
folder, a text file or another program's SQLite database; every SQLite failure reaching
the CLI is one `error:` line naming the database, exit 2. `db downgrade` asks for --yes
before deleting rows, and accepts `-1`. Claim groups and launch events carry a
fingerprint of what they were built from, so a killed run cannot leave them stale unseen.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factdb.cli import app
from factdb.db import engine as engine_module
from factdb.db.engine import describe_error, head_revision, is_database_error, open_database
from factdb.db.sqlite_extras import fill_fts, fts_marks

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def one_error_line(result, code: int = 2) -> str:
    """The command failed with exactly one line on stderr, and no traceback anywhere."""
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output
    return lines[0]


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def scalar(path: Path, sql: str, params=()):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def seeded(seeded_db, tmp_path) -> Path:
    """A private copy of the session's seeded database (the five seeds), safe to change."""
    path = tmp_path / "seeded.db"
    src, dst = sqlite3.connect(seeded_db), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return path


@pytest.fixture
def other_program_db(tmp_path) -> Path:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE foo (x)")
    conn.execute("INSERT INTO foo VALUES (1)")
    conn.commit()
    conn.close()
    return path


# --- a missing file: read commands refuse, writing commands create ----------------------

READERS = [
    ["claims"],
    ["stats"],
    ["verify"],
    ["db", "current"],
    ["db", "downgrade", "base"],
    ["publish", "--out", "out"],
    ["serve", "--dir", "out", "--db"],  # --db's value follows
]


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_read_commands_refuse_a_missing_database(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = command + ["typo.db"] if command[-1] == "--db" else command + ["--db", "typo.db"]
    line = one_error_line(run(*args))
    assert line == "error: no database at typo.db (run factdb ingest to create one)"
    assert not (tmp_path / "typo.db").exists()


def test_missing_database_named_by_environment_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTDB_DB", "typo.db")
    assert one_error_line(run("stats")) == "error: no database at typo.db (run factdb ingest to create one)"
    assert not (tmp_path / "typo.db").exists()


@pytest.mark.parametrize(
    "command",
    [["ingest", str(Path(__file__).parents[1] / "seeds")], ["link"], ["db", "upgrade"]],
    ids=lambda c: " ".join(c[:2]) if c[0] == "db" else c[0],
)
def test_writing_commands_create_a_missing_database(command, tmp_path):
    path = tmp_path / "new.db"
    result = run(*command, "--db", path)
    assert result.exit_code == 0, result.output
    assert scalar(path, "SELECT version_num FROM alembic_version") == head_revision()


# --- paths that are no database -------------------------------------------------------

ANY_COMMAND = [["stats"], ["verify"], ["claims"], ["link"], ["db", "upgrade"], ["db", "current"], ["publish"]]


@pytest.mark.parametrize("command", ANY_COMMAND + [["ingest", "-"]], ids=" ".join)
def test_text_file_is_not_a_database(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("x.txt").write_text("some notes, not a database\n")
    result = runner.invoke(app, [*command, "--db", "x.txt"], input="an article\n", catch_exceptions=False)
    assert one_error_line(result) == "error: x.txt is not a SQLite database"
    assert Path("x.txt").read_text() == "some notes, not a database\n"


@pytest.mark.parametrize("command", ANY_COMMAND + [["ingest", "-"]], ids=" ".join)
def test_database_in_a_missing_folder(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*command, "--db", "nope/x.db"], input="an article\n", catch_exceptions=False)
    assert one_error_line(result) == "error: cannot open database nope/x.db: folder nope does not exist"
    assert not Path("nope").exists()


@pytest.mark.parametrize("command", ANY_COMMAND, ids=" ".join)
def test_directory_is_not_a_database(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("d").mkdir()
    assert one_error_line(run(*command, "--db", "d")) == "error: cannot open database d: it is a directory"


@pytest.mark.parametrize(
    "command", [*ANY_COMMAND, ["ingest", str(Path(__file__).parents[1] / "seeds")]], ids=lambda c: " ".join(c[:2])
)
def test_another_programs_database_is_refused_and_left_alone(command, other_program_db, monkeypatch):
    monkeypatch.chdir(other_program_db.parent)
    before = other_program_db.read_bytes()
    line = one_error_line(run(*command, "--db", "other.sqlite"))
    assert line == "error: other.sqlite is not a factdb database (it has tables foo); use a new file"
    assert tables(other_program_db) == {"foo"}
    assert other_program_db.read_bytes() == before  # not even switched to WAL


def test_another_programs_database_lists_a_few_tables(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    conn = sqlite3.connect("many.sqlite")
    for name in ("a", "b", "c", "d", "e", "f", "g"):
        conn.execute(f"CREATE TABLE {name} (x)")
    conn.close()
    line = one_error_line(run("stats", "--db", "many.sqlite"))
    assert line == "error: many.sqlite is not a factdb database (it has tables a, b, c, d, e, …); use a new file"


def test_another_alembic_programs_database_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    conn = sqlite3.connect("app.db")
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    conn.execute("INSERT INTO alembic_version VALUES ('9f1c2ab0e')")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    line = one_error_line(run("ingest", "--db", "app.db", "-"))
    assert line == "error: app.db is not a factdb database (it has tables users); use a new file"
    assert tables(Path("app.db")) == {"alembic_version", "users"}


def test_empty_file_and_base_revision_are_factdb_databases(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()  # SQLite reads a zero-byte file as an empty database
    assert run("db", "upgrade", "--db", empty).exit_code == 0
    assert run("db", "downgrade", "base", "--db", empty).exit_code == 0
    assert tables(empty) == {"alembic_version"}  # what alembic leaves at base
    result = run("db", "current", "--db", empty)
    assert result.exit_code == 0 and "current: (empty)" in result.stdout
    assert run("stats", "--db", empty).exit_code == 0


def test_library_refuses_too(other_program_db):
    with pytest.raises(engine_module.DatabaseError, match="is not a factdb database"):
        open_database(other_program_db)
    with pytest.raises(engine_module.DatabaseError, match="no database at"):
        open_database(other_program_db.parent / "typo.db", create=False)


# --- SQLite failures are one line, exit 2 ---------------------------------------------


def test_locked_database(seeded, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(seeded, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, mid-transaction
    try:
        line = one_error_line(run("link", "--db", seeded))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert line == (
        f"error: database {seeded} is locked by another process (gave up after 0.2 s); try again when it has finished"
    )


def test_corrupt_database(seeded):
    data = bytearray(seeded.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, page):  # every page but the schema's
        data[start + 8 : start + 400] = bytes((i * 37 + 11) % 256 for i in range(392))
    seeded.write_bytes(bytes(data))
    for command in (["verify"], ["claims"], ["stats"]):
        line = one_error_line(run(*command, "--db", seeded))
        assert line == (
            f"error: database {seeded} is corrupt (database disk image is malformed); "
            "restore it from a backup or a published snapshot"
        )


def test_sqlite_header_without_a_database(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    line = one_error_line(run("stats", "--db", path))
    assert line == f"error: {path} is not a SQLite database, or it is corrupt (file is not a database)"


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (
            "attempt to write a readonly database",
            "cannot write to database {db}: the file or its folder is read-only (attempt to write a readonly database)",
        ),
        (
            "disk I/O error",
            "cannot read or write database {db}: disk I/O error (disk failing, file removed, or network share gone?)",
        ),
        ("database or disk is full", "cannot write to database {db}: the disk is full"),
        ("unable to open database file", "cannot open database {db}: unable to open database file"),
        ("no such table: documents", "database {db}: no such table: documents"),
    ],
)
@pytest.mark.parametrize("wrapped", [False, True], ids=["sqlite3", "sqlalchemy"])
def test_sqlite_errors_inside_a_command_are_one_line(seeded, monkeypatch, reason, expected, wrapped):
    """Running as root, chmod cannot make a file read-only, nor can a test fail a disk:
    the error is raised where the command queries, as SQLite would raise it."""
    from sqlalchemy.exc import OperationalError

    def failing(_engine):
        error = sqlite3.OperationalError(reason)
        raise OperationalError("SELECT count(*) FROM documents", (), error) if wrapped else error

    monkeypatch.setattr("factdb.db.queries.stats", failing)
    assert one_error_line(run("stats", "--db", seeded)) == "error: " + expected.format(db=seeded)


def test_bugs_keep_their_traceback():
    """Integrity and programming errors are factdb's bugs, not the database's state."""
    assert not is_database_error(sqlite3.IntegrityError("CHECK constraint failed: span"))
    assert not is_database_error(sqlite3.ProgrammingError("Incorrect number of bindings"))
    assert is_database_error(sqlite3.DatabaseError("file is not a database"))
    assert describe_error(sqlite3.OperationalError("database is locked"), "x.db").startswith(
        "database x.db is locked by another process"
    )


# --- db downgrade: --yes before deleting rows, relative revisions ------------------------


def test_downgrade_that_deletes_rows_needs_yes(seeded):
    count = lambda table: scalar(seeded, f"SELECT count(*) FROM {table}")  # noqa: E731
    line = one_error_line(run("db", "downgrade", "base", "--db", seeded), code=1)
    assert line.startswith(
        f"error: downgrading to base would delete 5 documents, {count('claims'):,} claims, 1 extraction run, "
    )
    assert f"{count('entities'):,} entities" in line and f"{count('launch_events'):,} launch event" in line
    assert line.endswith("; pass --yes to do it")
    line = one_error_line(run("db", "downgrade", "0001", "--db", seeded), code=1)
    assert line.startswith("error: downgrading to 0001 would delete 111 entities, ")
    assert "documents" not in line
    assert scalar(seeded, "SELECT version_num FROM alembic_version") == head_revision()  # nothing done
    assert scalar(seeded, "SELECT count(*) FROM documents") == 5


def _down_to_0003(path) -> None:
    # revisions after 0003 come and go; these tests are about the ones up to it
    result = run("db", "downgrade", "0003", "--yes", "--db", path)
    assert result.exit_code == 0 and result.stdout.strip() == "at revision 0003", result.output


def test_downgrade_relative_revisions(seeded):
    # 0003 -> 0002 drops run_faults and derived_state: without fault rows, no --yes needed
    _down_to_0003(seeded)
    conn = sqlite3.connect(seeded)
    conn.execute("DELETE FROM run_faults")
    conn.commit()
    conn.close()
    result = run("db", "downgrade", "-1", "--db", seeded)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "at revision 0002"
    one_error_line(run("db", "downgrade", "-1", "--db", seeded), code=1)  # entity tables have rows
    assert run("db", "downgrade", "-1", "--yes", "--db", seeded).stdout.strip() == "at revision 0001"
    assert run("db", "downgrade", "--yes", "-1", "--db", seeded).stdout.strip() == "at revision (base)"
    assert "documents" not in tables(seeded)
    assert run("db", "upgrade", "--db", seeded).exit_code == 0


def test_downgrade_counts_run_faults(seeded):
    _down_to_0003(seeded)
    conn = sqlite3.connect(seeded)
    conn.execute("DELETE FROM run_faults")
    conn.execute(
        "INSERT INTO run_faults (run_id, stage, source, document_sha256, extractor, extractor_version, "
        "char_offset, reason, recorded_at) VALUES (1, 'extract', 'a.txt', NULL, 'money', '1.0', 10, 'boom', 'now')"
    )
    conn.commit()
    conn.close()
    line = one_error_line(run("db", "downgrade", "-1", "--db", seeded), code=1)
    assert line == "error: downgrading to 0002 would delete 1 run fault; pass --yes to do it"


def test_downgrade_without_rows_needs_no_yes(tmp_path):
    path = tmp_path / "fresh.db"
    assert run("db", "upgrade", "--db", path).exit_code == 0
    result = run("db", "downgrade", "base", "--db", path)
    assert result.exit_code == 0 and result.stdout.strip() == "at revision (base)"


@pytest.mark.parametrize(
    ("revision", "expected"),
    [
        ("zzz", "error: unknown revision 'zzz'; see factdb db current"),
        ("--yess", "error: unknown revision '--yess'; see factdb db current"),  # a mistyped option
        ("-99", f"error: cannot go 99 revisions down from {head_revision()}: it is {int(head_revision())} above base"),
    ],
)
def test_downgrade_bad_revision(seeded, revision, expected):
    assert one_error_line(run("db", "downgrade", revision, "--db", seeded)) == expected


def test_upgrade_unknown_revision(seeded):
    line = one_error_line(run("db", "upgrade", "zzz", "--db", seeded))
    assert line.startswith(f"error: cannot upgrade {seeded} to zzz: ")


# --- run_faults in stats and verify -----------------------------------------------------


def test_stats_counts_run_faults_and_verify_accepts_them(seeded):
    conn = sqlite3.connect(seeded)
    conn.execute("DELETE FROM run_faults")  # the seeds' own, if the rules fault on any
    conn.executemany(
        "INSERT INTO run_faults (run_id, stage, source, document_sha256, extractor, extractor_version, "
        "char_offset, reason, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (1, "read", "feed.jsonl:12", None, None, None, None, "line 12 is not JSON", "2026-01-01T00:00:00+00:00"),
            (1, "extract", "a.txt", "ab" * 32, "money", "1.10.0", 120, "rule raised", "2026-01-01T00:00:00+00:00"),
            (1, "extract", "b.txt", "cd" * 32, "money", "1.10.0", None, "bad span", "2026-01-01T00:00:00+00:00"),
        ],
    )
    conn.commit()
    conn.close()
    data = json.loads(run("stats", "--json", "--db", seeded).stdout)
    assert data["run_faults"] == 3
    assert data["run_faults_by_stage"] == {"extract": 2, "read": 1}
    assert data["run_faults_by_extractor"] == {"money@1.10.0": 2}
    text = run("stats", "--db", seeded).stdout
    assert "run_faults_by_stage:\n  extract: 2\n  read: 1\n" in text
    assert "run_faults_by_extractor:\n  money@1.10.0: 2\n" in text
    result = run("verify", "--db", seeded)
    assert result.exit_code == 0, result.output


# --- derived tables: a fingerprint of their inputs -------------------------------------


def _kill_after_last_commit(path: Path) -> None:
    """What a process killed between its last document commit and its refresh leaves:
    a document the groups and events were not built from (and here, emptied tables)."""
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM claim_group_members")
    conn.execute("DELETE FROM claim_groups")
    conn.execute("DELETE FROM launch_events")
    text = "A sixth article, stored but never grouped."
    marks = fts_marks(conn)
    conn.execute(
        "INSERT INTO documents (sha256, text, source, media_type, encoding, char_count, ingested_at) "
        "VALUES (?, ?, 'killed.txt', 'text/plain', 'utf-8', ?, '2026-01-01T00:00:00+00:00')",
        (__import__("hashlib").sha256(text.encode()).hexdigest(), text, len(text)),
    )
    fill_fts(conn, marks)  # as a committed ingest batch indexes its documents
    conn.commit()
    conn.close()


STALE = "     derived tables are stale (groups/events built from an older state); run factdb link"


def test_killed_run_is_reported_by_verify_and_repaired_by_link(seeded):
    assert run("verify", "--db", seeded).exit_code == 0
    events = scalar(seeded, "SELECT count(*) FROM launch_events")
    assert events > 0
    _kill_after_last_commit(seeded)
    result = run("verify", "--check-only", "--db", seeded)
    assert result.exit_code == 1
    assert "FAIL derived tables (1 faults)\n" + STALE + "\n" in result.stdout
    assert not json.loads(run("verify", "--check-only", "--json", "--db", seeded).stdout)["ok"]
    assert run("link", "--db", seeded).exit_code == 0
    assert run("verify", "--check-only", "--db", seeded).exit_code == 0
    assert scalar(seeded, "SELECT count(*) FROM launch_events") == events


def test_verify_rebuilds_what_a_killed_run_left(seeded):
    events = scalar(seeded, "SELECT count(*) FROM launch_events")
    _kill_after_last_commit(seeded)
    result = run("verify", "--json", "--db", seeded)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rebuilt_derived_tables"] is True
    assert scalar(seeded, "SELECT count(*) FROM launch_events") == events
    again = json.loads(run("verify", "--json", "--db", seeded).stdout)
    assert again["ok"] and again["rebuilt_derived_tables"] is False


def test_next_ingest_repairs_what_a_killed_run_left(seeded):
    """Ingest calls ensure_derived when it starts: even a run that adds nothing repairs."""
    _kill_after_last_commit(seeded)
    result = run("ingest", "--db", seeded, Path(__file__).parents[1] / "seeds")
    assert result.exit_code == 0, result.output
    assert run("verify", "--db", seeded).exit_code == 0


def test_ensure_derived_rebuilds_only_when_stale(seeded):
    from factdb.entities.store import derived_stale, ensure_derived, refresh

    engine = open_database(seeded)
    assert not derived_stale(engine)
    assert ensure_derived(engine) is False
    _kill_after_last_commit(seeded)
    assert derived_stale(engine)
    assert ensure_derived(engine) is True
    assert not derived_stale(engine)
    assert ensure_derived(engine) is False
    rebuilt = _derived_rows(seeded)
    refresh(engine)  # idempotent: a second rebuild builds the same rows
    assert _derived_rows(seeded) == rebuilt
    engine.dispose()


def _derived_rows(path: Path):
    conn = sqlite3.connect(path)
    try:
        return [
            conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("claim_groups", "claim_group_members", "launch_events", "launch_event_fields")
        ] + [conn.execute("SELECT name, fingerprint FROM derived_state ORDER BY name").fetchall()]
    finally:
        conn.close()


def test_empty_database_is_not_stale(tmp_path):
    path = tmp_path / "fresh.db"
    assert run("db", "upgrade", "--db", path).exit_code == 0
    assert scalar(path, "SELECT count(*) FROM derived_state") == 0
    assert run("verify", "--db", path).exit_code == 0


def test_builder_change_makes_tables_stale(seeded, monkeypatch):
    from factdb.entities import store

    monkeypatch.setattr(store, "DERIVED_VERSION", store.DERIVED_VERSION + "-next")
    assert "FAIL derived tables" in run("verify", "--check-only", "--db", seeded).stdout
    assert run("link", "--db", seeded).exit_code == 0
    assert run("verify", "--db", seeded).exit_code == 0


def test_reextraction_flip_makes_tables_stale(seeded):
    """A claim no longer current changes what groups are built from, even with no new ids."""
    from factdb.entities.store import derived_stale

    conn = sqlite3.connect(seeded)
    conn.execute("UPDATE claims SET is_current = 0 WHERE pk = (SELECT min(pk) FROM claims)")
    conn.commit()
    conn.close()
    engine = open_database(seeded)
    assert derived_stale(engine)
    engine.dispose()
