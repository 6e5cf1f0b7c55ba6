"""SQLite's full-text indexes are filled per transaction by the writers, not by insert
triggers (revision 0008, issue 13): every writer of documents and claims keeps them whole."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from factdb.db.checks import verify
from factdb.db.engine import downgrade, make_engine, open_database, upgrade
from factdb.db.sqlite_extras import fill_fts, fts_marks
from factdb.ingest import iter_inputs
from factdb.pipeline import ingest

from .conftest import SEEDS, fail_storing_links


def _articles(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a-{i:04d}.txt").write_text(
            f"Report quokka{i}\n\nThe missile flew {1000 + i:,} kilometers, officials in wombat{i} said on "
            f"December 3, and {i + 2} ships took part in drills worth ${i + 1} billion.\n",
            encoding="utf-8",
        )
    return folder


def _rows(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _fts_whole(db: Path) -> None:
    """FTS5's own check: each index holds exactly the rows of its table, no more, no fewer."""
    conn = sqlite3.connect(db)
    for fts in ("documents_fts", "claims_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
    conn.close()


def _claims_matching(db: Path, word: str) -> list[int]:
    return [r[0] for r in _rows(db, "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rowid", word)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_ingest_indexes_every_stored_row_and_none_rolled_back(tmp_path, db_path, monkeypatch, jobs):
    folder = _articles(tmp_path / "in", 7)
    poison = folder / "a-0003.txt"
    poison.write_text(poison.read_text("utf-8") + "POISON\n", encoding="utf-8")
    fail_storing_links(monkeypatch)  # the savepoint undoes the document; it must not be in the index either
    engine = open_database(db_path)
    summary = ingest(engine, iter_inputs([str(folder)], defer=jobs > 1), jobs=jobs)
    assert summary.new == 6 and len(summary.failed) == 1
    _fts_whole(db_path)
    for i in range(7):
        found = _rows(db_path, "SELECT d.source FROM documents_fts f JOIN documents d ON d.id = f.rowid "
                      "WHERE documents_fts MATCH ?", f"wombat{i}")
        assert found == ([] if i == 3 else [(str(folder / f"a-{i:04d}.txt"),)])
    # every claim whose quote says kilometers, and only those, through the index
    expected = [r[0] for r in _rows(db_path, "SELECT pk FROM claims WHERE quote LIKE '%kilometers%' ORDER BY pk")]
    assert len(expected) == 6 and _claims_matching(db_path, "kilometers") == expected
    results = verify(engine)
    assert results["full-text indexes"] == [] and results["schema objects"] == []
    # a second run over the same inputs stores (and indexes) nothing twice; the poison one now goes in
    monkeypatch.undo()
    again = ingest(engine, iter_inputs([str(folder)], defer=jobs > 1), jobs=jobs)
    assert (again.new, again.present) == (1, 6)
    _fts_whole(db_path)
    assert len(_rows(db_path, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'wombat3'")) == 1
    engine.dispose()


def test_reextract_indexes_new_claims_and_revived_ones_once(db_path, monkeypatch):
    from factdb.extract import registry
    from factdb.reextract import reextract

    engine = open_database(db_path)
    ingest(engine, iter_inputs([str(SEEDS)]))
    ships = _claims_matching(db_path, "ships")
    assert ships
    registry.extractors()
    old = registry._REGISTRY["counts"]

    def run(ctx):
        for claim in old.run(ctx):
            yield dataclasses.replace(claim, value=claim.value + 1) if claim.unit == "ship" else claim

    monkeypatch.setitem(registry._REGISTRY, "counts", registry.Extractor("counts", "99.0.0", "test", run))
    assert reextract(engine, ["counts"]).documents > 0
    _fts_whole(db_path)
    # the new run's rows are new keys: found through the index beside the old ones
    new = [r[0] for r in _rows(db_path, "SELECT pk FROM claims WHERE extractor_version = '99.0.0' AND quote LIKE '%ships%'")]
    assert new and set(new) <= set(_claims_matching(db_path, "ships")) and not set(new) & set(ships)
    # back to the registered rules: the old rows are revived (no new row, no second index entry)
    monkeypatch.setitem(registry._REGISTRY, "counts", old)
    pks = _rows(db_path, "SELECT max(pk) FROM claims")
    assert reextract(engine, ["counts"]).documents > 0
    assert _rows(db_path, "SELECT max(pk) FROM claims") == pks
    _fts_whole(db_path)
    assert verify(engine)["full-text indexes"] == []
    engine.dispose()


def test_verify_catches_a_row_that_skipped_the_index(db_path):
    engine = open_database(db_path)
    ingest(engine, iter_inputs([str(SEEDS)]))
    conn = sqlite3.connect(db_path)
    text = "A document written around the pipeline."
    conn.execute(
        "INSERT INTO documents (sha256, text, source, media_type, encoding, char_count, ingested_at) "
        "VALUES ('x', ?, 'raw.txt', 'text/plain', 'utf-8', ?, '2026-01-01')",
        (text, len(text)),
    )
    conn.commit()
    assert verify(engine)["full-text indexes"] == ["documents_fts is out of sync with documents"]
    # indexed the way the writers index what they insert, it is whole again
    (doc_id,) = conn.execute("SELECT id FROM documents WHERE sha256 = 'x'").fetchone()
    with conn:
        fill_fts(conn, (doc_id - 1, fts_marks(conn)[1]))
    conn.close()
    assert verify(engine)["full-text indexes"] == []
    engine.dispose()


def test_migration_0008_moves_the_insert_triggers_both_ways(tmp_path, db_path):
    """Below 0008 the insert triggers index rows (a database an older factdb writes);
    from 0008 on the writers do. Either way, no row is indexed twice or missed."""
    engine = make_engine(db_path)
    upgrade(engine, "head")
    ingest(engine, iter_inputs([str(SEEDS)]))
    downgrade(engine, "0007")
    triggers = {r[0] for r in _rows(db_path, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"documents_ai", "claims_ai", "documents_ad", "claims_au"} <= triggers
    # an older factdb's write: a plain insert, indexed by the trigger
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "INSERT INTO documents (sha256, text, source, media_type, encoding, char_count, ingested_at) "
            "VALUES ('y', 'Written under revision 0007 by capybara.', 'old.txt', 'text/plain', 'utf-8', 40, '2026-01-01')"
        )
    conn.close()
    _fts_whole(db_path)
    upgrade(engine, "head")
    triggers = {r[0] for r in _rows(db_path, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert not {"documents_ai", "claims_ai"} & triggers
    assert ingest(engine, iter_inputs([str(_articles(tmp_path / "in", 3))])).new == 3
    _fts_whole(db_path)
    assert len(_rows(db_path, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'capybara'")) == 1
    assert len(_rows(db_path, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'quokka2'")) == 1
    engine.dispose()
