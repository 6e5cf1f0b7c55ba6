"""Kill trials: SIGKILL an ingest at random moments, then check what is left and what the next command does.

    python -m benchmarks kills [--trials 100] [--articles 40] [--seed 1]

Each trial ingests the same small folder into a fresh database and kills the process
after a random delay drawn over the whole run, half of the trials in its last third (the
documents are committed; groups and launch events are being rebuilt). Then it checks:

- the file is not corrupt (``PRAGMA integrity_check``, foreign keys);
- no document is half-stored: each stored document has exactly the claims extraction gives;
- after the next command (``factdb ingest`` of the same folder again, as an operator
  would re-run a killed job) every document is stored and the derived tables are current.

Articles are generated (numbers, launches, casualties) so the groups and events have work.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FACTDB = [sys.executable, "-m", "factdb"]


def write_articles(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        day = 1 + i % 27
        (folder / f"a{i:04d}.txt").write_text(
            f"date 2024-03-{day:02d}\n"
            f"North Korea fired {2 + i % 5} ballistic missiles on Tuesday that flew about {900 + 10 * (i % 7)} km, "
            f"South Korea's military said. At least {i + 3} people were killed in the strike, officials said. "
            f"The United States will sell Japan about ${1 + i % 9} billion in missiles.\n",
            encoding="utf-8",
        )


def check(db: Path) -> list[str]:
    from factdb.extract import extract_claims
    from factdb.models import publication_date

    problems = []
    conn = sqlite3.connect(db)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign key faults")
        try:
            rows = conn.execute(
                "SELECT d.text, d.published, d.published_precision, "
                "(SELECT count(*) FROM claims c WHERE c.document_id = d.id) FROM documents d"
            ).fetchall()
        except sqlite3.OperationalError:
            return problems  # killed before the schema was made: nothing stored, nothing lost
        for text, published, precision, n in rows:
            if n != len(extract_claims(text, publication_date(published, precision))):
                problems.append("half-stored document")
    finally:
        conn.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks kills", description=__doc__)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    from factdb.db.engine import open_database
    from factdb.entities.store import derived_stale

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "articles"
        write_articles(folder, args.articles)
        t0 = time.perf_counter()
        subprocess.run(FACTDB + ["ingest", str(folder), "--db", str(tmp / "full.db")], capture_output=True, check=True)
        full = time.perf_counter() - t0
        print(f"{args.trials} kill trials over an ingest of {args.articles} articles that takes {full:.2f} s")
        tally = {"killed": 0, "finished first": 0, "late kills": 0, "corrupt or half-stored": 0,
                 "stale after next command": 0, "missing after next command": 0}
        for trial in range(args.trials):
            db = tmp / f"t{trial}.db"
            late = trial % 2 == 1
            delay = rng.uniform(0.66 * full, 1.05 * full) if late else rng.uniform(0.0, full)
            proc = subprocess.Popen(FACTDB + ["ingest", str(folder), "--db", str(db)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                tally["killed"] += 1
                tally["late kills"] += late
            else:
                tally["finished first"] += 1
            proc.wait()
            if check(db) if db.exists() else []:
                tally["corrupt or half-stored"] += 1
            subprocess.run(FACTDB + ["ingest", str(folder), "--db", str(db)], capture_output=True)
            engine = open_database(db)
            with engine.connect() as conn:
                stored = conn.exec_driver_sql("SELECT count(*) FROM documents").scalar()
            tally["stale after next command"] += derived_stale(engine)
            tally["missing after next command"] += stored != args.articles
            tally["corrupt or half-stored"] += bool(check(db))
            engine.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        for key, value in tally.items():
            print(f"  {key}: {value}")
        bad = tally["corrupt or half-stored"] + tally["stale after next command"] + tally["missing after next command"]
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
