"""Linking precision and recall against hand annotations (``corpus/gold/links.jsonl``).

Two scores, because they fail differently:

- mentions: the matcher's mentions in every annotated document against the annotated
  mentions (same span and same entity);
- claim links: for each annotated claim, the links the production pipeline makes
  (extractor claims whose span overlaps the annotated claim, then :func:`plan_links`)
  against the annotated (entity, role) pairs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from factdb.entities.gazetteer import find_mentions
from factdb.entities.linking import plan_links


def _score(predicted: set, gold: set) -> dict:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"tp": tp, "predicted": len(predicted), "gold": len(gold), "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0, "false_positives": sorted(predicted - gold),
            "missed": sorted(gold - predicted)}


def evaluate_links(gold_path: str | Path, root: str | Path) -> dict[str, dict]:
    """Scores for ``mentions`` and ``claim_links``; ``root`` is what the gold ``doc`` paths are relative to."""
    from factdb.extract import extract_claims
    from factdb.ingest import read_document

    rows = [json.loads(line) for line in Path(gold_path).read_text().splitlines() if line.strip()]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r)
    pred_m, gold_m, pred_l, gold_l = set(), set(), set(), set()
    for doc, items in by_doc.items():
        d = read_document(Path(root) / doc)
        if any(r["type"] == "mention" for r in items):
            pred_m |= {(doc, m.char_start, m.char_end, m.entity) for m in find_mentions(d.text)}
            gold_m |= {(doc, r["char_start"], r["char_end"], r["entity"]) for r in items if r["type"] == "mention"}
        gold_claims = {(r["char_start"], r["char_end"]) for r in items if r["type"] == "claim_link"}
        if not gold_claims:
            continue
        published = d.publication_date
        claims = [c.record(None, d.sha256) for c in extract_claims(d.text, published)]
        planned = plan_links(d.text, claims)
        span_of = {c["id"]: (c["char_start"], c["char_end"]) for c in claims}
        for ln in planned.links:
            s, e = span_of[ln.claim_id]
            for gs, ge in gold_claims:
                if s < ge and gs < e:
                    pred_l.add((doc, gs, ge, ln.entity, ln.role))
        gold_l |= {(doc, r["char_start"], r["char_end"], r["entity"], r["role"]) for r in items if r["type"] == "claim_link"}
    return {"mentions": _score(pred_m, gold_m), "claim_links": _score(pred_l, gold_l)}
