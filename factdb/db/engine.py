"""Opening a factdb database: connection settings, and bringing the schema to head.

Every command that opens a database goes through :func:`open_database`, so a new file
is migrated before use and a file written by a newer factdb is refused, not damaged.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

DEFAULT_DB = "factdb.db"
BUSY_TIMEOUT_MS = 60_000


class SchemaError(Exception):
    """The database's schema cannot be used by this version of factdb."""


def default_db_path() -> str:
    return os.environ.get("FACTDB_DB") or DEFAULT_DB


def make_engine(path: str | os.PathLike) -> Engine:
    """An engine whose connections enforce foreign keys and wait for other writers.

    WAL lets readers and one writer work at once; the busy timeout makes a second
    ``factdb ingest`` wait its turn instead of failing. pysqlite's own transaction
    handling is turned off so that SQLAlchemy's BEGIN is what SQLite sees, and a
    connection can ask for ``BEGIN IMMEDIATE`` (take the write lock up front, so
    two writers never deadlock upgrading read locks).
    """
    engine = create_engine(f"sqlite:///{os.fspath(path)}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
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
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
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


def open_database(path: str | os.PathLike | None = None, migrate: bool = True) -> Engine:
    """Engine for ``path`` with its schema at head (created if the file is new)."""
    engine = make_engine(path or default_db_path())
    check_not_newer(engine)
    if migrate and current_revision(engine) != head_revision():
        upgrade(engine)
    return engine


@contextmanager
def write_transaction(engine: Engine):
    """A connection in ``BEGIN IMMEDIATE``: committed on success, rolled back on error."""
    with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
        with conn.begin():
            yield conn
