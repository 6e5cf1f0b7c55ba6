"""A compared claim records which time it was compared at, and why (issue 10).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

``claim_group_members`` gains three nullable columns, written by the group rebuild:

- ``time_basis``: ``text`` when the claim's own words dated it ("in 1999", "on Thursday"),
  ``publication`` when the publication date was the fallback;
- ``time_quote``: those words, exactly as written (NULL for the publication fallback);
- ``background``: the text dates the figure more than 45 days before publication, so it was
  compared only with figures of its own time, never with current ones.

Until now the basis was only readable from the end of ``source_key`` ("time: text 'in 1999'").
Plain ``ALTER TABLE ... ADD COLUMN`` on SQLite (no batch copy); existing rows get NULL until the
derived tables rebuild, which the derived-state fingerprint (derived v3) triggers on the next
ingest or ``factdb link``. The downgrade drops the columns (SQLite >= 3.35 ``DROP COLUMN``: no
view, index or trigger names them); ``source_key`` still carries the basis as text.
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# A downgrade deletes no rows: only the three derived columns (a rebuild recomputes them).
DROPS = ()


def upgrade() -> None:
    op.add_column('claim_group_members', sa.Column(
        'time_basis', sa.String(length=12), nullable=True,
        comment="'text': the claim's own words dated it; 'publication': the publication-date fallback"))
    op.add_column('claim_group_members', sa.Column(
        'time_quote', sa.String(length=200), nullable=True,
        comment='the words that dated it, as written (NULL for the publication fallback)'))
    op.add_column('claim_group_members', sa.Column(
        'background', sa.Boolean(), nullable=True,
        comment='dated more than 45 days before publication: compared only with figures of its own time'))


def downgrade() -> None:
    op.drop_column('claim_group_members', 'background')
    op.drop_column('claim_group_members', 'time_quote')
    op.drop_column('claim_group_members', 'time_basis')
