"""The database schema: SQLAlchemy models are the one source Alembic migrates from.

Only portable types and constraints live here (PostgreSQL is a planned second backend).
SQLite-only pieces — FTS5 tables, their triggers, and the views — are created by the
migrations and described in :mod:`factdb.db.sqlite_extras`.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from factdb.models import BOUNDS, KINDS

# Named constraints, or Alembic's batch mode cannot drop or alter them on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _any_of(column: str, values: tuple[str, ...]) -> str:
    """The same test as :func:`_in`, written as ``column = 'a' OR column = 'b' ...``: SQLite
    evaluates a constant ``IN`` list in a CHECK by filling a temporary b-tree with its values
    on every row inserted, a third of the claims insert's time (revision 0009). Used on the
    claims table, the one ingest fills row by row."""
    return " OR ".join(f"{column} = {v!r}" for v in values)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, comment="SHA-256 of the stored text")
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    byline: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True, comment="ISO 8601 date")
    published_precision: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(Text, comment="where it was ingested from")
    media_type: Mapped[str] = mapped_column(String(40))
    encoding: Mapped[str] = mapped_column(String(40))
    raw_sha256: Mapped[str | None] = mapped_column(String(64), comment="SHA-256 of the raw input bytes")
    char_count: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[str] = mapped_column(String(32), index=True, comment="UTC, ISO 8601")

    __table_args__ = (
        CheckConstraint(_in("published_precision", ("day", "month", "year")), name="published_precision"),
    )


class Extractor(Base):
    __tablename__ = "extractors"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    description: Mapped[str] = mapped_column(Text)
    registered_at: Mapped[str] = mapped_column(String(32))


class ExtractionRun(Base):
    __tablename__ = "extraction_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    command: Mapped[str] = mapped_column(String(20), comment="ingest or reextract")
    started_at: Mapped[str] = mapped_column(String(32))
    finished_at: Mapped[str | None] = mapped_column(String(32))
    factdb_version: Mapped[str] = mapped_column(String(40))
    extractors: Mapped[str] = mapped_column(Text, comment="name@version, comma separated")
    documents: Mapped[int] = mapped_column(Integer, default=0)
    claims_added: Mapped[int] = mapped_column(Integer, default=0)
    claims_removed: Mapped[int] = mapped_column(Integer, default=0)
    claims_changed: Mapped[int] = mapped_column(Integer, default=0)


class Claim(Base):
    __tablename__ = "claims"

    # An integer key keeps the FTS index's rowids stable through VACUUM; ``id`` is the
    # contract's stable hash, the one other tools join on.
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(32), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    run_id: Mapped[int] = mapped_column(ForeignKey("extraction_runs.id"))
    kind: Mapped[str] = mapped_column(String(20))
    attribute: Mapped[str | None] = mapped_column(String(80))
    subject: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[float | None] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(40))
    currency: Mapped[str | None] = mapped_column(String(3))
    bound: Mapped[str] = mapped_column(String(10))
    date_start: Mapped[str | None] = mapped_column(String(10))
    date_end: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(10))
    resolved: Mapped[bool] = mapped_column(Boolean, default=True)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    attribution: Mapped[str | None] = mapped_column(Text)
    extractor: Mapped[str] = mapped_column(String(80))
    extractor_version: Mapped[str] = mapped_column(String(40))
    confidence: Mapped[float] = mapped_column(Float)
    is_current: Mapped[bool] = mapped_column(
        Boolean, default=True, comment="false once a newer version of its extractor replaced it"
    )
    # issue 9 (migration 0004): the figure and unit as the text writes them; null for dates,
    # for claims stored before 0004 (a re-extraction fills them), and when no number is written
    value_as_written: Mapped[str | None] = mapped_column(
        Text, comment='the figure as written: "1,100", "35 billion", "four to five thousand"'
    )
    unit_as_written: Mapped[str | None] = mapped_column(
        Text, comment='unit, currency or counted words as written: "miles", "$", "per cent"'
    )

    __table_args__ = (
        ForeignKeyConstraint(["extractor", "extractor_version"], ["extractors.name", "extractors.version"]),
        CheckConstraint(_any_of("kind", KINDS), name="kind"),
        CheckConstraint(_any_of("bound", BOUNDS), name="bound"),
        CheckConstraint("char_start >= 0 AND char_start < char_end", name="span"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        CheckConstraint("value_high IS NULL OR value IS NULL OR value_high >= value", name="value_range"),
        Index("ix_claims_document_id", "document_id", "char_start"),
        Index("ix_claims_kind", "kind", "value"),
        Index("ix_claims_attribute", "attribute", "value"),
        Index("ix_claims_unit", "unit"),
        Index("ix_claims_bound", "bound"),
        Index("ix_claims_date_start", "date_start"),
        Index("ix_claims_run_id", "run_id"),
        Index("ix_claims_extractor", "extractor", "extractor_version"),
    )


# --- Entities, links, groups and launch events (issue 4; logic in factdb.entities) ---

ROLES = ("subject", "agent", "location", "claimant")
GROUP_STATUSES = ("corroborated", "contradiction", "single_source")
LAUNCH_FIELDS = ("date", "country", "missile", "count", "flight_distance", "altitude", "landed", "reported_by")


class Entity(Base):
    """One curated entity; rows are synced from ``factdb/entities/gazetteer.yaml`` by name."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, comment="canonical name")
    type: Mapped[str] = mapped_column(String(20), index=True)
    description: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text, comment="a person's or body's role")
    country: Mapped[str | None] = mapped_column(String(200), comment="canonical name of its country")
    weapon_class: Mapped[str | None] = mapped_column(String(200), comment="for weapon systems: their class")


class EntityAlias(Base):
    __tablename__ = "entity_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200), index=True)
    is_pattern: Mapped[bool] = mapped_column(Boolean, default=False, comment="a regular expression, not a literal")

    __table_args__ = (Index("uq_entity_aliases_entity_alias", "entity_id", "alias", unique=True),)


class EntityMention(Base):
    """Where a document names an entity: ``documents.text[char_start:char_end] == quote``."""

    __tablename__ = "entity_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("char_start >= 0 AND char_start < char_end", name="span"),
        Index("uq_entity_mentions_document_span", "document_id", "char_start", "char_end", unique=True),
        Index("ix_entity_mentions_entity_id", "entity_id", "document_id"),
    )


class ClaimEntity(Base):
    """A claim linked to an entity in a role; ``mention_id`` is the words that show it."""

    __tablename__ = "claim_entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))
    mention_id: Mapped[int | None] = mapped_column(ForeignKey("entity_mentions.id", ondelete="SET NULL"))
    rule: Mapped[str] = mapped_column(String(40), comment="which linking rule made the link")

    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
        Index("uq_claim_entities_claim_entity_role", "claim_id", "entity_id", "role", unique=True),
        Index("ix_claim_entities_entity_id", "entity_id", "role"),
        Index("ix_claim_entities_mention_id", "mention_id"),
    )


class ClaimGroup(Base):
    """Claims about the same attribute, subject entities and time scope (rebuilt by ``factdb link``)."""

    __tablename__ = "claim_groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attribute: Mapped[str] = mapped_column(String(80))
    unit: Mapped[str | None] = mapped_column(String(40))
    entities: Mapped[str] = mapped_column(Text, comment="subject/agent entity names, ' | ' separated")
    scope_date: Mapped[str | None] = mapped_column(String(10), comment="earliest event or document date in the group")
    scope_date_end: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    low: Mapped[float | None] = mapped_column(Float, comment="common interval, when the claims are compatible")
    high: Mapped[float | None] = mapped_column(Float)
    claims: Mapped[int] = mapped_column(Integer)
    documents: Mapped[int] = mapped_column(Integer)
    sources: Mapped[int] = mapped_column(Integer, comment="independent sources (wire copies and one outlet count once)")

    __table_args__ = (
        CheckConstraint(_in("status", GROUP_STATUSES), name="status"),
        Index("ix_claim_groups_attribute", "attribute", "scope_date"),
        Index("ix_claim_groups_status", "status"),
    )


class ClaimGroupMember(Base):
    __tablename__ = "claim_group_members"

    group_id: Mapped[int] = mapped_column(ForeignKey("claim_groups.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    low: Mapped[float | None] = mapped_column(Float, comment="the claim's interval")
    high: Mapped[float | None] = mapped_column(Float)
    scope_date: Mapped[str | None] = mapped_column(String(10))
    source_key: Mapped[str] = mapped_column(String(200), comment="independent-source label")
    # which time the claim was compared at (revision 0007): its own words or the fallback
    time_basis: Mapped[str | None] = mapped_column(
        String(12), comment="'text': the claim's own words dated it; 'publication': the publication-date fallback")
    time_quote: Mapped[str | None] = mapped_column(
        String(200), comment="the words that dated it, as written (NULL for the publication fallback)")
    background: Mapped[bool | None] = mapped_column(
        Boolean, comment="dated more than 45 days before publication: compared only with figures of its own time")

    __table_args__ = (Index("ix_claim_group_members_claim_id", "claim_id"),)


class LaunchEvent(Base):
    """One missile launch, merged across the documents that report it."""

    __tablename__ = "launch_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_date: Mapped[str | None] = mapped_column(String(10), index=True)
    country: Mapped[str | None] = mapped_column(String(200), index=True, comment="launching country")
    missile: Mapped[str | None] = mapped_column(String(200), comment="missile type or class")
    missile_count: Mapped[float | None] = mapped_column(Float)
    flight_distance_km: Mapped[float | None] = mapped_column(Float)
    altitude_km: Mapped[float | None] = mapped_column(Float)
    landed: Mapped[str | None] = mapped_column(Text, comment="where it came down, as written")
    reported_by: Mapped[str | None] = mapped_column(Text)
    documents: Mapped[int] = mapped_column(Integer)


class LaunchEventField(Base):
    """Where one field of a launch event came from: a claim, a mention, or a span of text."""

    __tablename__ = "launch_event_fields"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("launch_events.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(20))
    value: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    claim_id: Mapped[str | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    mention_id: Mapped[int | None] = mapped_column(ForeignKey("entity_mentions.id", ondelete="CASCADE"))
    char_start: Mapped[int | None] = mapped_column(Integer, comment="null only for the publication date")
    char_end: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(_in("field", LAUNCH_FIELDS), name="field"),
        CheckConstraint("char_start IS NULL OR (char_start >= 0 AND char_start < char_end)", name="span"),
        Index("ix_launch_event_fields_event_id", "event_id", "field"),
        Index("ix_launch_event_fields_document_id", "document_id"),
    )


# --- Run faults and derived-table state (issue 8) ---

FAULT_STAGES = ("read", "extract", "link", "store")


class RunFault(Base):
    """One input, document or extractor call that a run could not process, and why.

    A fault never stops a run; this table is how it stays visible afterwards
    (``factdb stats`` counts them by stage and extractor).
    """

    __tablename__ = "run_faults"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("extraction_runs.id"), index=True)
    stage: Mapped[str] = mapped_column(Text, index=True, comment="read, extract, link or store")
    source: Mapped[str] = mapped_column(Text, comment="the input: a path, or path:line for a JSONL line")
    document_sha256: Mapped[str | None] = mapped_column(Text, comment="SHA-256 of the document, once read")
    extractor: Mapped[str | None] = mapped_column(Text)
    extractor_version: Mapped[str | None] = mapped_column(Text)
    char_offset: Mapped[int | None] = mapped_column(Integer, comment="where in the document text, when known")
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[str] = mapped_column(Text, comment="UTC, ISO 8601")

    __table_args__ = (CheckConstraint(_in("stage", FAULT_STAGES), name="stage"),)


class DerivedState(Base):
    """What each cross-document table was last built from (see ``factdb.entities.store.fingerprint``).

    Written in the same transaction as the rebuild, so a differing fingerprint means
    the table is stale, whatever process died where.
    """

    __tablename__ = "derived_state"

    name: Mapped[str] = mapped_column(Text, primary_key=True, comment="the derived table")
    fingerprint: Mapped[str] = mapped_column(Text, comment="the state of its inputs when it was built")
    built_at: Mapped[str] = mapped_column(Text, comment="UTC, ISO 8601")


# --- Reviews: fact-checkers' verdicts on claims (issue 12; logic in factdb.export.review) ---

RATINGS = ("true", "mostly-true", "mixed", "misleading", "false", "unverifiable")
REVIEW_SOURCES = ("cli", "import")


class Review(Base):
    """One verdict on one claim. Rows are only ever added: a new verdict is a new row, so the
    history of what was said about a claim, by whom and when, stays readable."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No ON DELETE CASCADE: a person's verdict is not derived data, and is never dropped silently.
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), comment="the claim's hash id")
    rating: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(Text, comment="who gave the verdict")
    url: Mapped[str | None] = mapped_column(Text, comment="the published fact-check, when there is one")
    reviewed_at: Mapped[str] = mapped_column(String(32), comment="UTC, ISO 8601 (an imported review: its datePublished)")
    source: Mapped[str] = mapped_column(String(10), comment="cli or import")
    imported_from: Mapped[str | None] = mapped_column(Text, comment="the file an imported review came from")

    __table_args__ = (
        CheckConstraint(_in("rating", RATINGS), name="rating"),
        CheckConstraint(_in("source", REVIEW_SOURCES), name="source"),
        Index("ix_reviews_claim_id", "claim_id", "id"),
        Index("ix_reviews_rating", "rating"),
    )
