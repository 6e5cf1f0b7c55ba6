"""Launch events as CSV in the columns of the CNS North Korea Missile Test Database, with
factdb's typed values and their provenance after them.

The CNS columns come first, in CNS's order: Date, Launch Time, Missile Name, Missile Type,
Facility/Location, Landing Location, Apogee, Distance Travelled, Confirmation Status,
Source(s). factdb assembles no launch time or facility, so those stay empty. Missile Name is
the weapon system when the articles name one (its class is the Missile Type), else empty
with the class as Missile Type. Apogee and Distance Travelled read like ">1100 km" (">" lower
bound, "<" upper, "~" approximate, "a-b" range). Confirmation Status is ``Confirmed`` when a
named government or military source reported the launch (the ``reported_by`` field), else
``Unconfirmed``. Source(s) lists the reporting articles' URLs (or titles), " | " separated.

Then, for each field taken from the text, the typed value and where it came from: for
Apogee, Distance Travelled and Number of Missiles ``<field> Value``, ``Value High``,
``Unit``, ``Bound``, ``Claim ID`` and ``Quote``; for Date, Missile, Landing Location and
Reported By ``<field> Claim ID`` (empty when the words are an entity mention, not a claim),
``<field> Quote`` and ``<field> Document ID``. The first source of each field is shown, as
in ``launch_events``; ``launch_event_fields`` keeps them all.
"""

from __future__ import annotations

import csv

from factdb.export.rows import ExportError, Filters, check_since, entity_ids

CNS_COLUMNS = (
    "Date",
    "Launch Time",
    "Missile Name",
    "Missile Type",
    "Facility/Location",
    "Landing Location",
    "Apogee",
    "Distance Travelled",
    "Confirmation Status",
    "Source(s)",
)
NUMERIC = {"Apogee": "altitude", "Distance Travelled": "flight_distance", "Number of Missiles": "count"}
TEXTUAL = {"Date": "date", "Missile": "missile", "Landing Location": "landed", "Reported By": "reported_by"}
EXTRA_COLUMNS = (
    ("Event ID", "Country", "Number of Missiles", "Reported By", "Documents")
    + tuple(
        f"{label} {part}"
        for label in NUMERIC
        for part in ("Value", "Value High", "Unit", "Bound", "Claim ID", "Quote")
    )
    + tuple(f"{label} {part}" for label in TEXTUAL for part in ("Claim ID", "Quote", "Document ID"))
)
COLUMNS = CNS_COLUMNS + EXTRA_COLUMNS

_BOUND_MARK = {"lower": ">", "upper": "<", "approx": "~", "exact": "", "range": ""}


def _num(v) -> str:
    return "" if v is None else (str(int(v)) if float(v).is_integer() else f"{v:g}")


def _display(src: dict | None) -> str:
    if not src or src.get("value") is None:
        return ""
    value = _num(src["value"])
    if src.get("value_high") is not None:
        value += "-" + _num(src["value_high"])
    return f"{_BOUND_MARK.get(src['bound'], '')}{value} {src['unit'] or ''}".strip()


def _where(conn, filters: Filters) -> tuple[str, list]:
    if filters.kind or filters.attribute or filters.reviewed:
        raise ExportError(
            "--kind, --attribute and --reviewed select claims; launches are selected by "
            "--document, --entity and --since"
        )
    check_since(filters.since)
    where, params = [], []
    if filters.since:
        where.append("e.event_date >= substr(?, 1, length(e.event_date))")
        params.append(filters.since)
    if filters.entity:
        ids = entity_ids(conn, filters.entity)
        names = [
            r[0]
            for r in conn.execute(f"SELECT name FROM entities WHERE id IN ({', '.join('?' * len(ids))})", ids)
        ]
        marks = ", ".join("?" * len(names))
        where.append(
            f"(e.country IN ({marks}) OR e.missile IN ({marks}) OR e.id IN "
            f"(SELECT event_id FROM launch_event_fields WHERE value IN ({marks})))"
        )
        params.extend(names * 3)
    if filters.document:
        doc = filters.document.strip()
        if doc.isdigit():
            where.append("e.id IN (SELECT event_id FROM launch_event_fields WHERE document_id = ?)")
            params.append(int(doc))
        else:
            where.append(
                "e.id IN (SELECT f.event_id FROM launch_event_fields AS f JOIN documents AS d "
                "ON d.id = f.document_id WHERE d.sha256 LIKE ?)"
            )
            params.append(doc.lower().replace("%", "").replace("_", "") + "%")
    return (" WHERE " + " AND ".join(where)) if where else "", params


def _first_sources(conn, event_id: int) -> dict[str, dict]:
    """The first source of each field (as launch_events shows), with its claim's typed value.

    A field whose row names no claim but a span (a date the assembler read from the text) is
    credited to the current claim with exactly that span in that document, when there is one.
    """
    out: dict[str, dict] = {}
    for r in conn.execute(
        "SELECT f.field, f.value AS text_value, f.document_id, coalesce(f.claim_id, c.id) AS claim_id, f.quote, "
        "c.value, c.value_high, c.unit, c.bound FROM launch_event_fields AS f "
        "LEFT JOIN claims AS c ON c.id = f.claim_id OR (f.claim_id IS NULL AND f.mention_id IS NULL "
        "AND c.document_id = f.document_id AND c.char_start = f.char_start AND c.char_end = f.char_end "
        "AND c.is_current) WHERE f.event_id = ? ORDER BY f.id, c.pk",
        (event_id,),
    ):
        out.setdefault(r["field"], dict(r))
    return out


def export(conn, out, filters: Filters | None = None) -> int:
    """Write the CSV to ``out``; returns the number of launch events."""
    where, params = _where(conn, filters or Filters())
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    side = conn.cursor()
    n = 0
    for ev in conn.execute(
        f"SELECT e.* FROM launch_events AS e{where} ORDER BY e.event_date IS NULL, e.event_date, e.id", params
    ):
        src = _first_sources(side, ev["id"])
        name, mtype = "", ev["missile"] or ""
        if ev["missile"]:
            ent = side.execute(
                "SELECT type, weapon_class FROM entities WHERE name = ?", (ev["missile"],)
            ).fetchone()
            if ent and ent["type"] == "weapon_system":
                name, mtype = ev["missile"], ent["weapon_class"] or ""
        sources = [
            s["url"] or s["document_title"] or f"document {s['document_id']}"
            for s in side.execute(
                "SELECT document_id, document_title, url FROM launch_event_sources WHERE event_id = ? "
                "ORDER BY published, document_id",
                (ev["id"],),
            )
        ]
        row = {
            "Date": ev["event_date"] or "",
            "Launch Time": "",
            "Missile Name": name,
            "Missile Type": mtype,
            "Facility/Location": "",
            "Landing Location": ev["landed"] or "",
            "Apogee": _display(src.get("altitude")),
            "Distance Travelled": _display(src.get("flight_distance")),
            "Confirmation Status": "Confirmed" if ev["reported_by"] else "Unconfirmed",
            "Source(s)": " | ".join(dict.fromkeys(sources)),
            "Event ID": ev["id"],
            "Country": ev["country"] or "",
            "Number of Missiles": _display(src.get("count")),
            "Reported By": ev["reported_by"] or "",
            "Documents": ev["documents"],
        }
        for label, field in NUMERIC.items():
            s = src.get(field) or {}
            row.update(
                {
                    f"{label} Value": _num(s.get("value")),
                    f"{label} Value High": _num(s.get("value_high")),
                    f"{label} Unit": s.get("unit") or "",
                    f"{label} Bound": s.get("bound") or "",
                    f"{label} Claim ID": s.get("claim_id") or "",
                    f"{label} Quote": s.get("quote") or "",
                }
            )
        for label, field in TEXTUAL.items():
            s = src.get(field) or {}
            row.update(
                {
                    f"{label} Claim ID": s.get("claim_id") or "",
                    f"{label} Quote": s.get("quote") or "",
                    f"{label} Document ID": s.get("document_id") or "",
                }
            )
        writer.writerow([row[c] for c in COLUMNS])
        n += 1
    return n
