"""The way a document goes: read → extract → link → store, with every failure contained.

:func:`prepare` runs the pure stages (extraction and entity linking) for one document;
:func:`ingest` drives a whole batch into a :class:`~factdb.db.store.Store`. The rule of
the module: a failure while reading, extracting, linking or storing one document is that
document's failure. It becomes a :class:`Failure` (one line naming the input, the stage
and the reason), is recorded in the run's ``run_faults`` rows, and the batch goes on with
everything else committed. A rule that raises or breaks the contract costs one claim, not
the document: the claim is dropped and the fault recorded (stage ``extract``).

With ``jobs`` > 1 (``factdb ingest --jobs N``), reading, extraction and linking run in N
processes (N - 1 workers and this one), chunk by chunk, and this process alone writes, in input order: the
database ends up the same as with one process (tests/test_jobs.py says what "the same"
means). :func:`prepare` is a pure function of a document, so any batch engine could map
it the same way. A worker's failure, even its death, costs the documents it was
handling only (redone one by one to find the culprit).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factdb.extract import Fault, extract
from factdb.failures import Failure
from factdb.ingest import FileToRead, InputError, Skipped, read_deferred
from factdb.models import DocumentIn

if TYPE_CHECKING:  # workers import this module: no database layer for them
    from sqlalchemy import Engine

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
    engine: Engine,
    items: Iterable,
    names: Iterable[str] | None = None,
    on_item=None,
    jobs: int = 1,
    worker_init=None,
) -> RunSummary:
    """Store every document in ``items`` (as yielded by :func:`factdb.ingest.iter_inputs`).

    Failures and skips are collected, never raised: one bad input must not cost the batch.
    ``on_item(item, outcome)`` is called after each item, for progress reporting;
    ``outcome`` is a :class:`Failure` for an input that failed before storing, else None
    (store failures come out in the summary).

    With ``jobs`` > 1, reading (of files yielded as :class:`~factdb.ingest.FileToRead`),
    extraction and linking run in ``jobs`` processes, ``jobs - 1`` workers and this one,
    which also stores every result in input order: the database ends up as with ``jobs=1``.
    ``worker_init`` (a picklable function) runs once in each worker before any work, for
    what a worker must set up that it cannot inherit, such as extractors registered at
    run time.
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

    if jobs > 1:
        outcomes = _parallel(items, store, jobs, worker_init)
    else:
        outcomes = _serial(items, store)
    try:
        for item, outcome in outcomes:
            if outcome is _DUE or outcome is _LONG:
                # about to extract in this process: commit what waited long enough first
                if pending and (outcome is _LONG or time.monotonic() - started >= BATCH_SECONDS):
                    flush()
                continue
            if isinstance(outcome, Failure):
                summary.failed.append(outcome)
                failures.append(outcome)
            elif isinstance(outcome, Skipped):
                summary.skipped.append(outcome.source)
            elif outcome is _PRESENT:
                summary.present += 1
            else:
                if not pending:
                    started = time.monotonic()
                pending.append(outcome)
                if len(pending) >= BATCH_DOCUMENTS or time.monotonic() - started >= BATCH_SECONDS:
                    flush()
            if on_item is not None:
                on_item(item, outcome if isinstance(outcome, Failure) else None)
        if pending or failures:
            flush()
    finally:
        outcomes.close()  # a parallel run's workers stop here, whatever happened
        store.close()
        store.finish(summary.new, summary.claims)
    # cross-document groups and launch events
    _derive(engine, store, summary, refresh if summary.new else ensure_derived)
    return summary


# What the producers yield beside items: the document is stored already; a document is
# about to be extracted in this process (a chance to commit what waited), a long one.
_PRESENT = object()
_DUE = object()
_LONG = object()


def _serial(items: Iterable, store):
    """``(item, outcome)`` for every item, extracted and linked in this process."""
    for item in items:
        if isinstance(item, FileToRead):  # a deferred file: read it here
            inner = read_deferred(item)
        else:
            inner = (item,)
        for one in inner:
            if isinstance(one, InputError):
                yield one, Failure.from_input_error(one)
            elif isinstance(one, Skipped):
                yield one, one
            elif store.document_id(sha := one.sha256) is not None:
                yield one, _PRESENT
            else:
                yield None, _LONG if len(one.text) >= LONG_DOCUMENT else _DUE
                yield one, prepare(one, store.names, sha)


# Work goes to the workers in chunks of this many inputs (fewer when they are idle); with
# WINDOW_PER_JOB chunks queued per worker, the writer does the next chunk itself. At most
# MAX_WINDOW chunks wait to be stored, so reading never runs far ahead of storing.
CHUNK_TASKS = 8
CHUNK_ENTRIES = 256
WINDOW_PER_JOB = 12
MAX_WINDOW = 64
# Imported once in the fork server instead of once per worker: every worker forks from it
# with factdb imported and warmed up (see factdb/_workers_preload.py).
_PRELOAD = ["factdb._workers_preload"]

# A short text that takes extraction and linking through their usual paths (the gazetteer,
# regexes compiled on first use), for warm_up.
_WARM_TEXT = (
    "North Korea fired two short-range ballistic missiles on Tuesday, South Korea's military said. "
    "They flew about 450 km (280 miles) and reached an altitude of 60 km. Shares rose 3.5% to $12.40, "
    "valuing the firm at £1.2bn; 40,000 people were evacuated last week and 12 were killed in March 2016."
)


def warm_up() -> None:
    """Prepare a sample document once, so that what is loaded on first use is loaded now."""

    prepare(DocumentIn(source="(warm-up)", text=_WARM_TEXT, published="2016-03-01", published_precision="day"))


def _parallel(items: Iterable, store, jobs: int, worker_init=None):
    """``(item, outcome)`` for every item, in input order, extracted and linked by ``jobs``
    worker processes. Anything this process can decide alone (a read error, a skip, a
    document already stored) is decided here and waits for its turn in the order."""
    from collections import deque

    # This process is one of the N: between writes it extracts too, whenever the workers
    # have enough queued, so N processes are busy on N cores, not N workers and a writer
    # fighting over them. Not with ``worker_init``: what it sets up exists in workers only.
    fill = worker_init is None
    workers = max(jobs - 1, 1) if fill else jobs
    pool = _Pool(_context(), workers, store.names, worker_init, store.engine.url)
    interrupts = _defer_interrupts()
    window: deque = deque()  # (entries, future or None), oldest first
    entries: list = []  # ("done", item, outcome) or ("task", task)
    n_tasks = 0

    def queued() -> int:
        return sum(1 for _, f in window if f is not None and not isinstance(f, _Finished) and not f.done())

    def submit():
        nonlocal entries, n_tasks
        tasks = [e[1] for e in entries if e[0] == "task"]
        if not tasks:
            future = None
        elif fill and queued() >= workers * WINDOW_PER_JOB:
            future = _Finished(_work(tasks, store.names))
        else:
            future = pool.submit(tasks)
        window.append((entries, future))
        entries, n_tasks = [], 0

    def drain(wait: bool, feed: bool = False):
        """The outcomes of the finished chunks at the head of the window, in order; with
        ``wait``, the oldest chunk's even if that means waiting for it. With ``feed``, it
        stops as soon as the workers' queue runs short, so the caller can read and hand
        out more before storing the rest: chunks this process prepared pile up behind one
        a worker still has, and storing them all in one go left the worker idle (up to a
        fifth of a second at a time, some 5 % of a BBC run)."""
        while window and (wait or window[0][1] is None or window[0][1].done()):
            interrupts.check()
            wait = False
            chunk, future = window.popleft()
            if future is not None and not future.done():
                yield None, _DUE  # about to wait on the workers: commit what waited long enough
            results = iter(pool.results(chunk, future) if future is not None else ())
            for entry in chunk:
                if entry[0] == "done":
                    yield entry[1], entry[2]
                    continue
                for item, outcome in next(results):
                    interrupts.check()
                    if isinstance(outcome, str) and outcome == _STORED:  # found stored by a worker: not extracted
                        outcome = _PRESENT
                    elif isinstance(outcome, Prepared):
                        item = outcome.doc
                        if store.document_id(outcome.sha) is not None:
                            outcome = _PRESENT
                    yield item, outcome
            if feed and queued() < workers * WINDOW_PER_JOB:
                return

    def steal() -> bool:
        """With the input read, rather than wait for the workers' queue to run out, do the
        last chunk they have not started here (the chunks behind the one waited for are
        done while waiting): the run ends when both ends of the queue meet, not a queue's
        length after the writer ran out of work. Nothing changes but who prepares it."""
        for i in range(len(window) - 1, 0, -1):
            chunk, future = window[i]
            if future is None or isinstance(future, _Finished):
                continue
            if future.cancel():  # not started by a worker: it is this process's now
                window[i] = (chunk, _Finished(_work([e[1] for e in chunk if e[0] == "task"], store.names)))
                return True
            return False  # the newest chunk is running already: so are all before it
        return False

    try:
        for item in items:
            interrupts.check()
            if isinstance(item, InputError):
                entries.append(("done", item, Failure.from_input_error(item)))
            elif isinstance(item, Skipped):
                entries.append(("done", item, item))
            elif isinstance(item, FileToRead):
                entries.append(("task", item))
                n_tasks += 1
            elif store.document_id(sha := item.sha256) is not None:
                entries.append(("done", item, _PRESENT))
            else:
                entries.append(("task", (item, sha)))
                n_tasks += 1
            # idle workers get what there is at once (a slow input stream waits for nothing)
            if n_tasks >= CHUNK_TASKS or len(entries) >= CHUNK_ENTRIES or (n_tasks and not window):
                submit()
            # bounded: chunks waiting for the workers, and chunks done here waiting their turn
            yield from drain(
                wait=(not fill and queued() >= workers * WINDOW_PER_JOB) or len(window) >= MAX_WINDOW, feed=fill
            )
        if entries:
            submit()
        while window:
            interrupts.check()
            head = window[0][1]
            if fill and head is not None and not head.done() and steal():
                continue
            yield from drain(wait=True)
        interrupts.check()
    finally:
        pool.shutdown()
        interrupts.restore()


class _defer_interrupts:
    """Ctrl-C in the writer of a parallel run, taken when it is safe: at the points where
    the run looks for it (between documents and chunks), not in the middle of whatever
    this process was doing. A KeyboardInterrupt raised inside the pool's own code (a
    future's lock taken, while polling whether a chunk is done, and never released) left
    the pool's management thread waiting on that lock, and the process hung at exit
    instead of ending. Only from the main thread, and only over Python's own handler."""

    def __init__(self):
        import signal
        import threading

        self.pending = False
        self._previous = None
        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous = signal.signal(signal.SIGINT, self._note)

    def _note(self, signum, frame) -> None:
        self.pending = True

    def check(self) -> None:
        if self.pending:
            self.pending = False
            raise KeyboardInterrupt

    def restore(self) -> None:
        import signal

        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None


def _context():
    """How workers start. Forked from this process when that is safe (Linux, and no other
    thread here that a fork could catch holding a lock): a fork costs milliseconds and the
    worker has everything imported and warmed up already, where a fresh interpreter spends
    about a second importing factdb before its first document, time that ``--jobs 2``
    cannot win back on a short batch. Otherwise from a fork server that imports and warms
    up factdb once for all workers (or, where there is none, spawned)."""
    import multiprocessing
    import sys
    import threading

    if sys.platform == "linux" and threading.active_count() == 1:
        warm_up()  # once here, inherited by every worker
        return multiprocessing.get_context("fork")
    try:
        ctx = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    ctx.set_forkserver_preload(_PRELOAD)
    return ctx


class _Pool:
    """A process pool that survives a worker dying: the chunk it was working on is redone
    one input at a time, and an input that kills a worker again is that input's failure."""

    def __init__(self, ctx, jobs: int, names: list[str], worker_init, db_url):
        self._args = (ctx, jobs, names, worker_init, db_url)
        self._generation = 0
        self._executor = self._start()

    def _start(self):
        from concurrent.futures import ProcessPoolExecutor

        ctx, jobs, names, worker_init, db_url = self._args
        return ProcessPoolExecutor(
            jobs, mp_context=ctx, initializer=_init_worker, initargs=(names, worker_init, db_url)
        )

    def submit(self, tasks: list):
        future = self._executor.submit(_work, tasks)
        future.generation = self._generation
        return future

    def results(self, chunk: list, future) -> list:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool:
            if future.generation == self._generation:
                self._restart()
        # A worker died (killed, out of memory, a crash in C) and every chunk outstanding
        # was lost with it. Each is redone whole; the one that breaks a worker again is
        # redone input by input, and the input that does it is that input's failure.
        tasks = [e[1] for e in chunk if e[0] == "task"]
        try:
            return self.submit(tasks).result()
        except BrokenProcessPool:
            self._restart()
        out = []
        for task in tasks:
            try:
                out.append(self.submit([task]).result()[0])
            except BrokenProcessPool as exc:
                self._restart()
                out.append([(None, _died(task, exc))])
        return out

    def _restart(self):
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._generation += 1
        # the old pool's threads may still run: no fork from a process with threads
        self._args = (_context(), *self._args[1:])
        self._executor = self._start()

    def shutdown(self):
        self._executor.shutdown(wait=False, cancel_futures=True)


def _died(task, exc) -> Failure:
    source = task.source if isinstance(task, FileToRead) else task[0].source
    sha = None if isinstance(task, FileToRead) else task[1]
    reason = f"internal error (the worker process reading and extracting it died: {exc}); please report it with this input"
    return Failure(source, "extract", reason, sha256=sha)


_worker_names: list[str] | None = None
_worker_db = None  # the database's URL, for a worker's own look-ups (never the writer's connection)
_worker_engine = None
# What a worker returns for a document it found stored already (a string: it is pickled).
_STORED = "stored already"


def _init_worker(names: list[str], worker_init=None, db_url=None) -> None:
    import signal

    global _worker_names, _worker_db
    _worker_db = db_url
    # Ctrl-C is the writer's to handle: it stops handing out work, keeps what it committed
    # and ends the workers; a worker interrupted mid-document would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_names = names
    if worker_init is not None:
        worker_init()


class _Finished:
    """A chunk done in the writer's own process, in the window beside the workers' futures."""

    generation = -1

    def __init__(self, value):
        self._value = value

    def done(self) -> bool:
        return True

    def result(self):
        return self._value


def _work(tasks: list, names: list[str] | None = None) -> list[list[tuple]]:
    """In a worker: read (a deferred file) and prepare each task; per task, its
    ``(item, outcome)`` pairs (a file may hold no document, or fail to read)."""
    names = names if names is not None else _worker_names
    out = []
    for task in tasks:
        if isinstance(task, FileToRead):
            pairs = []
            for item in read_deferred(task):
                if isinstance(item, InputError):
                    pairs.append((item, Failure.from_input_error(item)))
                elif _stored(sha := item.sha256):
                    pairs.append((None, _STORED))
                else:  # the document goes back inside its outcome (Prepared.doc), not twice
                    outcome = prepare(item, names, sha)
                    pairs.append((item if isinstance(outcome, Failure) else None, outcome))
            out.append(pairs)
        else:
            doc, sha = task
            outcome = prepare(doc, names, sha)
            out.append([(doc if isinstance(outcome, Failure) else None, outcome)])
    return out


def _stored(sha: str) -> bool:
    """In a worker: is this text stored already? Then there is nothing to extract (the
    writer checks again before storing). Read through a connection of the worker's own;
    any trouble with it only means extracting anyway."""
    global _worker_engine, _worker_db
    if _worker_db is None:
        return False
    try:
        if _worker_engine is None:
            from sqlalchemy import create_engine

            # autocommit: each look-up sees the latest commits and holds no read snapshot
            # open (one would keep SQLite's WAL from being checkpointed). The driver's own
            # cursor, not a SQLAlchemy Connection: that costs ~80 us a look-up, a few % of
            # a plain-text document's whole ingest, the driver's a few us.
            engine = create_engine(_worker_db, isolation_level="AUTOCOMMIT")
            marker = "?" if engine.dialect.paramstyle == "qmark" else "%s"
            cursor = engine.raw_connection().cursor()
            _worker_engine = (cursor, f"SELECT 1 FROM documents WHERE sha256 = {marker}")
        cursor, query = _worker_engine
        # fetchall, not fetchone: a statement left unfinished would keep SQLite's read
        # transaction (and its old snapshot) open until the next look-up
        return bool(cursor.execute(query, (sha,)).fetchall())
    except Exception:
        _worker_db = None
        return False


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
