"""``factdb publish``: a clean, self-contained SQLite copy of the database for serving.

The source is a SQLite file or a PostgreSQL server (issue 13); the snapshot is SQLite
either way, built the same way from both, so the two give the same rows:

1. the snapshot's schema is what the migrations build on a new SQLite file (tables, FTS5
   tables, triggers, indexes, views, ``alembic_version``): the one definition of the
   SQLite schema, so a snapshot can never drift from what ingest writes;
2. its indexes and triggers are set aside, and every table's rows are copied from the
   source in primary-key order, all in one read transaction (a consistent moment even
   while ingest workers write), so ids, rowids and the FTS rowids are the source's;
3. the indexes and triggers come back, sqlite-utils rebuilds and optimizes the FTS indexes
   from the copied rows, ANALYZE gives the planner statistics, :func:`precompute` adds
   the serve-time count tables, VACUUM packs the file and it is switched to a rollback
   journal: Datasette serves it immutable (``-i``), which ignores anything in a WAL file.

Counts of every table and view are computed once here and written in ``datasette
inspect``'s format (plus views), because counting a million claims on every page view is
what makes large Datasette tables slow. The new files replace old ones only once complete.
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
COPY_BATCH = 5_000  # rows read from the source and written per step


@dataclass
class Snapshot:
    path: Path
    inspect_path: Path
    counts: dict[str, int] = field(default_factory=dict)  # tables and views by name


def publish(db: str | os.PathLike, out: str | os.PathLike = "dist") -> Snapshot:
    """Write ``out/factdb.db`` and ``out/inspect-data.json`` from the database ``db``
    (a SQLite path or a PostgreSQL URL).

    The source is first brought to the schema head (as every factdb command does), so
    the published schema is the one the metadata describes. The new files replace old
    ones only once complete, so a server reading ``out`` never sees half a snapshot.
    """
    engine = _open_source(db)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / SNAPSHOT_NAME
    tmp = out_dir / f".{SNAPSHOT_NAME}.{os.getpid()}.tmp"
    _remove(tmp)
    try:
        build(engine, tmp)
        counts = count_rows(tmp)
    except BaseException:
        _remove(tmp)
        raise
    finally:
        engine.dispose()
    for leftover in (Path(f"{final}-wal"), Path(f"{final}-shm"), Path(f"{final}-journal")):
        leftover.unlink(missing_ok=True)
    os.replace(tmp, final)
    inspect_path = write_inspect(final, counts)
    return Snapshot(path=final, inspect_path=inspect_path, counts={**counts["table"], **counts["view"]})


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        p.unlink(missing_ok=True)


def _open_source(db: str | os.PathLike):
    """The source at head; a missing file, a folder, a file that is not SQLite, another
    program's database and an unreachable server raise
    :class:`factdb.db.engine.DatabaseError` (one line) rather than being created empty or published."""
    from factdb.db.engine import open_database

    return open_database(db, create=False)


def build(source, target: Path) -> None:
    """Build the snapshot ``target`` (a new file) from the ``source`` engine of either backend."""
    import sqlite_utils

    from factdb.db.engine import make_engine, upgrade

    schema = make_engine(target)
    try:
        upgrade(schema)  # the SQLite schema at head, exactly as a new database gets it
    finally:
        schema.dispose()
    db = sqlite_utils.Database(sqlite3.connect(target, isolation_level=None))
    try:
        # nothing here needs to survive a crash: the file is renamed into place only when done
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA foreign_keys=OFF")
        deferred = db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        ).fetchall()
        # one transaction for all the rows: the connection autocommits, and a commit per
        # row (a journal file made and removed each time) made the copy 50x slower
        db.execute("BEGIN")
        for kind, name, _ in deferred:  # bulk rows go in faster with no index or trigger to update
            db.execute(f'DROP {kind.upper()} "{name}"')
        # One read transaction for every table, so the snapshot is one moment of a database
        # other processes may be writing: a claim copied without its document is impossible.
        # REPEATABLE READ on PostgreSQL; a SQLite read transaction (WAL) is one already.
        # stream_results: PostgreSQL reads through server-side cursors, not whole tables.
        options = {"stream_results": True, "max_row_buffer": COPY_BATCH}
        if source.dialect.name == "postgresql":
            options["isolation_level"] = "REPEATABLE READ"
        with source.connect().execution_options(**options) as conn, conn.begin():
            for table in _data_tables(db):
                _copy_table(conn, db, table)
        for _, _, sql in deferred:
            db.execute(sql)
        db.execute("COMMIT")
        _prepare(db)
    finally:
        db.close()


def _data_tables(db) -> list[str]:
    from factdb.db.sqlite_extras import is_fts_name

    # alembic_version is the migrations' own, written by the upgrade above
    return [
        name
        for name in db.table_names()
        if not is_fts_name(name) and name != "alembic_version" and not name.startswith("sqlite_")
    ]


def _copy_table(conn, db, table: str) -> None:
    """Every row of ``table`` from the source connection into the snapshot, in primary-key order."""
    info = db[table].columns
    columns = [c.name for c in info]
    keys = [c.name for c in sorted((c for c in info if c.is_pk), key=lambda c: c.is_pk)] or columns
    quoted = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(f'"{k}"' for k in keys)
    sql = f'SELECT {quoted} FROM "{table}" ORDER BY {order}'
    insert = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(columns))})'
    result = conn.exec_driver_sql(sql)
    while rows := result.fetchmany(COPY_BATCH):
        # The rows come typed by the same schema, so they go in as they are: sqlite-utils'
        # insert_all inspects every value and rebuilds its SQL per chunk, 10x slower here.
        db.conn.executemany(insert, rows)


def _prepare(db) -> None:
    """FTS indexes rebuilt from the copied rows and merged, planner statistics, the
    serve-time counts, a packed file with a rollback journal, for a read-only life."""
    from factdb.db.sqlite_extras import FTS_TABLES

    for _fts, (content, _, _) in FTS_TABLES.items():
        db[content].rebuild_fts()
    db.analyze()
    __import__("factdb.publish.precompute", fromlist=["precompute"]).precompute(db.conn)  # issue 11
    for _fts, (content, _, _) in FTS_TABLES.items():
        db[content].optimize()
    db.vacuum()
    db.execute("PRAGMA journal_mode=DELETE")


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
