"""``factdb ingest --jobs N``: reading, extraction and linking in worker processes, one writer.

"Identical to --jobs 1" means, for two fresh databases fed the same inputs: every row of
every table is equal, compared in id order, except the columns that say *when*
(``documents.ingested_at``, ``extraction_runs.started_at``/``finished_at``,
``extractors.registered_at``, ``derived_state.built_at``, ``run_faults.recorded_at``).
``run_faults`` rows are compared as a multiset without their ids: failures before the
store stage are recorded with the next batch written, and batches close on a timer. The
FTS5 shadow tables are not compared (their segments follow commit boundaries); both
indexes must pass FTS5's integrity check against their content tables instead. The
command's JSON summary and its ``error:`` lines (in order) must be equal too.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.hostile import make_hostile

from .conftest import FIXTURES, SEEDS, SHARED_CORPUS, assert_provenance

FACTDB = [sys.executable, "-m", "factdb.cli"]
WHEN_COLUMNS = {
    "documents": {"ingested_at"},
    "extraction_runs": {"started_at", "finished_at"},
    "extractors": {"registered_at"},
    "derived_state": {"built_at"},
    "run_faults": {"recorded_at", "id"},
}
UNORDERED = {"run_faults"}


def dump(db: Path) -> dict[str, list]:
    """Every table's rows, minus the columns that say when (see the module docstring)."""
    conn = sqlite3.connect(db)
    try:
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if "_fts" not in name and name != "sqlite_sequence"
        ]
        out = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            keep = [c for c in columns if c not in WHEN_COLUMNS.get(table, set())]
            rows = conn.execute(f"SELECT {', '.join(keep)} FROM {table} ORDER BY rowid").fetchall()
            out[table] = sorted(rows, key=repr) if table in UNORDERED else rows
        for fts in ("documents_fts", "claims_fts"):
            conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
        return out
    finally:
        conn.close()


def ingest(args: list[str], db: Path, jobs: int) -> tuple[subprocess.CompletedProcess, dict]:
    proc = subprocess.run(
        FACTDB + ["ingest", "--json", "--db", str(db), "--jobs", str(jobs), *args],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    return proc, json.loads(proc.stdout)


def batch(tmp_path: Path) -> list[str]:
    """Real articles (the shared corpus when present, else the seeds and fixtures), every
    small hostile input, and a copy of one article (stored once, then 'present')."""
    folder = tmp_path / "in"
    make_hostile(folder, big=False)
    # the two claim-dense texts take seconds each and add nothing to what is compared here
    for name in ("dense-dollars.txt", "dense-percent.txt"):
        (folder / name).unlink()
    sources = sorted(SEEDS.glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    if SHARED_CORPUS.is_dir():
        sources += sorted((SHARED_CORPUS / "bbc" / "business").glob("*.txt"))[:60]
        sources += sorted((SHARED_CORPUS / "reuters-2016").glob("*.md"))[:20]
    for i, src in enumerate(sources):
        (folder / f"{i:04d}-{src.name}").symlink_to(src.resolve())
    (folder / "zz-copy.txt").write_bytes(sources[0].read_bytes())
    lines = [json.dumps({"text": f"Report {i}: {i + 2} missiles flew {100 * i} km on Monday."}) for i in range(12)]
    (folder / "wire.jsonl").write_text("\n".join(lines[:6] + ["{not json"] + lines[6:]) + "\n", encoding="utf-8")
    return [str(folder), str(tmp_path / "missing.txt")]


def test_jobs_2_stores_what_jobs_1_stores(tmp_path):
    args = batch(tmp_path)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    p1, s1 = ingest(args, one, 1)
    p2, s2 = ingest(args, two, 2)
    assert p1.returncode == p2.returncode == 1  # the hostile inputs fail, the rest is stored
    assert s1["new"] > 20 and s1["failed"] >= 5 and s1["present"] >= 1 and s1["skipped"] >= 1
    assert s1 == s2
    errors = [[line for line in p.stderr.splitlines() if line.startswith("error:")] for p in (p1, p2)]
    assert errors[0] == errors[1] and len(errors[0]) == s1["failed"]
    a, b = dump(one), dump(two)
    assert a.keys() == b.keys()
    for table in a:
        assert a[table] == b[table], table
    # the seeds and fixtures alone give some 80 claims; the shared corpus hundreds more
    assert len(a["claims"]) > (300 if SHARED_CORPUS.is_dir() else 50) and len(a["entity_mentions"]) > 0 and len(a["run_faults"]) == s1["failed"]
    assert_provenance(two)

    # again, into the same databases: everything is present, nothing changes but a new run
    p3, s3 = ingest(args, two, 2)
    assert s3["new"] == 0 and s3["present"] == s1["new"] + s1["present"]
    assert dump(two)["claims"] == a["claims"]


def test_jobs_verify_is_clean(tmp_path, cli):
    db = tmp_path / "x.db"
    result = cli("ingest", SEEDS, "--db", db, "--jobs", "2")
    assert result.exit_code == 0 and "5 new" in result.output
    assert cli("verify", "--db", db).exit_code == 0


# --- failures inside a worker stay one document's -------------------------------------


def _explode_in_workers():
    """worker_init: extraction raises on 'EXPLODE' and the worker dies on 'CRASH'."""
    import factdb.pipeline as pipeline

    real = pipeline.extract

    def extract(text, published=None, names=None):
        if "CRASH" in text:
            os._exit(3)  # as a segfault or the OOM killer would: no exception, no cleanup
        if "EXPLODE" in text:
            raise RuntimeError("boom")
        return real(text, published, names)

    pipeline.extract = extract


def test_a_failure_in_a_worker_costs_one_document(tmp_path, db_path):
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest as run_ingest

    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(30):
        word = {7: "EXPLODE", 19: "CRASH"}.get(i, "calm")
        (folder / f"a-{i:03d}.txt").write_text(
            f"Story {i} {word}\n\nOfficials said {i + 3} missiles flew {200 + i} km on Tuesday.\n", encoding="utf-8"
        )
    engine = open_database(db_path)
    summary = run_ingest(engine, iter_inputs([str(folder)], defer=True), jobs=2, worker_init=_explode_in_workers)
    engine.dispose()
    assert summary.new == 28
    failed = {Path(f.source).name: f for f in summary.failed}
    assert set(failed) == {"a-007.txt", "a-019.txt"}
    assert failed["a-007.txt"].stage == "extract" and "RuntimeError: boom" in failed["a-007.txt"].reason
    assert "worker process" in failed["a-019.txt"].reason and "died" in failed["a-019.txt"].reason
    conn = sqlite3.connect(db_path)
    sources = [Path(s).name for (s,) in conn.execute("SELECT source FROM documents ORDER BY id")]
    faults = sorted(Path(s).name for (s,) in conn.execute("SELECT source FROM run_faults"))
    conn.close()
    # stored in input order, the two failures recorded in the run
    assert sources == [f"a-{i:03d}.txt" for i in range(30) if i not in (7, 19)]
    assert faults == ["a-007.txt", "a-019.txt"]
    assert_provenance(db_path)


def test_ctrl_c_keeps_committed_documents(tmp_path):
    from tests.test_cli_ingest import count, write_articles

    db = tmp_path / "int.db"
    folder = write_articles(tmp_path / "many", 1500, "i")
    proc = subprocess.Popen(
        FACTDB + ["ingest", str(folder), "--db", str(db), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # Ctrl-C goes to the whole process group, as a terminal sends it
        # and is not ignored, as it is for a test run a shell started in the background
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.time() + 180
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            stored = count(db, "SELECT count(*) FROM documents")
        except sqlite3.OperationalError:
            continue
        if stored >= 50:
            break
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert stored >= 50
    assert proc.returncode == 130, err[-2000:]
    assert "Traceback" not in err and "interrupted; committed documents are kept" in err
    kept = count(db, "SELECT count(*) FROM documents")
    assert stored <= kept < 1500
    assert_provenance(db)
    # the run is closed, and the next ingest finishes the job
    assert count(db, "SELECT count(*) FROM extraction_runs WHERE finished_at IS NULL") == 0
    again = subprocess.run(FACTDB + ["ingest", str(folder), "--db", str(db), "--jobs", "2"], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr[-2000:]
    assert count(db, "SELECT count(*) FROM documents") == 1500


@pytest.mark.parametrize("jobs", [0, -1])
def test_jobs_must_be_positive(cli, db_path, jobs):
    result = cli("ingest", SEEDS, "--db", db_path, "--jobs", jobs)
    assert result.exit_code == 2


def _ingest_with_1_and_2_jobs(folder: Path, tmp_path: Path, expected: int) -> dict[int, Path]:
    """``folder`` ingested in process (as patched by the test) into one database per --jobs value."""
    from factdb import pipeline
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs

    dbs = {}
    for jobs in (1, 2):
        dbs[jobs] = tmp_path / f"{jobs}.db"
        engine = open_database(dbs[jobs])
        summary = pipeline.ingest(engine, iter_inputs([str(folder)], defer=jobs > 1), jobs=jobs)
        engine.dispose()
        assert summary.new == expected and not summary.failed
    return dbs


def test_fork_server_workers_and_the_writer_filling_in_store_the_same(tmp_path, monkeypatch):
    """Where workers cannot be forked (another thread runs, or not Linux) they come from a
    fork server, which takes a while to start; the writer extracts meanwhile. Same rows."""
    import multiprocessing

    import factdb.pipeline as pipeline
    from tests.test_cli_ingest import write_articles

    def fork_server():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(pipeline._PRELOAD)
        return ctx

    done_here = []

    class Finished(pipeline._Finished):  # a chunk the writer did itself
        def __init__(self, value):
            done_here.append(len(value))
            super().__init__(value)

    monkeypatch.setattr(pipeline, "_context", fork_server)
    monkeypatch.setattr(pipeline, "_Finished", Finished)
    folder = write_articles(tmp_path / "in", 200, "f")
    dbs = _ingest_with_1_and_2_jobs(folder, tmp_path, 200)
    assert done_here, "the writer never filled in while the fork server started"
    a, b = dump(dbs[1]), dump(dbs[2])
    for table in a:
        assert a[table] == b[table], table


def test_jobs_on_both_backends_store_what_one_process_stores(db_target, tmp_path):
    """--jobs 2 into SQLite or PostgreSQL: the workers never touch the database (the
    writer's connection is inherited by forked workers, and must stay unused by them)."""
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest as run_ingest

    from .conftest import table_rows

    engine = open_database(db_target)
    summary = run_ingest(engine, iter_inputs([str(SEEDS), str(FIXTURES / "linking")], defer=True), jobs=2)
    again = run_ingest(engine, iter_inputs([str(SEEDS)], defer=True), jobs=2)  # the same connection goes on working
    engine.dispose()
    alone = tmp_path / "alone.db"
    engine = open_database(alone)
    expected = run_ingest(engine, iter_inputs([str(SEEDS), str(FIXTURES / "linking")]))
    engine.dispose()
    assert (summary.new, summary.claims, len(summary.failed)) == (expected.new, expected.claims, 0)
    assert again.new == 0 and again.present == 5
    # the same documents in the same order (column 1 is sha256), and as many rows of the rest
    assert [r[1] for r in table_rows(db_target, "documents", "id")] == [r[1] for r in table_rows(alone, "documents", "id")]
    for table in ("claims", "entity_mentions", "claim_entities", "claim_groups", "launch_events"):
        assert len(table_rows(db_target, table)) == len(table_rows(alone, table)), table
    assert len(table_rows(alone, "claims")) > 50 and len(table_rows(alone, "entity_mentions")) > 0


def _no_extraction():
    """worker_init: any extraction in a worker fails its document."""
    import factdb.pipeline as pipeline

    def extract(text, published=None, names=None):
        raise RuntimeError("extracted a document that was stored already")

    pipeline.extract = extract


def test_workers_skip_documents_stored_already(tmp_path, db_path):
    """Re-ingesting a folder with --jobs: each worker looks the text up (through a
    connection of its own) before extracting, as one process does, so a folder stored
    already costs reading and hashing only."""
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest as run_ingest
    from tests.test_cli_ingest import write_articles

    folder = write_articles(tmp_path / "in", 40, "s")
    engine = open_database(db_path)
    first = run_ingest(engine, iter_inputs([str(folder)], defer=True), jobs=2)
    assert first.new == 40
    write_articles(tmp_path / "in", 45, "s")  # five more files; the first forty unchanged
    again = run_ingest(engine, iter_inputs([str(folder)], defer=True), jobs=2, worker_init=_no_extraction)
    engine.dispose()
    assert again.present == 40 and again.new == 0
    # the five new ones were extracted (and failed, by design of this test), nothing else
    assert sorted(Path(f.source).name for f in again.failed) == [f"s-{i:04d}.txt" for i in range(40, 45)]


def test_the_writer_takes_back_chunks_no_worker_started(tmp_path, monkeypatch):
    """With the input read, the writer does the chunks still queued for a busy worker
    itself instead of waiting for the worker to get through them. Same rows."""
    import factdb.pipeline as pipeline
    from tests.test_cli_ingest import write_articles

    writer = os.getpid()
    log = tmp_path / "worker-docs.log"
    real = pipeline.prepare

    def prepare(doc, names=None, sha=None):
        if os.getpid() != writer:  # a forked worker: slow, and says what it prepared
            time.sleep(0.5)
            with open(log, "a", encoding="utf-8") as f:
                f.write(doc.source + "\n")
        return real(doc, names, sha)

    monkeypatch.setattr(pipeline, "prepare", prepare)
    # one document a chunk; the writer fills in once four chunks wait for the worker
    monkeypatch.setattr(pipeline, "CHUNK_TASKS", 1)
    monkeypatch.setattr(pipeline, "WINDOW_PER_JOB", 4)
    folder = write_articles(tmp_path / "in", 12, "t")
    dbs = _ingest_with_1_and_2_jobs(folder, tmp_path, 12)
    # Four chunks went to the worker: the one it runs and the one in the pool's call queue
    # are its own; the writer took the other two back instead of waiting a second for them.
    by_worker = log.read_text("utf-8").split()
    assert 1 <= len(by_worker) <= 3, by_worker
    a, b = dump(dbs[1]), dump(dbs[2])
    for table in a:
        assert a[table] == b[table], table


def test_the_writer_feeds_the_worker_between_the_chunks_it_stores(tmp_path, monkeypatch):
    """One document a chunk, two queued a worker, and a writer slower at preparing than
    the worker: chunks pile up on both sides, and the writer keeps stopping its storing to
    hand the worker the next input whenever its queue runs short (``drain(feed=True)``).
    Nothing is lost, doubled or reordered."""
    import factdb.pipeline as pipeline
    from tests.test_cli_ingest import write_articles

    writer = os.getpid()
    log = tmp_path / "worker-docs.log"
    real = pipeline.prepare

    def prepare(doc, names=None, sha=None):
        if os.getpid() == writer:
            time.sleep(0.03)
        else:
            with open(log, "a", encoding="utf-8") as f:
                f.write(doc.source + "\n")
        return real(doc, names, sha)

    monkeypatch.setattr(pipeline, "prepare", prepare)
    monkeypatch.setattr(pipeline, "CHUNK_TASKS", 1)
    monkeypatch.setattr(pipeline, "WINDOW_PER_JOB", 2)
    folder = write_articles(tmp_path / "in", 80, "w")
    dbs = _ingest_with_1_and_2_jobs(folder, tmp_path, 80)
    by_worker = log.read_text("utf-8").split()
    assert 1 <= len(by_worker) < 80, "both processes should have prepared documents"
    a, b = dump(dbs[1]), dump(dbs[2])
    for table in a:
        assert a[table] == b[table], table


def test_ctrl_c_in_the_writer_waits_for_a_safe_point(request):
    """The parallel writer takes Ctrl-C where it looks for it, never inside the process
    pool's own locking (an interrupt there could leave a lock taken and hang the exit)."""
    from factdb.pipeline import _defer_interrupts

    # Python's own handler, as in a terminal: a test run started in the background by a
    # shell (``make test &``) inherits SIGINT ignored, and Python then installs none
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    request.addfinalizer(lambda: signal.signal(signal.SIGINT, inherited))
    interrupts = _defer_interrupts()
    try:
        os.kill(os.getpid(), signal.SIGINT)  # noted, not raised here
        time.sleep(0.05)
        with pytest.raises(KeyboardInterrupt):
            interrupts.check()
        interrupts.check()  # taken once
    finally:
        interrupts.restore()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
