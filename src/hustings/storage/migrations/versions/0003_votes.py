"""Member votes: the register, ballots, candidates, the frozen electorate and the papers.

Revision ID: 0003_votes
Revises: 0001_field
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_votes"
down_revision = "0001_field"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vote_members",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("member_no", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("branch", sa.String(length=120), nullable=False),
        sa.Column("region", sa.String(length=120), nullable=False),
        sa.Column("joined", sa.Date(), nullable=True),
        sa.Column("dues", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_no"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "vote_ballots",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("method", sa.String(length=24), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("eligibility", sa.Text(), nullable=False),
        sa.Column("allow_revote", sa.Boolean(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("opens_at", sa.DateTime(), nullable=False),
        sa.Column("closes_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("electorate", sa.Integer(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "vote_candidates",
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["ballot_id"], ["vote_ballots.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("ballot_id", "position"),
    )
    op.create_table(
        "vote_electors",
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=120), nullable=False),
        sa.Column("credential_hash", sa.String(length=64), nullable=True),
        sa.Column("voted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["ballot_id"], ["vote_ballots.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["vote_members.id"]),
        sa.PrimaryKeyConstraint("ballot_id", "member_id"),
        sa.UniqueConstraint("credential_hash"),
    )
    with op.batch_alter_table("vote_electors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vote_electors_member_id"), ["member_id"], unique=False)
    op.create_table(
        "vote_papers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("preferences", sa.String(length=2000), nullable=False),
        sa.Column("receipt_hash", sa.String(length=64), nullable=False),
        sa.Column("replace_key", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["ballot_id"], ["vote_ballots.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("receipt_hash"),
        sa.UniqueConstraint("replace_key"),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("vote_papers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vote_papers_ballot_id"), ["ballot_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("vote_papers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_papers_ballot_id"))
    op.drop_table("vote_papers")
    with op.batch_alter_table("vote_electors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_electors_member_id"))
    op.drop_table("vote_electors")
    op.drop_table("vote_candidates")
    op.drop_table("vote_ballots")
    op.drop_table("vote_members")
