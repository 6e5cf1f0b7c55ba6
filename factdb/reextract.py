"""``factdb reextract``: re-run extractors whose rules changed, as a new extraction run.

This is the pipeline layer (it runs extractors and the linker); :mod:`factdb.db.store`
only writes the rows it is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from factdb.db.store import Store
from factdb.entities.store import ensure_derived, relink
from factdb.entities.store import refresh as refresh_links
from factdb.extract import extract_claims, extractors
from factdb.models import publication_date

# Fields whose difference makes a re-extracted claim "changed" rather than "unchanged".
_COMPARED = (
    "value",
    "value_high",
    "unit",
    "currency",
    "bound",
    "attribute",
    "subject",
    "date_start",
    "date_end",
    "date_precision",
    "resolved",
    "attribution",
)


@dataclass
class ReextractReport:
    run_id: int
    documents: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    examples: list[dict] = field(default_factory=list)  # a few changes, for people to read


def reextract(engine: Engine, names: Iterable[str] | None = None, on_document=None, examples: int = 20):
    """Re-run extractors whose registered version differs from the one that made the stored claims.

    The new claims are stored under a new extraction run; the old claims stay in the
    table (``is_current`` false) so the earlier run remains queryable and comparable.
    """
    store = Store(engine, "reextract", extractors(names))
    report = ReextractReport(store.run_id)
    versions = {ex.name: ex.version for ex in store.extractors}
    with engine.connect() as conn:
        docs = conn.exec_driver_sql(
            "SELECT id, sha256, text, published, published_precision FROM documents ORDER BY id"
        ).fetchall()
    cols = ", ".join(("pk", "char_start", "char_end", "kind", "extractor", "extractor_version", "quote") + _COMPARED)
    for doc_id, sha, text, published, precision in docs:
        with engine.connect() as conn:
            old_rows = [
                dict(r)
                for r in conn.exec_driver_sql(
                    f"SELECT {cols} FROM claims WHERE document_id = ? AND is_current", (doc_id,)
                ).mappings()
                if r["extractor"] in versions
            ]
        if old_rows and all(r["extractor_version"] == versions[r["extractor"]] for r in old_rows):
            continue  # already extracted by these versions
        new_claims = extract_claims(text, publication_date(published, precision), store.names)
        if not old_rows and not new_claims:
            continue
        old = {(r["char_start"], r["char_end"], r["kind"]): r for r in old_rows}
        new = {(c.char_start, c.char_end, c.kind): c for c in new_claims}
        for key, claim in new.items():
            if key not in old:
                report.added += 1
                _example(report, examples, "added", claim.quote, None, claim.as_dict())
            elif any(old[key][f] != getattr(claim, f) for f in _COMPARED):
                report.changed += 1
                before = {f: old[key][f] for f in _COMPARED if old[key][f] != getattr(claim, f)}
                after = {f: getattr(claim, f) for f in before}
                _example(report, examples, "changed", claim.quote, before, after)
            else:
                report.unchanged += 1
        for key, row in old.items():
            if key not in new:
                report.removed += 1
                _example(report, examples, "removed", row["quote"], {f: row[f] for f in _COMPARED}, None)
        store.replace_claims(doc_id, [r["pk"] for r in old_rows], [c.record(doc_id, sha) for c in new_claims])
        report.documents += 1
        if on_document is not None:
            on_document(doc_id)
    if report.documents:
        # new claims have new ids: link them to entities, then regroup across documents
        relink(engine)
        refresh_links(engine)
    else:
        ensure_derived(engine)  # a run killed before its refresh left them stale
    store.finish(report.documents, report.added, report.removed, report.changed)
    return report


def _example(report: ReextractReport, limit: int, change: str, quote: str, before, after) -> None:
    if len(report.examples) < limit:
        report.examples.append({"change": change, "quote": quote, "before": before, "after": after})
