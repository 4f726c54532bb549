"""Campaign money: what the spending return asks of each item (the supplier's address, the
dates of the claim and of payment, whether the claim is paid, unpaid or disputed), the donor's
address, and whether a donation was given for regulated spending.

Revision ID: 0006_money_return
Revises: 0005_money_scope_index
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_money_return"
down_revision = "0005_money_scope_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("money_spend", schema=None) as batch_op:
        batch_op.add_column(sa.Column("supplier_address", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("claimed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("paid_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("claim_status", sa.String(length=10), nullable=True))
    with op.batch_alter_table("money_donors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("address", sa.Text(), nullable=True))
    with op.batch_alter_table("money_donations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("purpose", sa.String(length=10), nullable=False, server_default="regulated")
        )


def downgrade() -> None:
    with op.batch_alter_table("money_donations", schema=None) as batch_op:
        batch_op.drop_column("purpose")
    with op.batch_alter_table("money_donors", schema=None) as batch_op:
        batch_op.drop_column("address")
    with op.batch_alter_table("money_spend", schema=None) as batch_op:
        batch_op.drop_column("claim_status")
        batch_op.drop_column("paid_on")
        batch_op.drop_column("claimed_on")
        batch_op.drop_column("supplier_address")
