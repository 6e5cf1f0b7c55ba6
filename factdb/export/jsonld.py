"""What the JSON-LD exports share: inline contexts, claim IRIs, ratings, and the extension
that carries a claim's structured fields.

Contexts are inline, mapping every term to its full IRI, so the output expands without
fetching anything (a remote context such as ``https://schema.org`` or
``http://www.w3.org/ns/anno.jsonld`` would make every JSON-LD processor go to the network).
The terms are the same ones those standard contexts define, with the same IRIs.

factdb's own terms live under :data:`FACTDB_NS` (a URN: factdb owns no domain to put a
vocabulary on). Only the Web Annotation export needs them (``utf16Start``, ``utf16End``,
``textSha256``); the ClaimReview export says everything in schema.org terms, its extension
being a list of ``PropertyValue``\\ s, one per field of the claim contract (spec/claims.md),
each ``propertyID`` the contract's field name.
"""

from __future__ import annotations

import json
import re

from factdb.models import CLAIM_FIELDS

SCHEMA = "https://schema.org/"
OA = "http://www.w3.org/ns/oa#"
FACTDB_NS = "urn:factdb:ns:"

SCHEMA_CONTEXT = {"@vocab": SCHEMA, "url": {"@type": "@id"}, "sameAs": {"@type": "@id"}}

# The W3C Web Annotation terms factdb writes, as http://www.w3.org/ns/anno.jsonld maps them,
# plus factdb's documented extension terms and schema.org for the structured value.
ANNOTATION_CONTEXT = {
    "oa": OA,
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "as": "http://www.w3.org/ns/activitystreams#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": SCHEMA,
    "factdb": FACTDB_NS,
    "id": {"@id": "@id", "@type": "@id"},
    "type": {"@id": "@type", "@type": "@id"},
    "Annotation": "oa:Annotation",
    "TextualBody": "oa:TextualBody",
    "SpecificResource": "oa:SpecificResource",
    "TextQuoteSelector": "oa:TextQuoteSelector",
    "TextPositionSelector": "oa:TextPositionSelector",
    "Software": "as:Application",
    "body": {"@id": "oa:hasBody", "@type": "@id"},
    "target": {"@id": "oa:hasTarget", "@type": "@id"},
    "source": {"@id": "oa:hasSource", "@type": "@id"},
    "selector": {"@id": "oa:hasSelector", "@type": "@id"},
    "motivation": {"@id": "oa:motivatedBy", "@type": "@vocab"},
    "purpose": {"@id": "oa:hasPurpose", "@type": "@vocab"},
    "describing": "oa:describing",
    "tagging": "oa:tagging",
    "assessing": "oa:assessing",
    "exact": "oa:exact",
    "prefix": "oa:prefix",
    "suffix": "oa:suffix",
    "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
    "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
    "value": "rdf:value",
    "format": "dc:format",
    "language": "dc:language",
    "creator": {"@id": "dcterms:creator", "@type": "@id"},
    "created": {"@id": "dcterms:created", "@type": "xsd:dateTime"},
    "name": "schema:name",
    # factdb extension terms (documented in the README, "Exporting"):
    "utf16Start": {"@id": "factdb:utf16Start", "@type": "xsd:nonNegativeInteger"},
    "utf16End": {"@id": "factdb:utf16End", "@type": "xsd:nonNegativeInteger"},
    "textSha256": "factdb:textSha256",
}

# factdb's verdicts on the usual five-point ClaimReview scale (5 best); unverifiable has no value.
RATING_VALUE = {"true": 5, "mostly-true": 4, "mixed": 3, "misleading": 2, "false": 1}
RATING_NAME = {
    "true": "True",
    "mostly-true": "Mostly true",
    "mixed": "Mixed",
    "misleading": "Misleading",
    "false": "False",
    "unverifiable": "Unverifiable",
}
# Verdict words fact-checkers publish (alternateName), normalized by :func:`_norm`.
RATING_WORDS = {
    "true": ("true", "correct", "accurate", "verified", "confirmed"),
    "mostly-true": ("mostly-true", "mostly-correct", "mostly-accurate", "largely-true", "largely-accurate"),
    "mixed": (
        "mixed",
        "mixture",
        "half-true",
        "half-truth",
        "partly-true",
        "partly-false",
        "partially-true",
        "partially-false",
        "partly-correct",
        "mixed-evidence",
    ),
    "misleading": (
        "misleading",
        "mostly-false",
        "missing-context",
        "needs-context",
        "out-of-context",
        "exaggerated",
        "exaggeration",
        "distorted",
        "cherry-picked",
        "lacks-context",
    ),
    "false": (
        "false",
        "incorrect",
        "inaccurate",
        "wrong",
        "fake",
        "pants-on-fire",
        "fabricated",
        "four-pinocchios",
        "baseless",
        "untrue",
    ),
    "unverifiable": (
        "unverifiable",
        "unverified",
        "unproven",
        "unsupported",
        "unsubstantiated",
        "no-evidence",
        "cannot-be-verified",
        "not-verifiable",
        "insufficient-evidence",
        "unclear",
    ),
}
_WORD_RATING = {w: r for r, words in RATING_WORDS.items() for w in words}


def claim_iri(claim_id: str) -> str:
    return f"urn:factdb:claim:{claim_id}"


def rating_node(rating: str) -> dict:
    node = {"@type": "Rating", "alternateName": RATING_NAME[rating], "bestRating": 5, "worstRating": 1}
    if rating in RATING_VALUE:
        node["ratingValue"] = RATING_VALUE[rating]
    return node


def _norm(word: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-")


def parse_rating(node) -> str | None:
    """factdb's verdict for a ClaimReview ``reviewRating``: by its words (alternateName, name),
    else by its value on its own scale (worstRating..bestRating, default 1..5); None if neither."""
    if isinstance(node, list):
        node = node[0] if node else None
    if isinstance(node, str):
        node = {"alternateName": node}
    if not isinstance(node, dict):
        return None
    for key in ("alternateName", "name", "ratingExplanation"):
        for word in _values(node.get(key)):
            if isinstance(word, str) and _norm(word) in _WORD_RATING:
                return _WORD_RATING[_norm(word)]
    try:
        value = float(_first(node.get("ratingValue")))
        best = float(_first(node.get("bestRating")) or 5)
        worst = float(_first(node.get("worstRating")) or 1)
    except (TypeError, ValueError):
        return None
    if best == worst or not (min(best, worst) <= value <= max(best, worst)):
        return None
    step = round(1 + 4 * (value - worst) / (best - worst))
    return {v: r for r, v in RATING_VALUE.items()}[step]


def _values(v) -> list:
    return v if isinstance(v, list) else [v]


def _first(v):
    return v[0] if isinstance(v, list) and v else v


def claim_properties(claim: dict, document_sha256: str) -> list[dict]:
    """Every contract field that has a value, as schema.org ``PropertyValue``\\ s, plus the
    document's text hash (the identity ``char_start``/``char_end`` index)."""
    props = []
    for name in CLAIM_FIELDS:
        value = claim.get(name)
        if value is None:
            continue
        props.append({"@type": "PropertyValue", "propertyID": name, "value": value})
    props.append({"@type": "PropertyValue", "propertyID": "document_sha256", "value": document_sha256})
    return props


def properties_dict(props) -> dict:
    """The inverse of :func:`claim_properties`, tolerant of what other tools write."""
    out = {}
    for p in _values(props or []):
        if isinstance(p, dict):
            key = _first(p.get("propertyID")) or _first(p.get("name"))
            if isinstance(key, str):
                out[key] = _first(p.get("value"))
    return out


def summary(claim: dict) -> str:
    """The claim's structured value in words: "distance: lower bound 1100 km"."""
    if claim["kind"] in ("date", "period"):
        what = claim["date_start"] or ""
        if claim["date_end"] and claim["date_end"] != claim["date_start"]:
            what += f" to {claim['date_end']}"
    else:
        what = _num(claim["value"])
        if claim["value_high"] is not None:
            what += f" to {_num(claim['value_high'])}"
        what = f"{what} {claim['currency'] or claim['unit'] or ''}".strip()
    bound = "" if claim["bound"] == "exact" else f"{claim['bound']} "
    label = claim["attribute"] or claim["kind"]
    return f"{label}: {bound}{what}".strip()


def _num(v) -> str:
    if v is None:
        return ""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,g}"


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def dumps_in_context(context_json: str, obj: dict) -> str:
    """``dumps({"@context": ..., **obj})`` with the context encoded once by the caller, not per object."""
    body = dumps(obj)
    return '{"@context":' + context_json + ("," + body[1:] if len(body) > 2 else "}")
