"""The ``factdb`` command line: parses arguments, calls the library, prints for people.

Imports of the database layer happen inside the commands that need it, so that
``factdb extract`` (called once per file by other tools) starts fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

# The database the running command opened, for naming it in an error raised later on.
_db_in_use: list[str] = []


class _Commands(TyperGroup):
    """Every command runs inside this: a database failure anywhere in it (locked beyond
    the busy timeout, disk I/O, read-only, corrupt) becomes one line naming the database
    and the reason, exit 2, instead of a traceback."""

    def invoke(self, ctx):
        _db_in_use.clear()  # one invocation, one database: never name a previous call's (tests run many)
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from factdb.db.engine import default_db_path, describe_error, is_database_error

            if not is_database_error(exc):
                raise
            raise _fail(describe_error(exc, _db_in_use[-1] if _db_in_use else default_db_path()), 2) from None


app = typer.Typer(
    cls=_Commands,
    help="factdb: a structured fact database with claim provenance.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Schema migrations (Alembic): upgrade, current, downgrade.", no_args_is_help=True)
app.add_typer(db_app, name="db")

# A string, not a Path: a PostgreSQL URL's '//' must survive (Path would fold it to '/').
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="FACTDB_DB",
        help="SQLite database file, or a PostgreSQL URL postgresql+psycopg://user@host/dbname "
        "[default: factdb.db, or $FACTDB_DB].",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for other programs.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _db_path(db: str | None) -> str:
    """The database a command uses (``--db``, else $FACTDB_DB, else factdb.db), remembered
    so that a failure later in the command can name it."""
    from factdb.db.engine import default_db_path

    path = str(db) if db is not None else default_db_path()
    _db_in_use.append(path)
    return path


def _open(db: str | None, migrate: bool = True, create: bool = True):
    """The command's database at schema head, or one ``error:`` line and exit 2.

    Commands that only read pass ``create=False``: a mistyped path is refused, not
    silently created empty. Folders, non-SQLite files, other programs' databases and
    newer schemas are refused by :func:`factdb.db.engine.open_database`.
    """
    from factdb.db.engine import DatabaseError, SchemaError, open_database

    try:
        return open_database(_db_path(db), migrate=migrate, create=create)
    except (SchemaError, DatabaseError) as exc:
        raise _fail(str(exc), 2) from None


def _echo_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")],
    db: DbOption = None,
    recursive: Annotated[bool, typer.Option("--recursive", "-r", help="Descend into folders inside folders.")] = False,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="Force a format: txt, md, html or jsonl (needed for - if not sniffable)."),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Outlet for documents that do not name their own.")
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, help="Read, extract and link in N processes (one of them writes); same result as 1."
        ),
    ] = 1,
    as_json: JsonOption = False,
):
    """Store articles and their claims: .txt, .md (front matter), .html/.htm, .jsonl, or - (stdin).

    Each document and its claims are stored in one transaction; the same text twice is
    stored once. Bad files are reported one line each and do not stop the batch; the
    exit code is 1 when any input failed.
    """
    from factdb.ingest import iter_inputs
    from factdb.ingest.readers import FORMATS
    from factdb.pipeline import DERIVED_SOURCE
    from factdb.pipeline import ingest as run_ingest

    if fmt is not None and fmt not in set(FORMATS.values()):
        raise _fail(f"unknown --format {fmt!r}; use one of txt, md, html, jsonl", 2)
    engine = _open(db)
    total = _count_inputs(paths, recursive)
    # with workers, files are read where they are extracted: parsing HTML is work too
    items = iter_inputs(paths, recursive=recursive, fmt=fmt, stdin=sys.stdin.buffer, outlet=outlet, defer=jobs > 1)
    with typer.progressbar(length=total, label="ingesting", file=sys.stderr) as bar:

        def on_item(item, failure):
            if failure is not None:
                typer.echo(f"error: {failure}", err=True)
            bar.update(1)

        try:
            summary = run_ingest(engine, items, on_item=on_item, jobs=jobs)
        except KeyboardInterrupt:
            # typer turns Ctrl-C into a silent exit 130 before main() can say anything
            typer.echo("\ninterrupted; committed documents are kept (run the command again to finish)", err=True)
            raise typer.Exit(130) from None
    for failure in summary.failed:
        if failure.stage == "store" or failure.source == DERIVED_SOURCE:  # the others were reported as they happened
            typer.echo(f"error: {failure}", err=True)
    result = {
        "run_id": summary.run_id,
        "new": summary.new,
        "present": summary.present,
        "failed": len(summary.failed),
        "skipped": len(summary.skipped),
        "claims_added": summary.claims,
        "claims_dropped_by_rule_faults": summary.faults,
        "errors": [str(f) for f in summary.failed],
        "failures": [
            {"source": f.source, "line": f.line, "stage": f.stage, "reason": f.reason} for f in summary.failed
        ],
    }
    if as_json:
        _echo_json(result)
    else:
        typer.echo(
            f"{summary.new} new, {summary.present} already present, {len(summary.failed)} failed, "
            f"{len(summary.skipped)} skipped; {summary.claims} claims added (run {summary.run_id})"
        )
        if summary.faults:
            typer.echo(
                f"warning: {summary.faults} claims dropped by rule faults (factdb stats lists them)", err=True
            )
    if summary.failed:
        raise typer.Exit(1)


def _count_inputs(paths: list[str], recursive: bool) -> int:
    n = 0
    for p in paths:
        path = Path(p)
        if path.is_dir():
            n += sum(1 for q in (path.rglob("*") if recursive else path.iterdir()) if q.is_file())
        else:
            n += 1
    return n


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="One file (.txt, .md, .html, or .jsonl with one document a line) or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one claim a line) or table.")] = "jsonl",
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date (YYYY-MM-DD) to resolve dates against."),
    ] = None,
):
    """Print the claims in one file without touching a database.

    Output is one JSON object per line with the contract's fields; document_id is the
    SHA-256 of the text the spans index.
    """
    # The work is typer-free so that the console script can run the plain forms without
    # loading typer (factdb/entry.py, issue 9); both paths print the same.
    from factdb.entry import run_extract

    code = run_extract(path, fmt, published)
    if code:
        raise typer.Exit(code)


def _table(rows: list[dict], columns: tuple[str, ...]) -> None:
    def cell(v):
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        s = "" if v is None else str(v)
        return s if len(s) <= 48 else s[:47] + "…"

    body = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(b[i]) for b in body]) for i, c in enumerate(columns)]
    typer.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    typer.echo("  ".join("-" * w for w in widths))
    for b in body:
        typer.echo("  ".join(v.ljust(w) for v, w in zip(b, widths, strict=True)))


@app.command()
def claims(
    db: DbOption = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind (distance, money, count, …).")] = None,
    attribute: Annotated[str | None, typer.Option(help="Only this attribute (missile.flight_distance, …).")] = None,
    document: Annotated[str | None, typer.Option(help="Only this document: id or SHA-256 prefix.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many claims.")] = None,
    as_json: JsonOption = False,
):
    """List stored claims (current extractor versions), in document order."""
    from factdb.db.queries import list_claims

    rows = list_claims(_open(db, create=False), kind=kind, attribute=attribute, document=document, limit=limit)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    else:
        _table(rows, ("document_id", "quote", "kind", "value", "unit", "bound", "attribute", "attribution"))


@app.command()
def verify(
    db: DbOption = None,
    check_only: Annotated[
        bool, typer.Option("--check-only", help="Report stale groups and events instead of rebuilding them.")
    ] = False,
    as_json: JsonOption = False,
):
    """Check every claim's quote against its document's text, foreign keys, FTS sync,
    and that claim groups and launch events are built from the current data.

    Stale groups and events (a run stopped before rebuilding them) are rebuilt first,
    unless --check-only. Exits 1 on any fault.
    """
    from factdb.db.checks import verify as run_verify
    from factdb.entities.store import ensure_derived
    from factdb.pipeline import PIPELINE_CHECKS

    engine = _open(db, create=False)
    # Derived tables are a function of the stored rows: rebuilding them repairs, never loses.
    repaired = False if check_only else ensure_derived(engine)
    if repaired and not as_json:
        typer.echo("note: claim groups and launch events were stale (a run stopped before rebuilding them); rebuilt", err=True)
    results = run_verify(engine, PIPELINE_CHECKS)
    faults = sum(len(v) for v in results.values())
    if as_json:
        _echo_json({"ok": faults == 0, "rebuilt_derived_tables": repaired, "faults": results})
    else:
        for name, found in results.items():
            typer.echo(f"{'ok  ' if not found else 'FAIL'} {name}" + (f" ({len(found)} faults)" if found else ""))
            for fault in found[:20]:
                typer.echo(f"     {fault}")
    if faults:
        raise typer.Exit(1)


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False):
    """Counts of documents, claims by kind and extractor, runs, run faults by stage and extractor, file size."""
    from factdb.db.queries import stats as run_stats

    result = run_stats(_open(db, create=False))
    if as_json:
        _echo_json(result)
        return
    for key, value in result.items():
        if isinstance(value, dict):
            typer.echo(f"{key}:")
            for k, v in value.items():
                typer.echo(f"  {k}: {v}")
        else:
            typer.echo(f"{key}: {value}")


@app.command()
def reextract(
    db: DbOption = None,
    extractor: Annotated[
        list[str] | None, typer.Option("--extractor", help="Only this extractor (repeatable); default all.")
    ] = None,
    as_json: JsonOption = False,
):
    """Re-run extractors whose rules changed; store the result as a new run and report the changes.

    Claims of the previous version stay in the database (not current) and queryable by run.
    """
    from factdb.reextract import reextract as run_reextract

    engine = _open(db)
    try:
        report = run_reextract(engine, extractor)
    except KeyError as exc:
        raise _fail(exc.args[0], 2) from None
    result = {
        "run_id": report.run_id,
        "documents": report.documents,
        "added": report.added,
        "removed": report.removed,
        "changed": report.changed,
        "unchanged": report.unchanged,
        "examples": report.examples,
    }
    if as_json:
        _echo_json(result)
        return
    typer.echo(
        f"run {report.run_id}: {report.documents} documents re-extracted; {report.added} added, "
        f"{report.removed} removed, {report.changed} changed, {report.unchanged} unchanged"
    )
    for ex in report.examples:
        typer.echo(f"  {ex['change']:8} {ex['quote']!r}: {ex['before'] or ''} -> {ex['after'] or ''}")


@app.command()
def publish(
    db: DbOption = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the snapshot.")] = Path("dist"),
):
    """Write a clean read-only SQLite snapshot OUT/factdb.db (from SQLite or PostgreSQL, no WAL) and its counts."""
    from factdb.db.engine import DatabaseError, SchemaError
    from factdb.publish.snapshot import publish as run_publish

    try:
        snap = run_publish(_db_path(db), out)
    except (DatabaseError, SchemaError) as exc:
        raise _fail(str(exc), 2) from None
    typer.echo(f"published {snap.path} ({snap.counts.get('claims', 0)} claims, {snap.counts.get('documents', 0)} documents)")


@app.command()
def serve(
    directory: Annotated[Path, typer.Option("--dir", help="Folder holding the published snapshot.")] = Path("dist"),
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8001,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    db: Annotated[
        str | None, typer.Option("--db", help="Publish this database (file or URL) into --dir first, then serve.")
    ] = None,
):
    """Serve the snapshot in DIR with Datasette: immutable, read-only, with factdb's metadata and plugin."""
    from factdb.db.engine import DatabaseError, SchemaError
    from factdb.publish.serve import ServeError
    from factdb.publish.serve import serve as run_serve
    from factdb.publish.snapshot import publish as run_publish

    try:
        if db is not None:
            snap = run_publish(_db_path(db), directory)
            typer.echo(f"published {snap.path}", err=True)
        run_serve(directory, host=host, port=port)
    except (DatabaseError, SchemaError, ServeError) as exc:
        raise _fail(str(exc), 2) from None


@app.command("eval")
def eval_gold(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files (corpus/gold/*.jsonl).")],
    errors: Annotated[bool, typer.Option("--errors", help="List misses and extras at the match level.")] = False,
    as_json: JsonOption = False,
):
    """Score the extractors against gold annotations: precision, recall, F1 by level and kind."""
    from factdb import evaluate

    ev = evaluate.evaluate(gold)
    if as_json:
        _echo_json(ev.as_dict())
    else:
        if ev.problems:
            typer.echo(evaluate.format_problems(ev), err=True)
        typer.echo(evaluate.format_table(ev))
        if errors:
            typer.echo(evaluate.format_errors(ev))
    if ev.problems:
        raise typer.Exit(1)


@app.command()
def link(
    db: DbOption = None,
    relink: Annotated[
        bool, typer.Option("--relink", help="Also recompute every document's mentions and claim links first.")
    ] = False,
    as_json: JsonOption = False,
):
    """Rebuild corroboration/contradiction groups and launch events (and, with --relink, entity links).

    Always rebuilds, stale or not; the rebuild is idempotent.
    """
    from factdb.entities.store import refresh
    from factdb.entities.store import relink as run_relink

    engine = _open(db)
    result = {"relinked_documents": run_relink(engine) if relink else 0, **refresh(engine, full=True)}
    if as_json:
        _echo_json(result)
    else:
        typer.echo(", ".join(f"{k}: {v}" for k, v in result.items()))


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head", db: DbOption = None):
    """Migrate the database up to REVISION (default: head); creates the file if it is missing."""
    from alembic.util import CommandError

    from factdb.db.engine import current_revision, upgrade

    engine = _open(db, migrate=False)
    try:
        upgrade(engine, revision)
    except CommandError as exc:  # an unknown or lower revision: alembic says which
        raise _fail(f"cannot upgrade {_db_in_use[-1]} to {revision}: {exc}", 2) from None
    typer.echo(f"at revision {current_revision(engine)}")


@db_app.command("current")
def db_current(db: DbOption = None):
    """Print the database's schema revision and this factdb's head."""
    from factdb.db.engine import current_revision, head_revision

    engine = _open(db, migrate=False, create=False)
    typer.echo(f"current: {current_revision(engine) or '(empty)'}\nhead:    {head_revision()}")


# ignore_unknown_options: otherwise click reads the relative revision "-1" as an option
# and refuses it; a mistyped option then arrives as REVISION and is refused as unknown.
@db_app.command("downgrade", context_settings={"ignore_unknown_options": True})
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision: an id, -1 (one down), -2, …, or base.")],
    db: DbOption = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do it even though it deletes the rows of dropped tables.")] = False,
):
    """Migrate the database down to REVISION.

    Going below a revision drops its tables. If they hold rows, nothing is done without
    --yes: the command says how many rows of which tables it would delete, and exits 1.
    """
    from factdb.db.engine import SchemaError, current_revision, downgrade, plan_downgrade

    engine = _open(db, migrate=False, create=False)
    try:
        plan = plan_downgrade(engine, revision)
    except SchemaError as exc:
        raise _fail(str(exc), 2) from None
    if plan.rows and not yes:
        lost = ", ".join(f"{n:,} {_rows_of(table, n)}" for table, n in plan.rows.items())
        raise _fail(f"downgrading to {plan.target or 'base'} would delete {lost}; pass --yes to do it", 1)
    downgrade(engine, plan.target or "base")
    typer.echo(f"at revision {current_revision(engine) or '(base)'}")


def _rows_of(table: str, n: int) -> str:
    """'claim_groups' as words, singular for one row: '1 claim group', '6,497 documents'."""
    words = table.replace("_", " ")
    if n == 1:
        if words.endswith("ies"):
            return words[:-3] + "y"
        if words.endswith("ses"):
            return words[:-2]
        if words.endswith("s"):
            return words[:-1]
    return words


# --- export and review (issue 12) -------------------------------------------------------------


@app.command("export")
def export_claims(
    fmt: Annotated[
        str,
        typer.Option("--format", help="claimreview, annotation, csv, jsonl or launches."),
    ],
    kind: Annotated[str | None, typer.Option(help="Only claims of this kind.")] = None,
    attribute: Annotated[str | None, typer.Option(help="Only claims with this attribute.")] = None,
    document: Annotated[str | None, typer.Option(help="Only this document: id or SHA-256 prefix.")] = None,
    entity: Annotated[
        str | None, typer.Option(help="Only claims linked to this entity (name or alias, any role).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Only documents published on or after YYYY-MM-DD (launches: events).")
    ] = None,
    reviewed: Annotated[bool, typer.Option("--reviewed", help="Only claims that have a review.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file [default: standard output].")] = None,
    db: DbOption = None,
):
    """Write current claims (or launch events) in a format other tools read, streaming.

    claimreview: a JSON array of schema.org ClaimReview objects, one per review (and one per
    claim not reviewed yet); annotation: W3C Web Annotations, one JSON-LD object a line;
    csv / jsonl: every claim field, the document's title, outlet, url and date, and the
    sentence; launches: launch events as CSV in the CNS missile-test database's columns.
    A count goes to standard error.
    """
    import os
    import time

    from factdb.export import FORMATS, ExportError, Filters, connect
    from factdb.export import export as run_export

    if fmt not in FORMATS:
        raise _fail(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}", 2)
    engine = _open(db, create=False)  # refuses a missing file; brings an older schema to head
    path = engine.url.database
    if engine.dialect.name != "sqlite":  # the exporters stream from SQLite with sqlite3
        engine.dispose()
        raise _fail("export reads a SQLite file: run factdb publish, then factdb export --db dist/factdb.db", 2)
    engine.dispose()
    filters = Filters(kind=kind, attribute=attribute, document=document, entity=entity, since=since, reviewed=reviewed)
    t0 = time.perf_counter()
    conn = connect(path)
    try:
        if out is None:
            result = run_export(conn, fmt, sys.stdout, filters)
        else:
            part = out.with_name(out.name + ".part")  # a failed export leaves no half file under the name
            try:
                with open(part, "w", encoding="utf-8", newline="") as fh:
                    result = run_export(conn, fmt, fh, filters)
                os.replace(part, out)
            except OSError as exc:
                part.unlink(missing_ok=True)
                raise _fail(f"cannot write {out}: {exc.strerror or exc}", 2) from None
            except BaseException:
                part.unlink(missing_ok=True)
                raise
    except ExportError as exc:
        raise _fail(str(exc), 2) from None
    finally:
        conn.close()
    what = "launch events" if fmt == "launches" else ("claim reviews" if fmt == "claimreview" else "claims")
    typer.echo(
        f"exported {result.count} {what} as {fmt}" + (f" to {out}" if out else "") + f" in {time.perf_counter() - t0:.1f} s",
        err=True,
    )


class _ReviewCommands(TyperGroup):
    """``factdb review CLAIM ...`` is ``factdb review claim CLAIM ...``: a first word that is no
    subcommand is a claim (claim ids are hex or digits, never a command's name)."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            if not args[0].startswith("-"):
                args = ["claim", *args]
            else:  # options first (`review --db F import X`): the subcommand named later leads
                at = next((i for i, a in enumerate(args) if a in self.commands), None)
                args = [args[at], *args[:at], *args[at + 1 :]] if at is not None else ["claim", *args]
        return super().parse_args(ctx, args)


review_app = typer.Typer(
    cls=_ReviewCommands,
    help="Fact-checkers' verdicts: `factdb review CLAIM --rating R` records one; `factdb review import FILE` "
    "reads ClaimReview JSON-LD. Reviews are added, never overwritten.",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")


@review_app.command("claim")
def review_claim(
    claim: Annotated[str, typer.Argument(help="The claim: its id (or a prefix of 8+ characters) or its pk.")],
    rating: Annotated[
        str, typer.Option("--rating", help="true, mostly-true, mixed, misleading, false or unverifiable.")
    ],
    note: Annotated[str | None, typer.Option("--note", help="Why: the reviewer's words.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who gives the verdict.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="The published fact-check.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
):
    """Record a verdict on one claim (also: factdb review CLAIM --rating R). Earlier verdicts stay."""
    from factdb.export.review import ReviewError, add_review

    engine = _open(db, create=False)
    try:
        row = add_review(engine, claim, rating, note=note, reviewer=by, url=url)
    except ReviewError as exc:
        raise _fail(str(exc), 2) from None
    if as_json:
        _echo_json(row)
    else:
        typer.echo(f"review {row['id']}: claim {row['claim_id']} {row['quote']!r} is {row['rating']}")


@review_app.command("show")
def review_show(
    claim: Annotated[str, typer.Argument(help="The claim: its id (or a prefix of 8+ characters) or its pk.")],
    db: DbOption = None,
    as_json: JsonOption = False,
):
    """Every review of one claim, oldest first."""
    from factdb.export.review import ReviewError, reviews_of

    try:
        rows = reviews_of(_open(db, create=False), claim)
    except ReviewError as exc:
        raise _fail(str(exc), 2) from None
    if as_json:
        _echo_json(rows)
    else:
        _table(rows, ("id", "rating", "reviewer", "reviewed_at", "source", "note", "url"))


@review_app.command("import")
def review_import(
    file: Annotated[Path, typer.Argument(help="ClaimReview JSON-LD: one object, a list, an @graph, or an HTML page.")],
    db: DbOption = None,
    as_json: JsonOption = False,
):
    """Link published ClaimReviews to the stored claims they are about and store their verdicts.

    A review matches claims in the same article (appearance URL or text hash) whose span
    overlaps its quote, else claims with the same attribute, subject and value. What does
    not match is listed, one line each; nothing is stored for it. Importing twice adds nothing.
    """
    from factdb.export.review import ReviewError, import_claimreviews

    engine = _open(db, create=False)
    try:
        report = import_claimreviews(engine, file)
    except ReviewError as exc:
        raise _fail(str(exc), 2) from None
    if as_json:
        _echo_json({**report.__dict__})
        return
    for line in report.unmatched:
        typer.echo(f"not matched: {line}", err=True)
    typer.echo(
        f"{report.total} claim reviews read: {report.matched} matched ({report.reviews} reviews stored, "
        f"{report.already} already imported), {len(report.unmatched)} not matched, "
        f"{report.without_rating} without a verdict skipped"
    )


def main() -> None:
    """The ``factdb`` command: :data:`app`, with no traceback ever reaching a user.

    Every expected failure is already one line; what still escapes a command is a bug
    said in one line with what to report (database failures are said by _Commands).
    """
    try:
        app(prog_name="factdb")
    except KeyboardInterrupt:
        typer.echo("interrupted; committed documents are kept (run the command again to finish)", err=True)
        sys.exit(130)
    except BrokenPipeError:  # `factdb claims | head`: the reader left, nothing to say
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # database failures were already said by _Commands: this is a bug
        from factdb.failures import describe

        command = " ".join(["factdb", *sys.argv[1:]])
        typer.echo(
            f"error: internal error ({describe(exc)}) in `{command}`; please report it with the command and its input",
            err=True,
        )
        sys.exit(70)


if __name__ == "__main__":
    main()
