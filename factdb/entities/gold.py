"""Scoring derived facts against the hand-read gold of issue 10 (``corpus/gold/``).

Three scores, each computed the way the published database would give it: the documents
involved are ingested into a temporary database with the production pipeline (extract →
link → groups → events), then

- **claim pairs** (``claim_pairs.jsonl``): for each gold pair, the stored claims overlapping
  each side's span; the system *corroborates* the pair when one claim of each side sits in
  one ``corroborated`` group, *contradicts* it when they sit in one ``contradiction`` group.
  Precision is over the pairs the system labels; recall over the gold label's pairs.
- **launch events** (``launch_events.jsonl``): every document of the North Korea set
  (``grep -il 'north korea\\|pyongyang'`` over reuters-2016, the set the annotator read
  whole) plus the seeds is ingested. A predicted (document, event) is one launch
  event with a field from that document; it matches a gold row of the same document and
  country whose date is within a day (month-precise dates: the same month; no date: none).
  Precision is over every predicted (document, event) of those documents, so an event
  made from an article describing no launch counts against it. Date accuracy: predicted
  reports paired with a gold row by document and country, nearest date first, whose date
  is right. Field accuracy on the matched pairs: missile (the span overlaps the gold
  missile span or names the same words), count, flight distance (±1 %).
- **attributes** (``attributes.jsonl``): hand-labelled claims with the attribute the text
  supports (``null`` when no curated attribute fits); per predicted attribute, the share of
  labelled claims carrying it whose label agrees.

Run: ``.venv/bin/python -m factdb.entities.gold [--db PATH]``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "corpus" / "gold"
SHARED = ROOT.parent / "shared" / "corpus"


def _rows(name: str) -> list[dict]:
    path = GOLD / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def north_korea_documents() -> list[str]:
    """The event annotator's reading set: reuters-2016 files naming North Korea or Pyongyang, and the seeds."""
    out = []
    for p in sorted((SHARED / "reuters-2016").glob("*")):
        text = p.read_text(encoding="utf-8", errors="replace").lower()
        if "north korea" in text or "pyongyang" in text:
            out.append(str(Path("..") / "shared" / "corpus" / "reuters-2016" / p.name))
    out += [str(Path("seeds") / p.name) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return out


def gold_documents() -> list[str]:
    docs = {side["doc"] for r in _rows("claim_pairs.jsonl") for side in (r["a"], r["b"])}
    docs |= {r["doc"] for r in _rows("launch_events.jsonl")}
    docs |= {r["doc"] for r in _rows("attributes.jsonl")}
    docs |= set(north_korea_documents())
    return sorted(docs)


def build_database(db_path: Path, docs: list[str]) -> dict[str, int]:
    """Ingest ``docs`` (paths relative to the project root) into ``db_path``; gold doc → document id."""
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs, read_document
    from factdb.pipeline import ingest

    engine = open_database(db_path)
    ingest(engine, iter_inputs([str(ROOT / d) for d in docs]))
    engine.dispose()
    conn = sqlite3.connect(db_path)
    ids = dict(conn.execute("SELECT sha256, id FROM documents"))
    conn.close()
    return {d: ids.get(read_document(ROOT / d).sha256) for d in docs}


def _claims_at(conn, doc_id, start, end) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT id FROM claims WHERE document_id = ? AND is_current AND kind NOT IN ('date', 'period') "
            "AND char_start < ? AND ? < char_end",
            (doc_id, end, start),
        )
    ]


def score_pairs(conn, doc_ids: dict[str, int]) -> dict:
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    origin: dict[tuple[int, str], str] = {}
    for gid, cid, status, key in conn.execute(
        "SELECT m.group_id, m.claim_id, g.status, m.source_key FROM claim_group_members m "
        "JOIN claim_groups g ON g.id = m.group_id"
    ):
        groups[cid].append((gid, status))
        origin[(gid, cid)] = key.split(";")[0]
    predicted: list[tuple[str, str, dict]] = []  # (gold label, predicted label, row)
    found = 0
    for r in _rows("claim_pairs.jsonl"):
        a = _claims_at(conn, doc_ids[r["a"]["doc"]], r["a"]["char_start"], r["a"]["char_end"])
        b = _claims_at(conn, doc_ids[r["b"]["doc"]], r["b"]["char_start"], r["b"]["char_end"])
        found += bool(a and b)
        # one group holding a claim of each side, from different origins (a copy is no corroboration)
        shared = {
            status
            for ca in a for cb in b for gid, status in groups.get(ca, [])
            if (gid, status) in groups.get(cb, []) and origin[(gid, ca)] != origin[(gid, cb)]
        }
        label = "contradicting" if "contradiction" in shared else "corroborating" if "corroborated" in shared else "none"
        predicted.append((r["label"], label, r))
    out = {"pairs": len(predicted), "both_sides_extracted": found, "gold": dict(Counter(g for g, _, _ in predicted))}
    for name in ("corroborating", "contradicting"):
        tp = sum(1 for g, p, _ in predicted if p == name and g == name)
        n_pred = sum(1 for _, p, _ in predicted if p == name)
        n_gold = sum(1 for g, _, _ in predicted if g == name)
        out[name] = {
            "predicted": n_pred,
            "correct": tp,
            "gold": n_gold,
            "precision": tp / n_pred if n_pred else None,
            "recall": tp / n_gold if n_gold else None,
            "false": [f"{r['a']['quote']!r} ~ {r['b']['quote']!r} (gold {g}: {r['subject']})"
                      for g, p, r in predicted if p == name and g != name],
            # the gold pairs of this label the system did not give it: where recall is lost
            "missed": [f"{r['a']['quote']!r} ~ {r['b']['quote']!r} (predicted {p}: {r['subject']})"
                       for g, p, r in predicted if g == name and p != name],
        }
    return out


def _parse_date(value: str | None):
    """(kind, value): ('day', date) | ('month', 'YYYY-MM') | ('year', 'YYYY') | ('none', None)."""
    if not value:
        return ("none", None)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return ("day", dt.date.fromisoformat(value))
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return ("month", value)
    if re.fullmatch(r"\d{4}", value):
        return ("year", value)
    return ("bad", value)


def dates_agree(predicted: str | None, gold: str | None) -> bool:
    p, g = _parse_date(predicted), _parse_date(gold)
    if g[0] == "none" or p[0] == "none":
        return g[0] == p[0]
    if p[0] == "day" and g[0] == "day":
        return abs((p[1] - g[1]).days) <= 1
    if "bad" in (p[0], g[0]):
        return False
    return str(p[1])[: len(str(g[1]))] == str(g[1])[: len(str(p[1]))] and p[0] == g[0]


def _date_distance(predicted: str | None, gold: str | None) -> float:
    if dates_agree(predicted, gold):
        return 0.0
    p, g = _parse_date(predicted), _parse_date(gold)
    if p[0] == "day" and g[0] == "day":
        return abs((p[1] - g[1]).days)
    return 1e6


def document_reports(conn) -> dict[int, list[dict]]:
    """Per document, the events it contributes to: the event's id, country, that document's date
    for it (its ``date`` field from the document, else the event's date) and its field rows."""
    out: dict[int, dict[int, dict]] = defaultdict(dict)
    events = {r[0]: r for r in conn.execute("SELECT id, event_date, country FROM launch_events")}
    for event_id, field, value, doc_id, start, end, quote in conn.execute(
        "SELECT event_id, field, value, document_id, char_start, char_end, quote FROM launch_event_fields ORDER BY id"
    ):
        rep = out[doc_id].setdefault(
            event_id, {"event": event_id, "country": events[event_id][2], "event_date": events[event_id][1],
                       "date": None, "fields": defaultdict(list)}
        )
        rep["fields"][field].append({"value": value, "span": (start, end), "quote": quote})
        if field == "date" and rep["date"] is None:
            rep["date"] = value
    for reps in out.values():
        for rep in reps.values():
            rep["date"] = rep["date"] or rep["event_date"]
    return {d: list(reps.values()) for d, reps in out.items()}


def score_events(conn, doc_ids: dict[str, int]) -> dict:
    gold = _rows("launch_events.jsonl")
    reports = document_reports(conn)
    read = {doc_ids[d] for d in north_korea_documents() if doc_ids.get(d) is not None}
    read |= {doc_ids[r["doc"]] for r in gold}
    gold_by_doc: dict[int, list[dict]] = defaultdict(list)
    for r in gold:
        gold_by_doc[doc_ids[r["doc"]]].append(r)
    matched_pred, matched_gold, false_events = 0, 0, []
    date_pairs, field_hits = [], defaultdict(list)
    n_pred = 0
    for doc_id in sorted(read):
        preds = reports.get(doc_id, [])
        golds = gold_by_doc.get(doc_id, [])
        n_pred += len(preds)
        # precision/recall: document + country + date within a day, one to one
        used = set()
        for p in preds:
            hit = next((k for k, g in enumerate(golds) if k not in used and g["country"] == p["country"]
                        and dates_agree(p["date"], g["date"])), None)
            if hit is None:
                false_events.append(f"doc {doc_id}: {p['country']} {p['date']} "
                                    f"{[f['quote'] for f in p['fields'].get('missile', [])][:1]}")
                continue
            used.add(hit)
            matched_pred += 1
            g = golds[hit]
            _fields(p, g, field_hits)
        matched_gold += len(used)
        # date accuracy: pair by document and country, nearest date first
        free = list(range(len(golds)))
        for p in sorted(preds, key=lambda p: min([_date_distance(p["date"], golds[k]["date"]) for k in free] or [0])):
            cands = [k for k in free if golds[k]["country"] == p["country"]]
            if not cands:
                continue
            k = min(cands, key=lambda k: _date_distance(p["date"], golds[k]["date"]))
            free.remove(k)
            date_pairs.append(dates_agree(p["date"], golds[k]["date"]))
    return {
        "documents_read": len(read),
        "gold_rows": len(gold),
        "predicted": n_pred,
        "precision": matched_pred / n_pred if n_pred else None,
        "recall": matched_gold / len(gold) if gold else None,
        "date_accuracy": sum(date_pairs) / len(date_pairs) if date_pairs else None,
        "date_pairs": len(date_pairs),
        "field_accuracy": {f: {"correct": sum(v), "of": len(v), "accuracy": sum(v) / len(v) if v else None}
                           for f, v in sorted(field_hits.items())},
        "false_events": false_events,
    }


def _overlaps(span, gold_span) -> bool:
    return bool(span and gold_span and span[0] is not None and span[0] < gold_span[1] and gold_span[0] < span[1])


def _fields(p: dict, g: dict, hits: dict) -> None:
    missiles = p["fields"].get("missile", [])
    if g.get("missile_span"):
        hits["missile"].append(any(_overlaps(m["span"], g["missile_span"]) for m in missiles)
                               or any(m["quote"] and m["quote"].lower() in g["missile"].lower() for m in missiles))
    counts = [_number(f["value"]) for f in p["fields"].get("count", [])]
    if g.get("count") is not None or counts:
        hits["count"].append(g.get("count") is not None and bool(counts) and counts[0] == float(g["count"]))
    dists = [f for f in p["fields"].get("flight_distance", [])]
    if g.get("distance_km") is not None or dists:
        ok = False
        if g.get("distance_km") is not None and dists:
            ok = any(_overlaps(d["span"], g["distance_span"]) for d in dists)
        hits["flight_distance"].append(ok)
    dated = [f for f in p["fields"].get("date", []) if f["span"][0] is not None]
    if g.get("date_span"):
        hits["date_span"].append(any(_overlaps(d["span"], g["date_span"]) for d in dated))


def _number(value: str | None) -> float | None:
    m = re.search(r"-?\d+(?:\.\d+)?", value or "")
    return float(m.group()) if m else None


def score_attributes(conn, doc_ids: dict[str, int]) -> dict:
    """Per predicted attribute: of the labelled claims the system gives it, how many the label agrees with."""
    by_attr: dict[str, list[bool]] = defaultdict(list)
    wrong: dict[str, list[str]] = defaultdict(list)
    missing = 0
    for r in _rows("attributes.jsonl"):
        doc_id = doc_ids.get(r["doc"])
        row = conn.execute(
            "SELECT attribute FROM claims WHERE document_id = ? AND is_current AND char_start < ? AND ? < char_end "
            "AND kind NOT IN ('date', 'period') ORDER BY abs(char_start - ?) LIMIT 1",
            (doc_id, r["char_end"], r["char_start"], r["char_start"]),
        ).fetchone()
        if row is None:
            missing += 1
            continue
        attr = row[0]
        if attr is None:
            continue
        ok = attr == r["attribute"]
        by_attr[attr].append(ok)
        if not ok:
            wrong[attr].append(f"{r['quote']!r} labelled {r['attribute']}")
    return {
        "labelled": len(_rows("attributes.jsonl")),
        "not_extracted": missing,
        "attributes": {a: {"correct": sum(v), "of": len(v), "precision": sum(v) / len(v)} for a, v in sorted(by_attr.items())},
        "wrong": dict(wrong),
    }


def evaluate(db_path: Path | None = None) -> dict:
    """Ingest every gold document into ``db_path`` (a temporary file by default) and score."""
    docs = gold_documents()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(db_path) if db_path else Path(tmp) / "gold.db"
        doc_ids = build_database(path, docs)
        conn = sqlite3.connect(path)
        try:
            return {
                "pairs": score_pairs(conn, doc_ids),
                "events": score_events(conn, doc_ids),
                "attributes": score_attributes(conn, doc_ids),
            }
        finally:
            conn.close()


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="keep the database built for scoring here (default: a temporary file)")
    ap.add_argument("--verbose", action="store_true", help="list false and missed corroborations and contradictions, and false events")
    args = ap.parse_args(argv)
    if not SHARED.exists():
        print(f"{SHARED} is absent: the gold documents cannot be read", file=sys.stderr)
        return 2
    result = evaluate(Path(args.db) if args.db else None)
    if not args.verbose:
        for part in ("corroborating", "contradicting"):
            result["pairs"][part].pop("false")
            result["pairs"][part].pop("missed")
        result["events"].pop("false_events")
        result["attributes"].pop("wrong")
    print(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
