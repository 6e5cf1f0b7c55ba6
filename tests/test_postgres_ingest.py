"""Several ingest processes writing one database at once (issue 13).

Four ``factdb ingest`` processes start together on the same and overlapping folders
(the seeds, the linking fixtures, copies of both under other names). Every text must be
stored exactly once, by exactly one of them, with the same documents and claims as one
process ingesting everything alone; nothing fails and ``factdb verify`` is clean. Run on
SQLite (BEGIN IMMEDIATE) and PostgreSQL (advisory lock + ON CONFLICT on the text hash).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from factdb.db.engine import open_database
from factdb.ingest import iter_inputs
from factdb.pipeline import ingest

from .conftest import FIXTURES, ROOT, SEEDS, table_rows

LINKING = FIXTURES / "linking"


def _folders(tmp_path):
    """Four inputs: the same folder twice, and two that overlap it and each other; some
    files are byte-identical copies under another name (same text, another source)."""
    linking = sorted(LINKING.iterdir())
    seeds = sorted(SEEDS.iterdir())
    plan = {
        "a": seeds,
        "b": seeds,
        "c": seeds[:3] + linking[:12],
        "d": linking[6:] + seeds[2:],
    }
    folders = []
    for name, files in plan.items():
        folder = tmp_path / name
        folder.mkdir()
        for f in files:
            shutil.copy(f, folder / f.name)
        shutil.copy(files[0], folder / f"copy-of-{files[0].name}")
        folders.append(folder)
    return folders


def _run(*args, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "factdb", *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env, **kw,
    )


def test_four_processes_ingest_overlapping_folders(db_target, tmp_path):
    folders = _folders(tmp_path)
    open_database(db_target).dispose()  # migrated once, so the race is about documents
    procs = [_run("ingest", "--json", "--db", db_target, folder) for folder in folders]
    outputs = [p.communicate(timeout=300) for p in procs]
    results = []
    for p, (out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert "error" not in err.lower(), err
        results.append(json.loads(out))
    assert all(r["failed"] == 0 for r in results), results

    # the same as one process ingesting the union of the folders, alone
    alone = str(tmp_path / "alone.db")
    engine = open_database(alone)
    summary = ingest(engine, iter_inputs([str(f) for f in folders]))
    engine.dispose()
    assert not summary.failed
    shas = sorted(r[1] for r in table_rows(db_target, "documents"))
    assert shas == sorted(set(shas)), "a text stored twice"
    assert shas == sorted(r[1] for r in table_rows(alone, "documents"))
    # each text was new to exactly one process, and present to every other that read it
    assert sum(r["new"] for r in results) == len(shas) == summary.new
    files = sum(len(list(f.iterdir())) for f in folders)
    assert sum(r["new"] + r["present"] for r in results) == files
    claims = sorted(r[1] for r in table_rows(db_target, "claims"))
    assert claims == sorted(r[1] for r in table_rows(alone, "claims"))
    assert len(claims) == len(set(claims)) > 0
    assert table_rows(db_target, "run_faults") == []

    check = _run("verify", "--check-only", "--db", db_target)
    out, err = check.communicate(timeout=300)
    assert check.returncode == 0, out + err
