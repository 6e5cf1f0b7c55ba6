"""The flat claim record the CSV and JSON Lines exports write: one row per claim,
every contract field (``factdb.models.CLAIM_FIELDS``), then the document's metadata and the claim's sentence.

Extra columns, after the contract's: ``document_sha256``, ``document_title``,
``document_outlet``, ``document_url``, ``document_published``, ``claimant`` (the entity linked
in role claimant, if any) and ``sentence`` (the sentence holding the quote, by factdb's
sentence splitter). In CSV an empty cell is a null; ``resolved`` is ``true``/``false``.
"""

from __future__ import annotations

from factdb.export.rows import ClaimRow
from factdb.models import CLAIM_FIELDS

EXTRA_FIELDS = (
    "document_sha256",
    "document_title",
    "document_outlet",
    "document_url",
    "document_published",
    "claimant",
    "sentence",
)
FIELDS = CLAIM_FIELDS + EXTRA_FIELDS


def record(row: ClaimRow) -> dict:
    c, doc = row.claim, row.document
    out = dict(c)
    out.update(
        document_sha256=doc.sha256,
        document_title=doc.title,
        document_outlet=doc.outlet,
        document_url=doc.url,
        document_published=doc.published,
        claimant=row.claimant["name"] if row.claimant else None,
        sentence=doc.sentence_text(c["char_start"], c["char_end"]),
    )
    return out
