"""Reviews: fact-checkers' verdicts on claims, added by ``factdb review`` or imported from
ClaimReview JSON-LD (issue 12).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

A new table that no view or trigger reads: plain create/drop, no batch operation.
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# A downgrade below this revision deletes every review: people's work, so counted and confirmed.
DROPS = ("reviews",)


def upgrade() -> None:
    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.String(length=32), nullable=False, comment="the claim's hash id"),
    sa.Column('rating', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reviewer', sa.Text(), nullable=True, comment='who gave the verdict'),
    sa.Column('url', sa.Text(), nullable=True, comment='the published fact-check, when there is one'),
    sa.Column('reviewed_at', sa.String(length=32), nullable=False, comment='UTC, ISO 8601 (an imported review: its datePublished)'),
    sa.Column('source', sa.String(length=10), nullable=False, comment='cli or import'),
    sa.Column('imported_from', sa.Text(), nullable=True, comment='the file an imported review came from'),
    sa.CheckConstraint("rating IN ('true', 'mostly-true', 'mixed', 'misleading', 'false', 'unverifiable')", name=op.f('ck_reviews_rating')),
    sa.CheckConstraint("source IN ('cli', 'import')", name=op.f('ck_reviews_source')),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_reviews_claim_id_claims')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews'))
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index('ix_reviews_claim_id', ['claim_id', 'id'], unique=False)
        batch_op.create_index('ix_reviews_rating', ['rating'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index('ix_reviews_rating')
        batch_op.drop_index('ix_reviews_claim_id')

    op.drop_table('reviews')
