"""Ingest benchmark: documents/s, claims/s and MB/s per collection, into a fresh database.

    python -m benchmarks ingest [--limit N] [--corpus DIR]

Besides the end-to-end figure it times the three stages separately over the same files
(read+parse, extract, store), so the report says where the time goes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
COLLECTIONS = {"bbc (plain text)": ("bbc", True, "BBC"), "reuters-2016 (Markdown + HTML)": ("reuters-2016", False, None)}


def _files(folder: Path, recursive: bool, limit: int | None) -> list[str]:
    from factdb.ingest import FORMATS

    files = sorted(p for p in (folder.rglob("*") if recursive else folder.iterdir()) if p.suffix in FORMATS)
    return [str(p) for p in files[:limit]]


def bench_collection(files: list[str], outlet: str | None) -> dict:
    from factdb.db.engine import open_database
    from factdb.extract import extract_claims
    from factdb.ingest import InputError, iter_inputs
    from factdb.pipeline import ingest

    nbytes = sum(Path(f).stat().st_size for f in files)
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        summary = ingest(engine, iter_inputs(files, outlet=outlet))
        total = time.perf_counter() - t0
        engine.dispose()

    # The same work, stage by stage.
    t0 = time.perf_counter()
    docs = [d for d in iter_inputs(files, outlet=outlet) if not isinstance(d, InputError)]
    read_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_claims = 0
    for d in docs:
        n_claims += len(extract_claims(d.text, d.publication_date))
    extract_s = time.perf_counter() - t0
    return {
        "documents": summary.new,
        "failed": len(summary.failed),
        "claims": summary.claims,
        "mb_in": nbytes / 1e6,
        "mb_text": summary.chars / 1e6,
        "seconds": total,
        "docs_per_s": summary.new / total,
        "claims_per_s": summary.claims / total,
        "mb_per_s": nbytes / 1e6 / total,
        "read_s": read_s,
        "extract_s": extract_s,
        "store_s": max(total - read_s - extract_s, 0.0),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks ingest", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="at most N files per collection")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: corpus not found at {args.corpus}")
        return 0
    print(f"ingest benchmark, {dt.date.today()}, one process, fresh database per collection")
    header = f"{'collection':32} {'docs':>6} {'claims':>7} {'MB':>6} {'s':>7} {'docs/s':>8} {'claims/s':>9} {'MB/s':>6}"
    print(header)
    stages = []
    for label, (sub, recursive, outlet) in COLLECTIONS.items():
        folder = args.corpus / sub
        if not folder.is_dir():
            continue
        r = bench_collection(_files(folder, recursive, args.limit), outlet)
        print(
            f"{label:32} {r['documents']:>6} {r['claims']:>7} {r['mb_in']:>6.1f} {r['seconds']:>7.1f} "
            f"{r['docs_per_s']:>8.0f} {r['claims_per_s']:>9.0f} {r['mb_per_s']:>6.2f}"
        )
        stages.append((label, r))
    print("\nwhere the time goes (same files, stage by stage):")
    for label, r in stages:
        total = r["read_s"] + r["extract_s"] + r["store_s"]
        parts = ", ".join(
            f"{name} {r[key]:.1f}s ({100 * r[key] / total:.0f}%)"
            for name, key in (("read+parse", "read_s"), ("extract", "extract_s"), ("store", "store_s"))
        )
        print(f"  {label}: {parts}")
    return 0
