"""Storing documents and their claims: a document never split, never half-stored.

A document, its claims, mentions and links go in together inside one transaction, or
not at all (a document that fails is rolled back alone, by a savepoint: see
:meth:`Store.write`), so a process killed mid-ingest leaves every committed document whole
and no half-stored one. Extraction and linking run before the write lock
is taken (:mod:`factdb.pipeline`); documents are then written in small batches.

This layer takes prepared rows and knows nothing of extractors or linking: the caller
passes the extractors' identities (anything with ``name``, ``version`` and
``description``) and the two functions that write a document's entity links, so
``factdb.db`` imports nothing from ``factdb.extract`` or ``factdb.entities``
(tests/test_containment.py asserts it).

The same code writes to SQLite and PostgreSQL (issue 13). A document goes in with
``INSERT ... ON CONFLICT (sha256) DO NOTHING RETURNING id`` (SQLAlchemy's dialect insert
constructs), so any number of processes ingesting overlapping inputs into one server
store each text once: whoever commits second finds no row returned and reports the
document ``present``.
"""

from __future__ import annotations

import datetime as dt
import operator
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, insert, update
from sqlalchemy.dialects import postgresql, sqlite

from factdb import __version__
from factdb.db.engine import write_transaction
from factdb.db.schema import Claim as ClaimRow
from factdb.db.schema import Document, ExtractionRun
from factdb.db.schema import Extractor as ExtractorRow
from factdb.db.sqlite_extras import bind_none_and_bool_fast, fill_fts, fts_marks
from factdb.failures import Failure, internal_reason
from factdb.models import CLAIM_FIELDS

documents_t = Document.__table__
claims_t = ClaimRow.__table__
runs_t = ExtractionRun.__table__
extractors_t = ExtractorRow.__table__


def dialect_insert(bind, table):
    """``INSERT`` with ``ON CONFLICT`` for the dialect of ``bind`` (an engine or connection)."""
    return (postgresql.insert if bind.dialect.name == "postgresql" else sqlite.insert)(table)


def _insert_document_sql(dialect) -> tuple[str, tuple[str, ...] | None]:
    """The document insert, compiled once per dialect for the raw cursor of the hot path:
    its SQL and the order of its parameters (None: the driver takes them by name)."""
    stmt = (
        (postgresql.insert if dialect.name == "postgresql" else sqlite.insert)(documents_t)
        .on_conflict_do_nothing(index_elements=["sha256"])
        .returning(documents_t.c.id)
    )
    compiled = stmt.compile(dialect=dialect, column_keys=list(_DOCUMENT_COLUMNS))
    return str(compiled), tuple(compiled.positiontup) if compiled.positional else None


def _is_driver_error(exc: BaseException) -> bool:
    """An error the database raised (shown as is), rather than one of factdb's own."""
    return isinstance(exc, sqlite3.DatabaseError) or type(exc).__module__.startswith("psycopg")


def now() -> str:
    """The time, to the second, as stored (ISO 8601, UTC). Formatted once per second, not once
    per document stored (each carries it): a datetime formatted is a few microseconds."""
    global _now
    second = int(time.time())
    if _now[0] != second:
        _now = (second, dt.datetime.fromtimestamp(second, dt.UTC).isoformat(timespec="seconds"))
    return _now[1]


_now: tuple[int, str] = (-1, "")


@dataclass
class IngestResult:
    """What happened to one document: ``status`` is ``new`` or ``present``."""

    status: str
    document_id: int | None
    claims: int = 0


class Store:
    """Writes into one database. One :class:`Store` is one extraction run.

    ``extractors`` are the run's extractors (``name``, ``version``, ``description``).
    ``sync_links(conn)`` is called once per connection before the first document is
    written and returns a state handed to ``write_links(conn, document_id, links, state)``,
    which writes one document's prepared links inside its savepoint; without them,
    ``links`` of prepared documents are ignored.
    """

    def __init__(
        self,
        engine: Engine,
        command: str,
        extractors: Sequence,
        sync_links: Callable | None = None,
        write_links: Callable | None = None,
    ):
        self.engine = engine
        self.extractors = list(extractors)
        self.names = [ex.name for ex in self.extractors]
        self._sync_links = sync_links
        self._write_links = write_links
        self._postgres = engine.dialect.name == "postgresql"
        if not self._postgres:
            bind_none_and_bool_fast()  # claim rows are full of NULLs (see the function)
        self._insert_document, self._document_params = _insert_document_sql(engine.dialect)
        self.run_id = self._start_run(command)
        self._conn = None
        self._reader = None
        self._link_state = None
        self._synced = False

    def _start_run(self, command: str) -> int:
        with write_transaction(self.engine) as conn:
            for ex in self.extractors:
                conn.execute(
                    dialect_insert(conn, extractors_t)
                    .values(name=ex.name, version=ex.version, description=ex.description, registered_at=now())
                    .on_conflict_do_nothing()
                )
            return conn.execute(
                insert(runs_t).values(
                    command=command,
                    started_at=now(),
                    factdb_version=__version__,
                    extractors=",".join(f"{ex.name}@{ex.version}" for ex in self.extractors),
                    documents=0,
                    claims_added=0,
                    claims_removed=0,
                    claims_changed=0,
                )
            ).inserted_primary_key[0]

    def finish(self, documents: int, added: int, removed: int = 0, changed: int = 0) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(
                update(runs_t)
                .where(runs_t.c.id == self.run_id)
                .values(
                    finished_at=now(),
                    documents=documents,
                    claims_added=added,
                    claims_removed=removed,
                    claims_changed=changed,
                )
            )

    def document_id(self, sha256: str) -> int | None:
        if self._postgres:
            # A connection of its own: the writer's would take the write lock on its first
            # statement; rolled back at once so no transaction stays open between documents.
            if self._reader is None:
                self._reader = self.engine.connect()
            row = self._reader.exec_driver_sql("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
            self._reader.rollback()
            return row[0] if row else None
        # A plain read on the run's own DBAPI connection: autocommit, no write lock taken.
        row = self._dbapi().execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def _dbapi(self):
        if self._conn is None:
            self._conn = self.engine.connect().execution_options(sqlite_begin="IMMEDIATE")
            self._synced = False
            if not self._postgres:
                # Checkpoint the WAL every ~40 MB instead of every 4 MB: each checkpoint syncs
                # the file, and one commit per document made that 15% of BBC ingest time.
                self._conn.connection.dbapi_connection.execute("PRAGMA wal_autocheckpoint=10000")
        return self._conn.connection.dbapi_connection

    def close(self) -> None:
        for conn in (self._conn, self._reader):
            if conn is not None:
                conn.close()
        self._conn = self._reader = None

    def write(self, batch: list, failures: Iterable = ()) -> list:
        """Store prepared documents in one transaction, each document whole or not at all.

        A document, its claims, its rule faults, mentions and links are never split: each
        either lands whole or, if storing it fails for any reason, is rolled back alone and
        reported as a :class:`~factdb.pipeline.Failure` (the others in the batch still
        commit). ``failures`` (inputs that failed before this stage) are recorded in the
        same transaction. Batching amortizes the commit (a WAL write and an FTS segment
        flush) over several documents; the write lock is held only for inserts. On SQLite
        the batch's documents and claims enter the full-text indexes together at the end
        (:func:`~factdb.db.sqlite_extras.fill_fts`), outside the per-document savepoints.

        The batch is first written without a savepoint per document: on SQLite each
        savepoint copies every page the document touches into a statement journal, a
        quarter of the time spent inserting claims (BBC). Almost every batch stores
        cleanly; when a document fails, that whole transaction is rolled back and the
        batch is written again with a savepoint around each document, so the failing one
        is rolled back alone, as if the first attempt had never been made (SQLite hands
        out the same rowids again; PostgreSQL's sequences are reset first).
        """
        self._dbapi()
        failures = list(failures)
        try:
            return self._write(batch, failures, contained=False)
        except _DocumentFailed:
            self._synced = False  # the entity sync of a first batch was rolled back with it
            return self._write(batch, failures, contained=True)

    def _write(self, batch: list, failures: list, contained: bool) -> list:
        results: list = []
        conn = self._conn
        with conn.begin():
            cur = conn.connection.dbapi_connection.cursor()
            if contained:  # PostgreSQL's sequences moved on in the rolled-back attempt
                self._resync_ids(cur, _SERIAL_KEYS)
            if not self._synced and self._sync_links is not None:
                self._link_state = self._sync_links(conn)
                self._synced = True
            marks = None if self._postgres else fts_marks(cur)
            for p in batch:
                if not contained:
                    try:
                        result = self._insert_whole(cur, conn, p)
                    except Exception as exc:  # the transaction rolls back; write() retries contained
                        raise _DocumentFailed from exc
                    results.append(result)
                    continue
                cur.execute("SAVEPOINT document")
                try:
                    result = self._insert_whole(cur, conn, p)
                    cur.execute("RELEASE document")
                except Exception as exc:  # storing one document must not cost the batch
                    cur.execute("ROLLBACK TO document")
                    cur.execute("RELEASE document")
                    self._resync_ids(cur, ("documents", "claims", "claim_entities"))
                    detail = exc if _is_driver_error(exc) else internal_reason(exc)
                    reason = f"could not be stored: {detail}"
                    result = Failure(p.doc.source, "store", reason, sha256=p.sha)
                    failures = [*failures, result]
                results.append(result)
            if marks is not None:  # the batch's documents and claims enter the FTS5 indexes at once
                fill_fts(cur, marks)
            self._record(cur, [_failure_row(f) for f in failures])
        return results

    def _insert_whole(self, cur, conn, p) -> IngestResult:
        """One document with its claims, rule faults, mentions and links."""
        result = self._insert(cur, conn, p)
        if result.status == "new" and p.faults:
            self._record(cur, [_fault_row(p, f) for f in p.faults])
        return result

    def record_failures(self, failures: list) -> None:
        """Record failures met outside a document batch (in their own transaction)."""
        with write_transaction(self.engine) as conn:
            self._record(conn.connection.dbapi_connection.cursor(), [_failure_row(f) for f in failures])

    def _record(self, cur, rows: list[tuple]) -> None:
        if rows:
            cur.executemany(_INSERT_FAULT, [(self.run_id, *row, now()) for row in rows])

    def _insert(self, cur, conn, p) -> IngestResult:
        doc = p.doc
        values = dict(
            sha256=p.sha, text=doc.text, title=doc.title, outlet=doc.outlet, byline=doc.byline, url=doc.url,
            published=doc.published, published_precision=doc.published_precision, source=doc.source,
            media_type=doc.media_type, encoding=doc.encoding, raw_sha256=doc.raw_sha256,
            char_count=len(doc.text), ingested_at=now(),
        )
        order = self._document_params
        cur.execute(self._insert_document, values if order is None else tuple(values[k] for k in order))
        row = cur.fetchone()
        if row is None:  # the same text was stored since we looked (another process, or this batch)
            self._resync_ids(cur, ("documents",))
            return IngestResult("present", None)
        document_id = row[0]
        if p.rows:
            cur.executemany(
                _INSERT_CLAIM,
                [(*_claim_values(r), document_id, self.run_id) for r in p.rows],
            )
        if self._write_links is not None:
            self._write_links(conn, document_id, p.links, self._link_state)
        return IngestResult("new", document_id, len(p.rows))

    def _resync_ids(self, cur, tables: tuple[str, ...]) -> None:
        """After an insert that did not happen (a conflict, a rolled-back document), the next
        id is the largest stored plus one again, as SQLite's rowids are: a PostgreSQL
        sequence keeps the numbers it handed out, and the same inputs would get other ids
        than on SQLite (and publish another snapshot). Safe only under the write lock."""
        if not self._postgres:
            return
        for table in tables:
            key = _SERIAL_KEYS[table]
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{key}'), "
                f"coalesce((SELECT max({key}) FROM {table}), 0) + 1, false)"
            )

    def replace_claims(self, document_id: int, old_pks: list[int], rows: list[dict]) -> None:
        """One document's re-extraction, in one transaction: ``old_pks`` stop being
        current, ``rows`` (claim records) become current under this run. A row whose
        claim id exists already (a version that was current before: rules reverted)
        revives the old row instead of duplicating it."""
        with write_transaction(self.engine) as conn:
            cur = conn.connection.dbapi_connection.cursor()
            marks = None if self._postgres else fts_marks(cur)
            if old_pks:
                conn.execute(update(claims_t).where(claims_t.c.pk.in_(old_pks)).values(is_current=False))
            if rows:
                stmt = dialect_insert(conn, claims_t)
                stmt = stmt.on_conflict_do_update(
                    index_elements=["id"], set_={"is_current": True, "run_id": stmt.excluded.run_id}
                )
                conn.execute(
                    stmt, [{**r, "document_id": document_id, "run_id": self.run_id, "is_current": True} for r in rows]
                )
            if marks is not None:
                # only the rows inserted: a revived row is indexed already (the upsert
                # changes is_current and run_id, not the indexed quote and subject)
                fill_fts(cur, marks)


class _DocumentFailed(Exception):
    """Storing a document failed in a batch written without savepoints: write it again with them."""


# every table with a serial key a batch writes (entities and their aliases: a first batch
# syncs the gazetteer)
_SERIAL_KEYS = {
    "documents": "id", "claims": "pk", "claim_entities": "id", "run_faults": "id", "entities": "id",
    "entity_aliases": "id",
}
_DOCUMENT_COLUMNS = (
    "sha256", "text", "title", "outlet", "byline", "url", "published", "published_precision",
    "source", "media_type", "encoding", "raw_sha256", "char_count", "ingested_at",
)
_CLAIM_COLUMNS = tuple(f for f in CLAIM_FIELDS if f != "document_id") + ("document_id", "run_id", "is_current")
# a claim record's values in _CLAIM_COLUMNS order, picked in C (a generator per row was a
# tenth of the store stage's CPU time)
_claim_values = operator.itemgetter(*_CLAIM_COLUMNS[:-3])
# is_current written in the SQL, not bound: every new claim is current (TRUE: 1 on SQLite,
# a boolean on PostgreSQL, as the bound True was)
_INSERT_CLAIM = (
    f"INSERT INTO claims ({', '.join(_CLAIM_COLUMNS)}) VALUES ({', '.join('?' * (len(_CLAIM_COLUMNS) - 1))}, TRUE)"
)


_INSERT_FAULT = (
    "INSERT INTO run_faults (run_id, stage, source, document_sha256, extractor, extractor_version, "
    "char_offset, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _fault_row(p, fault) -> tuple:
    return ("extract", p.doc.source, p.sha, fault.extractor, fault.version, fault.offset, fault.reason)


def _failure_row(failure) -> tuple:
    where = f"{failure.source}:{failure.line}" if failure.line is not None else failure.source
    return (failure.stage, where, failure.sha256, None, None, None, failure.reason)
