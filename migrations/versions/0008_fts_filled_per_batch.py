"""Rows enter the SQLite full-text indexes per transaction, not through per-row triggers (issue 13).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

Drops the insert triggers ``documents_ai`` and ``claims_ai`` of revision 0001. Whatever
inserts documents or claims now fills ``documents_fts`` / ``claims_fts`` itself, once per
transaction (``factdb.db.sqlite_extras.fill_fts``: an ``INSERT INTO ..._fts SELECT`` over
the new keys). Why: FTS5 flushes its pending terms to a new index segment at every
savepoint, and ingest writes each document inside a savepoint of its own, so the triggers
wrote one small segment per document and merged them again: half of ingest's storing
time (BBC: 2.5 to 1.3 CPU ms per document for the whole store stage).

The delete and update triggers (``*_ad``, ``*_au``) stay: rows leave and change in the
indexes as before. The indexes hold every row already (the triggers kept them), so neither
direction rebuilds them; the downgrade puts the insert triggers back as 0001 wrote them.

PostgreSQL has no triggers here (GIN expression indexes, kept by the server): nothing to do.
"""

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# A downgrade deletes no rows.
DROPS = ()

# as revision 0001 wrote them
INSERT_TRIGGERS = {
    "documents_ai": "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "claims_ai": "CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, quote, subject) VALUES (new.pk, new.quote, new.subject); END",
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in INSERT_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for sql in INSERT_TRIGGERS.values():
            op.execute(sql)
