"""The command line end to end: ingest, verify, claims, stats, extract; bad input; concurrency; kills."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from factdb.models import CLAIM_FIELDS

from .conftest import SEEDS, assert_provenance, fail_storing_links

FACTDB = [sys.executable, "-m", "factdb.cli"]


def count(db_path, sql):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def write_articles(folder: Path, n: int, tag: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{tag}-{i:04d}.txt").write_text(
            f"Launch report {tag} {i}\n\n"
            f"The military said the missile traveled over {1000 + i:,} kilometers on December 3. "
            f"Officials said at least {i % 9 + 2} short-range ballistic missiles were fired and "
            f"nine ships took part in drills worth approximately ${i + 1} billion.\n",
            encoding="utf-8",
        )
    return folder


def test_ingest_seeds_twice(db_path, cli):
    first = cli("ingest", SEEDS, "--db", db_path, "--json")
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout[first.stdout.index("{") :])
    assert summary["new"] == 5 and summary["failed"] == 0 and summary["claims_added"] > 0
    second = cli("ingest", SEEDS, "--db", db_path)
    assert second.exit_code == 0
    assert "0 new, 5 already present, 0 failed" in second.stdout
    assert count(db_path, "SELECT count(*) FROM documents") == 5
    assert cli("verify", "--db", db_path).exit_code == 0
    assert assert_provenance(db_path) == summary["claims_added"]
    titles = {r for r in sqlite3.connect(db_path).execute("SELECT title FROM documents WHERE title IS NOT NULL")}
    assert ("US, Japan, and South Korea Launch Trilateral Missile Tracking System",) in titles
    dates = {r[0] for r in sqlite3.connect(db_path).execute("SELECT published FROM documents")}
    assert {"2024-01-03", "2023-08-15"} <= dates


def test_db_option_defaults_to_env(tmp_path, cli, monkeypatch):
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("FACTDB_DB", str(target))
    assert cli("ingest", SEEDS / "002_01e0fc5698f5ed76.txt").exit_code == 0
    assert count(target, "SELECT count(*) FROM documents") == 1


def test_bad_inputs_reported_and_good_ones_stored(tmp_path, db_path, cli):
    good = tmp_path / "good.txt"
    good.write_text("Good one\n\nThe drill involved nine ships.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    broken = tmp_path / "broken.txt"
    broken.write_bytes("na\u00efve ".encode() + b"\xc3\x28 and more")
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text('{"text": "Feed story with 28,500 troops."}\n{oops\n{"title": "x"}\n', encoding="utf-8")
    unsupported = tmp_path / "slides.pdf"
    unsupported.write_bytes(b"%PDF-1.4")
    result = cli("ingest", good, empty, binary, broken, jsonl, unsupported, tmp_path / "missing.txt", "--db", db_path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 7, result.stderr
    for needle in (
        f"{empty}: [read] empty file",
        f"{binary}: [read] binary file",
        f"{broken}: [read] undecodable bytes",
        f"{jsonl}:2: [read] malformed JSON",
        f"{jsonl}:3: [read] record has no 'text'",
        f"{unsupported}: [read] unsupported file type",
        "missing.txt: [read] no such file",
    ):
        assert any(needle in e for e in errors), (needle, errors)
    assert "2 new, 0 already present, 7 failed" in result.stdout
    assert count(db_path, "SELECT count(*) FROM documents") == 2
    assert_provenance(db_path)


def test_folder_skips_are_counted_not_errors(tmp_path, db_path, cli):
    folder = write_articles(tmp_path / "in", 2, "a")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    (folder / "cover.png").write_bytes(b"\x89PNG")
    result = cli("ingest", folder, "--db", db_path)
    assert result.exit_code == 0
    assert "2 new, 0 already present, 0 failed, 2 skipped" in result.stdout


def test_stdin(db_path, cli):
    result = cli("ingest", "-", "--db", db_path, input="From stdin\n\nNine ships sailed.")
    assert result.exit_code == 0 and "1 new" in result.stdout
    assert count(db_path, "SELECT source FROM documents") == "<stdin>"


def test_claims_and_stats(seeded_db, cli):
    out = cli("claims", "--db", seeded_db, "--json")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and all(set(r) == set(CLAIM_FIELDS) for r in rows)
    kinds = {r["kind"] for r in rows}
    only = cli("claims", "--db", seeded_db, "--json", "--kind", "distance")
    assert {json.loads(line)["kind"] for line in only.stdout.splitlines()} == {"distance"} <= kinds
    stats = json.loads(cli("stats", "--db", seeded_db, "--json").stdout)
    assert stats["documents"] == 5 and stats["claims"] == len(rows)


def test_extract_prints_contract_fields_with_valid_spans(tmp_path):
    path = SEEDS / "002_01e0fc5698f5ed76.txt"
    text = path.read_text("utf-8")
    out = subprocess.run(
        FACTDB + ["extract", "--format", "jsonl", "--published", "2024-12-20", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows
    for row in rows:
        assert list(row) == list(CLAIM_FIELDS)
        assert text[row["char_start"] : row["char_end"]] == row["quote"]


def test_extract_does_not_import_the_database_layer(tmp_path):
    code = (
        "import sys; from typer.testing import CliRunner; from factdb.cli import app; "
        f"r = CliRunner().invoke(app, ['extract', {str(SEEDS / '000_b290f68eaaf37c5d.txt')!r}]); "
        "assert r.exit_code == 0, r.output; "
        "bad = [m for m in ('sqlalchemy', 'alembic', 'factdb.db', 'datasette') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_extract_bad_published_date():
    res = subprocess.run(
        FACTDB + ["extract", "--published", "20/12/2024", str(SEEDS / "000_b290f68eaaf37c5d.txt")],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 2 and "--published" in res.stderr


def test_two_processes_ingest_at_once(tmp_path):
    db = tmp_path / "shared.db"
    a = write_articles(tmp_path / "a", 60, "a")
    b = write_articles(tmp_path / "b", 60, "b")
    procs = [
        subprocess.Popen(FACTDB + ["ingest", str(folder), "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for folder in (a, b)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert count(db, "SELECT count(*) FROM documents") == 120
    assert_provenance(db)


def test_killed_mid_ingest_leaves_whole_documents(tmp_path):
    from factdb.extract import extract_claims

    db = tmp_path / "killed.db"
    folder = write_articles(tmp_path / "many", 3000, "k")
    proc = subprocess.Popen(FACTDB + ["ingest", str(folder), "--db", str(db)], stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline:
        time.sleep(0.2)
        try:
            stored = count(db, "SELECT count(*) FROM documents")
        except sqlite3.OperationalError:
            continue  # schema not there yet
        if stored >= 20:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert stored >= 20
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT d.text, d.published, (SELECT count(*) FROM claims c WHERE c.document_id = d.id) FROM documents d"
    ).fetchall()
    assert 20 <= len(rows) < 3000
    for text, published, n_claims in rows:
        when = dt.date.fromisoformat(published) if published else None
        assert n_claims == len(extract_claims(text, when)), "a document was stored without all its claims"
    conn.close()
    assert_provenance(db)


def test_document_failing_mid_store_rolls_back_alone(tmp_path, db_path, monkeypatch):
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest

    folder = write_articles(tmp_path / "batch", 5, "p")
    poison = folder / "p-0002.txt"
    poison.write_text(poison.read_text("utf-8") + "POISON\n", encoding="utf-8")
    fail_storing_links(monkeypatch)
    summary = ingest(open_database(db_path), iter_inputs([str(folder)]))
    assert summary.new == 4 and len(summary.failed) == 1
    assert str(poison) in str(summary.failed[0]) and "could not be stored" in str(summary.failed[0])
    assert summary.failed[0].stage == "store"
    assert count(db_path, "SELECT count(*) FROM documents WHERE text LIKE '%POISON%'") == 0
    assert count(db_path, "SELECT count(*) FROM claims c LEFT JOIN documents d ON d.id = c.document_id WHERE d.id IS NULL") == 0
    assert_provenance(db_path)
