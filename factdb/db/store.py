"""Storing documents and their claims: a document never split, never half-stored.

A document, its claims, mentions and links go in together inside one savepoint of one
transaction, or not at all, so a process killed mid-ingest leaves every committed
document whole and no half-stored one. Extraction and linking run before the write lock
is taken (:mod:`factdb.pipeline`); documents are then written in small batches.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine, insert, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from factdb import __version__
from factdb.db.engine import write_transaction
from factdb.db.schema import Claim as ClaimRow
from factdb.db.schema import Document, ExtractionRun
from factdb.db.schema import Extractor as ExtractorRow
from factdb.entities.store import ensure_derived, relink, store_links, sync_entities
from factdb.entities.store import refresh as refresh_links
from factdb.extract import extract_claims, extractors
from factdb.failures import Failure, internal_reason
from factdb.models import CLAIM_FIELDS, publication_date

documents_t = Document.__table__
claims_t = ClaimRow.__table__
runs_t = ExtractionRun.__table__
extractors_t = ExtractorRow.__table__


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class IngestResult:
    """What happened to one document: ``status`` is ``new`` or ``present``."""

    status: str
    document_id: int | None
    claims: int = 0


class Store:
    """Writes into one database. One :class:`Store` is one extraction run."""

    def __init__(self, engine: Engine, command: str = "ingest", names: Iterable[str] | None = None):
        self.engine = engine
        self.extractors = extractors(names)
        self.names = [ex.name for ex in self.extractors]
        self.run_id = self._start_run(command)
        self._conn = None
        self._entity_ids: dict[str, int] | None = None

    def _start_run(self, command: str) -> int:
        with write_transaction(self.engine) as conn:
            for ex in self.extractors:
                conn.execute(
                    insert(extractors_t)
                    .values(name=ex.name, version=ex.version, description=ex.description, registered_at=now())
                    .prefix_with("OR IGNORE")
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
        # A plain read on the run's own DBAPI connection: autocommit, no write lock taken.
        row = self._dbapi().execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def _dbapi(self):
        if self._conn is None:
            self._conn = self.engine.connect().execution_options(sqlite_begin="IMMEDIATE")
            self._entity_ids = None
            # Checkpoint the WAL every ~40 MB instead of every 4 MB: each checkpoint syncs
            # the file, and one commit per document made that 15% of BBC ingest time.
            self._conn.connection.dbapi_connection.execute("PRAGMA wal_autocheckpoint=10000")
        return self._conn.connection.dbapi_connection

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def write(self, batch: list, failures: Iterable = ()) -> list:
        """Store prepared documents in one transaction, each inside its own savepoint.

        A document, its claims, its rule faults, mentions and links are never split: each
        either lands whole or, if storing it fails for any reason, is rolled back alone and
        reported as a :class:`~factdb.pipeline.Failure` (the others in the batch still
        commit). ``failures`` (inputs that failed before this stage) are recorded in the
        same transaction. Batching amortizes the commit (a WAL write and an FTS segment
        flush) over several documents; the write lock is held only for inserts.
        """
        results: list = []
        self._dbapi()
        conn = self._conn
        with conn.begin():
            cur = conn.connection.dbapi_connection.cursor()
            if self._entity_ids is None:
                self._entity_ids = sync_entities(conn)
            for p in batch:
                cur.execute("SAVEPOINT document")
                try:
                    result = self._insert(cur, conn, p)
                    if result.status == "new" and p.faults:
                        self._record(cur, [_fault_row(p, f) for f in p.faults])
                    cur.execute("RELEASE document")
                except Exception as exc:  # storing one document must not cost the batch
                    cur.execute("ROLLBACK TO document")
                    cur.execute("RELEASE document")
                    detail = exc if isinstance(exc, sqlite3.DatabaseError) else internal_reason(exc)
                    reason = f"could not be stored: {detail}"
                    result = Failure(p.doc.source, "store", reason, sha256=p.sha)
                    failures = [*failures, result]
                results.append(result)
            self._record(cur, [_failure_row(f) for f in failures])
        return results

    def record_failures(self, failures: list) -> None:
        """Record failures met outside a document batch (in their own transaction)."""
        with write_transaction(self.engine) as conn:
            self._record(conn.connection.dbapi_connection.cursor(), [_failure_row(f) for f in failures])

    def _record(self, cur, rows: list[tuple]) -> None:
        if rows:
            cur.executemany(_INSERT_FAULT, [(self.run_id, *row, now()) for row in rows])

    def _insert(self, cur, conn, p) -> IngestResult:
        doc = p.doc
        cur.execute(
            _INSERT_DOCUMENT,
            (
                p.sha, doc.text, doc.title, doc.outlet, doc.byline, doc.url, doc.published,
                doc.published_precision, doc.source, doc.media_type, doc.encoding, doc.raw_sha256,
                len(doc.text), now(),
            ),
        )
        row = cur.fetchone()
        if row is None:  # the same text was stored since we looked (another process, or this batch)
            return IngestResult("present", None)
        document_id = row[0]
        if p.rows:
            cur.executemany(
                _INSERT_CLAIM,
                [(*(r[f] for f in _CLAIM_COLUMNS[:-3]), document_id, self.run_id, True) for r in p.rows],
            )
        store_links(conn, document_id, p.links, self._entity_ids)
        return IngestResult("new", document_id, len(p.rows))

    def _row(self, claim, document_id: int, sha: str) -> dict:
        row = claim.record(document_id, sha)
        row["run_id"] = self.run_id
        row["is_current"] = True
        return row


_INSERT_DOCUMENT = (
    "INSERT OR IGNORE INTO documents (sha256, text, title, outlet, byline, url, published, published_precision, "
    "source, media_type, encoding, raw_sha256, char_count, ingested_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
)
_CLAIM_COLUMNS = tuple(f for f in CLAIM_FIELDS if f != "document_id") + ("document_id", "run_id", "is_current")
_INSERT_CLAIM = (
    f"INSERT INTO claims ({', '.join(_CLAIM_COLUMNS)}) VALUES ({', '.join('?' * len(_CLAIM_COLUMNS))})"
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


# Fields whose difference makes a re-extracted claim "changed" rather than "unchanged".
_COMPARED = (
    "value",
    "value_high",
    "unit",
    "currency",
    "bound",
    "attribute",
    "subject",
    "date_start",
    "date_end",
    "date_precision",
    "resolved",
    "attribution",
)


@dataclass
class ReextractReport:
    run_id: int
    documents: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    examples: list[dict] = field(default_factory=list)  # a few changes, for people to read


def reextract(engine: Engine, names: Iterable[str] | None = None, on_document=None, examples: int = 20):
    """Re-run extractors whose registered version differs from the one that made the stored claims.

    The new claims are stored under a new extraction run; the old claims stay in the
    table (``is_current`` false) so the earlier run remains queryable and comparable.
    """
    store = Store(engine, "reextract", names)
    report = ReextractReport(store.run_id)
    versions = {ex.name: ex.version for ex in store.extractors}
    with engine.connect() as conn:
        docs = conn.exec_driver_sql(
            "SELECT id, sha256, text, published, published_precision FROM documents ORDER BY id"
        ).fetchall()
    cols = ", ".join(("pk", "char_start", "char_end", "kind", "extractor", "extractor_version", "quote") + _COMPARED)
    for doc_id, sha, text, published, precision in docs:
        with engine.connect() as conn:
            old_rows = [
                dict(r)
                for r in conn.exec_driver_sql(
                    f"SELECT {cols} FROM claims WHERE document_id = ? AND is_current", (doc_id,)
                ).mappings()
                if r["extractor"] in versions
            ]
        if old_rows and all(r["extractor_version"] == versions[r["extractor"]] for r in old_rows):
            continue  # already extracted by these versions
        new_claims = extract_claims(text, publication_date(published, precision), store.names)
        if not old_rows and not new_claims:
            continue
        old = {(r["char_start"], r["char_end"], r["kind"]): r for r in old_rows}
        new = {(c.char_start, c.char_end, c.kind): c for c in new_claims}
        for key, claim in new.items():
            if key not in old:
                report.added += 1
                _example(report, examples, "added", claim.quote, None, claim.model_dump())
            elif any(old[key][f] != getattr(claim, f) for f in _COMPARED):
                report.changed += 1
                before = {f: old[key][f] for f in _COMPARED if old[key][f] != getattr(claim, f)}
                after = {f: getattr(claim, f) for f in before}
                _example(report, examples, "changed", claim.quote, before, after)
            else:
                report.unchanged += 1
        for key, row in old.items():
            if key not in new:
                report.removed += 1
                _example(report, examples, "removed", row["quote"], {f: row[f] for f in _COMPARED}, None)
        with write_transaction(engine) as conn:
            if old_rows:
                conn.execute(
                    update(claims_t).where(claims_t.c.pk.in_([r["pk"] for r in old_rows])).values(is_current=False)
                )
            if new_claims:
                # a version that was current before (rules reverted) revives its old rows
                stmt = sqlite_insert(claims_t)
                stmt = stmt.on_conflict_do_update(
                    index_elements=["id"], set_={"is_current": True, "run_id": stmt.excluded.run_id}
                )
                conn.execute(stmt, [store._row(c, doc_id, sha) for c in new_claims])
        report.documents += 1
        if on_document is not None:
            on_document(doc_id)
    if report.documents:
        # new claims have new ids: link them to entities, then regroup across documents
        relink(engine)
        refresh_links(engine)
    else:
        ensure_derived(engine)  # a run killed before its refresh left them stale
    store.finish(report.documents, report.added, report.removed, report.changed)
    return report


def _example(report: ReextractReport, limit: int, change: str, quote: str, before, after) -> None:
    if len(report.examples) < limit:
        report.examples.append({"change": change, "quote": quote, "before": before, "after": after})
