"""The way a document goes: read → extract → link → store, with every failure contained.

:func:`prepare` runs the pure stages (extraction and entity linking) for one document;
:func:`ingest` drives a whole batch into a :class:`~factdb.db.store.Store`. The rule of
the module: a failure while reading, extracting, linking or storing one document is that
document's failure. It becomes a :class:`Failure` (one line naming the input, the stage
and the reason), is recorded in the run's ``run_faults`` rows, and the batch goes on with
everything else committed. A rule that raises or breaks the contract costs one claim, not
the document: the claim is dropped and the fault recorded (stage ``extract``).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from factdb.extract import Fault, extract
from factdb.failures import Failure
from factdb.ingest import InputError, Skipped
from factdb.models import DocumentIn

# A batch is written when it holds this many documents or its first one has waited this
# long, whichever comes first: the commit cost is shared, and a slow input stream still
# sees its documents stored within a fraction of a second.
BATCH_DOCUMENTS = 50
BATCH_SECONDS = 0.5
# Documents this long (in characters) take long enough to extract that the finished
# documents waiting in the batch are committed first: slow work never holds them hostage.
LONG_DOCUMENT = 200_000


@dataclass
class Prepared:
    """A document extracted and linked, waiting to be written."""

    doc: DocumentIn
    sha: str
    rows: list[dict]
    links: object  # factdb.entities.linking.DocumentLinks
    faults: list[Fault] = field(default_factory=list)


def prepare(doc: DocumentIn, names: Iterable[str] | None = None, sha: str | None = None) -> Prepared | Failure:
    """Extract and link ``doc`` (pure: no database); a failure is returned, never raised."""
    from factdb.entities.linking import plan_links

    sha = sha or doc.sha256  # the caller may have hashed the text already (the identity lookup)
    try:
        extraction = extract(doc.text, doc.publication_date, names)
        rows = [c.record(None, sha) for c in extraction.claims]
    except Exception as exc:
        return Failure.internal(doc.source, "extract", exc, sha)
    try:
        links = plan_links(doc.text, rows)
    except Exception as exc:
        return Failure.internal(doc.source, "link", exc, sha)
    return Prepared(doc, sha, rows, links, extraction.faults)


@dataclass
class RunSummary:
    run_id: int
    new: int = 0
    present: int = 0
    claims: int = 0
    chars: int = 0
    faults: int = 0  # claims dropped by rule faults
    failed: list[Failure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def ingest(
    engine: Engine, items: Iterable, names: Iterable[str] | None = None, on_item=None
) -> RunSummary:
    """Store every document in ``items`` (as yielded by :func:`factdb.ingest.iter_inputs`).

    Failures and skips are collected, never raised: one bad input must not cost the batch.
    ``on_item(item, outcome)`` is called after each item, for progress reporting;
    ``outcome`` is a :class:`Failure` for an input that failed before storing, else None
    (store failures come out in the summary).
    """
    from factdb.db.store import Store
    from factdb.entities import store as entity_store
    from factdb.entities.store import ensure_derived, refresh
    from factdb.extract import extractors

    # looked up at call time so tests can make storing one document's links fail
    store = Store(
        engine,
        "ingest",
        extractors(names),
        sync_links=entity_store.sync_entities,
        write_links=lambda conn, doc_id, links, ids: entity_store.store_links(conn, doc_id, links, ids),
    )
    summary = RunSummary(store.run_id)
    # A run killed after its last commit left groups and events behind: catch up first.
    _derive(engine, store, summary, ensure_derived)
    pending: list[Prepared] = []
    failures: list[Failure] = []  # failures before storing, recorded with the next write
    started = 0.0

    def flush():
        results = store.write(pending, failures)
        for p, result in zip(pending, results, strict=True):
            if isinstance(result, Failure):
                summary.failed.append(result)
            elif result.status == "new":
                summary.new += 1
                summary.claims += result.claims
                summary.chars += len(p.doc.text)
                summary.faults += len(p.faults)
            else:
                summary.present += 1
        pending.clear()
        failures.clear()

    def fail(failure: Failure):
        summary.failed.append(failure)
        failures.append(failure)

    try:
        for item in items:
            outcome = None
            if isinstance(item, InputError):
                outcome = Failure.from_input_error(item)
                fail(outcome)
            elif isinstance(item, Skipped):
                summary.skipped.append(item.source)
            elif store.document_id(sha := item.sha256) is not None:
                summary.present += 1
            else:
                if pending and (
                    len(item.text) >= LONG_DOCUMENT or time.monotonic() - started >= BATCH_SECONDS
                ):
                    flush()
                prepared = prepare(item, store.names, sha)
                if isinstance(prepared, Failure):
                    outcome = prepared
                    fail(outcome)
                else:
                    if not pending:
                        started = time.monotonic()
                    pending.append(prepared)
                    if len(pending) >= BATCH_DOCUMENTS or time.monotonic() - started >= BATCH_SECONDS:
                        flush()
            if on_item is not None:
                on_item(item, outcome)
        if pending or failures:
            flush()
    finally:
        store.close()
        store.finish(summary.new, summary.claims)
    # cross-document groups and launch events
    _derive(engine, store, summary, refresh if summary.new else ensure_derived)
    return summary


DERIVED_SOURCE = "(claim groups and launch events)"


def _derive(engine: Engine, store, summary: RunSummary, rebuild) -> None:
    """Rebuild the cross-document tables; a failure there costs no stored document.

    The documents are committed already. If the rebuild fails, the tables keep their
    last good state, are known to be stale (their fingerprint was not updated), and the
    next ``ingest``, ``link`` or ``verify`` rebuilds them; the run records the failure.
    """
    try:
        rebuild(engine)
    except Exception as exc:
        failure = Failure.internal(DERIVED_SOURCE, "link", exc)
        summary.failed.append(failure)
        store.record_failures([failure])


def check_derived(conn) -> list[str]:
    """Claim groups and launch events match what they are built from (a run killed between
    its last document and its refresh leaves them stale; every writer repairs that).

    A check for ``factdb verify`` that lives here, not in :mod:`factdb.db.checks`,
    because what the derived tables are built from is the linker's knowledge."""
    from factdb.entities.store import _stale

    if _stale(conn):
        return ["derived tables are stale (groups/events built from an older state); run factdb link"]
    return []


# checks of the layers above the database, run by ``factdb verify`` after db.checks.CHECKS
PIPELINE_CHECKS = {"derived tables": check_derived}
