"""Entity pages and figure-over-time pages of the published site (issue 11).

``/-/entity/<id>``: an entity (a country, a missile class, a person), its aliases, how many
of its claims measure each attribute, and its latest claims across documents, each linked
to its claim page. ``/-/figure?attribute=A&entity=ID``: how one figure about one subject
moved across sources and dates, as a Vega-Lite chart (vendored under ``static/vendor``, so
it draws offline) whose every point links to its claim page, and the same points as a
table for readers without JavaScript.

Both pages read the tables :mod:`factdb.publish.precompute` adds to a snapshot
(``factdb_entity_counts``, ``factdb_entity_latest``) when they exist, since counting and
sorting an entity's claims at a million claims takes longer than a page may; without them
(an unpublished database, an older snapshot) the same answers are computed live.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from markupsafe import Markup, escape

from factdb.publish.render import quote_in_context, readable_figure

ENTITY_CLAIMS = 100  # latest claims listed on an entity page (the precomputed table holds as many)
FIGURE_POINTS = 1000  # points on one chart; a note says when there were more
# Shapes of the chart's points by bound, so an "over 1,100 km" never reads as exactly 1,100.
BOUND_SHAPES = {
    "exact": ("exact", "circle"),
    "approx": ("about", "diamond"),
    "lower": ("over (at least)", "triangle-up"),
    "upper": ("up to (at most)", "triangle-down"),
    "range": ("range (low end; bar to high end)", "square"),
}


def _precomputed(tables: set[str]) -> bool:
    return {"factdb_entity_counts", "factdb_entity_latest"} <= tables


async def entity_context(datasette, db, entity_id: int, contexts) -> dict | None:
    """Everything the entity page shows, or None when there is no such entity.

    ``contexts(document_id)`` gives a document's text (the plugin's cached reader).
    """
    tables = set(await db.table_names())
    if not {"entities", "claim_entities"} <= tables:
        return None
    rows = (await db.execute("select * from entities where id = ?", [entity_id])).rows
    if not rows:
        return None
    entity = dict(rows[0])
    aliases = []
    if "entity_aliases" in tables:
        aliases = [
            r[0]
            for r in (
                await db.execute(
                    "select alias from entity_aliases where entity_id = ? and not is_pattern "
                    "and alias != ? collate nocase order by alias limit 50",
                    [entity_id, entity["name"]],
                )
            ).rows
        ]
    if _precomputed(tables):
        counts = (
            await db.execute(
                "select attribute, claims from factdb_entity_counts where entity_id = ? order by claims desc, attribute",
                [entity_id],
            )
        ).rows
        latest_sql = (
            "select l.role, c.pk, c.quote, c.kind, c.attribute, c.value, c.value_high, c.unit, c.currency, c.bound, "
            "c.document_id, c.char_start, c.char_end, d.title, d.outlet, d.published "
            "from factdb_entity_latest l join claims c on c.pk = l.claim_pk join documents d on d.id = c.document_id "
            "where l.entity_id = ? order by l.rank limit ?"
        )
    else:
        counts = (
            await db.execute(
                "select c.attribute, count(*) as claims from claim_entities ce join claims c on c.id = ce.claim_id "
                "where ce.entity_id = ? and c.is_current group by c.attribute order by claims desc, c.attribute",
                [entity_id],
            )
        ).rows
        latest_sql = (
            "select ce.role, c.pk, c.quote, c.kind, c.attribute, c.value, c.value_high, c.unit, c.currency, c.bound, "
            "c.document_id, c.char_start, c.char_end, d.title, d.outlet, d.published "
            "from claim_entities ce join claims c on c.id = ce.claim_id join documents d on d.id = c.document_id "
            "where ce.entity_id = ? and c.is_current order by d.published desc, c.pk desc limit ?"
        )
    latest = [dict(r) for r in (await db.execute(latest_sql, [entity_id, ENTITY_CLAIMS])).rows]
    for c in latest:
        c["href"] = datasette.urls.path(f"/-/claim/{c['pk']}")
        c["document_href"] = datasette.urls.path(f"/-/document/{c['document_id']}") + f"#claim-{c['pk']}"
        c["figure"] = readable_figure(
            c["value"], c["value_high"], c["unit"], c["bound"], c["kind"], c["currency"], c["quote"]
        )
        text = await contexts(c["document_id"])
        ok = text is not None and text[c["char_start"] : c["char_end"]] == c["quote"]
        c["sentence"] = quote_in_context(text, c["char_start"], c["char_end"], href=c["href"]) if ok else None
    total = sum(r[1] for r in counts)
    attributes = []
    for attribute, n in counts:
        entry = {"name": attribute, "count": n}
        if attribute:
            entry["figure_href"] = figure_href(datasette, attribute, entity_id)
        attributes.append(entry)
    return {
        "entity": entity,
        "aliases": aliases,
        "attributes": attributes,
        "total": total,
        "latest": latest,
        "limit": ENTITY_CLAIMS,
        "all_href": datasette.urls.path(
            f"/{db.name}/claims_about_entity?" + urlencode({"entity": entity["name"]})
        ),
        "row_href": datasette.urls.row(db.name, "entities", str(entity_id)),
        "links_href": datasette.urls.table(db.name, "claim_entities") + f"?entity_id={entity_id}",
    }


def figure_href(datasette, attribute: str, entity_id: int | None = None, unit: str | None = None) -> str:
    params = {"attribute": attribute}
    if entity_id is not None:
        params["entity"] = str(entity_id)
    if unit:
        params["unit"] = unit
    return datasette.urls.path("/-/figure?" + urlencode(params))


def _unit_key(row) -> str:
    """What makes two values comparable on one axis: the canonical unit (money: its currency)."""
    return (row["currency"] if row["kind"] == "money" and row["currency"] else row["unit"]) or ""


async def figure_context(
    datasette, db, attribute: str, entity_id: int | None, unit: str | None
) -> dict | None:
    """The points of one attribute (about one entity) by publication date, the chart's
    Vega-Lite spec and the same points as table rows. None when the entity does not exist."""
    tables = set(await db.table_names())
    entity = None
    if entity_id is not None:
        if "entities" not in tables:
            return None
        rows = (await db.execute("select id, name, type from entities where id = ?", [entity_id])).rows
        if not rows:
            return None
        entity = dict(rows[0])
    sql = (
        "select c.pk, c.kind, c.value, c.value_high, c.unit, c.currency, c.bound, c.quote, "
        "c.document_id, d.published, d.outlet, d.title from claims c join documents d on d.id = c.document_id "
        "where c.attribute = ? and c.is_current and c.value is not null"
    )
    params: list = [attribute]
    if entity is not None:
        # Driven by the attribute index, each claim checked against its entity links: an
        # attribute has far fewer claims than a country has.
        sql += " and exists (select 1 from claim_entities ce where ce.claim_id = c.id and ce.entity_id = ?)"
        params.append(entity_id)
    sql += " order by d.published, c.pk limit ?"
    params.append(FIGURE_POINTS * 4 + 1)
    rows = [dict(r) for r in (await db.execute(sql, params)).rows]
    units: dict[str, int] = {}
    for r in rows:
        key = _unit_key(r)
        units[key] = units.get(key, 0) + 1
    chosen = (
        unit
        if unit is not None and unit in units
        else (max(units, key=lambda k: (units[k], k)) if units else "")
    )
    shown = [r for r in rows if _unit_key(r) == chosen]
    more = len(shown) > FIGURE_POINTS or len(rows) > FIGURE_POINTS * 4
    shown = shown[:FIGURE_POINTS]
    points = []
    # Datasette's URLs are its base_url and the path: the prefix is asked for once, not for
    # two links of each of a thousand points
    claim_url = datasette.urls.path("/-/claim/")
    document_url = datasette.urls.path("/-/document/")
    for r in shown:
        label, _shape = BOUND_SHAPES.get(r["bound"], (r["bound"], "circle"))
        figure = readable_figure(
            r["value"], r["value_high"], r["unit"], r["bound"], r["kind"], r["currency"], r["quote"]
        )
        points.append(
            {
                "pk": r["pk"],
                "date": r["published"],
                "value": r["value"],
                "high": r["value_high"],
                "bound": label,
                "figure": figure,
                "outlet": r["outlet"] or "unknown outlet",
                "title": r["title"] or f"document {r['document_id']}",
                "quote": r["quote"],
                "href": f"{claim_url}{r['pk']}",
                "document_href": f"{document_url}{r['document_id']}#claim-{r['pk']}",
            }
        )
    dated = [p for p in points if p["date"]]
    other_units = [
        {"unit": k or "(none)", "count": n, "href": figure_href(datasette, attribute, entity_id, k)}
        for k, n in sorted(units.items(), key=lambda kv: -kv[1])
        if k != chosen
    ]
    subject = f"{attribute} of {entity['name']}" if entity else attribute
    return {
        "attribute": attribute,
        "entity": entity,
        "entity_href": datasette.urls.path(f"/-/entity/{entity_id}") if entity else None,
        "subject": subject,
        "unit": chosen,
        "points": points,
        "dated": len(dated),
        "more": more,
        "limit": FIGURE_POINTS,
        "other_units": other_units,
        "spec_json": spec_json(vega_lite_spec(dated, chosen, subject)),
        "table_rows": Markup("").join(map(table_row, points)),
    }


# One row of the points table. Written here rather than as a loop in the template: Jinja's
# per-cell lookups through Datasette's template context cost about 0.3 ms a row, which a
# chart of a thousand points (a figure at ten million claims) turned into most of its time.
# Markup.format would be no cheaper: it formats through string.Formatter, in Python.
def table_row(point: dict) -> Markup:
    """A point as a row of the table under the chart; every value escaped."""
    e, p = escape, point
    return Markup(
        f'<tr><td class="factdb-nowrap">{e(p["date"] or "—")}</td>'
        f'<td><span class="factdb-figure">{e(p["figure"])}</span></td><td>{e(p["bound"])}</td>\n'
        f'<td><a href="{e(p["document_href"])}">{e(p["outlet"])}: {e(p["title"])}</a></td>'
        f'<td><a href="{e(p["href"])}">“{e(p["quote"])}”</a></td></tr>\n'
    )


def vega_lite_spec(points: list[dict], unit: str, subject: str) -> dict:
    """One symbol per claim (shape = bound, colour = outlet, click = its claim page), a bar
    from low to high end for ranges; the x axis is the source's publication date."""
    # Padding keeps points on the first and last dates off the chart's edges.
    x = {"field": "date", "type": "temporal", "title": "published", "scale": {"padding": 24}}
    # Figures spanning orders of magnitude (10 killed, 250,000 killed) would crush all but
    # the largest into the axis: a log scale keeps every point readable, and says so.
    values = [v for p in points for v in (p["value"], p["high"]) if v is not None]
    log = bool(values) and min(values) > 0 and max(values) / min(values) >= 100
    y_title = (unit or "value") + (" (log scale)" if log else "")
    y = {"field": "value", "type": "quantitative", "title": y_title,
         "scale": {"type": "log"} if log else {"zero": False, "padding": 16}}  # fmt: skip
    domain = [label for label, _ in BOUND_SHAPES.values()]
    shapes = [shape for _, shape in BOUND_SHAPES.values()]
    color = {"field": "outlet", "type": "nominal", "title": "source"}
    return {
        "description": f"{subject} by publication date",
        "width": "container",
        "height": 360,
        "data": {"values": points},
        "layer": [
            {
                "transform": [{"filter": "datum.high != null"}],
                "mark": {"type": "rule", "strokeWidth": 3, "opacity": 0.6},
                "encoding": {"x": x, "y": y, "y2": {"field": "high"}, "color": color},
            },
            {
                "name": "claims",
                "mark": {"type": "point", "filled": True, "size": 110, "opacity": 0.85, "cursor": "pointer"},
                "encoding": {
                    "x": x,
                    "y": y,
                    "shape": {"field": "bound", "type": "nominal", "title": "bound",
                              "scale": {"domain": domain, "range": shapes}},
                    "color": color,
                    "href": {"field": "href"},
                    "tooltip": [
                        {"field": "figure", "title": "figure"},
                        {"field": "date", "title": "published"},
                        {"field": "outlet", "title": "source"},
                        {"field": "title", "title": "article"},
                        {"field": "quote", "title": "quote"},
                    ],
                },
            },
        ],
    }  # fmt: skip


def spec_json(spec: dict) -> Markup:
    """The spec as JSON safe inside ``<script type="application/json">``: no ``</script>``,
    ``<!--`` or ``&`` can end or change the element, whatever a quote or title holds."""
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
