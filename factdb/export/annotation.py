"""W3C Web Annotations (Web Annotation Data Model, JSON-LD): one annotation per claim, one a line.

Each line is a complete ``Annotation`` with an inline context (the W3C terms factdb uses,
mapped as http://www.w3.org/ns/anno.jsonld maps them, plus factdb's extension terms):

- ``id``: ``urn:factdb:claim:<claim id>``; ``motivation``: ``describing``; ``creator``: the
  extractor (``Software``) that made the claim;
- ``target``: a ``SpecificResource`` whose ``source`` is the article's URL (or
  ``urn:sha256:<text hash>`` when it has none), ``textSha256`` (factdb extension) the hash of
  the stored text the offsets count in, and two selectors:
  - ``TextQuoteSelector``: ``exact`` (the quote), ``prefix`` and ``suffix`` (32 characters
    each, longer where needed so that prefix + exact + suffix occurs once in the text);
  - ``TextPositionSelector``: ``start``/``end`` in Unicode code points, as the W3C model
    says, and ``utf16Start``/``utf16End`` (factdb extension): the same positions in UTF-16
    code units, which browser clients such as Hypothesis count in. They differ only after
    characters outside the Basic Multilingual Plane (emoji, CJK extension B, ...);
- ``body``: a ``TextualBody`` describing the value in words ("missile.flight_distance:
  lower 1,100 km"), a ``tagging`` body with the attribute when there is one, and a schema.org
  ``StructuredValue`` whose ``additionalProperty`` list holds every field of the claim
  contract (the same list as the ClaimReview export).
"""

from __future__ import annotations

from factdb.export.jsonld import (
    ANNOTATION_CONTEXT,
    SCHEMA_CONTEXT,
    claim_iri,
    claim_properties,
    dumps,
    dumps_in_context,
    summary,
)
from factdb.export.rows import ClaimRow, Filters, iter_claims


def annotation(row: ClaimRow) -> dict:
    c, doc = row.claim, row.document
    start, end = c["char_start"], c["char_end"]
    prefix, suffix = doc.quote_context(start, end)
    quote = {"type": "TextQuoteSelector", "exact": c["quote"]}
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    position = {
        "type": "TextPositionSelector",
        "start": start,
        "end": end,
        "utf16Start": doc.utf16(start),
        "utf16End": doc.utf16(end),
    }
    body = [{"type": "TextualBody", "purpose": "describing", "value": summary(c), "format": "text/plain"}]
    if c["attribute"]:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": c["attribute"]})
    body.append(
        {
            # a context of its own (reset, then schema.org): the list reads as in the ClaimReview export
            "@context": [None, SCHEMA_CONTEXT],
            "@id": claim_iri(c["id"]) + "#value",
            "@type": "StructuredValue",
            "name": c["subject"] or c["kind"],
            "additionalProperty": claim_properties(c, doc.sha256),
        }
    )
    return {
        "@context": ANNOTATION_CONTEXT,  # first key: written once per export by :func:`export`
        "id": claim_iri(c["id"]),
        "type": "Annotation",
        "motivation": "describing",
        "creator": {
            "id": f"urn:factdb:extractor:{c['extractor']}@{c['extractor_version']}",
            "type": "Software",
            "name": f"factdb {c['extractor']} {c['extractor_version']}",
        },
        "body": body,
        "target": {
            "type": "SpecificResource",
            "source": doc.source_iri,
            "textSha256": doc.sha256,
            "selector": [quote, position],
        },
    }


def export(conn, out, filters: Filters | None = None) -> int:
    """Write JSON Lines (one Annotation a line) to ``out``; returns the number written."""
    n = 0
    context = dumps(ANNOTATION_CONTEXT)
    for row in iter_claims(conn, filters):
        obj = annotation(row)
        del obj["@context"]
        out.write(dumps_in_context(context, obj) + "\n")
        n += 1
    return n
