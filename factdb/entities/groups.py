"""Cross-document groups of comparable claims: corroborations and contradictions.

A group is claims with the same ``attribute``, the same unit (and currency), the same key
entities and the same time scope:

- key entities: the claim's ``agent`` and ``subject`` links to countries, organizations,
  people, events and topics. Weapon names and places are left out of the key on purpose:
  reports of one launch call the missile "a ballistic missile", "an IRBM" or "a Musudan".
  Claims with no key entity are not grouped (nothing says what they are about).
- time scope: the event date (a day-precise date claim in the claim's sentence, the
  nearest one) or else the document's day-precise publication date. Claims with neither
  are not grouped. Dates within WINDOW_DAYS of the group's first date share a scope
  (time zones, next-morning reports).
- revisions: attributes in REVISABLE (running totals: casualties, budgets, deaths, …) use
  a window of 0 days. Two figures on different dates are a revision — separate groups,
  never a contradiction; only figures for the same day can conflict.

Within a group, every claim is an interval (:mod:`.intervals`). Sources whose own
figures disagree with each other are set aside (see :func:`judge`). Among the rest, with
at least two independent sources: no common point → ``contradiction``, a common point →
``corroborated``; anything else is ``single_source``. Independent sources: documents are merged
when they share a known outlet, or when the claim's words and ~80 characters around them
are the same (repeated copies of one wire story count once).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from factdb.entities.intervals import common, interval
from factdb.entities.linking import sentence_starts

WINDOW_DAYS = 1
REVISABLE = re.compile(r"^(casualties|deaths|budget|death_toll)\.|\.(total|budget|deficit|spending|toll)$")
KEY_TYPES = ("country", "organization", "person", "event", "topic")
FINGERPRINT_CONTEXT = 80


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _fingerprint(text: str, start: int, end: int) -> str:
    around = text[max(0, start - FINGERPRINT_CONTEXT) : end + FINGERPRINT_CONTEXT]
    return re.sub(r"\W+", "", around.lower())


def _event_dates(conn, doc_ids: set[int], texts: dict[int, str]) -> dict[tuple[int, int], list[tuple[int, dt.date]]]:
    """Day-precise date claims, by (document, sentence index)."""
    out: dict[tuple[int, int], list] = defaultdict(list)
    if not doc_ids:
        return out
    marks = ",".join("?" * len(doc_ids))
    rows = conn.exec_driver_sql(
        f"SELECT document_id, char_start, date_start FROM claims WHERE is_current AND kind = 'date' "
        f"AND date_precision = 'day' AND resolved AND document_id IN ({marks})",
        tuple(doc_ids),
    )
    starts = {d: sentence_starts(t) for d, t in texts.items()}
    for doc_id, pos, iso in rows:
        day = _day(iso)
        if day is not None:
            out[(doc_id, _index(starts[doc_id], pos))].append((pos, day))
    return out


def _index(starts: list[int], pos: int) -> int:
    import bisect

    return bisect.bisect_right(starts, pos) - 1


def load_candidates(conn) -> list[dict]:
    """Current numeric claims with an attribute and at least one key-entity link."""
    rows = conn.exec_driver_sql(
        "SELECT c.id, c.document_id, c.kind, c.attribute, c.unit, c.currency, c.value, c.value_high, c.bound, "
        "c.char_start, c.char_end, d.outlet, d.published, d.published_precision, "
        "group_concat(e.name, ' | ') AS entities "
        "FROM claims c JOIN documents d ON d.id = c.document_id "
        "JOIN claim_entities ce ON ce.claim_id = c.id AND ce.role IN ('agent', 'subject') "
        f"JOIN entities e ON e.id = ce.entity_id AND e.type IN ({','.join(repr(t) for t in KEY_TYPES)}) "
        "WHERE c.is_current AND c.attribute IS NOT NULL AND c.value IS NOT NULL "
        "GROUP BY c.id ORDER BY c.attribute, c.document_id, c.char_start"
    ).mappings()
    out = []
    for r in rows:
        r = dict(r)
        r["entities"] = " | ".join(sorted(set(r["entities"].split(" | "))))
        out.append(r)
    return out


def _scope_dates(conn, claims: list[dict]) -> None:
    doc_ids = {c["document_id"] for c in claims}
    texts = {}
    if doc_ids:
        marks = ",".join("?" * len(doc_ids))
        texts = dict(conn.exec_driver_sql(f"SELECT id, text FROM documents WHERE id IN ({marks})", tuple(doc_ids)).fetchall())
    dates = _event_dates(conn, doc_ids, texts)
    starts = {d: sentence_starts(t) for d, t in texts.items()}
    for c in claims:
        text = texts[c["document_id"]]
        c["fingerprint"] = _fingerprint(text, c["char_start"], c["char_end"])
        near = dates.get((c["document_id"], _index(starts[c["document_id"]], c["char_start"])))
        if near:
            c["scope"] = min(near, key=lambda p: abs(p[0] - c["char_start"]))[1]
        elif c["published_precision"] == "day":
            c["scope"] = _day(c["published"])
        else:
            c["scope"] = None


def _windows(claims: list[dict], window: int) -> list[list[dict]]:
    claims = sorted(claims, key=lambda c: c["scope"])
    out: list[list[dict]] = []
    for c in claims:
        if out and (c["scope"] - out[-1][0]["scope"]).days <= window:
            out[-1].append(c)
        else:
            out.append([c])
    return out


def independent_sources(claims: list[dict]) -> dict[str, str]:
    """claim id → source label; one label per outlet and per repeated wire text (union-find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for c in claims:
        doc = f"document {c['document_id']}"
        union(doc, doc)
        if c["outlet"]:
            union(doc, f"outlet {c['outlet'].strip().lower()}")
        union(doc, f"text {c['fingerprint']}")
    labels: dict[str, str] = {}
    for c in claims:
        root = find(f"document {c['document_id']}")
        labels.setdefault(root, c["outlet"] or f"document {c['document_id']}")
        c["source"] = labels[root]
    return {c["id"]: c["source"] for c in claims}


def judge(part: list[dict]) -> tuple[tuple[float, float] | None, str]:
    """(values every judged claim allows, status) for one group.

    Only sources that are consistent with themselves are judged. A source whose own
    figures in the group cannot all hold ("3 killed in the north ... 5 killed in the
    south") is reporting several things, not one figure; comparing its numbers with other
    sources would flag different incidents as a conflict. Contradiction and corroboration
    both need two independent, self-consistent sources.
    """
    by_source: dict[str, list] = defaultdict(list)
    for c in part:
        by_source[c["source"]].append(c["interval"])
    judged = [c["interval"] for c in part if common(by_source[c["source"]]) is not None]
    judged_sources = {c["source"] for c in part if common(by_source[c["source"]]) is not None}
    if len(judged_sources) < 2:
        return (common(judged) if judged else None), "single_source"
    shared = common(judged)
    return shared, ("contradiction" if shared is None else "corroborated")


def build_groups(claims: list[dict]) -> list[dict]:
    """Group candidate claims (each with ``scope`` and ``fingerprint``); groups of two or more."""
    keyed: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        if c["scope"] is not None:
            keyed[(c["attribute"], c["unit"], c["currency"], c["entities"])].append(c)
    groups = []
    for (attribute, unit, _currency, entities), members in keyed.items():
        window = 0 if REVISABLE.search(attribute) else WINDOW_DAYS
        for part in _windows(members, window):
            if len(part) < 2:
                continue
            for c in part:
                c["interval"] = interval(c["kind"], c["value"], c["value_high"], c["bound"])
            independent_sources(part)
            shared, status = judge(part)
            sources = len({c["source"] for c in part})
            groups.append(
                {
                    "attribute": attribute,
                    "unit": unit,
                    "entities": entities,
                    "scope_date": part[0]["scope"].isoformat(),
                    "scope_date_end": part[-1]["scope"].isoformat(),
                    "status": status,
                    "low": shared[0] if shared else None,
                    "high": None if not shared or shared[1] == float("inf") else shared[1],
                    "claims": len(part),
                    "documents": len({c["document_id"] for c in part}),
                    "sources": sources,
                    "members": part,
                }
            )
    return groups


def _finite(x: float) -> float | None:
    return None if x in (float("inf"), float("-inf")) else x


def rebuild_groups(conn) -> dict[str, int]:
    """Replace ``claim_groups``/``claim_group_members`` with a fresh computation."""
    conn.exec_driver_sql("DELETE FROM claim_group_members")
    conn.exec_driver_sql("DELETE FROM claim_groups")
    claims = load_candidates(conn)
    _scope_dates(conn, claims)
    counts = {"corroborated": 0, "contradiction": 0, "single_source": 0}
    for g in build_groups(claims):
        members = g.pop("members")
        cols = list(g)
        gid = conn.exec_driver_sql(
            f"INSERT INTO claim_groups ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) RETURNING id",
            tuple(g[c] for c in cols),
        ).scalar()
        conn.exec_driver_sql(
            "INSERT INTO claim_group_members (group_id, claim_id, low, high, scope_date, source_key) "
            "VALUES (?,?,?,?,?,?)",
            [
                (gid, c["id"], _finite(c["interval"][0]), _finite(c["interval"][1]), c["scope"].isoformat(), c["source"])
                for c in members
            ],
        )
        counts[g["status"]] += 1
    return counts
