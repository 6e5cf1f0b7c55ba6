"""``factdb publish``: a clean, self-contained copy of the database for serving.

Datasette serves the copy immutable (``-i``), which ignores anything still in a WAL
file, so the copy is made with ``VACUUM INTO`` (a consistent snapshot, WAL content
included) and switched to rollback journaling: one file, nothing beside it. Counts of
every table and view are computed once here and written in ``datasette inspect``'s
format (plus views), because counting a million claims on every page view is what makes large
Datasette tables slow.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

SNAPSHOT_NAME = "factdb.db"  # Datasette names a database by its file stem: "factdb"
INSPECT_NAME = "inspect-data.json"
DATABASE = Path(SNAPSHOT_NAME).stem


@dataclass
class Snapshot:
    path: Path
    inspect_path: Path
    counts: dict[str, int] = field(default_factory=dict)  # tables and views by name


def publish(db: str | os.PathLike, out: str | os.PathLike = "dist") -> Snapshot:
    """Write ``out/factdb.db`` and ``out/inspect-data.json`` from the database ``db``.

    The source is first brought to the schema head (as every factdb command does), so
    the published schema is the one the metadata describes. The new files replace old
    ones only once complete, so a server reading ``out`` never sees half a snapshot.
    """
    source = Path(db)
    _migrate(source)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / SNAPSHOT_NAME
    tmp = out_dir / f".{SNAPSHOT_NAME}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    try:
        _vacuum_into(source, tmp)
        _prepare(tmp)
        counts = count_rows(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    for leftover in (Path(f"{final}-wal"), Path(f"{final}-shm"), Path(f"{final}-journal")):
        leftover.unlink(missing_ok=True)
    os.replace(tmp, final)
    inspect_path = write_inspect(final, counts)
    return Snapshot(path=final, inspect_path=inspect_path, counts={**counts["table"], **counts["view"]})


def _migrate(source: Path) -> None:
    """Bring ``source`` to head; a missing file, a folder, a file that is not SQLite and
    another program's database raise :class:`factdb.db.engine.DatabaseError` (one line)
    rather than being created empty or published."""
    from factdb.db.engine import open_database

    engine = open_database(source, create=False)
    engine.dispose()


def _vacuum_into(source: Path, target: Path) -> None:
    conn = sqlite3.connect(source)
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
    finally:
        conn.close()


def _prepare(path: Path) -> None:
    """Rollback journal (no WAL), planner statistics and merged FTS indexes for a read-only life."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("ANALYZE")
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
        ).fetchall():
            conn.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'optimize\')')
    finally:
        conn.close()


def count_rows(path: Path) -> dict[str, dict[str, int]]:
    """Row counts of every table and every view, the numbers Datasette would otherwise recount."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        counts: dict[str, dict[str, int]] = {"table": {}, "view": {}}
        for name, kind in conn.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name"
        ).fetchall():
            counts[kind][name] = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        return counts
    finally:
        conn.close()


def file_hash(path: Path) -> str:
    """SHA-256 of the file, as ``datasette inspect`` records it (so Datasette need not reread it)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_inspect(snapshot: Path, counts: dict[str, dict[str, int]]) -> Path:
    """``datasette inspect`` JSON for ``snapshot``: hash, size and table counts.

    ``tables`` holds tables only, exactly as ``datasette inspect`` writes it (Datasette's
    database page expects every key there to be a table). View counts go in an extra
    ``views`` key, which Datasette ignores and factdb's plugin uses.
    """
    data = {
        DATABASE: {
            "hash": file_hash(snapshot),
            "size": snapshot.stat().st_size,
            "file": snapshot.name,
            "tables": {name: {"count": n} for name, n in counts["table"].items()},
            "views": {name: {"count": n} for name, n in counts["view"].items()},
        }
    }
    path = snapshot.parent / INSPECT_NAME
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def read_inspect(directory: str | os.PathLike) -> dict | None:
    """The inspect data next to a snapshot, or None when it was not written."""
    path = Path(directory) / INSPECT_NAME
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
