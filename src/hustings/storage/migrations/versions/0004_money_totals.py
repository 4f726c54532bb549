"""Campaign money: running totals per place, and each seat's share of an item for ordering.

Revision ID: 0004_money_totals
Revises: 0002_money
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_money_totals"
down_revision = "0002_money"
branch_labels = None
depends_on = None

FILL_TOTALS = """
INSERT INTO money_totals (place, split, party, named, pence, items)
SELECT ss.seat, s.seat_count, COALESCE(s.targeted_party, ''), s.candidate IS NOT NULL,
       SUM(s.pence), COUNT(*)
FROM money_spend s JOIN money_spend_seats ss ON ss.spend_id = s.id
GROUP BY ss.seat, s.seat_count, COALESCE(s.targeted_party, ''), s.candidate IS NOT NULL
UNION ALL
SELECT CASE WHEN s.scope = 'uk' THEN 'uk' ELSE 'part:' || s.part END, s.seat_count,
       COALESCE(s.targeted_party, ''), s.candidate IS NOT NULL, SUM(s.pence), COUNT(*)
FROM money_spend s WHERE s.scope IN ('part', 'uk')
GROUP BY CASE WHEN s.scope = 'uk' THEN 'uk' ELSE 'part:' || s.part END, s.seat_count,
         COALESCE(s.targeted_party, ''), s.candidate IS NOT NULL
"""


def upgrade() -> None:
    op.create_table(
        "money_totals",
        sa.Column("place", sa.String(length=30), nullable=False),
        sa.Column("split", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=20), nullable=False),
        sa.Column("named", sa.Boolean(), nullable=False),
        sa.Column("pence", sa.BigInteger(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("place", "split", "party", "named"),
    )
    with op.batch_alter_table("money_spend_seats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("share_pence", sa.BigInteger(), nullable=True))
        batch_op.create_index(
            "ix_money_spend_seats_seat_share", ["seat", "share_pence"], unique=False
        )
    op.execute(
        "UPDATE money_spend_seats SET share_pence = (SELECT s.pence / s.seat_count "
        "FROM money_spend s WHERE s.id = money_spend_seats.spend_id)"
    )
    op.execute(FILL_TOTALS)


def downgrade() -> None:
    with op.batch_alter_table("money_spend_seats", schema=None) as batch_op:
        batch_op.drop_index("ix_money_spend_seats_seat_share")
        batch_op.drop_column("share_pence")
    op.drop_table("money_totals")
