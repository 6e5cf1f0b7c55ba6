"""Verdicts in: a review typed at the command line, or ClaimReview JSON-LD that fact-checking
organizations publish, each linked to the stored claims it is about.

Reviews are only ever added (table ``reviews``); a claim's earlier verdicts stay.

How an imported ClaimReview finds its claims, first rule that finds any wins:

1. **Same article, overlapping quote.** The documents it appeared in: by text hash
   (``urn:sha256:<hash>`` as factdb's export writes it) when the database holds that exact
   version, else every stored version at its URL (``itemReviewed.appearance``,
   ``firstAppearance``, or the item's own ``url``/``sameAs`` as older markup has it; scheme,
   ``www.``, trailing slash, fragment and ``utm_`` parameters ignored). In each, when the
   review carries factdb's span (``additionalProperty`` ``char_start``/``char_end``/``quote``)
   and the text has that quote there: the claims with exactly that span (else the claims
   overlapping it). Otherwise: the claims whose span overlaps the place where
   ``claimReviewed`` occurs in the text (white space and case aside), else the claims whose
   quote occurs inside ``claimReviewed`` (a fact-checker's paraphrase keeps the figure).
   When the review names a kind, attribute, unit or value, claims that disagree are left out.
2. **Same attribute, subject and value** (``additionalProperty`` ``attribute``, ``subject``,
   ``value``): every current claim that states them, in any document.

A ClaimReview that finds no claim, or whose verdict factdb cannot read, is reported, one line
each; nothing is stored for it. Importing the same file twice stores nothing new.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from factdb.db.schema import RATINGS
from factdb.export.jsonld import parse_rating, properties_dict


class ReviewError(Exception):
    """A review that cannot be stored (unknown claim, bad rating, unreadable file); one line."""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --- one review from the command line ---------------------------------------------------


def find_claim(conn, ref: str) -> dict:
    """The claim a person means by ``ref``: its hash id (or a unique prefix of 8+ characters), or its pk."""
    ref = ref.strip()
    if ref.isdigit():
        row = conn.exec_driver_sql(
            "SELECT id, quote, document_id FROM claims WHERE pk = ?", (int(ref),)
        ).first()
    elif re.fullmatch(r"[0-9a-fA-F]{32}", ref):
        row = conn.exec_driver_sql(
            "SELECT id, quote, document_id FROM claims WHERE id = ?", (ref.lower(),)
        ).first()
    elif re.fullmatch(r"[0-9a-zA-Z]{8,31}", ref):
        rows = conn.exec_driver_sql(
            "SELECT id, quote, document_id FROM claims WHERE id >= ? AND id < ? LIMIT 2",
            (ref.lower(), ref.lower() + "\x7f"),
        ).all()
        if len(rows) > 1:
            raise ReviewError(f"claim prefix {ref!r} is ambiguous; give more of the id")
        row = rows[0] if rows else None
    else:
        raise ReviewError(f"{ref!r} is not a claim id (32 hex characters, or a prefix of 8+) or a claim pk")
    if row is None:
        raise ReviewError(f"no claim {ref!r} (factdb claims --json lists ids)")
    return dict(row._mapping)


def add_review(
    engine,
    ref: str,
    rating: str,
    note: str | None = None,
    reviewer: str | None = None,
    url: str | None = None,
    reviewed_at: str | None = None,
) -> dict:
    """Store one verdict on one claim; returns the stored row (with the claim's quote)."""
    from factdb.db.engine import write_transaction

    if rating not in RATINGS:
        raise ReviewError(f"unknown rating {rating!r}; use one of {', '.join(RATINGS)}")
    with write_transaction(engine) as conn:
        claim = find_claim(conn, ref)
        row = {
            "claim_id": claim["id"],
            "rating": rating,
            "note": note,
            "reviewer": reviewer,
            "url": url,
            "reviewed_at": reviewed_at or now(),
            "source": "cli",
            "imported_from": None,
        }
        row["id"] = conn.exec_driver_sql(
            "INSERT INTO reviews (claim_id, rating, note, reviewer, url, reviewed_at, source, imported_from) "
            "VALUES (?,?,?,?,?,?,?,?) RETURNING id",
            tuple(
                row[k]
                for k in (
                    "claim_id",
                    "rating",
                    "note",
                    "reviewer",
                    "url",
                    "reviewed_at",
                    "source",
                    "imported_from",
                )
            ),
        ).scalar()
    return {**row, "quote": claim["quote"]}


def reviews_of(engine, ref: str) -> list[dict]:
    """Every review of one claim, oldest first."""
    with engine.connect() as conn:
        claim = find_claim(conn, ref)
        return [
            dict(r._mapping)
            for r in conn.exec_driver_sql(
                "SELECT * FROM reviews WHERE claim_id = ? ORDER BY id", (claim["id"],)
            )
        ]


# --- ClaimReview JSON-LD in -------------------------------------------------------------

_SCHEMA_PREFIXES = ("schema:", "https://schema.org/", "http://schema.org/")
_LD_SCRIPT = re.compile(r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.S | re.I)


def _key(k: str) -> str:
    for p in _SCHEMA_PREFIXES:
        if k.startswith(p):
            return k[len(p) :]
    return k


def _plain(node):
    """Keys without schema.org prefixes (``schema:author``, full IRIs), recursively."""
    if isinstance(node, dict):
        return {_key(k): _plain(v) for k, v in node.items() if k != "@context"}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _types(node: dict) -> set[str]:
    t = node.get("@type") or node.get("type") or []
    return {_key(x) for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)}


def read_claimreviews(path: str | Path) -> list[dict]:
    """Every ClaimReview in a file: one JSON-LD object, a list, an ``@graph``, or an HTML page's
    ``application/ld+json`` scripts. Raises :class:`ReviewError` for a file that holds none."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        docs = [json.loads(raw)]
    except json.JSONDecodeError as exc:
        scripts = _LD_SCRIPT.findall(raw)
        if not scripts:
            raise ReviewError(
                f"{path} is not JSON ({exc.msg} at line {exc.lineno}) and holds no JSON-LD script"
            ) from None
        docs = []
        for s in scripts:
            try:
                docs.append(json.loads(s))
            except json.JSONDecodeError:
                continue
    found: list[dict] = []

    def walk(node):
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            if "ClaimReview" in _types(node):
                found.append(_plain(node))
            elif "@graph" in node:
                walk(node["@graph"])

    walk(docs)
    return found


def normalize_url(url: str) -> str:
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")])
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


def _list(v) -> list:
    return v if isinstance(v, list) else ([] if v is None else [v])


def _text(v) -> str | None:
    v = _list(v)
    v = v[0] if v else None
    if isinstance(v, dict):
        v = v.get("name") or v.get("@value")
    return v if isinstance(v, str) and v.strip() else None


def _squash(s: str) -> str:
    return " ".join(s.split()).casefold()


@dataclass
class ImportReport:
    reviews: int = 0  # review rows stored
    matched: int = 0  # ClaimReviews linked to at least one claim
    already: int = 0  # ClaimReviews whose every link was stored before
    without_rating: int = 0  # ClaimReviews carrying no verdict at all (skipped, e.g. unreviewed claims)
    unmatched: list[str] = field(default_factory=list)  # one line each
    total: int = 0


class _Index:
    """Documents by normalized URL and by text hash, built once per import."""

    def __init__(self, conn):
        self.conn = conn
        self.by_url: dict[str, list[int]] = {}
        self.by_sha: dict[str, int] = {}
        for doc_id, url, sha in conn.exec_driver_sql("SELECT id, url, sha256 FROM documents"):
            if url:
                self.by_url.setdefault(normalize_url(url), []).append(doc_id)
            self.by_sha[sha] = doc_id

    def documents(self, item: dict, props: dict) -> tuple[list[int], list[str]]:
        """Stored documents an itemReviewed appeared in, and the appearances looked for.

        A text hash names one version of an article exactly: when the database holds it, only
        that document is searched. Otherwise every stored version at the article's URL is.
        """
        by_url: list[int] = []
        by_sha: list[int] = []
        looked: list[str] = []
        # older ClaimReview markup names the article as the item's own url or sameAs
        places = _list(item.get("appearance")) + _list(item.get("firstAppearance"))
        places += [
            {"url": u} for u in _list(item.get("url")) + _list(item.get("sameAs")) if isinstance(u, str)
        ]
        shas = [props.get("document_sha256")]
        for app in places:
            refs = [app] if isinstance(app, str) else []
            if isinstance(app, dict):
                refs = _list(app.get("url")) + _list(app.get("@id")) + _list(app.get("identifier"))
            for ref in refs:
                if not isinstance(ref, str):
                    continue
                if ref.startswith("urn:sha256:"):
                    shas.append(ref[11:])
                else:
                    looked.append(ref)
                    by_url.extend(i for i in self.by_url.get(normalize_url(ref), []) if i not in by_url)
        for sha in shas:
            if isinstance(sha, str) and sha in self.by_sha and self.by_sha[sha] not in by_sha:
                by_sha.append(self.by_sha[sha])
        return (by_sha or by_url), looked


def _agrees(claim, props: dict) -> bool:
    for key in ("kind", "attribute", "unit"):
        if props.get(key) is not None and getattr(claim, key) != props[key]:
            return False
    if props.get("value") is not None and claim.value is not None:
        try:
            want = float(props["value"])
        except (TypeError, ValueError):
            return True
        return abs(claim.value - want) <= 1e-6 * max(1.0, abs(want))
    return True


def match_claims(conn, index: _Index, cr: dict) -> tuple[list[str], str]:
    """Claim ids a ClaimReview is about, and (when none) why not."""
    item = next((i for i in _list(cr.get("itemReviewed")) if isinstance(i, dict)), {})
    props = properties_dict(item.get("additionalProperty"))
    doc_ids, looked = index.documents(item, props)
    reviewed = _text(cr.get("claimReviewed")) or _text(item.get("text")) or ""
    found: list[str] = []
    for doc_id in doc_ids:  # versions of one article are documents of their own: each may hold it
        found.extend(i for i in _in_document(conn, doc_id, props, reviewed) if i not in found)
    if found:
        return found, ""
    if props.get("attribute") and props.get("value") is not None:
        try:
            value = float(props["value"])
        except (TypeError, ValueError):
            value = None
        if value is not None:
            sql = "SELECT id FROM claims WHERE is_current AND attribute = ? AND abs(value - ?) <= ?"
            params: list = [props["attribute"], value, 1e-6 * max(1.0, abs(value))]
            if props.get("subject"):
                sql += " AND subject = ?"
                params.append(props["subject"])
            ids = [r[0] for r in conn.exec_driver_sql(sql + " ORDER BY pk", tuple(params))]
            if ids:
                return ids, ""
    if doc_ids:
        why = "no claim in its article overlaps the quote"
    elif looked:
        why = f"no stored document at {looked[0]}"
    else:
        why = "it names no article (appearance) factdb holds"
    if props.get("attribute"):
        why += "; no claim states its attribute, subject and value"
    return [], why


def _in_document(conn, doc_id: int, props: dict, reviewed: str) -> list[str]:
    """Claims of one document a review is about: its own span, else where claimReviewed sits, else
    claims quoted inside claimReviewed (rule 1 of the module docstring)."""
    claims = conn.exec_driver_sql(
        "SELECT id, kind, attribute, unit, value, char_start, char_end, quote FROM claims "
        "WHERE document_id = ? AND is_current ORDER BY char_start, pk",
        (doc_id,),
    ).all()
    text = conn.exec_driver_sql("SELECT text FROM documents WHERE id = ?", (doc_id,)).scalar()
    start, end, quote = props.get("char_start"), props.get("char_end"), props.get("quote")
    if (
        isinstance(start, int)
        and isinstance(end, int)
        and isinstance(quote, str)
        and text[start:end] == quote
    ):
        exact = [c.id for c in claims if (c.char_start, c.char_end) == (start, end) and _agrees(c, props)]
        over = [c.id for c in claims if c.char_start < end and c.char_end > start and _agrees(c, props)]
        if exact or over:
            return exact or over
    if not reviewed:
        return []
    span = _locate(text, reviewed)
    if span is not None:
        a, b = span
        over = [c.id for c in claims if c.char_start < b and c.char_end > a and _agrees(c, props)]
        if over:
            return over
    inside = _squash(reviewed)
    return [c.id for c in claims if _squash(c.quote) in inside and _agrees(c, props)]


def _locate(text: str, needle: str) -> tuple[int, int] | None:
    """Where ``needle`` occurs in ``text``, white space and case aside (offsets into ``text``)."""
    i = text.find(needle)
    if i >= 0:
        return i, i + len(needle)
    words = needle.split()
    if not words or len(words) > 200:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text, re.I)
    return (m.start(), m.end()) if m else None


def import_claimreviews(engine, path: str | Path) -> ImportReport:
    """Link every ClaimReview in ``path`` to its claims and store one review per claim."""
    from factdb.db.engine import write_transaction

    items = read_claimreviews(path)
    report = ImportReport(total=len(items))
    source_name = str(path)
    with write_transaction(engine) as conn:
        index = _Index(conn)
        for n, cr in enumerate(items, 1):
            label = _label(n, cr)
            if cr.get("reviewRating") is None:
                report.without_rating += 1
                continue
            rating = parse_rating(cr.get("reviewRating"))
            if rating is None:
                report.unmatched.append(
                    f"{label}: verdict {json.dumps(cr.get('reviewRating'), ensure_ascii=False)[:80]} "
                    f"is none factdb reads ({', '.join(RATINGS)})"
                )
                continue
            ids, why = match_claims(conn, index, cr)
            if not ids:
                report.unmatched.append(f"{label}: {why}")
                continue
            report.matched += 1
            verdict = next((r for r in _list(cr.get("reviewRating")) if isinstance(r, dict)), {})
            row = {
                "rating": rating,
                "note": _text(cr.get("reviewBody")) or _text(verdict.get("ratingExplanation")),
                "reviewer": _text(cr.get("author")),
                "url": _text(cr.get("url")),
                "reviewed_at": _text(cr.get("datePublished")) or now(),
            }
            undated = _text(cr.get("datePublished")) is None
            stored = 0
            for claim_id in ids:
                same = conn.exec_driver_sql(
                    # an undated review was stamped when first imported: its date cannot tell it apart
                    "SELECT 1 FROM reviews WHERE claim_id = ? AND rating = ? AND reviewer IS ? AND url IS ? "
                    "AND (reviewed_at = ? OR ?) AND note IS ?",
                    (
                        claim_id,
                        row["rating"],
                        row["reviewer"],
                        row["url"],
                        row["reviewed_at"],
                        undated,
                        row["note"],
                    ),
                ).first()
                if same:
                    continue
                conn.exec_driver_sql(
                    "INSERT INTO reviews (claim_id, rating, note, reviewer, url, reviewed_at, source, imported_from) "
                    "VALUES (?,?,?,?,?,?,'import',?)",
                    (
                        claim_id,
                        row["rating"],
                        row["note"],
                        row["reviewer"],
                        row["url"],
                        row["reviewed_at"],
                        source_name,
                    ),
                )
                stored += 1
            report.reviews += stored
            if not stored:
                report.already += 1
    return report


def _label(n: int, cr: dict) -> str:
    text = _text(cr.get("claimReviewed")) or _text(cr.get("url")) or "(no claimReviewed)"
    text = " ".join(text.split())
    return f"#{n} {text[:60] + ('…' if len(text) > 60 else '')!r}"
