"""Shared fixtures. Every database a test ingests into can be checked with ``assert_provenance``."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"
FIXTURES = ROOT / "corpus" / "fixtures"


def assert_provenance(db_path: Path) -> int:
    """The invariants of every stored claim; returns how many claims were checked."""
    conn = sqlite3.connect(db_path)
    texts = {i: t for i, t in conn.execute("SELECT id, text FROM documents")}
    for doc_id, sha, text in conn.execute("SELECT id, sha256, text FROM documents"):
        assert hashlib.sha256(text.encode()).hexdigest() == sha, f"document {doc_id} text changed"
    n = 0
    for cid, doc_id, start, end, quote in conn.execute(
        "SELECT id, document_id, char_start, char_end, quote FROM claims"
    ):
        assert texts[doc_id][start:end] == quote, f"claim {cid} quote is not its span"
        n += 1
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    return n


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def cli():
    from factdb.cli import app

    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    """A database holding the five seeds, built once per session; treat as read-only."""
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest

    path = tmp_path_factory.mktemp("seeded") / "seeds.db"
    engine = open_database(path)
    summary = ingest(engine, iter_inputs([str(SEEDS)]))
    engine.dispose()
    assert summary.new == 5 and not summary.failed
    return path


@pytest.fixture
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS}")
    return SHARED_CORPUS


# --- PostgreSQL (issue 13): one throwaway cluster per session, one database per test ---


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL cluster in a temporary folder (tests/pg.py), or a skip saying why not."""
    from . import pg

    reason = pg.unavailable()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    cluster = pg.Cluster()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """The URL of a new, empty PostgreSQL database."""
    return pg_cluster.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_target(backend, tmp_path, request) -> str:
    """What ``--db`` takes, on each backend: a new SQLite file's path, or a new PostgreSQL
    database's URL. Tests using it run twice; the PostgreSQL run skips without a server."""
    if backend == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("pg_url")


def table_rows(target, table: str, order_by: str | None = None) -> list[tuple]:
    """Every row of ``table`` in a database of either backend, as plain tuples in a stable order."""
    from sqlalchemy import create_engine

    from factdb.db.engine import make_engine

    engine = make_engine(target) if "://" in str(target) else create_engine(f"sqlite:///{target}")
    try:
        with engine.connect() as conn:
            sql = f'SELECT * FROM "{table}"' + (f" ORDER BY {order_by}" if order_by else "")
            return [tuple(r) for r in conn.exec_driver_sql(sql)]
    finally:
        engine.dispose()


def fail_storing_links(monkeypatch, marker: str = "POISON") -> None:
    """Make the store fail for every document whose text holds ``marker``.

    The failure comes when the document's entity links are written, after its row and its
    claims are in, so the document's savepoint must undo all of it. Undo with
    ``monkeypatch.undo()``.
    """
    import factdb.entities.store as store_module

    real = store_module.store_links

    def failing_links(conn, document_id, links, ids=None):
        text = conn.exec_driver_sql("SELECT text FROM documents WHERE id = ?", (document_id,)).scalar()
        if marker in text:
            raise sqlite3.IntegrityError("simulated failure")
        return real(conn, document_id, links, ids)

    monkeypatch.setattr(store_module, "store_links", failing_links)


def ingest_files(db_path: Path, files: dict[str, str]):
    """Write each ``name: text`` file into a folder beside ``db_path`` and ingest the folder
    into ``db_path``, as ``factdb ingest`` does; the run's summary."""
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest

    folder = db_path.parent / f"{db_path.stem}-inputs"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    engine = open_database(db_path)
    try:
        return ingest(engine, iter_inputs([str(folder)]))
    finally:
        engine.dispose()


def ingest_stories(tmp_path: Path, stories: dict[str, str], name: str = "stories") -> sqlite3.Connection:
    """Markdown stories (front matter and all, indented as a test writes them) ingested with
    :func:`ingest_files` into a new database under ``tmp_path``, every one of them new; a
    connection to the database."""
    import textwrap

    db = tmp_path / f"{name}.db"
    summary = ingest_files(db, {f"{key}.md": textwrap.dedent(text).lstrip() for key, text in stories.items()})
    assert summary.new == len(stories), summary
    return sqlite3.connect(db)
