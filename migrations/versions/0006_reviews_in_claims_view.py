"""claims_view shows each claim's latest review (issue 12).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

The view gains ``latest_rating`` and ``reviews``: the verdict of the most recent review
(by review date, then by when it was recorded) and how many reviews the claim has. A
correlated subquery on ``ix_reviews_claim_id`` costs one index seek per row. The view DDL
is written out here, not imported, so this revision means the same thing forever.
"""

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# A downgrade deletes no rows: only the view changes.
DROPS = ()

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

CLAIMS_VIEW_0006 = """
CREATE VIEW claims_view AS
SELECT
    c.pk, c.id, c.document_id,
    d.title AS document_title, d.outlet, d.url, d.published,
    c.kind, c.attribute, c.subject,
    c.value_as_written, c.unit_as_written,
    c.value, c.value_high, c.unit, c.currency, c.bound,
    c.date_start, c.date_end, c.date_precision, c.resolved,
    c.quote, c.char_start, c.char_end, c.attribution,
    c.extractor, c.extractor_version, c.confidence, c.run_id,
    (SELECT r.rating FROM reviews AS r WHERE r.claim_id = c.id
     ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1) AS latest_rating,
    (SELECT count(*) FROM reviews AS r WHERE r.claim_id = c.id) AS reviews
FROM claims AS c
JOIN documents AS d ON d.id = c.document_id
WHERE c.is_current
"""


def upgrade() -> None:
    op.execute("DROP VIEW IF EXISTS claims_view")
    op.execute(CLAIMS_VIEW_0006)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS claims_view")
    op.execute(CLAIMS_VIEW_0004)
