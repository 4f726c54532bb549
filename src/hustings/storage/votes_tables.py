"""The tables of member votes: the register, ballots, the frozen electorate and the papers.

Secrecy is a property of these tables: ``vote_electors`` knows who may vote and whether they
have (a credential digest and a flag, no time), ``vote_papers`` knows what was voted (a random
id, the preferences, the digest of the voter's receipt code) and nothing else. No column of a
paper holds a member id, a credential digest or a time, so the two cannot be joined.
"""

from __future__ import annotations

import sqlalchemy as sa

from hustings.storage import privacy
from hustings.storage.schema import UTCDateTime, metadata

vote_members = sa.Table(
    "vote_members",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("member_no", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("email", sa.String(320), unique=True),
    sa.Column("branch", sa.String(120), nullable=False, default=""),
    sa.Column("region", sa.String(120), nullable=False, default=""),
    sa.Column("joined", sa.Date),
    sa.Column("dues", sa.String(40), nullable=False, default=""),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

vote_ballots = sa.Table(
    "vote_ballots",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("slug", sa.String(60), nullable=False, unique=True),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("kind", sa.String(12), nullable=False),
    sa.Column("method", sa.String(24), nullable=False),
    sa.Column("seats", sa.Integer, nullable=False),
    sa.Column("options", sa.Text, nullable=False),
    sa.Column("eligibility", sa.Text, nullable=False),
    sa.Column("allow_revote", sa.Boolean, nullable=False),
    sa.Column("seed", sa.Integer, nullable=False),
    sa.Column("opens_at", UTCDateTime, nullable=False),
    sa.Column("closes_at", UTCDateTime, nullable=False),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("electorate", sa.Integer),
    sa.Column("result", sa.Text),
    sa.Column("digest", sa.String(64)),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

vote_candidates = sa.Table(
    "vote_candidates",
    metadata,
    sa.Column("ballot_id", sa.ForeignKey("vote_ballots.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("statement", sa.Text, nullable=False, default=""),
)

vote_electors = sa.Table(
    "vote_electors",
    metadata,
    sa.Column("ballot_id", sa.ForeignKey("vote_ballots.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("member_id", sa.ForeignKey("vote_members.id"), primary_key=True, index=True),
    sa.Column("region", sa.String(120), nullable=False),
    sa.Column("credential_hash", sa.String(64), unique=True),
    sa.Column("voted", sa.Boolean, nullable=False, default=False),
)

vote_papers = sa.Table(
    "vote_papers",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column(
        "ballot_id",
        sa.ForeignKey("vote_ballots.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("preferences", sa.String(2000), nullable=False),
    sa.Column("receipt_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("replace_key", sa.String(64), unique=True),
    sqlite_with_rowid=False,
)

privacy.register(
    privacy.SubjectTable("member", vote_members, ("email",), ((vote_electors, "member_id"),))
)

__all__ = ["vote_ballots", "vote_candidates", "vote_electors", "vote_members", "vote_papers"]
