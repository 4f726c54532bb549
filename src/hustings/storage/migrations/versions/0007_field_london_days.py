"""Field operation: per-day contact totals by the London calendar day (they were by UTC day, so
an evening's doors after 23:00 in summer fell on the next day's total).

Revision ID: 0007_field_london_days
Revises: 0001_field
"""

from __future__ import annotations

from alembic import op

revision = "0007_field_london_days"
down_revision = "0001_field"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from hustings.storage.field import rebuild_daily

    rebuild_daily(op.get_bind())


def downgrade() -> None:
    """The totals stay by London day: they are derived from the records, which are unchanged."""
