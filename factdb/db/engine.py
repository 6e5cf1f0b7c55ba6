"""Opening a factdb database: connection settings, and bringing the schema to head.

A database is a SQLite file (a path) or a PostgreSQL server (a SQLAlchemy URL,
``postgresql+psycopg://user@host/dbname``). Every command that opens one goes through
:func:`open_database`, so a new database is migrated before use, and a database written
by a newer factdb, a file that is not SQLite and another program's database are refused,
not damaged. :func:`describe_error` is the one place that turns SQLite's and
PostgreSQL's errors into a line a person can act on.

factdb's hand-written SQL uses sqlite3's ``?`` placeholders; on PostgreSQL the
connections' cursors (:class:`factdb.db.postgres.QmarkCursor`) translate them, so the
same statements run on both. Writers serialize on both backends: ``BEGIN IMMEDIATE`` on
SQLite, a transaction-scoped advisory lock on PostgreSQL (:func:`write_transaction`).
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

DEFAULT_DB = "factdb.db"
BUSY_TIMEOUT_MS = 60_000


class SchemaError(Exception):
    """The database's schema cannot be used by this version of factdb."""


class DatabaseError(Exception):
    """The database cannot be opened or used; the message is one line naming it and saying why."""


SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables of a factdb database of any revision, known or newer: with them and an unknown
# alembic revision, the file is from a newer factdb, not another program.
FACTDB_CORE_TABLES = {"documents", "claims", "extraction_runs"}


def database_url(target: str | os.PathLike):
    """The PostgreSQL URL ``target`` names, or None when it names a SQLite file.

    A path is a SQLite file; ``sqlite:///path`` is read as that path. ``postgresql://``
    and ``postgresql+psycopg://`` are PostgreSQL through psycopg 3. Any other URL is
    refused with one line.
    """
    text = os.fspath(target)
    if "://" not in text:
        return None
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text)
    except ArgumentError:
        raise DatabaseError(f"{text} is not a database URL (expected postgresql+psycopg://user@host/dbname)") from None
    if url.get_backend_name() == "sqlite":
        return None
    if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("psycopg", "psycopg2"):
        # psycopg 3 is the driver factdb ships for; a bare postgresql:// means it too
        return url.set(drivername="postgresql+psycopg")
    raise DatabaseError(
        f"cannot use {url.render_as_string(hide_password=True)}: factdb stores into a SQLite file or "
        "PostgreSQL (postgresql+psycopg://user@host/dbname)"
    )


def sqlite_path(target: str | os.PathLike) -> str:
    """The file a SQLite target names (``sqlite:///x.db`` is ``x.db``)."""
    text = os.fspath(target)
    if text.startswith("sqlite:"):
        from sqlalchemy.engine import make_url

        return make_url(text).database or ":memory:"
    return text


def display_name(target: str | os.PathLike) -> str:
    """How messages name a database: the path, or the URL without its password."""
    try:
        url = database_url(target)
    except DatabaseError:
        return os.fspath(target)
    if url is None:
        return os.fspath(target)
    from factdb.db.postgres import display

    return display(url)


def describe_error(exc: BaseException, path: str | os.PathLike) -> str:
    """One line naming the database and what went wrong, for a sqlite3, psycopg or SQLAlchemy error."""
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, sqlite3.Error) and "://" in os.fspath(path):
        from factdb.db import postgres

        return postgres.describe_error(orig, display_name(path))
    reason = str(orig.args[0]) if getattr(orig, "args", None) else type(orig).__name__
    low = reason.lower()
    path = os.fspath(path)
    if "locked" in low or "busy" in low:
        return (
            f"database {path} is locked by another process (gave up after {BUSY_TIMEOUT_MS / 1000:g} s); "
            f"try again when it has finished"
        )
    if "file is not a database" in low:
        return f"{path} is not a SQLite database, or it is corrupt ({reason})"
    if "malformed" in low or "corrupt" in low:
        return f"database {path} is corrupt ({reason}); restore it from a backup or a published snapshot"
    if "readonly" in low or "read-only" in low:
        return f"cannot write to database {path}: the file or its folder is read-only ({reason})"
    if "disk i/o" in low:
        return f"cannot read or write database {path}: {reason} (disk failing, file removed, or network share gone?)"
    if "disk is full" in low or "database or disk is full" in low:
        return f"cannot write to database {path}: the disk is full"
    if "unable to open" in low:
        return f"cannot open database {path}: {reason}"
    return f"database {path}: {reason}"


def is_database_error(exc: BaseException) -> bool:
    """An error about the database file or server, or its state, as opposed to a bug in factdb.

    Integrity and programming errors (a broken constraint, bad SQL) are factdb's own
    bugs, and their traceback is what a bug report needs: they are not mapped.
    """
    from sqlalchemy import exc as sa_exc

    if isinstance(exc, sa_exc.DBAPIError):
        exc = exc.orig
    if isinstance(exc, sqlite3.DatabaseError):
        return not isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError))
    from factdb.db import postgres

    return postgres.is_database_error(exc)


def check_file(path: str | os.PathLike, create: bool = True) -> None:
    """Refuse, with one line, a path that cannot be a database: a folder, a file in a
    folder that does not exist, a file that is not SQLite, or (unless ``create``) nothing.

    Without this, SQLite would create an empty database at a mistyped path and a read
    command would report on nothing, or fail later with a traceback.
    """
    p = Path(path)
    name = os.fspath(path)
    if p.is_dir():
        raise DatabaseError(f"cannot open database {name}: it is a directory")
    if not p.exists():
        parent = p.parent
        if not parent.exists():
            raise DatabaseError(f"cannot open database {name}: folder {parent} does not exist")
        if not parent.is_dir():
            raise DatabaseError(f"cannot open database {name}: {parent} is not a folder")
        if not create:
            raise DatabaseError(f"no database at {name} (run factdb ingest to create one)")
        return
    try:
        with open(p, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"cannot open database {name}: {exc.strerror or exc}") from None
    if head and head != SQLITE_MAGIC:  # an empty file is an empty SQLite database
        raise DatabaseError(f"{name} is not a SQLite database")


def check_is_factdb(path: str | os.PathLike) -> None:
    """Refuse another program's SQLite database before factdb adds a single table to it.

    A factdb database is empty, or has an ``alembic_version`` naming a factdb revision
    (or a newer one, if it has factdb's tables; :func:`check_not_newer` reports that).
    Read with plain sqlite3, so nothing is written: not even the switch to WAL.
    """
    conn = sqlite3.connect(os.fspath(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        names = sorted(
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            if not name.startswith("sqlite_")
        )
        revision = None
        if "alembic_version" in names:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    finally:
        conn.close()
    _refuse_foreign(os.fspath(path), names, revision, "use a new file")


def _refuse_foreign(name: str, names: list[str], revision: str | None, advice: str) -> None:
    others = [n for n in names if n != "alembic_version"]
    if not others:
        return
    if revision is not None and (_known_revision(revision) or FACTDB_CORE_TABLES <= set(others)):
        return
    listed = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
    raise DatabaseError(f"{name} is not a factdb database (it has tables {listed}); {advice}")


def check_is_factdb_server(engine: Engine, name: str) -> None:
    """:func:`check_is_factdb` for a PostgreSQL database: its default schema holds nothing,
    or factdb's tables. Connecting here is also what reports an unreachable server."""
    from sqlalchemy import inspect

    with engine.connect() as conn:
        insp = inspect(conn)
        names = sorted(insp.get_table_names() + insp.get_view_names())
        revision = None
        if "alembic_version" in names:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    _refuse_foreign(name, names, revision, "use a new database or schema")


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except Exception:
        return False
    return True


def default_db_path() -> str:
    return os.environ.get("FACTDB_DB") or DEFAULT_DB


def make_engine(path: str | os.PathLike) -> Engine:
    """An engine for a SQLite path or a PostgreSQL URL (:mod:`factdb.db.postgres`).

    On SQLite, connections enforce foreign keys and wait for other writers.

    WAL lets readers and one writer work at once; the busy timeout makes a second
    ``factdb ingest`` wait its turn instead of failing. pysqlite's own transaction
    handling is turned off so that SQLAlchemy's BEGIN is what SQLite sees, and a
    connection can ask for ``BEGIN IMMEDIATE`` (take the write lock up front, so
    two writers never deadlock upgrading read locks).
    """
    url = database_url(path)
    if url is not None:
        from factdb.db import postgres

        return postgres.make_engine(url)
    engine = create_engine(f"sqlite:///{sqlite_path(path)}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        _set_wal(cur)
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        # 64 MB of page cache: claims carry nine indexes plus FTS, and ingest touches all of them
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _set_wal(cur) -> None:
    # Two processes opening a new file at once: switching it to WAL needs a moment of
    # exclusive access, and SQLite answers "database is locked" at once instead of using
    # the busy handler. Retry for as long as any other wait would take.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


def migrations_dir() -> Path:
    """``migrations/`` of a checkout, or the copy shipped inside an installed wheel."""
    checkout = Path(__file__).resolve().parents[2] / "migrations"
    if (checkout / "env.py").exists():
        return checkout
    return Path(str(resources.files("factdb") / "_migrations"))


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if engine is not None:
        # configparser reads % as interpolation; a socket path in a URL is %-encoded
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config(engine)
    # IMMEDIATE: two processes opening the same new file migrate one after the other;
    # the second then finds the schema at head and does nothing.
    with write_transaction(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    cfg = alembic_config(engine)
    with write_transaction(engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


@dataclass
class DowngradePlan:
    """What ``downgrade(engine, target)`` would undo, and the rows it would delete."""

    current: str | None
    target: str | None  # None: base, an empty schema
    undone: list[str] = field(default_factory=list)  # revisions, newest first
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows deleted (only tables with rows)


def plan_downgrade(engine: Engine, revision: str) -> DowngradePlan:
    """Resolve ``revision`` (an id or its prefix, ``-N`` for N revisions down, or ``base``)
    against the database's current revision, and count what going there deletes.

    Each revision module lists in ``DROPS`` the tables whose rows its downgrade deletes.
    Raises :class:`SchemaError` for an unknown revision or one that is not below the current.
    """
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    chain: list[str] = []  # current, the one below it, ..., the first revision
    rev = current
    while rev is not None:
        chain.append(rev)
        down = script.get_revision(rev).down_revision
        if isinstance(down, tuple):  # a merge: factdb's history is linear, so never expected
            raise SchemaError(f"revision {rev} merges branches; downgrade with alembic itself")
        rev = down
    if re.fullmatch(r"-\d+", revision):
        steps = int(revision[1:])
        if steps > len(chain):
            raise SchemaError(
                f"cannot go {steps} revisions down from {current or 'base'}: it is {len(chain)} above base"
            )
        target = chain[steps] if steps < len(chain) else None
    elif revision == "base":
        target = None
    else:
        try:
            found = script.get_revision(revision)
        except Exception:
            found = None
        if found is None:
            raise SchemaError(f"unknown revision {revision!r}; see factdb db current") from None
        target = found.revision
        if target not in chain:
            raise SchemaError(
                f"revision {target} is not below the database's {current or 'base'}; use factdb db upgrade"
            )
    undone = chain[: chain.index(target)] if target is not None else chain
    plan = DowngradePlan(current, target, undone)
    from sqlalchemy import inspect

    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        for rev in reversed(undone):  # oldest first: documents and claims lead the list
            for table in getattr(script.get_revision(rev).module, "DROPS", ()):
                if table in present:
                    n = conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar()
                    if n:
                        plan.rows[table] = n
    return plan


def check_not_newer(engine: Engine) -> None:
    from alembic.script import ScriptDirectory

    current = current_revision(engine)
    if current is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    try:
        script.get_revision(current)
    except Exception:
        raise SchemaError(
            f"database schema revision {current} is newer than this factdb "
            f"(which knows up to {script.get_current_head()}); upgrade factdb to use it"
        ) from None


def open_database(path: str | os.PathLike | None = None, migrate: bool = True, create: bool = True) -> Engine:
    """Engine for ``path`` (a SQLite file or a PostgreSQL URL) with its schema at head.

    A missing file is created only if ``create`` (commands that only read pass False);
    a PostgreSQL database must exist (an empty one is migrated like a new file).
    Raises :class:`DatabaseError` for a path that is no usable factdb database or a
    server that cannot be reached, and :class:`SchemaError` for one written by a newer factdb.
    """
    path = path or default_db_path()
    if database_url(path) is not None:
        return _open_server(path, migrate)
    path = sqlite_path(path)
    try:
        if os.fspath(path) != ":memory:":
            check_file(path, create)
            if Path(path).exists():
                check_is_factdb(path)
        engine = make_engine(path)
        check_not_newer(engine)
        if migrate and current_revision(engine) != head_revision():
            upgrade(engine)
    except Exception as exc:
        if is_database_error(exc):
            raise DatabaseError(describe_error(exc, path)) from exc
        raise
    return engine


def _open_server(target: str | os.PathLike, migrate: bool) -> Engine:
    name = display_name(target)
    try:
        engine = make_engine(target)
        check_is_factdb_server(engine, name)
        check_not_newer(engine)
        if migrate and current_revision(engine) != head_revision():
            upgrade(engine)  # under the write lock: processes starting together migrate once
    except Exception as exc:
        if is_database_error(exc):
            raise DatabaseError(describe_error(exc, target)) from exc
        raise
    return engine


def restart_ids(conn, tables: tuple[str, ...]) -> None:
    """Tables about to be emptied and rebuilt from scratch number their rows from 1 again.

    SQLite does this by itself (a new rowid is the largest in the table plus one); a
    PostgreSQL sequence never goes back, so without this the same rebuild would give other
    ids there, and the snapshots published from the two backends would differ. Call it
    inside the write transaction that empties the tables, before anything is inserted.
    """
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1, false)")


@contextmanager
def write_transaction(engine: Engine):
    """A connection that writes alone: ``BEGIN IMMEDIATE`` on SQLite, the advisory write
    lock on PostgreSQL. Committed on success, rolled back on error."""
    with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
        with conn.begin():
            yield conn
