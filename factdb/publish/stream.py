"""Every claim a claims_view page shows, streamed as CSV or JSON lines with its sentence (issue 11).

Datasette's CSV link stops at one page (``max_returned_rows``) unless ``_stream=on`` is
asked for, and neither its CSV nor its JSON can carry a claim's sentence: that is cut from
the document text in Python, not stored. ``/-/claims.csv`` and ``/-/claims.jsonl`` take the
claims_view page's own filters (Datasette's syntax: ``kind=distance``,
``published__gte=2016``, ``_search=missile``) and send every matching row, newest claim
first, a thousand at a time (keyset on ``pk``, so each query is as quick as the first and
none holds more than a page). Each row has every claims_view column with values at full
precision, plus ``figure`` ("over 1,100 km") and ``sentence`` (plain text, the quote in it).
The claims_view page's CSV and JSON links point here (see the plugin's template vars).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3

from datasette.database import QueryInterrupted
from datasette.filters import Filters
from datasette.utils.asgi import AsgiStream, BadRequest

from factdb.publish.render import readable_figure, sentence_bounds

VIEW = "claims_view"
CHUNK = 1000
EXTRA_COLUMNS = ("figure", "sentence")
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def where_clause(args, columns: list[str]) -> tuple[list[str], dict]:
    """SQL conditions and parameters from a claims_view page's query string.

    Unknown columns are refused (400) rather than ignored: an export that silently
    dropped a filter would hand over rows the reader did not ask for.
    """
    pairs = []
    for key in args:
        if key.startswith("_"):
            continue
        for value in args.getlist(key):
            column = key.split("__", 1)[0]
            if column not in columns:
                raise BadRequest(f"no column {column!r} in {VIEW}: filter by one of {', '.join(columns)}")
            pairs.append((key, value))
    bits, params = Filters(sorted(pairs)).build_where_clauses(VIEW)
    search = (args.get("_search") or "").strip()
    if search:
        bits.append("pk in (select rowid from claims_fts where claims_fts match escape_fts(:factdb_search))")
        params["factdb_search"] = search
    return bits, params


def sentence_text(text: str | None, row: dict) -> str | None:
    """The claim's sentence as plain text (whitespace runs made single spaces), or None."""
    if text is None or text[row["char_start"] : row["char_end"]] != row["quote"]:
        return None
    s, e = sentence_bounds(text, row["char_start"], row["char_end"])
    return " ".join(text[s:e].split())


async def claims_export(request, datasette, db, document_text, fmt: str):
    """The streamed response (``fmt`` is ``csv`` or ``jsonl``); ``document_text(db, id)`` reads texts."""
    columns = [r[1] for r in (await db.execute(f"pragma table_info({VIEW})")).rows]
    if not columns:
        raise BadRequest(f"this database has no {VIEW}")
    bits, params = where_clause(request.args, columns)

    async def fetch(last):
        where = list(bits) + (["pk < :factdb_last"] if last is not None else [])
        sql = f"select * from {VIEW}" + (f" where {' and '.join(where)}" if where else "")
        return (
            await db.execute(sql + " order by pk desc limit :factdb_chunk",
                             {**params, "factdb_last": last, "factdb_chunk": CHUNK})
        ).rows  # fmt: skip

    # The first page is read before the response starts, so a bad filter or search is a
    # 400 page rather than a broken download.
    first = await fetch(None)

    async def rows():
        chunk = first
        while True:
            for r in chunk:
                row = dict(r)
                row["figure"] = readable_figure(
                    row["value"], row["value_high"], row["unit"], row["bound"], row["kind"],
                    row["currency"], row["quote"],
                )  # fmt: skip
                row["sentence"] = sentence_text(await document_text(db, row["document_id"]), row)
                yield row
            if len(chunk) < CHUNK:
                return
            chunk = await fetch(chunk[-1]["pk"])

    header = columns + list(EXTRA_COLUMNS)

    async def guarded(write_rows, writer, error_line):
        """A later page that fails (time limit) ends the download with a line saying so,
        since the status line has gone: a reader never mistakes a cut export for a whole one."""
        try:
            await write_rows(writer)
        except (QueryInterrupted, sqlite3.DatabaseError) as e:
            await writer.write(error_line(f"export cut short: {e or 'the SQL time limit ran out'}"))

    async def stream_csv(writer):
        buffer = io.StringIO()
        out = csv.writer(buffer)
        out.writerow(header)
        count = 0
        async for row in rows():
            # repr-exact floats: full precision, as the stored value
            out.writerow(["" if row.get(c) is None else row.get(c) for c in header])
            count += 1
            if count % 200 == 0:
                await writer.write(buffer.getvalue())
                buffer.seek(0)
                buffer.truncate()
        await writer.write(buffer.getvalue())

    # The page's "advanced" JSON links ask for _shape=array (one JSON array) and
    # _shape=array&_nl=on (one object a line, the default here): both are honoured.
    as_array = request.args.get("_shape") == "array" and not request.args.get("_nl")

    async def stream_jsonl(writer):
        lines, sep = [], "\n"
        if as_array:
            await writer.write("[")
            sep = ",\n"
        started = False
        async for row in rows():
            lines.append(json.dumps({c: row.get(c) for c in header}, ensure_ascii=False))
            if len(lines) >= 200:
                await writer.write(
                    (sep if started and as_array else "") + sep.join(lines) + ("" if as_array else "\n")
                )
                lines, started = [], True
        if lines:
            await writer.write(
                (sep if started and as_array else "") + sep.join(lines) + ("" if as_array else "\n")
            )
        if as_array:
            await writer.write("]\n")

    headers = {"content-disposition": f'attachment; filename="{VIEW}.{"json" if as_array else fmt}"'}
    if fmt == "csv":
        body = lambda w: guarded(stream_csv, w, lambda m: f"\nERROR: {m}\n")  # noqa: E731
    else:
        body = lambda w: guarded(stream_jsonl, w, lambda m: json.dumps({"error": m}) + "\n")  # noqa: E731
    content_type = "application/json; charset=utf-8" if as_array else FORMATS[fmt]
    return AsgiStream(body, headers=headers, content_type=content_type)
