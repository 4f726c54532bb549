"""Campaign money: spending and where it had effect, donors, donations, crowdfunds, pledges.

Revision ID: 0002_money
Revises: 0001_field
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_money"
down_revision = "0001_field"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "money_crowdfunds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("target_pence", sa.BigInteger(), nullable=False),
        sa.Column("seat", sa.String(length=9), nullable=True),
        sa.Column("all_or_nothing", sa.Boolean(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "money_donors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
        sa.UniqueConstraint("ref"),
    )
    op.create_table(
        "money_spend",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(length=100), nullable=False),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("pence", sa.BigInteger(), nullable=False),
        sa.Column("supplier", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("scope", sa.String(length=8), nullable=False),
        sa.Column("part", sa.String(length=20), nullable=True),
        sa.Column("seat_count", sa.Integer(), nullable=False),
        sa.Column("candidate", sa.String(length=200), nullable=True),
        sa.Column("targeted_party", sa.String(length=20), nullable=True),
        sa.Column("notional", sa.Boolean(), nullable=False),
        sa.Column("joint_plan", sa.String(length=200), nullable=True),
        sa.Column("paid_by", sa.String(length=200), nullable=True),
        sa.Column("invoice", sa.String(length=200), nullable=True),
        sa.Column("overridden", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ref"),
    )
    with op.batch_alter_table("money_spend", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_money_spend_spent_on"), ["spent_on"], unique=False)

    op.create_table(
        "money_donations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(length=100), nullable=False),
        sa.Column("donor_id", sa.Integer(), nullable=False),
        sa.Column("pence", sa.BigInteger(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("returned_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["donor_id"], ["money_donors.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ref"),
    )
    with op.batch_alter_table("money_donations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_money_donations_donor_id"), ["donor_id"], unique=False)

    op.create_table(
        "money_donor_checks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("donor_id", sa.Integer(), nullable=False),
        sa.Column("check_name", sa.String(length=40), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["donor_id"], ["money_donors.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("money_donor_checks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_money_donor_checks_donor_id"), ["donor_id"], unique=False
        )

    op.create_table(
        "money_pledges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(length=100), nullable=False),
        sa.Column("crowdfund_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("pence", sa.BigInteger(), nullable=False),
        sa.Column("pledged_on", sa.Date(), nullable=False),
        sa.Column("paid_pence", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("refunded_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["crowdfund_id"], ["money_crowdfunds.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ref"),
    )
    with op.batch_alter_table("money_pledges", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_money_pledges_crowdfund_id"), ["crowdfund_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_money_pledges_email"), ["email"], unique=False)

    op.create_table(
        "money_spend_seats",
        sa.Column("spend_id", sa.Integer(), nullable=False),
        sa.Column("seat", sa.String(length=9), nullable=False),
        sa.ForeignKeyConstraint(["spend_id"], ["money_spend.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("spend_id", "seat"),
    )
    with op.batch_alter_table("money_spend_seats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_money_spend_seats_seat"), ["seat"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("money_spend_seats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_money_spend_seats_seat"))

    op.drop_table("money_spend_seats")
    with op.batch_alter_table("money_pledges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_money_pledges_email"))
        batch_op.drop_index(batch_op.f("ix_money_pledges_crowdfund_id"))

    op.drop_table("money_pledges")
    with op.batch_alter_table("money_donor_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_money_donor_checks_donor_id"))

    op.drop_table("money_donor_checks")
    with op.batch_alter_table("money_donations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_money_donations_donor_id"))

    op.drop_table("money_donations")
    with op.batch_alter_table("money_spend", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_money_spend_spent_on"))

    op.drop_table("money_spend")
    op.drop_table("money_donors")
    op.drop_table("money_crowdfunds")
