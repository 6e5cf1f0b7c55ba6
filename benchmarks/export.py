"""Export benchmark: every format's count, time, throughput and peak memory, at two sizes.

    python -m benchmarks export [--db FILE] [--claims 1000000] [--work DIR] [--reuse]
                                [--formats claimreview,annotation,csv,jsonl,launches]

The database: ``--db FILE`` as it is, or else the seeds and the shared corpus ingested with
the real pipeline (as ``python -m benchmarks serve`` builds it). With ``--claims N`` a copy
is grown to N claims by copying claim rows in SQL (same document and span, new id:
``benchmarks.serve.replicate_claims``), and every format is measured on both, so the report
shows whether time grows linearly and memory stays flat.

Each export runs in a fresh child process (``python -m benchmarks.export --child``) that
writes to a file in the work folder; the child reports its count, wall time and peak RSS
(``ru_maxrss``), and its RSS after imports, before the export started: the difference is
what the export itself held.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
FORMATS = ("claimreview", "annotation", "csv", "jsonl", "launches")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child(fmt: str, db: str, out: str) -> int:
    """Run one export and print what it cost, as JSON."""
    from factdb.export import Filters, connect, export
    from factdb.extract.rules.attributes import Sentences  # noqa: F401  (imported before the baseline)

    before = _rss_mb()
    t0 = time.perf_counter()
    conn = connect(db)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        result = export(conn, fmt, fh, Filters())
    conn.close()
    seconds = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "count": result.count,
                "seconds": seconds,
                "rss_before_mb": before,
                "peak_rss_mb": _rss_mb(),
                "bytes": os.path.getsize(out),
            }
        )
    )
    return 0


def measure(db: Path, fmt: str, work: Path) -> dict:
    out = work / f"out.{fmt}"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.export", "--child", fmt, str(db), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    out.unlink(missing_ok=True)
    if proc.returncode != 0:
        raise SystemExit(f"export {fmt} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def counts(db: Path) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    result = {
        "documents": one("SELECT count(*) FROM documents"),
        "claims": one("SELECT count(*) FROM claims WHERE is_current"),
        "launch_events": one("SELECT count(*) FROM launch_events"),
        "reviews": one("SELECT count(*) FROM reviews") if _has(conn, "reviews") else 0,
        "mb": db.stat().st_size / 1e6,
    }
    conn.close()
    return result


def _has(conn, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None


def report(label: str, db: Path, formats, work: Path, out=sys.stdout) -> list[dict]:
    c = counts(db)
    out.write(
        f"\n{label}: {c['documents']:,} documents, {c['claims']:,} current claims, {c['launch_events']:,} launch "
        f"events, {c['reviews']:,} reviews, {c['mb']:.0f} MB\n\n"
    )
    out.write(
        f"{'format':12} {'rows':>10} {'s':>8} {'rows/s':>9} {'MB out':>8} {'RSS before':>11} {'peak RSS':>9}\n"
    )
    rows = []
    for fmt in formats:
        r = measure(db, fmt, work)
        r["format"] = fmt
        rows.append(r)
        out.write(
            f"{fmt:12} {r['count']:>10,} {r['seconds']:>8.1f} {r['count'] / max(r['seconds'], 1e-9):>9,.0f} "
            f"{r['bytes'] / 1e6:>8.1f} {r['rss_before_mb']:>9.0f}MB {r['peak_rss_mb']:>7.0f}MB\n"
        )
        out.flush()
    return rows


def prepare(db: Path) -> None:
    """Bring a database to schema head (adds the reviews table to an older one)."""
    from factdb.db.engine import open_database

    open_database(db).dispose()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        return child(*argv[1:4])
    parser = argparse.ArgumentParser(prog="python -m benchmarks export", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="export this database instead of building one")
    parser.add_argument("--claims", type=int, default=None, help="also measure a copy grown to N claims")
    parser.add_argument("--work", type=Path, default=Path("/tmp/factdb-bench-export"), help="working folder")
    parser.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    parser.add_argument("--reuse", action="store_true", help="reuse databases built by an earlier run")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma separated")
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    args.work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from benchmarks.serve import build_base, replicate_claims

    if args.db is not None:
        base = args.db
    else:
        base = args.work / "base.db"
        if not (args.reuse and base.is_file()):
            for p in args.work.glob("base.db*"):
                p.unlink()
            t0 = time.perf_counter()
            build_base(base, args.corpus)
            print(f"ingested seeds + corpus in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    prepare(base)
    print(f"export benchmark, {dt.date.today()}, one child process per export, output to a file")
    report(f"database {base}", base, formats, args.work)
    if args.claims:
        big = args.work / "big.db"
        if not (args.reuse and big.is_file() and counts(big)["claims"] >= args.claims):
            for p in args.work.glob("big.db*"):
                p.unlink()
            shutil.copyfile(base, big)
            t0 = time.perf_counter()
            n = replicate_claims(big, args.claims)
            print(f"replicated to {n:,} claims in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        report(f"grown copy {big}", big, formats, args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
