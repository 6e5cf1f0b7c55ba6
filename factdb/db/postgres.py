"""PostgreSQL as factdb's second backend: URLs, connections, errors (issue 13).

Imported only when ``--db`` names a PostgreSQL URL, so a SQLite user never needs psycopg.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL

# Any number of factdb processes writing one server take this transaction-scoped advisory
# lock before writing, as SQLite writers take BEGIN IMMEDIATE: the rest of factdb assumes
# one writer at a time (entity mention ids, the rebuild of claim groups and launch events,
# the gazetteer sync). Extraction, the slow part, runs before it in every process.
WRITE_LOCK = 0x66AC7DB  # "factdb", roughly; any constant all factdb processes share

CONNECT_TIMEOUT_S = 10

# Outside quotes and comments, ``?`` is a placeholder; inside them it is text.
_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|/\*.*?\*/|\?|%|[^'"?%/-]+|.""", re.S)


@functools.lru_cache(maxsize=512)
def qmark_to_format(sql: str) -> str | None:
    """``sql`` with sqlite3's ``?`` placeholders as psycopg's ``%s`` (and every literal ``%``
    doubled, as psycopg then reads them), or None when ``sql`` has no ``?`` placeholder
    (SQLAlchemy's own statements, already in psycopg's style)."""
    out, found = [], False
    for tok in _TOKENS.findall(sql):
        if tok == "?":
            out.append("%s")
            found = True
        elif tok == "%":
            out.append("%%")
        elif tok.startswith(("'", '"')):
            out.append(tok.replace("%", "%%"))
        else:
            out.append(tok)
    return "".join(out) if found else None


def _cursor_class():
    import psycopg

    class QmarkCursor(psycopg.Cursor):
        """A psycopg cursor that also takes sqlite3's ``?`` placeholders with positional
        parameters, so factdb's hand-written SQL (``exec_driver_sql`` and raw cursors in
        the store, the linker and the exporters) runs unchanged on PostgreSQL."""

        def execute(self, query, params=None, **kw):
            if params is not None and isinstance(query, str):
                translated = None if isinstance(params, Mapping) else qmark_to_format(query)
                if translated is not None:
                    query = translated
                elif not params and "%" in query and "%%" not in query:
                    # plain SQL without parameters arrives as written, with () or {}, where
                    # psycopg would read the '%' of LIKE 'missile.%' as a placeholder
                    # (SQLAlchemy's own statements double every literal '%'): no parameters, then
                    params = None
            return super().execute(query, params, **kw)

        def executemany(self, query, params_seq, **kw):
            if isinstance(query, str):
                query = qmark_to_format(query) or query
            return super().executemany(query, params_seq, **kw)

    return QmarkCursor


def make_engine(url: URL) -> Engine:
    try:
        cursor = _cursor_class()
    except ImportError:
        from factdb.db.engine import DatabaseError

        raise DatabaseError(
            f"{display(url)}: PostgreSQL needs psycopg 3; install it with pip install 'factdb[postgres]'"
        ) from None
    engine = create_engine(
        url,
        connect_args={"cursor_factory": cursor, "connect_timeout": CONNECT_TIMEOUT_S},
        # a writer holds a connection for a whole run; a pool of a few is all a process needs
        pool_size=2,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # write_transaction asks for the lock (the ``sqlite_begin="IMMEDIATE"`` option both
        # backends understand); plain reads take none
        if conn.get_execution_options().get("sqlite_begin") == "IMMEDIATE":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    return engine


def display(url: URL) -> str:
    """The URL as people should see it in messages: no password, a socket path unescaped."""
    from urllib.parse import unquote

    return unquote(url.render_as_string(hide_password=True))


def describe_error(exc: BaseException, name: str) -> str:
    """One line for a psycopg error (connection refused, unknown database, bad password...)."""
    orig = getattr(exc, "orig", None) or exc
    # libpq's messages run over several lines; one line for people, parts joined by '; '
    reason = "; ".join(" ".join(line.split()) for line in str(orig).splitlines() if line.strip())
    reason = reason or type(orig).__name__
    low = reason.lower()
    # libpq's connection errors repeat the address; the part after the last 'failed:' says why
    if "connection" in low and "failed:" in reason:
        reason = reason.rsplit("failed:", 1)[1].strip()
        return f"cannot connect to PostgreSQL at {name}: {reason}"
    if "timeout expired" in low:
        return f"cannot connect to PostgreSQL at {name}: no answer within {CONNECT_TIMEOUT_S} s"
    if "permission denied" in low or "must be owner" in low:
        return f"PostgreSQL database {name}: {reason} (the user needs to own the database or have CREATE on it)"
    return f"PostgreSQL database {name}: {reason}"


def is_database_error(exc: BaseException) -> bool:
    """A psycopg error about the server or its state, not a bug in factdb's SQL."""
    try:
        import psycopg
    except ImportError:
        return False
    if not isinstance(exc, psycopg.Error):
        return False
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):  # the server's grants, not factdb's SQL
        return True
    # a broken constraint or bad SQL is factdb's bug: keep its traceback for the report
    return isinstance(exc, psycopg.DatabaseError) and not isinstance(
        exc, psycopg.IntegrityError | psycopg.ProgrammingError | psycopg.DataError
    )
