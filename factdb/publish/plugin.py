"""factdb's Datasette plugin (registered by the ``datasette`` entry point in pyproject).

What fact-checkers need beyond Datasette's tables: a claim's words seen in their
sentence (``/-/claim/<pk or id>`` and the ``quote`` cells of every claims table, view
and canned query), and an article with all its claims marked and linked to their rows
(``/-/document/<id>``). All article text is escaped (see :mod:`factdb.publish.render`).
The plugin also answers 405 to every non-read HTTP method and refuses every write
permission, so a write plugin added by mistake (or Datasette 1.0's write API) still
cannot change the published database.
"""

from __future__ import annotations

from collections import OrderedDict
from importlib import resources
from urllib.parse import urlencode, urlsplit

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from factdb.publish.render import Span, highlight_document, quote_in_context

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
    "id", "kind", "attribute", "subject", "value", "value_high", "unit", "currency", "bound",
    "date_start", "date_end", "date_precision", "resolved", "attribution",
    "extractor", "extractor_version", "confidence", "is_current", "run_id",
)  # fmt: skip
_TEXT_CACHE_SIZE = 512


def _templates_dir() -> str:
    return str(resources.files("factdb.publish") / "templates")


@hookimpl
def startup(datasette):
    _add_templates(datasette)

    async def inner():
        await _use_view_counts(datasette)

    return inner


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


def _add_templates(datasette) -> None:
    """Put this package's templates on Datasette's loader, ahead of Datasette's defaults only.

    Datasette finds plugin templates only for plugins that are packages; this plugin is a
    module, so its templates (``factdb/publish/templates``) are added here. A
    ``--template-dir`` given to Datasette still overrides them.
    """
    from jinja2 import ChoiceLoader, FileSystemLoader

    loader = datasette.jinja_env.loader
    ours = FileSystemLoader(_templates_dir())
    if isinstance(loader, ChoiceLoader):
        if not any(getattr(x, "searchpath", None) == ours.searchpath for x in loader.loaders):
            loader.loaders.insert(len(loader.loaders) - 1, ours)
    else:
        datasette.jinja_env.loader = ChoiceLoader([loader, ours])


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
    the tests) never share entries.
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
        while len(cache) > _TEXT_CACHE_SIZE:
            cache.popitem(last=False)
    return text


def _row_get(row, key):
    """A cell's raw value; Datasette hands foreign keys over as ``{"value", "label"}``."""
    try:
        value = row[key]
    except (KeyError, IndexError):
        return None
    if isinstance(value, dict):
        return value.get("value")
    return value


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Quotes shown inside their sentence; article text cells link to the highlighted page."""
    if column == "quote" and isinstance(value, str):
        doc_id, start, end = (_row_get(row, k) for k in ("document_id", "char_start", "char_end"))
        if isinstance(doc_id, int) and isinstance(start, int) and isinstance(end, int):
            return _quote_cell(datasette, database, row, doc_id, start, end, value)
    if table == "documents" and column == "text" and isinstance(value, str):
        doc_id = _row_get(row, "id")
        if isinstance(doc_id, int):
            href = datasette.urls.path(f"/-/document/{doc_id}")
            snippet = value[:300] + ("…" if len(value) > 300 else "")
            return Markup('{} <a class="factdb-read" href="{}">read with claims highlighted</a>').format(
                snippet, href
            )
    return None


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


async def claim_page(request, datasette):
    db = _database(datasette)
    await _check_view(datasette, request, db.name, "claims")
    ident = request.url_vars["claim"]
    column = "pk" if ident.isdigit() else "id"
    rows = (
        await db.execute(
            "select c.*, d.title as document_title, d.outlet, d.published, d.url, d.text as document_text "
            f"from claims c join documents d on d.id = c.document_id where c.{column} = ?",
            [int(ident) if column == "pk" else ident],
        )
    ).rows
    if not rows:
        raise NotFound(f"claim {ident} not found")
    claim = dict(rows[0])
    text = claim.pop("document_text")
    sentence = quote_in_context(text, claim["char_start"], claim["char_end"])
    row_path = str(claim["pk"])
    context = {
        "database": db.name,
        "claim": claim,
        "sentence": sentence,
        "fields": [(name, claim[name]) for name in CLAIM_FIELDS],
        "document_href": datasette.urls.path(f"/-/document/{claim['document_id']}") + f"#claim-{claim['pk']}",
        "row_href": datasette.urls.row(db.name, "claims", row_path),
        "row_json": datasette.urls.row(db.name, "claims", row_path, format="json"),
        "source_url": _safe_url(claim["url"]),
    }
    context.update(await _claim_links(datasette, db, claim))
    html = await datasette.render_template("factdb_claim.html", context, request=request)
    return Response.html(html)


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
                    "select e.name, e.type, ce.role from claim_entities ce join entities e on e.id = ce.entity_id "
                    "where ce.claim_id = ? order by ce.role, e.name",
                    [claim["id"]],
                )
            ).rows
        ]
        for e in entities:
            e["href"] = datasette.urls.path(
                f"/{db.name}/claims_about_entity?" + urlencode({"entity": e["name"]})
            )
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
    return {"entities": entities, "groups": groups}


async def document_page(request, datasette):
    db = _database(datasette)
    await _check_view(datasette, request, db.name, "documents")
    doc_id = int(request.url_vars["document_id"])
    rows = (await db.execute("select * from documents where id = ?", [doc_id])).rows
    if not rows:
        raise NotFound(f"document {doc_id} not found")
    document = dict(rows[0])
    claims = [
        dict(r)
        for r in (
            await db.execute(
                "select pk, id, kind, attribute, value, unit, bound, attribution, quote, char_start, char_end "
                "from claims where document_id = ? and is_current order by char_start, char_end",
                [doc_id],
            )
        ).rows
    ]
    spans = []
    for c in claims:
        c["claim_href"] = datasette.urls.path(f"/-/claim/{c['pk']}")
        label = f"{c['kind']}" + (f" · {c['attribute']}" if c["attribute"] else "")
        spans.append(
            Span(
                c["char_start"],
                c["char_end"],
                str(c["pk"]),
                datasette.urls.row(db.name, "claims", str(c["pk"])),
                label,
            )
        )
    context = {
        "database": db.name,
        "document": document,
        "claims": claims,
        "body": highlight_document(document["text"], spans),
        "row_href": datasette.urls.row(db.name, "documents", str(doc_id)),
        "source_url": _safe_url(document["url"]),
    }
    html = await datasette.render_template("factdb_document.html", context, request=request)
    return Response.html(html)


async def _check_view(datasette, request, database: str, table: str) -> None:
    await datasette.ensure_permissions(
        request.actor, [("view-table", (database, table)), ("view-database", database), "view-instance"]
    )


@hookimpl
def register_routes(datasette):
    return [
        (r"^/-/claim/(?P<claim>[0-9A-Za-z_-]+)$", claim_page),
        (r"^/-/document/(?P<document_id>[0-9]+)$", document_page),
    ]


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@hookimpl
def asgi_wrapper(datasette):
    """Answer 405 to every request that is not a read, before Datasette sees it.

    Datasette 0.65 would refuse such POSTs anyway, but some of them with a 500 error;
    a published snapshot has nothing to accept, so the refusal is explicit and uniform.
    """

    def wrap(app):
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

    return wrap


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    """No write of any kind, whoever asks: the published database is read-only by design."""
    if action in WRITE_ACTIONS:
        return False
    return None
