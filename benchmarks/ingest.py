"""Ingest benchmark: documents/s, claims/s and MB/s per collection, into a fresh database.

    python -m benchmarks ingest [--limit N] [--corpus DIR] [--jobs 1,2] [--only bbc]

Each collection is ingested end to end (``factdb.pipeline.ingest``, as ``factdb ingest``
runs it, worker start-up included) once per ``--jobs`` value into a fresh database, and
the speed-up of each value over the first is printed. Then the stages are timed one by
one over the same files in one process, so the report says where the time goes:
read+parse, extract, link (claim rows and entity links), store (the batched writes) and
derive (claim groups and launch events, rebuilt once at the end of a run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
COLLECTIONS = {
    "bbc": ("bbc (plain text)", "bbc", True, "BBC"),
    "reuters": ("reuters-2016 (Markdown + HTML)", "reuters-2016", False, None),
}
STAGES = ("read", "extract", "link", "store", "derive")


def _files(folder: Path, recursive: bool, limit: int | None) -> list[str]:
    from factdb.ingest import FORMATS

    files = sorted(p for p in (folder.rglob("*") if recursive else folder.iterdir()) if p.suffix in FORMATS)
    return [str(p) for p in files[:limit]]


def bench_run(files: list[str], outlet: str | None, jobs: int) -> dict:
    """One end-to-end ingest into a fresh database."""
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest

    nbytes = sum(Path(f).stat().st_size for f in files)
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(Path(tmp) / "bench.db")
        cpu0 = _cpu_seconds()
        own0 = _own_cpu_seconds()
        t0 = time.perf_counter()
        summary = ingest(engine, iter_inputs(files, outlet=outlet, defer=jobs > 1), jobs=jobs)
        total = time.perf_counter() - t0
        own = _own_cpu_seconds() - own0
        time.sleep(1.0 if jobs > 1 else 0)  # let the workers exit and be reaped, so their CPU time counts
        cpu = _cpu_seconds() - cpu0
        engine.dispose()
    return {
        "cpu_s": cpu,
        "writer_cpu_s": own,  # this process: it stores everything and extracts what the workers leave it
        "workers_cpu_s": cpu - own,
        "jobs": jobs,
        "documents": summary.new,
        "failed": len(summary.failed),
        "claims": summary.claims,
        "mb_in": nbytes / 1e6,
        "seconds": total,
        "docs_per_s": summary.new / total,
        "claims_per_s": summary.claims / total,
        "mb_per_s": nbytes / 1e6 / total,
    }


def _cpu_seconds() -> float:
    """CPU seconds used by this process and by every worker process it has had.

    Forked workers are this process's children, counted once they have exited and been
    reaped; workers started by multiprocessing's fork server are its children, and its
    /proc stat (own and waited-for children's times) counts them.
    On a loaded machine this is the figure to compare between --jobs values: the
    wall-clock time depends on what else runs, the CPU time per document does not.
    """
    import resource

    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):  # forked workers are children
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    try:
        from multiprocessing import forkserver

        pid = forkserver._forkserver._forkserver_pid
        if pid:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime
    except (OSError, AttributeError, ValueError, ImportError):
        pass
    return total


def _own_cpu_seconds() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench_stages(files: list[str], outlet: str | None) -> dict:
    """The same work as one ``jobs=1`` run, stage by stage: CPU seconds per stage, which
    other processes on a loaded machine do not inflate as they do wall-clock time."""
    from factdb.db.engine import open_database
    from factdb.db.store import Store
    from factdb.entities import store as entity_store
    from factdb.entities.linking import plan_links
    from factdb.extract import extract, extractors
    from factdb.ingest import InputError, iter_inputs
    from factdb.pipeline import BATCH_DOCUMENTS, Prepared

    out = dict.fromkeys(STAGES, 0.0)
    t0 = time.process_time()
    docs, seen = [], set()
    for d in iter_inputs(files, outlet=outlet):
        if not isinstance(d, InputError) and d.sha256 not in seen:  # what ingest would store
            seen.add(d.sha256)
            docs.append(d)
    out["read"] = time.process_time() - t0
    # Document by document, as factdb.pipeline.prepare does: a document's claim rows are
    # part of its extraction there, and linking reuses the sentences extraction split
    # (cached per text), which a pass of all extractions then all links would split again.
    prepared = []
    clock = time.process_time
    for d in docs:
        t0 = clock()
        x = extract(d.text, d.publication_date)
        rows = [c.record(None, d.sha256) for c in x.claims]
        t1 = clock()
        links = plan_links(d.text, rows)
        out["link"] += clock() - t1
        out["extract"] += t1 - t0
        prepared.append(Prepared(d, d.sha256, rows, links, x.faults))
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(Path(tmp) / "stages.db")
        t0 = time.process_time()
        store = Store(
            engine, "ingest", extractors(), sync_links=entity_store.sync_entities, write_links=entity_store.store_links
        )
        for i in range(0, len(prepared), BATCH_DOCUMENTS):
            store.write(prepared[i : i + BATCH_DOCUMENTS])
        store.close()
        store.finish(len(prepared), sum(len(p.rows) for p in prepared))
        out["store"] = time.process_time() - t0
        t0 = time.process_time()
        entity_store.refresh(engine)
        out["derive"] = time.process_time() - t0
        engine.dispose()
    out["documents"] = len(docs)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks ingest", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="at most N files per collection")
    parser.add_argument(
        "--jobs", default="1,2", help="comma-separated worker counts to run end to end (default 1,2)"
    )
    parser.add_argument("--only", choices=sorted(COLLECTIONS), action="append", help="only this collection")
    parser.add_argument("--no-stages", action="store_true", help="skip the stage-by-stage timing")
    args = parser.parse_args(argv)
    try:
        jobs_list = [int(j) for j in args.jobs.split(",")]
    except ValueError:
        parser.error(f"--jobs takes numbers separated by commas, not {args.jobs!r}")
    if any(j < 1 for j in jobs_list):
        parser.error("--jobs values must be at least 1")
    if not args.corpus.is_dir():
        print(f"skipped: corpus not found at {args.corpus}")
        return 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"ingest benchmark, {dt.date.today()}, {os.cpu_count()} cores, load average {load:.1f} at start; "
        "fresh database per run"
    )
    header = (
        f"{'collection':32} {'jobs':>4} {'docs':>6} {'claims':>7} {'MB':>6} {'s':>7} {'docs/s':>8} "
        f"{'claims/s':>9} {'MB/s':>6} {'speed-up':>8} {'CPU ms/doc':>10} {'writer':>7} {'workers':>7} {'CPU-bound':>9}"
    )
    print(header)
    print(
        "  writer, workers: CPU ms/document of the writing process and of all worker processes together. "
        "CPU-bound: the first row's CPU seconds over the busiest process's, the speed-up on a machine with "
        "a free core per process if no process ever waited (wall-clock speed-up is only meaningful unloaded)"
    )
    chosen = args.only or list(COLLECTIONS)
    stages = []
    for key in chosen:
        label, sub, recursive, outlet = COLLECTIONS[key]
        folder = args.corpus / sub
        if not folder.is_dir():
            continue
        files = _files(folder, recursive, args.limit)
        base = base_cpu = None
        rates: dict[int, list[float]] = {}
        for jobs in jobs_list:
            r = bench_run(files, outlet, jobs)
            rates.setdefault(jobs, []).append(r["docs_per_s"])
            base = base or r["docs_per_s"]
            base_cpu = base_cpu or r["cpu_s"]
            per_doc = 1000 / max(r["documents"], 1)
            print(
                f"{label:32} {jobs:>4} {r['documents']:>6} {r['claims']:>7} {r['mb_in']:>6.1f} {r['seconds']:>7.1f} "
                f"{r['docs_per_s']:>8.0f} {r['claims_per_s']:>9.0f} {r['mb_per_s']:>6.2f} "
                f"{r['docs_per_s'] / base:>7.2f}x {r['cpu_s'] * per_doc:>10.2f} {r['writer_cpu_s'] * per_doc:>7.2f} "
                f"{r['workers_cpu_s'] * per_doc:>7.2f} {base_cpu / max(r['writer_cpu_s'], r['workers_cpu_s'] / max(jobs - 1, 1)):>8.2f}x",
                flush=True,
            )
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"  (load average {load:.1f} after these runs)")
        if len(jobs_list) > len(rates):  # repeated values (--jobs 1,2,1,2,...): one run is noisy
            first = statistics.median(rates[jobs_list[0]])
            summary = ", ".join(
                f"--jobs {j}: {statistics.median(v):.0f} docs/s ({statistics.median(v) / first:.2f}x, {len(v)} runs)"
                for j, v in rates.items()
            )
            print(f"  medians: {summary}")
        if not args.no_stages:
            stages.append((label, bench_stages(files, outlet)))
    if stages:
        print("\nwhere the time goes (same files, stage by stage, one process, CPU seconds):")
        for label, r in stages:
            total = sum(r[s] for s in STAGES)
            parts = ", ".join(f"{s} {r[s]:.2f}s ({100 * r[s] / total:.0f}%)" for s in STAGES)
            per_doc = 1000 * total / max(r["documents"], 1)
            print(f"  {label}: {parts}; {per_doc:.2f} CPU ms/document, {r['documents'] / total:.0f} docs per CPU second")
    return 0
