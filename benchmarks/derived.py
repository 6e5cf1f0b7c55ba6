"""Derived-tables benchmark (issue 13): time and peak memory of the groups/events refresh,
full and after a small ingest, on a database and on a copy grown with synthetic documents.

    python -m benchmarks derived --db FILE [--copies 9] [--work DIR] [--add PATH ...]

``--db`` is a SQLite factdb (for instance the seeds and the shared corpus ingested, as
``python -m benchmarks serve`` builds it); it is copied into ``--work``, never touched.
``--copies K`` adds K synthetic copies of every document to the copy: the same text with a
suffix (so a new sha256), with its claims, mentions and claim links under new ids, which
multiplies the claims by K + 1 the way a corpus of wire copies would (every copy of a story
is one origin). On the copy: a full refresh, then, with ``--add``, an ingest of those files
whose refresh only updates what the new documents touch.

Each step runs in a child process that reports CPU seconds (user + system), wall seconds
and peak RSS (``ru_maxrss``). On a shared, loaded machine the CPU seconds are the figure to
compare; wall time waits for the cores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from factdb.db.engine import open_database
import factdb.entities.store as store

def usage():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

engine = open_database(sys.argv[1])
timings = []
real = store.refresh

def timed(engine, full=False):
    t, c = time.perf_counter(), usage()
    result = real(engine, full)
    timings.append({"cpu_s": round(usage() - c, 2), "wall_s": round(time.perf_counter() - t, 2), "result": result})
    return result

store.refresh = timed
t, c = time.perf_counter(), usage()
if sys.argv[2] == "full":
    store.refresh(engine, full=True)
    new = None
else:
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest
    new = ingest(engine, iter_inputs(sys.argv[3:])).new
print(json.dumps({"step": sys.argv[2], "new_documents": new, "refresh": timings[-1] if timings else None,
                  "process_cpu_s": round(usage() - c, 2), "process_wall_s": round(time.perf_counter() - t, 2),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def add_copies(path: Path, copies: int) -> None:
    """K synthetic copies of every document of ``path`` (SQLite), with claims, mentions and links."""
    conn = sqlite3.connect(path)
    one = lambda sql: conn.execute(sql).fetchone()[0] or 0  # noqa: E731
    last_doc, last_pk = one("SELECT max(id) FROM documents"), one("SELECT max(pk) FROM claims")
    last_mention, last_link = one("SELECT max(id) FROM entity_mentions"), one("SELECT max(id) FROM claim_entities")
    dcols = [r[1] for r in conn.execute("PRAGMA table_info(documents)")]
    ccols = [r[1] for r in conn.execute("PRAGMA table_info(claims)")]
    for k in range(1, copies + 1):
        suffix = f"\n\n(synthetic copy {k})"  # after the text: every span stays where it was
        rows = []
        for r in conn.execute(f"SELECT {', '.join(dcols)} FROM documents WHERE id <= ?", (last_doc,)):
            d = dict(zip(dcols, r, strict=True))
            d["id"] += k * last_doc
            d["text"] += suffix
            d["sha256"] = hashlib.sha256(d["text"].encode()).hexdigest()
            d["char_count"] = len(d["text"])
            rows.append(tuple(d[c] for c in dcols))
        conn.executemany(f"INSERT INTO documents ({', '.join(dcols)}) VALUES ({', '.join('?' * len(dcols))})", rows)
        shifted = {"id": f"substr(id, 1, 28) || '~{k:03d}'", "pk": f"pk + {k * last_pk}",
                   "document_id": f"document_id + {k * last_doc}"}
        conn.execute(f"INSERT INTO claims ({', '.join(ccols)}) SELECT {', '.join(shifted.get(c, c) for c in ccols)} "
                     f"FROM claims WHERE document_id <= {last_doc}")
        conn.execute(f"INSERT INTO entity_mentions (id, document_id, entity_id, char_start, char_end, quote) "
                     f"SELECT id + {k * last_mention}, document_id + {k * last_doc}, entity_id, char_start, char_end, "
                     f"quote FROM entity_mentions WHERE document_id <= {last_doc}")
        conn.execute(f"INSERT INTO claim_entities (id, claim_id, entity_id, role, mention_id, rule) "
                     f"SELECT ce.id + {k * last_link}, substr(ce.claim_id, 1, 28) || '~{k:03d}', ce.entity_id, ce.role, "
                     f"ce.mention_id + {k * last_mention}, ce.rule FROM claim_entities ce "
                     f"JOIN claims c ON c.id = ce.claim_id WHERE c.document_id <= {last_doc}")
        conn.commit()
    conn.close()


def _child(db: Path, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(db), *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"benchmark step failed: {out.stderr.strip().splitlines()[-1] if out.stderr else out.returncode}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks derived", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a SQLite factdb to copy (never modified)")
    parser.add_argument("--copies", type=int, default=0, help="synthetic copies of every document to add")
    parser.add_argument("--work", help="folder for the copy (default: a temporary folder)")
    parser.add_argument("--add", nargs="*", default=[], help="files or folders to ingest after the full refresh")
    args = parser.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="factdb-derived-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "derived.db"
    src = sqlite3.connect(args.db)
    dst = sqlite3.connect(db)
    src.backup(dst)  # a consistent copy even of a database in WAL mode
    src.close()
    dst.close()
    if args.copies:
        add_copies(db, args.copies)
    conn = sqlite3.connect(db)
    size = conn.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims WHERE is_current)").fetchone()
    conn.close()
    print(f"{size[0]:,} documents, {size[1]:,} current claims ({db})")
    steps = [_child(db, "full")]
    if args.add:
        steps.append(_child(db, "add", *args.add))
    for s in steps:
        r = s["refresh"] or {}
        print(f"{s['step']:<5} refresh cpu {r.get('cpu_s')} s, wall {r.get('wall_s')} s; process peak RSS "
              f"{s['peak_rss_mb']} MB; new documents {s['new_documents']}; {r.get('result')}")
    shutil.rmtree(work) if not args.work else None
    return 0


if __name__ == "__main__":
    sys.exit(main())
