"""Initial schema: documents, extractors, extraction runs, claims; FTS5 and claims_view.

Revision ID: 0001
Revises:
Create Date: 2026-11-21

The FTS and view DDL is written out here rather than imported, so this revision means
the same thing forever whatever later code says.

Full-text search is dialect-specific (issue 13): on SQLite, FTS5 tables kept in sync by
triggers; on PostgreSQL, GIN indexes over ``to_tsvector`` expressions, which the server
keeps in sync itself (no extra column, no trigger). Each is named like the FTS5 table
it stands for. ``claims_view`` is plain SQL both read the same way.
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

# Tables whose rows a downgrade below this revision deletes (``factdb db downgrade``
# counts them and asks for --yes). FTS indexes are rebuilt from them, so not listed.
DROPS = ("documents", "claims", "extraction_runs", "extractors")

CLAIMS_VIEW = """
CREATE VIEW claims_view AS
SELECT
    c.pk, c.id, c.document_id,
    d.title AS document_title, d.outlet, d.url, d.published,
    c.kind, c.attribute, c.subject, c.value, c.value_high, c.unit, c.currency, c.bound,
    c.date_start, c.date_end, c.date_precision, c.resolved,
    c.quote, c.char_start, c.char_end, c.attribution,
    c.extractor, c.extractor_version, c.confidence, c.run_id
FROM claims AS c
JOIN documents AS d ON d.id = c.document_id
WHERE c.is_current
"""

SQLITE_UP = [
    'CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content="documents", content_rowid="id", '
    "tokenize='porter unicode61')",
    "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    'CREATE VIRTUAL TABLE claims_fts USING fts5(quote, subject, content="claims", content_rowid="pk", '
    "tokenize='porter unicode61')",
    "CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, quote, subject) VALUES (new.pk, new.quote, new.subject); END",
    "CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, quote, subject) VALUES ('delete', old.pk, old.quote, old.subject); END",
    "CREATE TRIGGER claims_au AFTER UPDATE OF quote, subject ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, quote, subject) VALUES ('delete', old.pk, old.quote, old.subject); "
    "INSERT INTO claims_fts(rowid, quote, subject) VALUES (new.pk, new.quote, new.subject); END",
    "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
    CLAIMS_VIEW,
]

SQLITE_DOWN = [
    "DROP VIEW IF EXISTS claims_view",
    *(f"DROP TRIGGER IF EXISTS {t}_{op}" for t in ("documents", "claims") for op in ("ai", "ad", "au")),
    "DROP TABLE IF EXISTS documents_fts",
    "DROP TABLE IF EXISTS claims_fts",
]

# 'english' is the stemming closest to FTS5's porter tokenizer. A tsvector holds at most
# 1 MB, so a document's index covers its first 250,000 characters (a hostile input of
# millions of distinct words must still store).
POSTGRES_UP = [
    "CREATE INDEX documents_fts ON documents USING gin "
    "(to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || left(text, 250000)))",
    "CREATE INDEX claims_fts ON claims USING gin (to_tsvector('english'::regconfig, quote || ' ' || subject))",
    CLAIMS_VIEW,
]

POSTGRES_DOWN = [
    "DROP VIEW IF EXISTS claims_view",
    "DROP INDEX IF EXISTS claims_fts",
    "DROP INDEX IF EXISTS documents_fts",
]


def _extras(sqlite: list[str], postgres: list[str]) -> None:
    for statement in sqlite if op.get_bind().dialect.name == "sqlite" else postgres:
        op.execute(statement)


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False, comment='SHA-256 of the stored text'),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('byline', sa.String(length=200), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True, comment='ISO 8601 date'),
    sa.Column('published_precision', sa.String(length=10), nullable=True),
    sa.Column('source', sa.Text(), nullable=False, comment='where it was ingested from'),
    sa.Column('media_type', sa.String(length=40), nullable=False),
    sa.Column('encoding', sa.String(length=40), nullable=False),
    sa.Column('raw_sha256', sa.String(length=64), nullable=True, comment='SHA-256 of the raw input bytes'),
    sa.Column('char_count', sa.Integer(), nullable=False),
    sa.Column('ingested_at', sa.String(length=32), nullable=False, comment='UTC, ISO 8601'),
    sa.CheckConstraint("published_precision IN ('day', 'month', 'year')", name=op.f('ck_documents_published_precision')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('sha256', name=op.f('uq_documents_sha256'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_ingested_at'), ['ingested_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_outlet'), ['outlet'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_published'), ['published'], unique=False)

    op.create_table('extraction_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('command', sa.String(length=20), nullable=False, comment='ingest or reextract'),
    sa.Column('started_at', sa.String(length=32), nullable=False),
    sa.Column('finished_at', sa.String(length=32), nullable=True),
    sa.Column('factdb_version', sa.String(length=40), nullable=False),
    sa.Column('extractors', sa.Text(), nullable=False, comment='name@version, comma separated'),
    sa.Column('documents', sa.Integer(), nullable=False),
    sa.Column('claims_added', sa.Integer(), nullable=False),
    sa.Column('claims_removed', sa.Integer(), nullable=False),
    sa.Column('claims_changed', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_extraction_runs'))
    )
    op.create_table('extractors',
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('registered_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('name', 'version', name=op.f('pk_extractors'))
    )
    op.create_table('claims',
    sa.Column('pk', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('attribute', sa.String(length=80), nullable=True),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('value_high', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=40), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('bound', sa.String(length=10), nullable=False),
    sa.Column('date_start', sa.String(length=10), nullable=True),
    sa.Column('date_end', sa.String(length=10), nullable=True),
    sa.Column('date_precision', sa.String(length=10), nullable=True),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.Column('char_start', sa.Integer(), nullable=False),
    sa.Column('char_end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('attribution', sa.Text(), nullable=True),
    sa.Column('extractor', sa.String(length=80), nullable=False),
    sa.Column('extractor_version', sa.String(length=40), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False, comment='false once a newer version of its extractor replaced it'),
    sa.CheckConstraint("bound IN ('exact', 'approx', 'lower', 'upper', 'range')", name=op.f('ck_claims_bound')),
    sa.CheckConstraint("kind IN ('distance', 'altitude', 'speed', 'weight', 'money', 'count', 'casualties', 'percentage', 'age', 'duration', 'date', 'period', 'other_quantity')", name=op.f('ck_claims_kind')),
    sa.CheckConstraint('char_start >= 0 AND char_start < char_end', name=op.f('ck_claims_span')),
    sa.CheckConstraint('confidence >= 0 AND confidence <= 1', name=op.f('ck_claims_confidence')),
    sa.CheckConstraint('value_high IS NULL OR value IS NULL OR value_high >= value', name=op.f('ck_claims_value_range')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_claims_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['extractor', 'extractor_version'], ['extractors.name', 'extractors.version'], name=op.f('fk_claims_extractor_extractors')),
    sa.ForeignKeyConstraint(['run_id'], ['extraction_runs.id'], name=op.f('fk_claims_run_id_extraction_runs')),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_claims')),
    sa.UniqueConstraint('id', name=op.f('uq_claims_id'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_attribute', ['attribute', 'value'], unique=False)
        batch_op.create_index('ix_claims_bound', ['bound'], unique=False)
        batch_op.create_index('ix_claims_date_start', ['date_start'], unique=False)
        batch_op.create_index('ix_claims_document_id', ['document_id', 'char_start'], unique=False)
        batch_op.create_index('ix_claims_extractor', ['extractor', 'extractor_version'], unique=False)
        batch_op.create_index('ix_claims_kind', ['kind', 'value'], unique=False)
        batch_op.create_index('ix_claims_run_id', ['run_id'], unique=False)
        batch_op.create_index('ix_claims_unit', ['unit'], unique=False)

    _extras(SQLITE_UP, POSTGRES_UP)


def downgrade() -> None:
    _extras(SQLITE_DOWN, POSTGRES_DOWN)
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_unit')
        batch_op.drop_index('ix_claims_run_id')
        batch_op.drop_index('ix_claims_kind')
        batch_op.drop_index('ix_claims_extractor')
        batch_op.drop_index('ix_claims_document_id')
        batch_op.drop_index('ix_claims_date_start')
        batch_op.drop_index('ix_claims_bound')
        batch_op.drop_index('ix_claims_attribute')

    op.drop_table('claims')
    op.drop_table('extractors')
    op.drop_table('extraction_runs')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_published'))
        batch_op.drop_index(batch_op.f('ix_documents_outlet'))
        batch_op.drop_index(batch_op.f('ix_documents_ingested_at'))

    op.drop_table('documents')
