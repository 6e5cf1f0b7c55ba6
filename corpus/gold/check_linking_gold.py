"""Check the linking gold files (claim_pairs.jsonl, launch_events.jsonl, attributes.jsonl).

Every span must index the stored text exactly:
    read_document(ROOT / doc).text[char_start:char_end] == quote
Prints counts per label / per event and exits 1 on any problem.

Usage: .venv/bin/python corpus/gold/check_linking_gold.py
"""
from __future__ import annotations

import collections
import functools
import json
import sys
from pathlib import Path

from factdb.ingest import read_document

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent  # project root; doc paths are relative to it

LABELS = {"corroborating", "contradicting", "revision", "unrelated"}
BOUNDS = {"exact", "approx", "lower", "upper", "range"}
SIDE_KEYS = {"doc", "char_start", "char_end", "quote", "value", "unit", "bound", "time", "time_source"}


@functools.cache
def stored_text(doc: str) -> str:
    return read_document(ROOT / doc).text


def load(name: str) -> list[dict]:
    rows = []
    with open(HERE / name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                rows.append((n, json.loads(line)))
    return rows


def check_span(problems: list, where: str, doc: str, start, end, quote) -> None:
    try:
        text = stored_text(doc)
    except Exception as exc:  # unreadable document
        problems.append(f"{where}: cannot read {doc}: {exc}")
        return
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        problems.append(f"{where}: bad offsets {start}..{end} (len {len(text)})")
        return
    if text[start:end] != quote:
        problems.append(f"{where}: text[{start}:{end}]={text[start:end]!r} != {quote!r}")


def check_pairs(problems: list) -> collections.Counter:
    labels = collections.Counter()
    seen = set()
    for n, row in load("claim_pairs.jsonl"):
        where = f"claim_pairs.jsonl:{n}"
        label = row.get("label")
        if label not in LABELS:
            problems.append(f"{where}: bad label {label!r}")
        labels[label] += 1
        if not isinstance(row.get("same_origin"), bool):
            problems.append(f"{where}: same_origin must be bool")
        for key in ("subject", "note"):
            if not row.get(key):
                problems.append(f"{where}: missing {key}")
        for side in ("a", "b"):
            c = row.get(side) or {}
            missing = SIDE_KEYS - set(c)
            if missing:
                problems.append(f"{where}.{side}: missing {sorted(missing)}")
                continue
            if c["bound"] not in BOUNDS:
                problems.append(f"{where}.{side}: bad bound {c['bound']!r}")
            if c["time_source"] not in ("text", "publication"):
                problems.append(f"{where}.{side}: bad time_source {c['time_source']!r}")
            check_span(problems, f"{where}.{side}", c["doc"], c["char_start"], c["char_end"], c["quote"])
        a, b = row.get("a", {}), row.get("b", {})
        if a.get("doc") == b.get("doc"):
            problems.append(f"{where}: a and b from the same document")
        key = tuple(sorted([(a.get("doc"), a.get("char_start")), (b.get("doc"), b.get("char_start"))]))
        if key in seen:
            problems.append(f"{where}: duplicate pair")
        seen.add(key)
    return labels


def check_events(problems: list) -> tuple[int, collections.Counter]:
    keys = collections.Counter()
    rows = load("launch_events.jsonl")
    seen = set()
    for n, row in rows:
        where = f"launch_events.jsonl:{n}"
        keys[row["event_key"]] += 1
        doc = row["doc"]
        if (row["event_key"], doc) in seen:
            problems.append(f"{where}: event {row['event_key']} twice in {doc}")
        seen.add((row["event_key"], doc))
        if row.get("date_source") not in ("text", "publication", "none"):
            problems.append(f"{where}: bad date_source {row.get('date_source')!r}")
        spans = [("date_span", "date_quote"), ("missile_span", "missile"), ("count_span", "count_quote"),
                 ("distance_span", "distance_quote"), ("altitude_span", "altitude_quote")]
        for field, quote_key in spans:
            sp = row.get(field)
            if sp is not None:
                check_span(problems, f"{where}.{field}", doc, sp[0], sp[1], row.get(quote_key))
        for field, value_key in (("count_span", "count"), ("distance_span", "distance_km"), ("altitude_span", "altitude_km")):
            if row.get(field) is not None and row.get(value_key) is None:
                problems.append(f"{where}.{field}: span without {value_key}")
    return len(rows), keys


def check_attributes(problems: list) -> collections.Counter:
    """Hand-labelled attributes: each span exact, each claim labelled once, a label or null."""
    labels = collections.Counter()
    seen = set()
    for n, row in load("attributes.jsonl"):
        where = f"attributes.jsonl:{n}"
        attr = row.get("attribute")
        if attr is not None and not (isinstance(attr, str) and "." in attr):
            problems.append(f"{where}: bad attribute {attr!r}")
        labels[attr or "null"] += 1
        key = (row.get("doc"), row.get("char_start"))
        if key in seen:
            problems.append(f"{where}: claim labelled twice")
        seen.add(key)
        check_span(problems, where, row.get("doc"), row.get("char_start"), row.get("char_end"), row.get("quote"))
    return labels


def main() -> int:
    problems: list[str] = []
    labels = check_pairs(problems)
    n_events, keys = check_events(problems)
    attributes = check_attributes(problems)
    print("claim_pairs.jsonl:", sum(labels.values()), "pairs")
    for label in sorted(LABELS):
        print(f"  {label:14s} {labels.get(label, 0)}")
    print(f"launch_events.jsonl: {n_events} event mentions, {len(keys)} distinct event_keys")
    for key, n in sorted(keys.items()):
        print(f"  {key:36s} {n}")
    print("attributes.jsonl:", sum(attributes.values()), "labelled claims")
    for attr, n in sorted(attributes.items()):
        print(f"  {attr:36s} {n}")
    if problems:
        print(f"\n{len(problems)} PROBLEMS:")
        for p in problems:
            print("  " + p)
        return 1
    print("\nall spans OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
