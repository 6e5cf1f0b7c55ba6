"""ClaimReview (schema.org) JSON-LD: one object per review of a claim, or per claim not yet reviewed.

The output is one JSON array, written object by object. Each object carries its own inline
context (``@vocab`` https://schema.org/), so any element can be cut out and published alone:

- ``claimReviewed``: the claim's quote in its sentence (the sentence as stored);
- ``itemReviewed``: a ``Claim`` (``@id`` ``urn:factdb:claim:<id>``) with
  - ``appearance``: the article (``url``, ``datePublished``, ``headline``, ``publisher`` = outlet;
    ``identifier`` ``urn:sha256:<text hash>``, the text factdb's offsets index),
  - ``author``: who the article says made the statement: the entity linked in role
    ``claimant`` when there is one (``Person`` or ``Organization``, ``alternateName`` the
    words of the attribution), else the attribution as written, else the outlet (the
    article itself makes the claim);
  - ``additionalProperty``: one ``PropertyValue`` per field of the claim contract, so the
    structured value, unit, bound and span survive the trip;
- ``reviewRating``, ``author``, ``datePublished``, ``url`` and ``reviewBody`` of the review,
  when there is one (``ratingValue`` 1-5, ``alternateName`` the verdict in words).
"""

from __future__ import annotations

from factdb.export.jsonld import (
    SCHEMA_CONTEXT,
    claim_iri,
    claim_properties,
    dumps,
    dumps_in_context,
    rating_node,
)
from factdb.export.rows import ClaimRow, Filters, iter_claims

_PERSON_TYPES = {"person"}


def _entity(kind: str | None) -> str:
    return "Person" if kind in _PERSON_TYPES else "Organization"


def claim_review(row: ClaimRow) -> dict:
    c, doc = row.claim, row.document
    appearance: dict = {"@type": "NewsArticle", "identifier": f"urn:sha256:{doc.sha256}"}
    if doc.url:
        appearance["url"] = doc.url
    if doc.published:
        appearance["datePublished"] = doc.published
    if doc.title:
        appearance["headline"] = doc.title
    if doc.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": doc.outlet}
    claim: dict = {
        "@type": "Claim",
        "@id": claim_iri(c["id"]),
        "identifier": c["id"],
        "appearance": appearance,
    }
    if row.claimant:
        author = {"@type": _entity(row.claimant["type"]), "name": row.claimant["name"]}
        if c["attribution"] and c["attribution"] != row.claimant["name"]:
            author["alternateName"] = c["attribution"]
        claim["author"] = author
    elif c["attribution"]:
        claim["author"] = {"@type": "Thing", "name": c["attribution"]}
    elif doc.outlet:
        claim["author"] = {"@type": "Organization", "name": doc.outlet}
    if doc.published:
        claim["datePublished"] = doc.published
    claim["additionalProperty"] = claim_properties(c, doc.sha256)
    out: dict = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": doc.sentence_text(c["char_start"], c["char_end"]),
        "itemReviewed": claim,
    }
    review = row.review
    if review:
        out["reviewRating"] = rating_node(review["rating"])
        out["datePublished"] = review["reviewed_at"]
        if review["reviewer"]:
            kind = "Organization" if review["source"] == "import" else "Person"
            out["author"] = {"@type": kind, "name": review["reviewer"]}
        if review["url"]:
            out["url"] = review["url"]
        if review["note"]:
            out["reviewBody"] = review["note"]
        out["identifier"] = f"urn:factdb:review:{review['id']}"
    return out


def export(conn, out, filters: Filters | None = None) -> int:
    """Write the JSON array to the text stream ``out``; returns the number of ClaimReviews."""
    n = 0
    out.write("[")
    context = dumps(SCHEMA_CONTEXT)
    for row in iter_claims(conn, filters, reviews=True):
        obj = claim_review(row)
        del obj["@context"]
        out.write(("\n" if n == 0 else ",\n") + dumps_in_context(context, obj))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n
