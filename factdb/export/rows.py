"""The one row source every claim export reads: current claims in document order, streamed.

Constant memory whatever the database's size: one SQLite cursor is iterated (never
``fetchall``), and a document's text is loaded only when the cursor reaches its first claim,
replacing the previous document's (claims come ordered by document, then span). Each row
carries its document, so a writer can quote context, count UTF-16 offsets or name the
outlet without another query.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field

from factdb.models import CLAIM_FIELDS

CONTEXT_CHARS = 32  # prefix/suffix length of a quote selector, before it grows to be unique


class ExportError(Exception):
    """A filter that cannot be applied (unknown entity, malformed date, ...); one line for people."""


@dataclass(frozen=True)
class Filters:
    """What ``factdb export`` selects; every filter is optional and they combine with AND."""

    kind: str | None = None
    attribute: str | None = None
    document: str | None = None  # document id, or a prefix of its SHA-256
    entity: str | None = None  # canonical name or literal alias, any role
    since: str | None = None  # YYYY-MM-DD: documents published on or after
    reviewed: bool = False  # only claims that have at least one review


class Document:
    """One stored document, loaded once while its claims are exported."""

    __slots__ = ("id", "sha256", "text", "title", "outlet", "url", "published", "_astral", "_sentences")

    def __init__(self, row: sqlite3.Row):
        self.id = row["id"]
        self.sha256 = row["sha256"]
        self.text = row["text"]
        self.title = row["title"]
        self.outlet = row["outlet"]
        self.url = row["url"]
        self.published = row["published"]
        self._astral: list[int] | None = None
        self._sentences = None

    @property
    def source_iri(self) -> str:
        """Where the document lives: its URL, else ``urn:sha256:<hash of the stored text>``."""
        return self.url or f"urn:sha256:{self.sha256}"

    def utf16(self, pos: int) -> int:
        """The UTF-16 code unit offset of code point offset ``pos`` (what browsers count in).

        Each character outside the Basic Multilingual Plane (emoji, CJK extension B, ...) is
        two UTF-16 code units: the offset grows by one for each such character before ``pos``.
        """
        if self._astral is None:
            text = self.text
            # Fast path: a text with no astral character (nearly all news) needs no scan.
            if not text or text.isascii() or max(text) <= "\uffff":
                self._astral = []
            else:
                self._astral = [i for i, ch in enumerate(text) if ch > "\uffff"]
        return pos + bisect.bisect_left(self._astral, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        """Bounds of the sentence holding ``pos``, by factdb's one sentence splitter."""
        if self._sentences is None:
            from factdb.extract.rules.attributes import Sentences

            self._sentences = Sentences(self.text)
        return self._sentences.bounds(pos)

    def sentence_text(self, start: int, end: int) -> str:
        """The sentence(s) holding ``text[start:end]``, without surrounding white space."""
        s, _ = self.sentence(start)
        _, e = self.sentence(max(start, end - 1))
        return self.text[s:e].strip()

    def quote_context(self, start: int, end: int, chars: int = CONTEXT_CHARS) -> tuple[str, str]:
        """Prefix and suffix of about ``chars`` characters each, grown (doubling) until
        prefix + exact + suffix occurs once in the text, so the quote alone re-anchors."""
        text = self.text
        exact = text[start:end]
        n = chars
        while True:
            prefix = text[max(0, start - n) : start]
            suffix = text[end : end + n]
            probe = prefix + exact + suffix
            first = text.find(probe)
            if text.find(probe, first + 1) == -1 or (start - n <= 0 and end + n >= len(text)):
                return prefix, suffix
            n *= 2


@dataclass
class ClaimRow:
    """A current claim with its document, claimant entity and (optionally) one of its reviews."""

    claim: dict
    document: Document
    claimant: dict | None = None  # {"name", "type"} of the entity linked in role 'claimant'
    review: dict | None = None
    extra: dict = field(default_factory=dict)


def connect(path: str) -> sqlite3.Connection:
    """A read-only connection: an export never writes, and never waits on a writer (WAL)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=60)
    conn.row_factory = sqlite3.Row
    return conn


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def entity_ids(conn: sqlite3.Connection, name: str) -> list[int]:
    """Entities called ``name`` (canonical name or literal alias, any case); error if none."""
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM entities WHERE name = ? COLLATE NOCASE "
            "UNION SELECT entity_id FROM entity_aliases WHERE alias = ? COLLATE NOCASE AND NOT is_pattern",
            (name, name),
        )
    ]
    if not ids:
        raise ExportError(f"no entity called {name!r} (see the entities table for names and aliases)")
    return ids


def check_since(since: str | None) -> None:
    import datetime as dt

    if since is None:
        return
    try:
        dt.date.fromisoformat(since)
    except ValueError:
        raise ExportError(f"--since {since!r} is not a YYYY-MM-DD date") from None


def claim_where(conn: sqlite3.Connection, filters: Filters) -> tuple[list[str], list]:
    """SQL conditions (on ``c`` claims and ``d`` documents) and their parameters."""
    check_since(filters.since)
    where: list[str] = ["c.is_current"]
    params: list = []
    if filters.kind:
        where.append("c.kind = ?")
        params.append(filters.kind)
    if filters.attribute:
        where.append("c.attribute = ?")
        params.append(filters.attribute)
    if filters.document:
        doc = filters.document.strip()
        if doc.isdigit():
            where.append("c.document_id = ?")
            params.append(int(doc))
        else:
            where.append("d.sha256 LIKE ?")
            params.append(doc.lower().replace("%", "").replace("_", "") + "%")
    if filters.entity:
        ids = entity_ids(conn, filters.entity)
        where.append(
            f"c.id IN (SELECT claim_id FROM claim_entities WHERE entity_id IN ({', '.join('?' * len(ids))}))"
        )
        params.extend(ids)
    if filters.since:
        where.append("d.published >= substr(?, 1, length(d.published))")  # "2024" counts for 2024-05-01
        params.append(filters.since)
    if filters.reviewed:
        where.append("c.id IN (SELECT claim_id FROM reviews)")
    return where, params


_CLAIMANT = (
    "(SELECT e.name || char(31) || e.type FROM claim_entities AS ce JOIN entities AS e ON e.id = ce.entity_id "
    "WHERE ce.claim_id = c.id AND ce.role = 'claimant' ORDER BY ce.id LIMIT 1) AS claimant"
)
REVIEW_COLUMNS = ("id", "rating", "note", "reviewer", "url", "reviewed_at", "source", "imported_from")


def iter_claims(
    conn: sqlite3.Connection, filters: Filters | None = None, reviews: bool = False
) -> Iterator[ClaimRow]:
    """Current claims passing ``filters``, in document order (document, span, pk).

    With ``reviews``, a claim with several reviews comes once per review (oldest first), and
    a claim with none once with ``review=None``.
    """
    where, params = claim_where(conn, filters or Filters())
    columns = ", ".join(f"c.{f}" for f in CLAIM_FIELDS)
    join = ""
    review_cols = ""
    if reviews:
        join = "LEFT JOIN reviews AS r ON r.claim_id = c.id"
        review_cols = ", " + ", ".join(f"r.{f} AS review_{f}" for f in REVIEW_COLUMNS)
    sql = (
        f"SELECT {columns}, {_CLAIMANT}{review_cols} FROM claims AS c "
        f"JOIN documents AS d ON d.id = c.document_id {join} WHERE {' AND '.join(where)} "
        "ORDER BY c.document_id, c.char_start, c.char_end, c.pk" + (", r.id" if reviews else "")
    )
    doc_cursor = conn.cursor()
    doc_cursor.row_factory = sqlite3.Row
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples, read by position: the hot loop of every export
    n = len(CLAIM_FIELDS)
    doc_at = CLAIM_FIELDS.index("document_id")
    resolved_at = CLAIM_FIELDS.index("resolved")
    document: Document | None = None
    for row in cursor.execute(sql, params):  # iterated: SQLite hands rows over one by one
        if document is None or document.id != row[doc_at]:
            document = Document(
                doc_cursor.execute(
                    "SELECT id, sha256, text, title, outlet, url, published FROM documents WHERE id = ?",
                    (row[doc_at],),
                ).fetchone()
            )
        claim = dict(zip(CLAIM_FIELDS, row[:n], strict=True))
        claim["resolved"] = bool(row[resolved_at])
        claimant = None
        if row[n]:
            name, _, etype = row[n].partition("\x1f")
            claimant = {"name": name, "type": etype}
        review = None
        if reviews and row[n + 1] is not None:
            review = dict(zip(REVIEW_COLUMNS, row[n + 1 :], strict=True))
        yield ClaimRow(claim, document, claimant, review)
