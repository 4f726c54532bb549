"""The tables of campaign money: spending with where it had effect, donors and donations with
permissibility evidence, crowdfunds and pledges. Amounts are integer pence (BigInteger)."""

from __future__ import annotations

import sqlalchemy as sa

from hustings.storage import privacy
from hustings.storage.schema import UTCDateTime, metadata

money_spend = sa.Table(
    "money_spend",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ref", sa.String(100), nullable=False, unique=True),
    sa.Column("spent_on", sa.Date, nullable=False, index=True),
    sa.Column("pence", sa.BigInteger, nullable=False),
    sa.Column("supplier", sa.String(200), nullable=False),
    sa.Column("category", sa.String(20), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("scope", sa.String(8), nullable=False),
    sa.Column("part", sa.String(20)),
    sa.Column("seat_count", sa.Integer, nullable=False),
    sa.Column("candidate", sa.String(200)),
    sa.Column("targeted_party", sa.String(20)),
    sa.Column("notional", sa.Boolean, nullable=False),
    sa.Column("joint_plan", sa.String(200)),
    sa.Column("paid_by", sa.String(200)),
    sa.Column("invoice", sa.String(200)),
    sa.Column("supplier_address", sa.Text),
    sa.Column("claimed_on", sa.Date),
    sa.Column("paid_on", sa.Date),
    sa.Column("claim_status", sa.String(10)),
    sa.Column("overridden", sa.Boolean, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_money_spend_scope_pence", "scope", "pence"),
)

money_spend_seats = sa.Table(
    "money_spend_seats",
    metadata,
    sa.Column("spend_id", sa.ForeignKey("money_spend.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("seat", sa.String(9), primary_key=True, index=True),
    sa.Column("share_pence", sa.BigInteger),
    sa.Index("ix_money_spend_seats_seat_share", "seat", "share_pence"),
)

money_totals = sa.Table(
    "money_totals",
    metadata,
    sa.Column("place", sa.String(30), primary_key=True),
    sa.Column("split", sa.Integer, primary_key=True),
    sa.Column("party", sa.String(20), primary_key=True),
    sa.Column("named", sa.Boolean, primary_key=True),
    sa.Column("pence", sa.BigInteger, nullable=False),
    sa.Column("items", sa.Integer, nullable=False),
)
"""Running sums of all spending by place (a seat, ``part:<name>`` or ``uk``), number of seats
split over, targeted party ('' for none) and named-candidate flag, kept in the write."""

money_donors = sa.Table(
    "money_donors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ref", sa.String(100), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("email", sa.String(320), unique=True),
    sa.Column("address", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

money_donor_checks = sa.Table(
    "money_donor_checks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "donor_id", sa.ForeignKey("money_donors.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("check_name", sa.String(40), nullable=False),
    sa.Column("passed", sa.Boolean, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("checked_on", sa.Date, nullable=False),
)

money_donations = sa.Table(
    "money_donations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ref", sa.String(100), nullable=False, unique=True),
    sa.Column(
        "donor_id", sa.ForeignKey("money_donors.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("pence", sa.BigInteger, nullable=False),
    sa.Column("received_on", sa.Date, nullable=False),
    sa.Column("accepted_on", sa.Date),
    sa.Column("returned_on", sa.Date),
    sa.Column("purpose", sa.String(10), nullable=False, server_default="regulated"),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

money_crowdfunds = sa.Table(
    "money_crowdfunds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("target_pence", sa.BigInteger, nullable=False),
    sa.Column("seat", sa.String(9)),
    sa.Column("all_or_nothing", sa.Boolean, nullable=False),
    sa.Column("closes_on", sa.Date),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

money_pledges = sa.Table(
    "money_pledges",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ref", sa.String(100), nullable=False, unique=True),
    sa.Column(
        "crowdfund_id",
        sa.ForeignKey("money_crowdfunds.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("email", sa.String(320), index=True),
    sa.Column("pence", sa.BigInteger, nullable=False),
    sa.Column("pledged_on", sa.Date, nullable=False),
    sa.Column("paid_pence", sa.BigInteger, nullable=False),
    sa.Column("paid_on", sa.Date),
    sa.Column("refunded_on", sa.Date),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

privacy.register(
    privacy.SubjectTable(
        "donor",
        money_donors,
        ("email",),
        ((money_donations, "donor_id"), (money_donor_checks, "donor_id")),
    )
)
privacy.register(privacy.SubjectTable("pledger", money_pledges, ("email",)))

__all__ = [
    "money_crowdfunds",
    "money_donations",
    "money_donor_checks",
    "money_donors",
    "money_pledges",
    "money_spend",
    "money_spend_seats",
    "money_totals",
]
