"""The missile-launch event assembler: the launch record analysts keep by hand, built from
claims and mentions, every field pointing at the words it came from.

Per document (only documents that mention a weapon or have a ``missile.*`` claim are read;
interceptors and missile-defence systems, ``defensive: true`` in the gazetteer, never make
a launch; a report with no launching country is dropped):

1. Launch sentences: a launch verb ("launched", "fired", "test-fired", "launch", "test")
   with a missile word or weapon mention, and no hedge of the future or the hypothetical
   ("possible", "plans to", "would", "preparing") — those are not launches.
2. A launch sentence with its own day-precise date claim that differs from the
   publication date by more than a day is a separate (earlier) launch; all other launch
   sentences of the document describe its main launch, dated by the date claim or else
   the publication date (source: the document itself, no span).
3. Fields: country = the launcher mention (linking's launch-cue rule) or the weapon's
   country; missile = the first weapon mention; count / flight_distance / altitude = the
   ``missile.count`` / ``missile.flight_distance`` / ``missile.altitude`` claims of those
   sentences (the main launch also takes those elsewhere in the document); landed = the
   "into the sea"/"in the Sea of Japan" words; reported_by = the claimant links of the
   claims, else the speaker of the launch sentence.

Across documents: reports of the same country within WINDOW_DAYS of each other merge into
one event; undated reports are never merged. The event row shows each field from its
earliest source; ``launch_event_fields`` keeps every source of every field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from factdb.entities.gazetteer import gazetteer
from factdb.entities.linking import WEAPONS, _Doc, _launcher, _speaker_mentions, claimant_spans

WINDOW_DAYS = 1
_LAUNCH = re.compile(
    r"\b(?:launch(?:ed|es|ing)?|fired|fires|firing|test-fir\w+|test-launch\w*|test(?:ed)?|lobbed)\b", re.I
)
_MISSILE_WORD = re.compile(r"\b(?:missiles?|rockets?|projectiles?|ICBMs?|SLBMs?|IRBMs?|SRBMs?)\b", re.I)
_HEDGE = re.compile(
    r"\b(?:possible|possibly|plans? to|planned|planning|would|could|might|(?-i:may)|prepar\w+|ready to|"
    r"threaten\w*|warn\w*|if|ban\w*|capable|designed|able to|never|nuclear test)\b",
    re.I,
)
_LANDED = re.compile(
    r"\b(?:into|in)\s+(?:the\s+)?(?:(?:waters\s+off\s+\w+(?:\s+\w+)?)|(?:[A-Z][\w]*\s+)?(?:Sea|sea|Ocean|waters)(?:\s+of\s+Japan)?)"
)
FIELD_ATTRIBUTES = {"missile.count": "count", "missile.flight_distance": "flight_distance", "missile.altitude": "altitude"}


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def launch_sentences(doc: _Doc) -> list[tuple[int, int, int]]:
    """(sentence index, start, end) of sentences that report a launch."""
    out = []
    for i, start in enumerate(doc.sentences):
        end = doc.sentences[i + 1] if i + 1 < len(doc.sentences) else len(doc.text)
        s = doc.text[start:end]
        if not _LAUNCH.search(s) or _HEDGE.search(s):
            continue
        weapons = [m for m in doc.mentions_in(start, end) if _offensive(doc, m)]
        if weapons or _MISSILE_WORD.search(s):
            out.append((i, start, end))
    return out


def document_reports(doc: _Doc, doc_row: dict, claims: list[dict], links: dict[str, list[dict]]) -> list[dict]:
    """The launches one document reports, each a dict of field → list of sources."""
    sentences = launch_sentences(doc)
    if not sentences:
        return []
    published = _day(doc_row["published"]) if doc_row["published_precision"] == "day" else None
    by_sentence = defaultdict(list)
    for c in claims:
        by_sentence[doc.sentence_of(c["char_start"])[0]].append(c)
    reports: dict[object, dict] = {}
    for index, start, end in sentences:
        dates = [c for c in by_sentence[index] if c["kind"] == "date" and c["date_precision"] == "day"]
        own = _day(dates[0]["date_start"]) if dates else None
        if own is not None and published is not None:
            separate = abs((own - published).days) > WINDOW_DAYS
        else:  # an unresolved "November 5" or no publication date: a date of its own is another launch
            separate = bool(dates) and reports.get("main") is not None or (bool(dates) and published is None)
        key = ("dated", dates[0]["date_start"]) if separate else "main"
        rep = reports.setdefault(
            key, {"date": own if separate else (own or published), "label": dates[0]["date_start"] if separate else None,
                  "fields": defaultdict(list), "sentences": []}
        )
        rep["sentences"].append(index)
        if dates and not rep["fields"]["date"]:
            rep["fields"]["date"].append(_src(doc_row, claim=dates[0], value=dates[0]["date_start"]))
        mentions = doc.mentions_in(start, end)
        weapon = next((m for m in mentions if _offensive(doc, m)), None)
        launcher = _launcher(doc, mentions)
        if launcher is not None:
            rep["fields"]["country"].append(_src(doc_row, mention=(launcher, doc), value=doc.mentions[launcher].entity))
        elif weapon is not None and doc.gaz.entities[doc.mentions[weapon].entity].country:
            owner = doc.gaz.entities[doc.mentions[weapon].entity].country
            rep["fields"]["country"].append(_src(doc_row, mention=(weapon, doc), value=owner))
        if weapon is not None:
            rep["fields"]["missile"].append(_src(doc_row, mention=(weapon, doc), value=doc.mentions[weapon].entity))
        for m in _speaker_mentions(doc, mentions) + [
            m for m in mentions for a, b in claimant_spans(doc, start, end, None) if a <= doc.mentions[m].char_start < b
        ]:
            rep["fields"]["reported_by"].append(_src(doc_row, mention=(m, doc), value=doc.mentions[m].entity))
    main = reports.get("main")
    for c in claims:
        field = FIELD_ATTRIBUTES.get(c["attribute"] or "")
        if field is None:
            continue
        index = doc.sentence_of(c["char_start"])[0]
        rep = next((r for r in reports.values() if index in r["sentences"]), main)
        if rep is None:
            continue
        rep["fields"][field].append(_src(doc_row, claim=c, value=_fmt(c)))
        for ln in links.get(c["id"], []):
            if ln["role"] == "claimant":
                rep["fields"]["reported_by"].insert(0, _src(doc_row, mention_row=ln, value=ln["name"]))
    for rep in reports.values():
        for index in rep["sentences"]:
            start = doc.sentences[index]
            end = doc.sentences[index + 1] if index + 1 < len(doc.sentences) else len(doc.text)
            m = _LANDED.search(doc.text, start, end)
            if m and not rep["fields"]["landed"]:
                rep["fields"]["landed"].append(
                    {"document_id": doc_row["id"], "value": m.group(), "char_start": m.start(), "char_end": m.end(), "quote": m.group()}
                )
        if not rep["fields"]["date"] and rep["date"] is not None:
            rep["fields"]["date"].append({"document_id": doc_row["id"], "value": rep["date"].isoformat()})
    # A launch record without a launching country is not one an analyst can use.
    return [r for r in reports.values() if r["fields"]["country"]]


def _offensive(doc: _Doc, m: int) -> bool:
    """A weapon mention that can make a launch: not an interceptor or defence system."""
    return doc.etype(m) in WEAPONS and not doc.gaz.entities[doc.mentions[m].entity].defensive


def _fmt(c: dict) -> str:
    value = c["value"]
    text = f"{value:g}" if value is not None else ""
    return f"{c['bound']} {text} {c['unit'] or ''}".strip()


def _src(doc_row: dict, value: str, claim: dict | None = None, mention=None, mention_row: dict | None = None) -> dict:
    if claim is not None:
        return {"document_id": doc_row["id"], "claim_id": claim["id"], "value": value, "char_start": claim["char_start"],
                "char_end": claim["char_end"], "quote": claim["quote"]}
    if mention is not None:
        i, doc = mention
        m = doc.mentions[i]
        return {"document_id": doc_row["id"], "mention_index": i, "value": value, "char_start": m.char_start,
                "char_end": m.char_end, "quote": m.quote}
    return {"document_id": doc_row["id"], "mention_id": mention_row["mention_id"], "value": value,
            "char_start": mention_row["m_start"], "char_end": mention_row["m_end"], "quote": mention_row["m_quote"]}


def _country(rep: dict) -> str | None:
    sources = rep["fields"]["country"]
    return sources[0]["value"] if sources else None


def merge_reports(reports: list[dict]) -> list[dict]:
    """One event per (country, dates within WINDOW_DAYS); undated reports stay alone."""
    events: list[dict] = []
    dated = sorted((r for r in reports if r["date"] is not None), key=lambda r: (str(_country(r)), r["date"]))
    for rep in dated:
        last = events[-1] if events else None
        if last and last["date"] and _country(last) == _country(rep) and (rep["date"] - last["date"]).days <= WINDOW_DAYS:
            for field, sources in rep["fields"].items():
                last["fields"][field].extend(sources)
        else:
            events.append({"date": rep["date"], "fields": defaultdict(list, {k: list(v) for k, v in rep["fields"].items()})})
    events.extend({**r, "date": None} for r in reports if r["date"] is None)
    return events


def rebuild_events(conn) -> int:
    """Replace ``launch_events``/``launch_event_fields``; returns the number of events."""
    conn.exec_driver_sql("DELETE FROM launch_event_fields")
    conn.exec_driver_sql("DELETE FROM launch_events")
    gaz = gazetteer()
    doc_ids = [
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT DISTINCT m.document_id FROM entity_mentions m JOIN entities e ON e.id = m.entity_id "
            "WHERE e.type IN ('weapon_class', 'weapon_system') "
            "UNION SELECT document_id FROM claims WHERE is_current AND attribute LIKE 'missile.%' "
            # plain "missile launches" name no gazetteer weapon and may carry no figure
            "UNION SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'missil* OR rocket* OR projectil*' "
            "ORDER BY 1"
        )
    ]
    reports = []
    for doc_id in doc_ids:
        doc_row = dict(conn.exec_driver_sql(
            "SELECT id, text, published, published_precision FROM documents WHERE id = ?", (doc_id,)
        ).mappings().one())
        claims = [dict(r) for r in conn.exec_driver_sql(
            "SELECT id, kind, attribute, value, unit, bound, date_start, date_precision, resolved, char_start, char_end, "
            "quote FROM claims WHERE document_id = ? AND is_current ORDER BY char_start", (doc_id,)
        ).mappings()]
        links: dict[str, list[dict]] = defaultdict(list)
        for r in conn.exec_driver_sql(
            "SELECT ce.claim_id, ce.role, ce.mention_id, e.name, m.char_start AS m_start, m.char_end AS m_end, "
            "m.quote AS m_quote FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id "
            "JOIN entities e ON e.id = ce.entity_id LEFT JOIN entity_mentions m ON m.id = ce.mention_id "
            "WHERE c.document_id = ? AND ce.mention_id IS NOT NULL", (doc_id,)
        ).mappings():
            links[r["claim_id"]].append(dict(r))
        doc = _Doc(doc_row["text"], gaz)
        mention_ids = {
            (s, e): i for i, s, e in conn.exec_driver_sql(
                "SELECT id, char_start, char_end FROM entity_mentions WHERE document_id = ?", (doc_id,))
        }
        for rep in document_reports(doc, doc_row, claims, links):
            for sources in rep["fields"].values():
                for s in sources:
                    if "mention_index" in s:
                        s["mention_id"] = mention_ids.get((s["char_start"], s["char_end"]))
            reports.append(rep)
    events = merge_reports(reports)
    for ev in events:
        f = ev["fields"]

        def first(field, f=f):
            return f[field][0]["value"] if f[field] else None

        def number(field, f=f):
            for s in f[field]:
                m = re.search(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?", s["value"] or "")
                if m:
                    return float(m.group())
            return None

        docs = {s["document_id"] for sources in f.values() for s in sources}
        event_id = conn.exec_driver_sql(
            "INSERT INTO launch_events (event_date, country, missile, missile_count, flight_distance_km, altitude_km, "
            "landed, reported_by, documents) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
            (ev["date"].isoformat() if ev["date"] else ev.get("label"), first("country"), first("missile"), number("count"),
             number("flight_distance"), number("altitude"), first("landed"), first("reported_by"), len(docs)),
        ).scalar()
        rows = []
        for field, sources in f.items():
            seen = set()
            for s in sources:
                key = (s["document_id"], s.get("char_start"), s.get("char_end"))
                if key in seen:
                    continue
                seen.add(key)
                rows.append((event_id, field, s["value"], s["document_id"], s.get("claim_id"), s.get("mention_id"),
                             s.get("char_start"), s.get("char_end"), s.get("quote")))
        conn.exec_driver_sql(
            "INSERT INTO launch_event_fields (event_id, field, value, document_id, claim_id, mention_id, char_start, "
            "char_end, quote) VALUES (?,?,?,?,?,?,?,?,?)",
            rows,
        )
    return len(events)
