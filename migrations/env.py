"""Alembic environment for factdb.

Run programmatically by ``factdb db upgrade`` (which hands over its connection), or by
the ``alembic`` command from the project root, where ``FACTDB_DB`` names the database.
"""

import os

from alembic import context
from sqlalchemy import create_engine

from factdb.db.schema import Base
from factdb.db.sqlite_extras import is_fts_name

config = context.config
target_metadata = Base.metadata


def include_name(name, type_, parent_names):
    # FTS5 virtual tables and their shadow tables (SQLite), and the GIN indexes that stand
    # for them (PostgreSQL, named like the FTS5 tables), are migration-owned, not models.
    if type_ in ("table", "index"):
        return not is_fts_name(name)
    return True


def _configure(connection):
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        include_name=include_name,
    )


def run_migrations_online():
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url") or f"sqlite:///{os.environ.get('FACTDB_DB', 'factdb.db')}"
    engine = create_engine(url)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


def run_migrations_offline():
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or "sqlite://",
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
