"""The claim keeps what was written: claims.value_as_written and claims.unit_as_written,
and claims_view shows them (issue 9).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

Adding a nullable column is a plain ``ALTER TABLE ... ADD COLUMN`` on SQLite, so no batch
("move and copy") operation runs and the FTS triggers on ``claims`` are never dropped.
``claims_view`` selects named columns, so it is dropped and recreated with the new ones.
Existing claims get NULL; a re-extraction fills them. The downgrade drops the view, then
the columns (SQLite >= 3.35 ``DROP COLUMN``: nothing else in the schema names them), and
recreates the view exactly as 0001 wrote it. The view DDL is written out here rather than
imported, so this revision means the same thing forever.
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# A downgrade deletes no rows, only the two as-written columns (re-extraction recomputes them).
DROPS = ()

CLAIMS_VIEW_0001 = """
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

# The as-written figure sits next to the canonical one, so a reader sees "19" "miles"
# beside 30.577536 km without opening the claim.
CLAIMS_VIEW_0004 = """
CREATE VIEW claims_view AS
SELECT
    c.pk, c.id, c.document_id,
    d.title AS document_title, d.outlet, d.url, d.published,
    c.kind, c.attribute, c.subject,
    c.value_as_written, c.unit_as_written,
    c.value, c.value_high, c.unit, c.currency, c.bound,
    c.date_start, c.date_end, c.date_precision, c.resolved,
    c.quote, c.char_start, c.char_end, c.attribution,
    c.extractor, c.extractor_version, c.confidence, c.run_id
FROM claims AS c
JOIN documents AS d ON d.id = c.document_id
WHERE c.is_current
"""


def upgrade() -> None:
    op.execute("DROP VIEW IF EXISTS claims_view")
    op.add_column('claims', sa.Column('value_as_written', sa.Text(), nullable=True,
                                      comment='the figure as written: "1,100", "35 billion", "four to five thousand"'))
    op.add_column('claims', sa.Column('unit_as_written', sa.Text(), nullable=True,
                                      comment='unit, currency or counted words as written: "miles", "$", "per cent"'))
    op.execute(CLAIMS_VIEW_0004)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS claims_view")
    op.drop_column('claims', 'unit_as_written')
    op.drop_column('claims', 'value_as_written')
    op.execute(CLAIMS_VIEW_0001)
