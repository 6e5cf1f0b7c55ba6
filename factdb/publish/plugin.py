"""factdb's Datasette plugin (registered by the ``datasette`` entry point in pyproject).

What fact-checkers need beyond Datasette's tables: a claim's words seen in their
sentence (``/-/claim/<pk or id>`` and the ``quote`` cells of every claims table, view
and canned query), and an article with all its claims marked and linked to their rows
(``/-/document/<id>``). All article text is escaped (see :mod:`factdb.publish.render`).
Claim references (issue 11). Every ``claim_id`` column (claim_entities,
claim_group_members, launch_event_fields, reviews, the corroborations and contradictions
views) holds claims.id, the stable hash, while the claims table's primary key is ``pk``.
Datasette assumes a foreign key references the primary key, so three things are fixed here:
``claim_id`` cells (and ``id`` of claims and claims_view, ``pk`` of canned queries) render as
links to ``/-/claim/<id>``; ``/<db>/claims/<hash>`` (Datasette's own foreign-key link)
redirects there; and the claims row page (``row-factdb-claims.html``) counts "links from
other tables" by the referenced column. What cannot be fixed without a migration (not this
package's): the JSON ``?_extras=foreign_key_tables`` of a claims row still counts by ``pk``
(0 everywhere); foreign-key labels (``_labels=on``) are right, since Datasette looks them up
by the referenced column.

Entity pages (``/-/entity/<id>``) and figure-over-time charts (``/-/figure``) are built in
:mod:`factdb.publish.figures`; the chart libraries are vendored under ``static/vendor`` and
served by :func:`static_file`, so the site works offline. claims_view's CSV and JSON links
stream every row with its sentence (:mod:`factdb.publish.stream`); other tables' CSV links
ask Datasette for ``_stream=on``. An unfiltered table's facets are read from the counts
``factdb publish`` precomputed (:mod:`factdb.publish.precompute`,
:class:`PrecomputedColumnFacet`); so are the count, the facets and (for an outlet) the
first rows of a page filtered by one column (:func:`_answer_filters_from_counts`).

Search. Datasette 0.65's ``escape_fts`` turns ``?_search="`` into an empty FTS5 query (a
400 "fts5: syntax error"); :func:`escape_fts` replaces it on every connection, so any text
searches (``_searchmode=raw`` still passes FTS5 syntax through, errors included, on request).
claims_fts indexes a claim's quote and subject only; ``/-/search`` (the landing page's box)
also finds claims whose *sentence* holds every word: documents_fts picks the best 100
documents, and each of their claims' sentences is checked here. Changing claims_fts to
index the sentence would need a migration.

The plugin also answers 405 to every non-read HTTP method and refuses every write
permission, so a write plugin added by mistake (or Datasette 1.0's write API) still
cannot change the published database.

Size limits. The SQL time limit bounds time, not memory: ``select zeroblob(500000000)``
finishes at once and would have the server hold and send gigabytes. So every serving
connection gets three bounds, each for a reason:

* ``SQLITE_LIMIT_LENGTH`` = 16 MiB (:data:`MAX_VALUE_BYTES`): SQLite refuses to build
  any value longer (``zeroblob``, ``printf('%.*c', n, ...)``, ``replace``,
  ``group_concat``...) before allocating it. It must stay above the largest stored
  value, because SQLite applies it when reading a row too: ingest refuses documents
  over 5 MiB by default, and 16 MiB leaves room for a raised limit and for UTF-8 growth.
  A longer document would answer 400 "string or blob too big", not crash.
* 32 MiB of values per query (:data:`MAX_RESULT_CHARS`, counted as rows are fetched,
  see :class:`ResultBudget`): 1,000 rows of a few MB each stay under the length
  limit one by one, so the total is bounded too. 32 MiB is the largest document plus
  a full page of ordinary rows; it also bounds each page of a ``_stream=1`` CSV export
  (1,000 rows a page, so documents averaging up to 32 KiB; the corpus averages 7 KiB),
  which otherwise may be as long as it likes: it is sent page by page, so it never
  holds more than one page. The whole database is downloadable for bigger exports.
* 64 MiB per non-streamed response body (:data:`MAX_RESPONSE_BYTES`): JSON escaping
  can multiply text several times (a control character becomes six), so a page within
  the result budget can still encode far bigger; such a body is refused with a 400
  instead of being sent. The largest legitimate page (a 16 MiB value as JSON) stays
  under it.

Both refusals are 400s with a message saying what to ask for instead.

Error pages. Datasette 0.65's own error handler prints each error with ``rich`` when
rich is installed (it is, through typer), and for a URL no route matches it does so
outside an ``except`` block, where rich raises: every such 404 became a bare
"Internal Server Error". :func:`handle_exception` replaces that handler with
:func:`error_response`, which renders the same ``error.html`` page, logs real server
errors (5xx) without printing client mistakes, and answers 400 rather than 500 for
requests Datasette refuses without a status (``_sort`` by an unknown column).
"""

from __future__ import annotations

import inspect
import logging
import re
import sqlite3
import threading
import weakref
from collections import OrderedDict
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import datasette as datasette_module
from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import (
    escape_sqlite,
    path_with_added_args,
    path_with_format,
    path_with_removed_args,
    to_css_class,
)
from datasette.utils.asgi import BadRequest, Base400, Forbidden, NotFound, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup, escape

from factdb.publish import stream
from factdb.publish.figures import entity_context, figure_context, figure_href
from factdb.publish.render import (
    Span,
    highlight_document,
    quote_in_context,
    readable_figure,
    sentence_bounds,
    written_figure,
)

DATABASE = "factdb"
WRITE_ACTIONS = frozenset(
    {
        "insert-row",
        "delete-row",
        "update-row",
        "upsert-row",
        "create-table",
        "alter-table",
        "drop-table",
        "edit-schema",
        "write",
    }
)
CLAIM_FIELDS = (
    "id", "kind", "attribute", "subject", "value_as_written", "unit_as_written",
    "value", "value_high", "unit", "currency", "bound",
    "date_start", "date_end", "date_precision", "resolved", "attribution",
    "extractor", "extractor_version", "confidence", "is_current", "run_id",
)  # fmt: skip
# Documents whose text is cached for quote cells, and at most how many characters in all
# (a count alone would let 512 documents of 10 MiB fill 5 GB).
_TEXT_CACHE_SIZE = 512
_TEXT_CACHE_CHARS = 32 * 1024 * 1024

MiB = 1024 * 1024
MAX_VALUE_BYTES = 16 * MiB  # SQLITE_LIMIT_LENGTH: see the module docstring
MAX_RESULT_CHARS = 32 * MiB  # all values of one query's fetched rows
MAX_RESPONSE_BYTES = 64 * MiB  # one non-streamed response body
MAX_SQLITE_INT = 2**63 - 1  # larger ids cannot be bound as SQLite integers (OverflowError)
MAX_CLAIM_ID_CHARS = 64  # claim ids are 32 hex characters; the test data uses short names

log = logging.getLogger(__name__)


def _templates_dir() -> str:
    return str(resources.files("factdb.publish") / "templates")


@hookimpl
def startup(datasette):
    _add_templates(datasette)
    _cache_table_permissions(datasette)

    async def inner():
        await _use_view_counts(datasette)
        await _answer_filters_from_counts(datasette)
        _cache_schema_answers(datasette)

    return inner


# Database methods that read only the schema, answered once per immutable database.
SCHEMA_METHODS = (
    "table_names", "view_names", "hidden_table_names", "table_exists", "table_columns",
    "table_column_details", "primary_keys", "fts_table", "foreign_keys_for_table", "get_table_definition", "get_view_definition",
)  # fmt: skip


def _cache_schema_answers(datasette) -> None:
    """Remember what Datasette asks of an immutable database's schema.

    Each page asks the schema the same questions a dozen times (a table's columns, keys,
    FTS table...), each a query sent to a SQL thread and back; the landing page asks 70.
    An immutable database's file cannot change while it is served (Datasette opens it
    with ``immutable=1`` and trusts its counts on the same ground), so each answer is
    computed once per process. Mutable databases are left alone, and so is anything that
    depends on the metadata (a label column). Answers are copied out, so no caller can
    alter what the next one gets; each method keeps at most 10,000 (names come from URLs).
    """
    for db in datasette.databases.values():
        if db.is_mutable or getattr(db, "_factdb_schema_cached", False):
            continue
        for name in SCHEMA_METHODS:
            method = getattr(db, name, None)
            if method is not None:
                setattr(db, name, _cached_schema_method(method))
        db._factdb_schema_cached = True


def _cached_schema_method(method):
    import copy

    cache: dict = {}

    async def cached(*args):
        key = tuple(args)
        if key in cache:
            return copy.copy(cache[key])
        value = await method(*args)
        if len(cache) < 10_000:
            cache[key] = copy.copy(value)
        return value

    cached.__wrapped__ = method
    return cached


async def _use_view_counts(datasette) -> None:
    """Let Datasette use the view counts ``factdb publish`` precomputed (``views`` in the inspect file).

    Datasette looks up an unfiltered page's count by name in the inspect data's
    ``tables``, views included; but its database page expects only tables there. So the
    table counts are cached first (as Datasette would), then the view counts are added:
    the claims_view page stops counting a million joined rows on every visit.
    """
    data = datasette.inspect_data or {}
    for name, entry in data.items():
        views = entry.get("views")
        db = datasette.databases.get(name)
        if not views or db is None or db.is_mutable:
            continue
        await db.table_counts()
        for view, count in views.items():
            entry["tables"].setdefault(view, count)


async def _answer_filters_from_counts(datasette) -> None:
    """Answer a page filtered by one column from the counts ``factdb publish`` precomputed.

    Datasette 0.65 has no hook for a table page's SQL, so an immutable snapshot's
    ``execute`` is wrapped: the count of ``claims_view?outlet=BBC``, its facets and its
    newest-first rows are read from ``factdb_filter_counts``, ``factdb_filter_facets`` and
    ``factdb_filter_keys`` instead of counting, grouping and sorting a quarter of a million
    joined rows (:meth:`factdb.publish.filter_answers.FilterAnswers.rewrite` says which
    statements, and returns the same rows). Every other statement, and every mutable
    database or one published without these tables, runs as Datasette wrote it.
    """
    from factdb.publish.filter_answers import FilterAnswers

    for db in datasette.databases.values():
        if db.is_mutable or getattr(db, "_factdb_filter_answers", None) is not None:
            continue
        if not FilterAnswers.TABLES <= set(await db.table_names()):
            continue  # published before these tables (or unpublished): Datasette's own SQL
        answers = FilterAnswers.load(
            (await db.execute(FilterAnswers.COUNTED_SQL)).rows,
            (await db.execute(FilterAnswers.KEYED_SQL)).rows,
            (await db.execute(FilterAnswers.PAIRS_SQL)).rows,
        )
        db._factdb_filter_answers = answers
        db.execute = _answering_execute(db.execute, answers)


def _answering_execute(execute, answers):
    async def answering(sql, params=None, *args, **kwargs):
        rewritten = answers.rewrite(sql, params)
        if rewritten is not None:
            sql, params = rewritten
        # through the attribute, so a test can watch the statements that really run
        return await answering.__wrapped__(sql, params, *args, **kwargs)

    answering.__wrapped__ = execute
    return answering


def _cache_table_permissions(datasette) -> None:
    """Remember, per table, the ``allow`` blocks Datasette's view-table check finds in the metadata.

    Datasette 0.65 rebuilds them on every check by deep-copying the whole metadata (every
    table's column descriptions), and a page checks several tables: the landing page checks
    all 37, which cost 60 ms of CPU a view. The answer depends on the metadata alone, not on
    the actor (each actor is still matched against the blocks on every check), and
    ``factdb serve`` reads the metadata once at start-up; a plugin that supplies metadata
    per request (``get_metadata``) or a metadata object replaced later turns the cache off
    or starts it afresh, so a changed ``allow`` block is never missed.
    """
    from datasette.plugins import pm

    original = datasette._table_permission_allows
    cache: dict = {}

    def cached(database, table):
        if pm.hook.get_metadata.get_hookimpls():
            return original(database, table)
        key = (id(datasette._metadata_local), database, table)
        if key not in cache:
            if len(cache) > 10_000:  # table names come from URLs: bound what a crawler can fill
                cache.clear()
            cache[key] = tuple(original(database, table))
        return list(cache[key])

    datasette._table_permission_allows = cached


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.filters["factdb_table_rows"] = table_rows_html
    env.filters["factdb_query_rows"] = query_rows_html


def query_rows_html(display_rows, columns) -> Markup:
    """The ``<tr>`` rows of Datasette's ``query.html``, cell for cell what its Jinja loop writes."""
    css = [to_css_class(c) for c in columns]
    out = []
    for row in display_rows:
        cells = "".join(f'<td class="col-{c}">{escape(td)}</td>' for c, td in zip(css, row, strict=False))
        out.append(f"<tr>{cells}</tr>\n")
    return Markup("".join(out))


def table_rows_html(display_rows) -> Markup:
    """The ``<tr>`` rows of Datasette's ``_table.html`` for ``display_rows``, cell for cell
    what its Jinja loop writes (values escaped unless already markup), built in one pass."""
    css: dict[str, str] = {}
    out = []
    for row in display_rows:
        out.append("<tr>")
        for cell in row:
            column = cell["column"]
            if column not in css:
                css[column] = to_css_class(column)
            out.append(
                f'<td class="col-{css[column]} type-{escape(cell["value_type"])}">{escape(cell["value"])}</td>'
            )
        out.append("</tr>\n")
    return Markup("".join(out))


def _add_templates(datasette) -> None:
    """Put this package's templates on Datasette's loader, ahead of Datasette's defaults only.

    Datasette finds plugin templates only for plugins that are packages; this plugin is a
    module, so its templates (``factdb/publish/templates``) are added here. A
    ``--template-dir`` given to Datasette still overrides them.
    """
    from jinja2 import ChoiceLoader, FileSystemLoader

    ours = _templates_dir()
    loader = datasette.jinja_env.loader
    loaders = loader.loaders if isinstance(loader, ChoiceLoader) else [loader]
    # Datasette 0.65: ChoiceLoader([FileSystemLoader([--template-dir, plugins..., defaults]), ...]).
    # Ours goes just before Datasette's default directory, so it overrides index.html too.
    default = str(Path(datasette_module.__file__).parent / "templates")
    for x in loaders:
        paths = getattr(x, "searchpath", None)
        if isinstance(paths, list) and default in paths:
            if ours not in paths:
                paths.insert(paths.index(default), ours)
            datasette.jinja_env.cache.clear() if datasette.jinja_env.cache else None
            return
    datasette.jinja_env.loader = ChoiceLoader([FileSystemLoader(ours), loader])


def _database(datasette):
    """The published database: ``factdb`` when served from a snapshot, else the first one."""
    if DATABASE in datasette.databases:
        return datasette.databases[DATABASE]
    for name, db in datasette.databases.items():
        if name != "_internal":
            return db
    raise NotFound("no database")


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links from stored data become hrefs (no ``javascript:``)."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


async def _document_text(db, document_id: int) -> str | None:
    """A document's text; cached per immutable database, where a document never changes.

    The cache lives on the Database object, so two snapshots served by one process (as in
    the tests) never share entries. It is bounded in documents and in characters.
    """
    cache = None
    if not db.is_mutable:
        cache = getattr(db, "_factdb_texts", None)
        if cache is None:
            cache = OrderedDict()
            db._factdb_texts = cache
        if document_id in cache:
            cache.move_to_end(document_id)
            return cache[document_id]
    rows = (await db.execute("select text from documents where id = ?", [int(document_id)])).rows
    if not rows:
        return None
    text = rows[0][0]
    if cache is not None:
        cache[document_id] = text
        _trim_cache(cache)
    return text


def _trim_cache(cache: OrderedDict) -> None:
    """Forget the least recently used texts until both bounds hold (the newest always stays)."""
    chars = sum(len(t) for t in cache.values())
    while len(cache) > 1 and (len(cache) > _TEXT_CACHE_SIZE or chars > _TEXT_CACHE_CHARS):
        _, text = cache.popitem(last=False)
        chars -= len(text)


def _row_get(row, key):
    """A cell's raw value; Datasette hands foreign keys over as ``{"value", "label"}``."""
    try:
        value = row[key]
    except (KeyError, IndexError):
        return None
    if isinstance(value, dict):
        return value.get("value")
    return value


# Tables and views whose ``id`` column is a claim's hash id (claims.id).
CLAIM_TABLES = frozenset({"claims", "claims_view"})
# Tables whose ``entity_id`` names an entity: it links to the entity page, not the raw row.
ENTITY_ID_TABLES = frozenset({"claim_entities", "entity_mentions", "entity_aliases", None})
# Columns of canned queries and arbitrary SQL (no table) that name something with a page.
QUERY_LINKS = {
    "document_id": "/-/document/{}",
    "group_id": "/{db}/claim_group_sources?group_id={}",
    "event_id": "/{db}/launch_event_field_sources?event_id={}",
}


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Quotes shown inside their sentence; article text cells link to the highlighted page;
    every claim id (``claim_id`` anywhere, ``id`` of claims, ``pk`` of a query's claim rows)
    links to its claim page; figures read as words ("over 1,100 km")."""
    if column == "quote" and isinstance(value, str):
        doc_id, start, end = (_row_get(row, k) for k in ("document_id", "char_start", "char_end"))
        if isinstance(doc_id, int) and isinstance(start, int) and isinstance(end, int):
            return _quote_cell(datasette, database, row, doc_id, start, end, value)
    raw = value.get("value") if isinstance(value, dict) else value
    if column == "claim_id" or (column == "id" and table in CLAIM_TABLES):
        if isinstance(raw, str) and _claim_key(raw) is not None:
            return _link(datasette.urls.path(f"/-/claim/{raw}"), raw, "factdb-claim-link")
    if table is None and column == "pk" and isinstance(raw, int) and _row_get(row, "quote") is not None:
        return _link(datasette.urls.path(f"/-/claim/{raw}"), raw, "factdb-claim-link")
    if isinstance(raw, int) and (
        (column == "entity_id" and table in ENTITY_ID_TABLES) or (column == "id" and table == "entities")
    ):
        label = value.get("label") if isinstance(value, dict) else None
        return _link(datasette.urls.path(f"/-/entity/{raw}"), label or raw, "factdb-entity-link")
    if table is None and column in QUERY_LINKS and isinstance(raw, int):
        href = QUERY_LINKS[column].format(raw, db=database)
        return _link(datasette.urls.path(href), raw)
    if column == "value" and (table in CLAIM_TABLES or table is None) and isinstance(raw, (int, float)):
        return _figure_cell(row, raw)
    if table == "documents" and column == "text" and isinstance(value, str):
        doc_id = _row_get(row, "id")
        if isinstance(doc_id, int):
            href = datasette.urls.path(f"/-/document/{doc_id}")
            snippet = value[:300] + ("…" if len(value) > 300 else "")
            return Markup('{} <a class="factdb-read" href="{}">read with claims highlighted</a>').format(
                snippet, href
            )
    return None


def _figure_cell(row, value) -> Markup | None:
    """A claim row's value as words, the figure as written beside it when the row has it."""
    unit = _row_get(row, "unit")
    if _row_get(row, "bound") is None:
        return None  # not a claim row (a launch event field, a group's bound)
    text = readable_figure(
        value, _row_get(row, "value_high"), unit, _row_get(row, "bound"),
        _row_get(row, "kind"), _row_get(row, "currency"), _row_get(row, "quote") or "",
    )  # fmt: skip
    if text is None:
        return None
    written = _row_get(row, "value_as_written")
    if written:
        unit_written = _row_get(row, "unit_as_written")
        as_written = written_figure(written, unit_written, _row_get(row, "quote") or "")
        return Markup(
            f'<span class="factdb-figure" title="canonical value {escape(value)}">{escape(text)}</span>'
            f' <span class="factdb-written">written “{escape(as_written)}”</span>'
        )
    return Markup(f'<span class="factdb-figure" title="canonical value {escape(value)}">{escape(text)}</span>')


def _link(href, text, css_class: str | None = None) -> Markup:
    """``<a href>`` with both escaped: what ``Markup(...).format`` writes, at a fraction of
    its cost (it runs for several cells of every row of every listing)."""
    attr = f' class="{css_class}"' if css_class else ""
    return Markup(f'<a{attr} href="{escape(href)}">{escape(text)}</a>')


def _quote_cell(datasette, database, row, doc_id, start, end, quote):
    async def inner():
        db = datasette.databases.get(database) or _database(datasette)
        text = await _document_text(db, doc_id)
        if text is None or text[start:end] != quote:
            return None  # not a span of a stored document: Datasette's default (escaped) rendering
        href = _claim_href(datasette, row)
        return quote_in_context(text, start, end, href=href)

    return inner


def _claim_href(datasette, row) -> str | None:
    """The claim page of a row that is a claim (``pk``) or names one (``claim_id`` in group views)."""
    pk = _row_get(row, "pk")
    if isinstance(pk, int):
        return datasette.urls.path(f"/-/claim/{pk}")
    claim_id = _row_get(row, "claim_id")
    if isinstance(claim_id, str) and claim_id.isalnum():
        return datasette.urls.path(f"/-/claim/{claim_id}")
    return None


def _sqlite_int(text: str) -> int | None:
    """The integer a URL's digits name, or None when no SQLite row can have it.

    Past 2**63 - 1 sqlite3 cannot even bind the number (OverflowError, a 500), and past
    4,300 digits Python refuses to parse it: both are ids that cannot exist, so 404.
    """
    if not text.isascii() or not text.isdigit() or len(text.lstrip("0")) > 19:
        return None
    value = int(text)
    return value if value <= MAX_SQLITE_INT else None


def _claim_key(ident: str) -> tuple[str, int | str] | None:
    """``("pk", n)`` for digits, ``("id", ident)`` for a claim id, None for neither."""
    if ident.isascii() and ident.isdigit() and len(ident) < 20:
        pk = _sqlite_int(ident)
        return None if pk is None else ("pk", pk)
    # 20 digits and more cannot be a pk (over 2**63) but can be a hash id that is all
    # digits (1 in 3 million of them): looked up as an id.
    if len(ident) > MAX_CLAIM_ID_CHARS:
        return None
    return ("id", ident)


def _short(ident: str, limit: int = 40) -> str:
    """An id as quoted back in a 404 message: a 10,000-character URL is not echoed whole."""
    return ident if len(ident) <= limit else ident[:limit] + "…"


async def claim_page(request, datasette):
    db = _database(datasette)
    await _check_view(datasette, request, db.name, "claims")
    ident = request.url_vars["claim"]
    key = _claim_key(ident)
    if key is None:
        raise NotFound(f"claim {_short(ident)} not found")
    column, value = key
    rows = (
        await db.execute(
            "select c.*, d.title as document_title, d.outlet, d.published, d.url, d.text as document_text "
            f"from claims c join documents d on d.id = c.document_id where c.{column} = ?",
            [value],
        )
    ).rows
    if not rows:
        raise NotFound(f"claim {_short(ident)} not found")
    claim = dict(rows[0])
    text = claim.pop("document_text")
    sentence = quote_in_context(text, claim["char_start"], claim["char_end"])
    figure = written_figure(
        claim.get("value_as_written"), claim.get("unit_as_written"), claim["quote"],
        claim["value"], claim["value_high"], claim["unit"], claim["kind"],
    )  # fmt: skip
    row_path = str(claim["pk"])
    context = {
        "database": db.name,
        "claim": claim,
        "sentence": sentence,
        # "19 miles (30.58 km)" first; .get: a database before schema 0004 has no as-written columns
        "fields": [("figure", figure)] * bool(figure) + [(name, claim.get(name)) for name in CLAIM_FIELDS],
        # "over 1,100 km", "about $35 billion": the canonical figure as words, no float noise
        "reads": readable_figure(
            claim["value"], claim["value_high"], claim["unit"], claim["bound"], claim["kind"],
            claim.get("currency"), claim["quote"],
        ),
        "written": figure,
        "document_href": datasette.urls.path(f"/-/document/{claim['document_id']}") + f"#claim-{claim['pk']}",
        "row_href": datasette.urls.row(db.name, "claims", row_path),
        "row_json": datasette.urls.row(db.name, "claims", row_path, format="json"),
        "source_url": _safe_url(claim["url"]),
    }
    context.update(await _claim_links(datasette, db, claim))
    context["reviews"] = await _claim_reviews(db, claim["id"])
    html = await datasette.render_template("factdb_claim.html", context, request=request)
    return Response.html(html)


async def _claim_reviews(db, claim_id: str) -> list[dict]:
    """Every review of the claim, newest first (revision 0005; none on an older database).

    Reviews are written from the command line (``factdb review``); the page only shows them.
    """
    if "reviews" not in set(await db.table_names()):
        return []
    rows = await db.execute(
        "select rating, note, reviewer, url, reviewed_at, source from reviews where claim_id = ? "
        "order by reviewed_at desc, id desc",
        [claim_id],
    )
    return [dict(r, url=_safe_url(r["url"])) for r in rows.rows]


async def _claim_links(datasette, db, claim: dict) -> dict:
    """Entities the claim is about and the claims of other sources that agree or disagree.

    These tables come from entity linking (migration 0002); an older database without
    them simply shows neither section.
    """
    tables = set(await db.table_names())
    entities, groups = [], []
    if {"claim_entities", "entities"} <= tables:
        entities = [
            dict(r)
            for r in (
                await db.execute(
                    "select e.id, e.name, e.type, ce.role from claim_entities ce join entities e on e.id = ce.entity_id "
                    "where ce.claim_id = ? order by ce.role, e.name",
                    [claim["id"]],
                )
            ).rows
        ]
        for e in entities:
            e["href"] = datasette.urls.path(f"/-/entity/{e['id']}")
            if claim.get("attribute") and claim.get("value") is not None:
                e["figure_href"] = figure_href(datasette, claim["attribute"], e["id"])
    if {"claim_groups", "claim_group_members"} <= tables:
        for g in (
            await db.execute(
                "select g.id, g.status, g.sources, g.attribute, g.entities from claim_group_members m "
                "join claim_groups g on g.id = m.group_id where m.claim_id = ? order by g.id",
                [claim["id"]],
            )
        ).rows:
            group = dict(g)
            group["href"] = datasette.urls.path(f"/{db.name}/claim_group_sources?group_id={group['id']}")
            group["others"] = [
                dict(r, href=datasette.urls.path(f"/-/claim/{r['pk']}"))
                for r in (
                    await db.execute(
                        "select c.pk, c.quote, c.value, c.value_high, c.unit, c.bound, d.outlet, d.title, d.published "
                        "from claim_group_members m join claims c on c.id = m.claim_id "
                        "join documents d on d.id = c.document_id "
                        "where m.group_id = ? and m.claim_id != ? order by d.published, c.pk limit 100",
                        [group["id"], claim["id"]],
                    )
                ).rows
            ]
            groups.append(group)
    return {"entities": entities, "groups": groups, "status": await _claim_status(datasette, db, claim, tables)}


def _origin(source_key: str | None) -> str:
    """The origin part of a group member's ``source_key`` ("Reuters #12; time: text 'in 1999'")."""
    return (source_key or "").split("; time:")[0]


def _time_basis(source_key: str | None) -> str:
    key = source_key or ""
    return key.split("; ", 1)[1] if "; time:" in key else ""


async def _claim_status(datasette, db, claim: dict, tables: set) -> dict:
    """What the cross-source comparison found for this claim, in words a fact-checker can act on:
    corroborated (by which origins), contradicted (by which), or no other source found, with
    what was searched; a background figure says it was set aside and why; a claim that was never
    compared says why not."""
    if not {"claim_groups", "claim_group_members"} <= tables:
        return {"label": "not compared", "why": "this database has no claim groups"}
    if not claim.get("attribute"):
        return {"label": "not compared",
                "why": "no curated attribute says what this figure measures, so there is nothing to compare it with"}
    rows = [
        dict(r)
        for r in (
            await db.execute(
                "select g.id, g.status, g.sources, g.attribute, g.unit, g.entities, g.scope_date, g.scope_date_end, "
                "m.source_key, m.scope_date as claim_scope from claim_group_members m "
                "join claim_groups g on g.id = m.group_id where m.claim_id = ? order by g.id",
                [claim["id"]],
            )
        ).rows
    ]
    if not rows:
        from factdb.entities.groups import ANCHORED, EVENT_LEVEL

        if claim["attribute"].split(".")[0] not in EVENT_LEVEL and claim["attribute"] not in ANCHORED:
            why = (f"{claim['attribute']} is a person's, company's or market's figure; periods and definitions "
                   "differ too often across reports to call two of them the same fact")
        else:
            why = ("it restates in brackets the figure before it, or it gives no written number (\"dozens\"), "
                   "or neither its words nor the story name what it is about, or it has no date to scope it")
        return {"label": "not compared", "why": why}
    own = rows[0]
    basis = _time_basis(own["source_key"])
    background = basis.startswith("time: text") and own["claim_scope"] and claim.get("published") and \
        own["claim_scope"] < str(claim["published"])[: len(own["claim_scope"])]
    searched = (f"{own['attribute']}" + (f" in {own['unit']}" if own["unit"] else "")
                + f" about {own['entities'] or 'the same subject'}, scoped to {own['claim_scope']}"
                + (f" ({basis})" if basis else ""))
    out = {"searched": searched, "corroborated_by": [], "contradicted_by": [], "same_origin": []}
    if background:
        out["background"] = (f"a background figure: its own words date it to {own['claim_scope']}, "
                             "so it was compared only with figures about that time, never with current ones")
    mine = _origin(own["source_key"])
    for g in rows:
        others = (
            await db.execute(
                "select c.pk, c.quote, d.outlet, d.title, d.published, m.source_key from claim_group_members m "
                "join claims c on c.id = m.claim_id join documents d on d.id = c.document_id "
                "where m.group_id = ? and m.claim_id != ? order by d.published, c.pk limit 100",
                [g["id"], claim["id"]],
            )
        ).rows
        for o in others:
            entry = {"quote": o["quote"], "origin": _origin(o["source_key"]), "outlet": o["outlet"],
                     "title": o["title"], "published": o["published"],
                     "href": datasette.urls.path(f"/-/claim/{o['pk']}")}
            if entry["origin"] == mine:
                out["same_origin"].append(entry)
            elif g["status"] == "corroborated":
                out["corroborated_by"].append(entry)
            elif g["status"] == "contradiction":
                out["contradicted_by"].append(entry)
    if out["contradicted_by"]:
        out["label"] = "contradicted"
    elif out["corroborated_by"]:
        out["label"] = "corroborated"
    else:
        out["label"] = "no other source found"
    return out


async def document_page(request, datasette):
    db = _database(datasette)
    await _check_view(datasette, request, db.name, "documents")
    doc_id = _sqlite_int(request.url_vars["document_id"])
    rows = [] if doc_id is None else (await db.execute("select * from documents where id = ?", [doc_id])).rows
    if not rows:
        raise NotFound(f"document {_short(request.url_vars['document_id'])} not found")
    document = dict(rows[0])
    # Claims that read the same (same words, kind, extractor, figure and attribution) are
    # listed and marked once, with how many there are: the page's work is bounded by the
    # distinct spans, not by copies (a real document's current claims never repeat, as a
    # claim's id hashes its span, kind and extractor; a synthetic or runaway database may).
    claims = [
        dict(r)
        for r in (
            await db.execute(
                "select min(pk) as pk, count(*) as copies, kind, attribute, value, value_high, unit, currency, "
                "bound, attribution, quote, char_start, char_end from claims where document_id = ? and is_current "
                "group by char_start, char_end, kind, extractor, attribute, value, value_high, unit, currency, "
                "bound, attribution, quote order by char_start, char_end, 1",
                [doc_id],
            )
        ).rows
    ]
    spans = []
    for c in claims:
        c["claim_href"] = datasette.urls.path(f"/-/claim/{c['pk']}")
        label = f"{c['kind']}" + (f" · {c['attribute']}" if c["attribute"] else "")
        spans.append(Span(c["char_start"], c["char_end"], str(c["pk"]), c["claim_href"], label))
        c["figure"] = readable_figure(
            c["value"], c["value_high"], c["unit"], c["bound"], c["kind"], c["currency"], c["quote"]
        )
    context = {
        "database": db.name,
        "document": document,
        "claims": claims,
        "claim_count": sum(c["copies"] for c in claims),
        "body": highlight_document(document["text"], spans),
        "row_href": datasette.urls.row(db.name, "documents", str(doc_id)),
        "source_url": _safe_url(document["url"]),
    }
    html = await datasette.render_template("factdb_document.html", context, request=request)
    return Response.html(html)


async def entity_page(request, datasette):
    """``/-/entity/<id>``: an entity, what its claims measure, its latest claims (see figures.py)."""
    db = _database(datasette)
    await _check_view(datasette, request, db.name, "entities")
    entity_id = _sqlite_int(request.url_vars["entity_id"])
    context = None
    if entity_id is not None:
        context = await entity_context(datasette, db, entity_id, lambda d: _document_text(db, d))
    if context is None:
        raise NotFound(f"entity {_short(request.url_vars['entity_id'])} not found")
    context["database"] = db.name
    html = await datasette.render_template("factdb_entity.html", context, request=request)
    return Response.html(html)


async def figure_page(request, datasette):
    """``/-/figure?attribute=A&entity=ID&unit=U``: one figure across sources and dates (see figures.py)."""
    db = _database(datasette)
    await _check_view(datasette, request, db.name, "claims")
    attribute = (request.args.get("attribute") or "").strip()
    if not attribute or len(attribute) > 200:
        raise BadRequest("say which figure: /-/figure?attribute=missile.flight_distance&entity=<entity id>")
    entity_arg = (request.args.get("entity") or "").strip()
    entity_id = None
    if entity_arg:
        entity_id = _sqlite_int(entity_arg)
        if entity_id is None:
            raise NotFound(f"entity {_short(entity_arg)} not found")
    context = await figure_context(datasette, db, attribute, entity_id, request.args.get("unit"))
    if context is None:
        raise NotFound(f"entity {_short(entity_arg)} not found")
    context["database"] = db.name
    html = await datasette.render_template("factdb_figure.html", context, request=request)
    return Response.html(html)


async def _check_view(datasette, request, database: str, table: str) -> None:
    await datasette.ensure_permissions(
        request.actor, [("view-table", (database, table)), ("view-database", database), "view-instance"]
    )


# --- Claim ids that resolve: /<db>/claims/<hash> and the claims row page -----------------


async def claim_row_redirect(request, datasette):
    """``/factdb/claims/<hash>``: every claim_id column names claims.id, not the row key
    ``pk``, so Datasette's foreign-key links point here; send them to the claim page."""
    if request.url_vars["database"] != _database(datasette).name:
        raise NotFound("database not found")
    ident = request.url_vars["claim"]
    if _claim_key(ident) is None:
        raise NotFound(f"claim {_short(ident)} not found")
    return Response.redirect(datasette.urls.path(f"/-/claim/{ident}"), status=302)


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    """The landing page's counts; the attribute list of canned queries; export links that
    stream every row (table pages); the claims row page's "links from other tables",
    counted by the column each foreign key really references (claims.id), where Datasette
    counts by the row's pk and finds 0."""
    if view_name == "index":
        return _index_vars(datasette)
    if view_name == "table" and request is not None and table:
        return _export_links(datasette, request, database, table)
    if template and template.startswith("query-") and _takes_attribute(datasette, database, request):

        async def attributes():
            found = await _index_vars(datasette)()
            return {"factdb_attributes": found.get("factdb", {}).get("attributes", [])}

        return attributes
    if view_name != "row" or table != "claims" or request is None:
        return {}

    async def inner():
        db = datasette.get_database(database)
        pk = _sqlite_int(request.url_vars.get("pks", ""))
        rows = [] if pk is None else (await db.execute("select * from claims where pk = ?", [pk])).rows
        if not rows:
            return {}
        claim = dict(rows[0])
        links = []
        for fk in (await db.get_all_foreign_keys()).get("claims", {}).get("incoming", []):
            value = claim.get(fk["column"])
            count = (
                await db.execute(
                    f'select count(*) from "{fk["other_table"]}" where "{fk["other_column"]}" = ?', [value]
                )
            ).rows[0][0]
            href = datasette.urls.table(database, fk["other_table"]) + "?" + urlencode({fk["other_column"]: value})
            links.append({**fk, "count": count, "link": href})
        return {
            "factdb_incoming": links,
            "factdb_claim_href": datasette.urls.path(f"/-/claim/{claim['pk']}"),
        }

    return inner


def _export_links(datasette, request, database: str, table: str):
    """CSV (and for claims_view JSON) links that send every row, not one page (issue 11).

    Datasette's CSV link stops at ``max_returned_rows``; with ``_stream=on`` it pages
    through all of them. claims_view's links go to :mod:`factdb.publish.stream`, which adds
    each claim's sentence and readable figure. Paging and display arguments are left out:
    an export starts at the first row whatever page it was taken from.
    """
    pairs = [
        (k, v)
        for k in request.args.keys()
        for v in request.args.getlist(k)
        if not k.startswith("_") or k in ("_search", "_where", "_searchmode")
    ]
    if table == stream.VIEW:
        pairs = [(k, v) for k, v in pairs if k not in ("_where", "_searchmode")]
        query = ("?" + urlencode(pairs)) if pairs else ""
        return {
            "url_csv": datasette.urls.path("/-/claims.csv") + query,
            "renderers": {"json": datasette.urls.path("/-/claims.jsonl") + query},
        }

    async def inner():
        db = datasette.get_database(database)
        extra = [("_size", "max"), ("_stream", "on")]
        if await db.foreign_keys_for_table(table):
            extra.insert(0, ("_labels", "on"))  # as Datasette's own link: ids with their labels
        path = path_with_format(path=request.path, format="csv")
        joiner = "&" if "?" in path else "?"
        return {"url_csv": datasette.urls.path(path + joiner + urlencode(pairs + extra))}

    return inner


async def claims_export(request, datasette):
    db = _database(datasette)
    await _check_view(datasette, request, db.name, stream.VIEW)
    if not datasette.setting("allow_download"):
        raise Forbidden("downloads are turned off")
    return await stream.claims_export(request, datasette, db, _document_text, request.url_vars["format"])


def _takes_attribute(datasette, database, request) -> bool:
    """A canned query with an ``:attribute`` parameter (not arbitrary SQL, not other queries)."""
    name = request.url_vars.get("table") if request is not None else None
    queries = (datasette.metadata("databases") or {}).get(database or "", {}).get("queries") or {}
    sql = (queries.get(name) or {}).get("sql", "") if name else ""
    return ":attribute" in sql


# --- Search that never errors ------------------------------------------------------------

_FTS_BITS = re.compile(r'"([^"]*)"|([^\s"]+)')


def escape_fts(query: str | None) -> str:
    """Any user text as a safe FTS5 query: each word, or each "quoted phrase", becomes one
    quoted phrase (inner double quotes doubled), all of them required. Text with no word
    at all ('"', '   ') becomes the empty phrase, which matches nothing instead of raising
    "fts5: syntax error" as Datasette 0.65's own ``escape_fts`` does."""
    bits = [a or b for a, b in _FTS_BITS.findall(str(query or "")) if (a or b).strip()]
    if not bits:
        return '""'
    return " ".join('"' + bit.replace('"', '""') + '"' for bit in bits)


_WORD = re.compile(r"\w+")


def _stem(word: str) -> str:
    for suffix in ("ing", "es", "ed", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _sentence_matches(sentence: str, terms: list[str]) -> bool:
    low = sentence.lower()
    return all(_stem(t) in low for t in terms)


SEARCH_DOCUMENTS = 100  # documents read for sentence matches, best ranked first
SEARCH_RESULTS = 100
SEARCH_DOCUMENTS_AT_ONCE = 4
SEARCH_ROWS_READ = 600  # claims read for sentence matches before the page stops looking


async def search_page(request, datasette):
    """``/-/search?q=``: claims whose quote or subject match (claims_fts), then claims whose
    sentence holds every word (documents_fts finds the documents, the sentence is checked
    here): claims_fts indexes quote and subject only, and changing it needs a migration."""
    db = _database(datasette)
    await _check_view(datasette, request, db.name, "claims")
    q = (request.args.get("q") or "").strip()[:500]
    results, seen, interrupted = [], set(), False
    if q:
        match = escape_fts(q)
        base = (
            "select c.pk, c.id, c.quote, c.kind, c.attribute, c.value, c.value_high, c.unit, c.bound, "
            "c.currency, c.char_start, c.char_end, c.document_id, d.title, d.outlet, d.published "
            "from claims c join documents d on d.id = c.document_id "
        )
        terms = [t.lower() for t in _WORD.findall(q)]
        rows = []
        try:
            direct = await db.execute(
                base + "where c.pk in (select rowid from claims_fts where claims_fts match ? order by rank limit ?) "
                "and c.is_current order by c.pk desc",
                [match, SEARCH_RESULTS],
            )
            rows += [dict(r, why="quote") for r in direct.rows]
            if terms:
                docs = await db.execute(
                    "select rowid from documents_fts where documents_fts match ? order by rank limit ?",
                    [match, SEARCH_DOCUMENTS],
                )
                # Best-ranked documents first, a few at a time, until enough claims are read
                # to fill the page: at a million claims all hundred documents hold far more
                # claims than one page shows.
                doc_ids = [r[0] for r in docs.rows]
                read = len(rows)  # claims read, copies included: the bound on the work
                for i in range(0, len(doc_ids), SEARCH_DOCUMENTS_AT_ONCE):
                    if read >= SEARCH_ROWS_READ:
                        break
                    batch = doc_ids[i : i + SEARCH_DOCUMENTS_AT_ONCE]
                    # Identical claims on one span (the same words, kind, extractor and
                    # figure) come back once, under their first pk: a document's sentence
                    # matches are bounded by its distinct spans, not by copies of a claim.
                    more = await db.execute(
                        base.replace("select c.pk,", "select min(c.pk) as pk, count(*) as copies,", 1)
                        + f"where c.document_id in ({','.join('?' * len(batch))}) and c.is_current "
                        "group by c.document_id, c.char_start, c.char_end, c.kind, c.extractor, c.attribute, "
                        "c.value, c.value_high, c.unit, c.currency, c.bound, c.quote "
                        "order by c.document_id, c.char_start, 1",
                        batch,
                    )
                    rows += [dict(r, why="sentence") for r in more.rows]
                    read += sum(r["copies"] for r in more.rows)
        except QueryInterrupted:
            interrupted = True  # the results found so far are still shown
        # Claims at the same span (extractor versions, the benchmark's copies) share one
        # sentence: it is checked once.
        checked: dict[tuple, bool] = {}
        for r in rows:
            if len(results) >= SEARCH_RESULTS:
                break
            if r["pk"] in seen:
                continue
            text = await _document_text(db, r["document_id"])
            if text is None:
                continue
            if r["why"] == "sentence":
                key = (r["document_id"], r["char_start"], r["char_end"])
                if key not in checked:
                    s, e = sentence_bounds(text, r["char_start"], r["char_end"])
                    checked[key] = _sentence_matches(text[s:e], terms)
                if not checked[key]:
                    continue
            seen.add(r["pk"])
            r["href"] = datasette.urls.path(f"/-/claim/{r['pk']}")
            r["sentence"] = quote_in_context(text, r["char_start"], r["char_end"], href=r["href"])
            r["figure"] = readable_figure(
                r["value"], r["value_high"], r["unit"], r["bound"], r["kind"], r["currency"], r["quote"]
            )
            r["document_href"] = datasette.urls.path(f"/-/document/{r['document_id']}") + f"#claim-{r['pk']}"
            results.append(r)
    context = {
        "database": db.name,
        "q": q,
        "results": results,
        "limit": SEARCH_RESULTS,
        "interrupted": interrupted,
        "claims_view_href": datasette.urls.table(db.name, "claims_view") + "?" + urlencode({"_search": q}),
        "documents_href": datasette.urls.table(db.name, "documents") + "?" + urlencode({"_search": q}),
    }
    html = await datasette.render_template("factdb_search.html", context, request=request)
    return Response.html(html)


# --- The landing page ---------------------------------------------------------------------


# claims_view has 30 columns; these are what a reader scans. The value cell reads as words
# only with unit, bound, value_high and currency beside it; the quote cell needs the last three.
COMPACT_COLUMNS = (
    "document_title", "outlet", "published", "kind", "attribute", "quote", "value", "attribution",
    "value_high", "unit", "currency", "bound", "document_id", "char_start", "char_end",
)  # fmt: skip


INDEX_COUNT_TIME_LIMIT_MS = 20_000


async def _landing_counts(db) -> tuple[list, list, bool]:
    """Current claims by kind and by attribute, and whether the counts are complete.

    A snapshot has them precomputed (``factdb_current_counts``, see precompute.py).
    Otherwise they are counted live: Datasette's ``custom_time_limit`` can only lower the
    SQL time limit, so at a million claims this may run out; the page then goes without
    counts rather than failing, and the next visit tries again.
    """
    if "factdb_current_counts" in set(await db.table_names()):
        kinds = await db.execute(
            "select value, count from factdb_current_counts where col = 'kind' order by 2 desc, 1"
        )
        attributes = await db.execute(
            "select value, count from factdb_current_counts where col = 'attribute' order by 2 desc, 1 limit 200"
        )
        return kinds.rows, attributes.rows, True
    try:
        kinds = await db.execute(
            "select kind, count(*) from claims where is_current group by kind order by 2 desc, 1",
            custom_time_limit=INDEX_COUNT_TIME_LIMIT_MS,
        )
        attributes = await db.execute(
            "select attribute, count(*) from claims where is_current and attribute is not null "
            "and attribute != '' group by attribute order by 2 desc, 1 limit 200",
            custom_time_limit=INDEX_COUNT_TIME_LIMIT_MS,
        )
    except QueryInterrupted:
        return [], [], False
    return kinds.rows, attributes.rows, True


def _index_vars(datasette):
    async def inner():
        try:
            db = _database(datasette)
        except NotFound:
            return {}
        cached = getattr(db, "_factdb_index", None)
        if cached is not None:
            return cached
        if "claims" not in set(await db.table_names()):
            return {}
        view = datasette.urls.table(db.name, "claims_view")
        kind_rows, attribute_rows, complete = await _landing_counts(db)
        entities, figures = await _index_entities(datasette, db)
        kinds = [
            {"name": r[0], "count": r[1], "href": view + "?" + urlencode({"kind": r[0]})} for r in kind_rows
        ]
        attributes = [
            {"name": r[0], "count": r[1], "href": view + "?" + urlencode({"attribute": r[0]})}
            for r in attribute_rows
        ]
        queries = [
            {"name": name, "title": q.get("title") or name, "description": _first_sentence(q.get("description", "")),
             "href": datasette.urls.path(f"/{db.name}/{name}")}
            for name, q in ((datasette.metadata("databases") or {}).get(db.name, {}).get("queries") or {}).items()
        ]  # fmt: skip
        out = {
            "factdb": {
                "database": db.name,
                "kinds": kinds,
                "attributes": attributes,
                "claims": sum(k["count"] for k in kinds),
                "queries": queries,
                "entities": entities,
                "figures": figures,
                "search_href": datasette.urls.path("/-/search"),
                "claims_view_href": view,
                "claims_compact_href": view + "?" + urlencode([("_col", c) for c in COMPACT_COLUMNS]),
                "documents_href": datasette.urls.table(db.name, "documents"),
                "database_href": datasette.urls.database(db.name),
            }
        }
        if not db.is_mutable and complete:
            db._factdb_index = out
        return out

    return inner


INDEX_ENTITIES = 40
INDEX_FIGURES = 24


async def _index_entities(datasette, db) -> tuple[list[dict], list[dict]]:
    """The entities with the most current claims (each to its page) and the entity ×
    attribute pairs with the most claims (each to its chart), from the snapshot's
    precomputed counts; an unpublished database (no counts table) lists none."""
    if "factdb_entity_counts" not in set(await db.table_names()):
        return [], []
    rows = (
        await db.execute(
            "select e.id, e.name, e.type, sum(n.claims) as claims from factdb_entity_counts n "
            "join entities e on e.id = n.entity_id group by e.id order by claims desc, e.name limit ?",
            [INDEX_ENTITIES],
        )
    ).rows
    entities = [dict(r, href=datasette.urls.path(f"/-/entity/{r['id']}")) for r in rows]
    rows = (
        await db.execute(
            "select e.id, e.name, n.attribute, n.claims from factdb_entity_counts n "
            "join entities e on e.id = n.entity_id where n.attribute is not null and n.attribute != '' "
            "and n.claims >= 2 order by n.claims desc, e.name, n.attribute limit ?",
            [INDEX_FIGURES],
        )
    ).rows
    figures = [dict(r, href=figure_href(datasette, r["attribute"], r["id"])) for r in rows]
    return entities, figures


def _first_sentence(text: str) -> str:
    """One line on what a canned query answers: its description up to the first full stop."""
    m = re.search(r"(?<=[a-z0-9)])\.\s", text)
    return text[: m.start() + 1] if m else text


# --- Static files ----------------------------------------------------------------------------

_JS = "application/javascript; charset=utf-8"
# Only these files are served (no path from a URL ever reaches the file system). The
# vendored chart libraries never change within a release, so browsers may keep them a day.
STATIC_FILES = {
    "factdb.css": ("text/css; charset=utf-8", 300),
    "vendor/vega.min.js": (_JS, 86400),
    "vendor/vega-lite.min.js": (_JS, 86400),
    "vendor/vega-embed.min.js": (_JS, 86400),
}
_static_cache: dict[str, bytes] = {}


def _static_dir():
    return resources.files("factdb.publish") / "static"


async def static_file(request, datasette):
    name = request.url_vars["name"]
    if name not in STATIC_FILES:
        raise NotFound("no such file")
    content_type, max_age = STATIC_FILES[name]
    body = _static_cache.get(name)
    if body is None:
        body = _static_cache[name] = (_static_dir() / name).read_bytes()
    return Response(body, content_type=content_type, headers={"cache-control": f"max-age={max_age}"})


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/-/factdb/static/factdb.css")]


@hookimpl
def register_routes(datasette):
    return [
        (r"^/-/claim/(?P<claim>[0-9A-Za-z_-]+)$", claim_page),
        (r"^/-/document/(?P<document_id>[0-9]+)$", document_page),
        (r"^/-/search$", search_page),
        (r"^/-/factdb/static/(?P<name>(?:vendor/)?[a-z0-9_.-]+)$", static_file),
        (r"^/-/entity/(?P<entity_id>[0-9]+)$", entity_page),
        (r"^/-/figure$", figure_page),
        (r"^/-/claims\.(?P<format>csv|jsonl)$", claims_export),
        # A claim hash (anything not all digits) after /<db>/claims/: not a pk, so not a row.
        (r"^/(?P<database>[^/.]+)/claims/(?P<claim>[0-9A-Za-z_-]*[A-Za-z_-][0-9A-Za-z_-]*|[0-9]{20,64})$", claim_row_redirect),
    ]


# --- Facets from the snapshot's precomputed counts -----------------------------------------


class PrecomputedColumnFacet(ColumnFacet):
    """Datasette's column facet, answered from ``factdb_facet_counts`` on an unfiltered page.

    The counts are those of the whole table, exactly what Datasette's own facet query
    computes (see :mod:`factdb.publish.precompute`); a page with any filter, search or
    ``_next`` has a WHERE clause and is counted live as before, as is a facet the table
    was not precomputed for.
    """

    async def facet_results(self):
        counts = await self._precomputed()
        if counts is None:
            return await super().facet_results()
        results, qs_pairs, facet_size = [], self.get_querystring_pairs(), self.get_facet_size()
        for source_and_config in self.get_configs():
            config, source = source_and_config["config"], source_and_config["source"]
            column = config.get("column") or config["simple"]
            rows = counts.get(column)
            if rows is None:
                return await super().facet_results()
            values = []
            shown = rows[:facet_size]
            # Foreign-key facets show their labels, as Datasette's own facet does.
            expanded = await self.ds.expand_foreign_keys(self.database, self.table, column, [v for v, _ in shown])
            for value, count in shown:
                column_qs = f"{column}__exact" if column.startswith("_") else column
                selected = (column_qs, str(value)) in qs_pairs
                toggle = (
                    path_with_removed_args(self.request, {column_qs: str(value)})
                    if selected
                    else path_with_added_args(self.request, {column_qs: value})
                )
                values.append(
                    {
                        "value": value,
                        "label": expanded.get((column, value), value),
                        "count": count,
                        "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": column,
                    "type": self.type,
                    "hideable": source != "metadata",
                    "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
                    "results": values,
                    "truncated": len(rows) > facet_size,
                }
            )
        return results, []

    async def _precomputed(self) -> dict[str, list] | None:
        """Counts by column for this table, or None when this page cannot use them."""
        if not self.table or self.params or not self.get_configs():
            return None
        if not self.sql.rstrip().endswith(f"from {escape_sqlite(self.table)}"):
            return None  # filtered: a WHERE clause follows the table name
        db = self.ds.databases.get(self.database)
        if db is None or db.is_mutable:
            return None
        # An immutable snapshot's counts never change: read once per process and table
        # (the attribute facet alone has hundreds of values: 15 ms a page at a million claims).
        cache = getattr(db, "_factdb_facets", None)
        if cache is None:
            cache = db._factdb_facets = {}
        if self.table in cache:
            return cache[self.table]
        if "factdb_facet_counts" not in set(await db.table_names()):
            return None
        rows = await db.execute(
            "select col, value, count from factdb_facet_counts where tbl = ? order by col, count desc, value",
            [self.table],
        )
        out: dict[str, list] = {}
        for col, value, count in rows.rows:
            out.setdefault(col, []).append((value, count))
        cache[self.table] = out
        return out


@hookimpl(hookwrapper=True)
def register_facet_classes():
    """Put :class:`PrecomputedColumnFacet` in the place of Datasette's ColumnFacet (same type)."""
    outcome = yield
    outcome.force_result(
        [
            [PrecomputedColumnFacet if cls is ColumnFacet else cls for cls in classes]
            for classes in outcome.get_result()
        ]
    )


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@hookimpl
def asgi_wrapper(datasette):
    """Refuse non-read methods, then cap what a response may send (see the module docstring)."""

    def wrap(app):
        return _read_only(_capped(app, datasette))

    return wrap


def _read_only(app):
    """Answer 405 to every request that is not a read, before Datasette sees it.

    Datasette 0.65 would refuse such POSTs anyway, but some of them with a 500 error;
    a published snapshot has nothing to accept, so the refusal is explicit and uniform.
    """

    async def read_only(scope, receive, send):
        if scope["type"] == "http" and scope.get("method", "GET") not in READ_METHODS:
            body = b"405 Method Not Allowed: this factdb is published read-only\n"
            await send(
                {
                    "type": "http.response.start",
                    "status": 405,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"allow", b"GET, HEAD, OPTIONS"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return read_only


def _capped(app, datasette, limit: int | None = None):
    """Refuse (400) a one-piece response body over ``limit`` bytes instead of sending it.

    The start of a response is held back until its first body message shows whether it
    is one piece (Datasette's pages and JSON) or a stream (CSV): a stream passes
    untouched, since it is produced and sent a page at a time and each page is bounded
    by :class:`ResultBudget`.
    """

    async def capped(scope, receive, send):
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        held = None
        cap = MAX_RESPONSE_BYTES if limit is None else limit

        async def guarded_send(message):
            nonlocal held
            if message["type"] == "http.response.start":
                held = message
                return
            if held is not None and message["type"] == "http.response.body":
                start, held = held, None
                size = len(message.get("body", b""))
                if not message.get("more_body") and size > cap:
                    await _too_large(datasette, scope, size, cap).asgi_send(send)
                    return
                await send(start)
            await send(message)

        await app(scope, receive, guarded_send)

    return capped


def _too_large(datasette, scope, size: int, cap: int) -> Response:
    message = (
        f"This response would be {size:,} bytes, over the {cap // MiB} MiB a page may be. "
        "Ask for fewer rows (_size=) or columns (_col=), export CSV with _stream=on, "
        "or download the database."
    )
    return _plain_error(scope.get("path", ""), 400, message, "Response too large")


def _plain_error(path: str, status: int, message: str, title: str | None = None) -> Response:
    """An error without templates: JSON for ``.json`` URLs, else minimal escaped HTML."""
    if path.endswith(".json"):
        return Response.json({"ok": False, "error": message, "status": status, "title": title}, status=status)
    heading = title or f"Error {status}"
    html = Markup(
        "<!DOCTYPE html><html><head><title>{}</title></head><body><h1>{}</h1><p>{}</p></body></html>"
    ).format(heading, heading, message)
    return Response.html(str(html), status=status)


class ResultBudget:
    """A connection's row factory that refuses a query once its fetched values pass ``limit``.

    Datasette's own row factory (:class:`sqlite3.Row`) is kept; each row's strings and
    blobs are counted by length (numbers as 8) against the cursor that fetched it, so the
    count starts afresh with every query. Going over raises
    :class:`sqlite3.OperationalError`, which Datasette's views answer as a 400 query error.
    """

    def __init__(self, limit: int = MAX_RESULT_CHARS):
        self.limit = limit
        self.used: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __call__(self, cursor, row):
        total = self.used.get(cursor, 0) + sum(len(v) if isinstance(v, (str, bytes)) else 8 for v in row)
        if total > self.limit:
            raise sqlite3.OperationalError(
                f"result too large: over {self.limit // MiB} MiB of values; ask for fewer rows "
                "(_size= or LIMIT) or columns, or download the database"
            )
        self.used[cursor] = total
        return sqlite3.Row(cursor, row)


@hookimpl(trylast=True)
def prepare_connection(conn, database, datasette):
    """Bound every value (SQLITE_LIMIT_LENGTH) and every query's result on serving connections,
    replace ``printf``/``format`` with a version that refuses huge widths, and ``escape_fts``
    (used by every ``?_search=``) with :func:`escape_fts`, which never makes a syntax error.
    ``trylast``: this runs after Datasette's own hook, so these definitions win."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.row_factory = ResultBudget()
    for name in ("printf", "format"):
        conn.create_function(name, -1, _bounded_printf, deterministic=True)
    conn.create_function("escape_fts", 1, escape_fts, deterministic=True)


# SQLite's printf loops once per unit of width or precision before the length limit can
# refuse the result ("printf('%.*c', 500000000, 'x')" spins ~15 s), and the SQL time limit
# cannot interrupt a single function call. A width or precision this large is never a
# formatting need, so it gives NULL up front (as SQLite does for a result over the length
# limit, after spinning); anything else is formatted by SQLite's own
# printf on a private connection with the same length limit.
MAX_PRINTF_WIDTH = 10_000
_PRINTF_LITERAL = re.compile(r"%[-+ 0#,!]*(\d+)?(?:\.(\d+))?")
_printf_local = threading.local()


def _bounded_printf(fmt=None, *args):
    if fmt is None:
        return None
    text = str(fmt)
    for m in _PRINTF_LITERAL.finditer(text):
        if any(g and int(g) > MAX_PRINTF_WIDTH for g in m.groups()):
            return None  # what SQLite itself answers for a result over the length limit
    if "*" in text and any(isinstance(a, int) and abs(a) > MAX_PRINTF_WIDTH for a in args):
        return None
    conn = getattr(_printf_local, "conn", None)
    if conn is None:
        conn = _printf_local.conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    placeholders = ", ".join("?" * (1 + len(args)))
    return conn.execute(f"SELECT printf({placeholders})", (fmt, *args)).fetchone()[0]


@hookimpl(hookwrapper=True)
def handle_exception(datasette, request, exception):
    """Put :func:`error_response` in place of Datasette's default handler (see the module docstring).

    Every handler's answer is collected and Datasette sends the first, but it awaits all
    of them, so the default one must go, not just come second: it is recognised by its
    module and dropped unrun. Other plugins' handlers are kept.
    """
    outcome = yield
    kept = []
    for result in outcome.get_result():
        if _module_of(result) == "datasette.handle_exception":
            if inspect.iscoroutine(result):
                result.close()
            kept.append(error_response(datasette, request, exception))
        else:
            kept.append(result)
    outcome.force_result(kept)


def _module_of(result) -> str | None:
    """The module that made a hook's answer: Datasette's default answers an async function."""
    if inspect.iscoroutine(result):
        return result.cr_frame.f_globals.get("__name__") if result.cr_frame else None
    return getattr(result, "__module__", None)


async def error_response(datasette, request, exception) -> Response:
    """Datasette's error page (``error.html``, or JSON for ``.json``) with a fitting status.

    Only server errors are logged, with their traceback; a 404 or a bad query is the
    client's and is not. A 500's own text may hold paths or SQL internals, so the page
    says only that it was logged. If the template itself fails, a plain page still goes.
    """
    status, message, title = _describe(exception)
    if status >= 500:
        log.error("error serving %s", request.path, exc_info=exception)
        if datasette.pdb:
            import pdb

            pdb.post_mortem(exception.__traceback__)
    info = {"ok": False, "error": message, "status": status, "title": title}
    headers = {}
    if datasette.cors:
        from datasette.utils import add_cors_headers

        add_cors_headers(headers)
    if request.path.endswith(".json"):
        return Response.json(info, status=status, headers=headers)
    try:
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        html = await template.render_async(
            dict(info, urls=datasette.urls, app_css_hash=datasette.app_css_hash(), menu_links=lambda: [])
        )
    except Exception:
        log.exception("error page for %s failed to render", request.path)
        return _plain_error(request.path, status, str(message), title)
    return Response.html(html, status=status, headers=headers)


def _describe(exception) -> tuple[int, str, str | None]:
    """Status, message and title for an exception that reached the handler."""
    if isinstance(exception, Base400):
        return exception.status, exception.args[0] if exception.args else "", None
    if isinstance(exception, DatasetteError):
        message = Markup(exception.message) if exception.message_is_html else exception.message
        # Datasette 0.65 raises DatasetteError without a status (500) for requests it
        # refuses, such as _sort by an unknown column: the client's mistake, so 400.
        status = 400 if exception.status == 500 else exception.status
        return status, message, exception.title
    if isinstance(exception, sqlite3.DatabaseError):
        # A query Datasette did not catch itself (a _where= clause in a table page
        # building a too-long value, or over the result budget).
        return 400, str(exception), "Query refused"
    return 500, "An unexpected error happened on the server; it has been logged.", None


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    """No write of any kind, whoever asks: the published database is read-only by design."""
    if action in WRITE_ACTIONS:
        return False
    return None
