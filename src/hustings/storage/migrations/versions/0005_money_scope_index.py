"""Campaign money: an index on (scope, pence), so the largest part- and UK-wide items are read
without a scan of every item.

Revision ID: 0005_money_scope_index
Revises: 0004_money_totals
"""

from __future__ import annotations

from alembic import op

revision = "0005_money_scope_index"
down_revision = "0004_money_totals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_money_spend_scope_pence", "money_spend", ["scope", "pence"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_money_spend_scope_pence", table_name="money_spend")
