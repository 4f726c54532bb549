"""The tables of user-created state, as SQLAlchemy Core objects that queries are built from.

The migrations under ``migrations/versions`` create exactly these; a test checks the two agree.
Times are stored as naive UTC and come back timezone-aware (:class:`UTCDateTime`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

metadata = sa.MetaData()

TABLE_MODULES: tuple[str, ...] = (
    "hustings.storage.money_tables",
    "hustings.storage.votes_tables",
)
"""Modules of other capabilities that add their tables to :data:`metadata` (e.g. money)."""


def load_all() -> sa.MetaData:
    """The metadata with every capability's tables registered."""
    import importlib

    for name in TABLE_MODULES:
        importlib.import_module(name)
    return metadata


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and returned as an aware UTC ``datetime``."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def _created() -> sa.Column[datetime]:
    return sa.Column("created_at", UTCDateTime, nullable=False)


# --- accounts and audit -------------------------------------------------------------------
users = sa.Table(
    "users",
    metadata,
    _id(),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.String(200)),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    _created(),
)

user_seats = sa.Table(
    "user_seats",
    metadata,
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("seat", sa.String(9), primary_key=True),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    _id(),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    _created(),
    sa.Column("expires_at", UTCDateTime),
    sa.Column("revoked_at", UTCDateTime),
)

web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    _created(),
    sa.Column("expires_at", UTCDateTime, nullable=False),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(60), nullable=False),
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

audit_head = sa.Table(
    "audit_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

deployment = sa.Table(
    "deployment",
    metadata,
    sa.Column("key", sa.String(60), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("set_at", UTCDateTime, nullable=False),
)

# --- volunteers, events and shifts --------------------------------------------------------
volunteers = sa.Table(
    "volunteers",
    metadata,
    _id(),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("email", sa.String(320), unique=True),
    sa.Column("phone", sa.String(32), unique=True),
    sa.Column("postcode", sa.String(8)),
    sa.Column("seat", sa.String(9)),
    sa.Column("easting", sa.Integer),
    sa.Column("northing", sa.Integer),
    sa.Column("availability", sa.Text, nullable=False, default=""),
    sa.Column("max_travel_km", sa.Float),
    sa.Column("skills", sa.Text, nullable=False, default=""),
    _created(),
)

events = sa.Table(
    "events",
    metadata,
    _id(),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("seat", sa.String(9), nullable=False),
    sa.Column("starts_at", UTCDateTime, nullable=False),
    sa.Column("ends_at", UTCDateTime, nullable=False),
    sa.Column("meeting_point", sa.Text, nullable=False, default=""),
    sa.Column("capacity", sa.Integer),
    _created(),
)

shifts = sa.Table(
    "shifts",
    metadata,
    _id(),
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    sa.Column("starts_at", UTCDateTime, nullable=False),
    sa.Column("ends_at", UTCDateTime, nullable=False),
    sa.Column("capacity", sa.Integer),
)

signups = sa.Table(
    "signups",
    metadata,
    sa.Column("shift_id", sa.ForeignKey("shifts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("volunteer_id", sa.ForeignKey("volunteers.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("hours", sa.Float),
    _created(),
)

# --- households, walk lists and contact records --------------------------------------------
household_imports = sa.Table(
    "household_imports",
    metadata,
    _id(),
    sa.Column("source", sa.String(300), nullable=False),
    sa.Column("is_register", sa.Boolean, nullable=False),
    sa.Column("purposes", sa.Text, nullable=False),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    _created(),
)

households = sa.Table(
    "households",
    metadata,
    _id(),
    sa.Column("address_key", sa.String(200), nullable=False, unique=True),
    sa.Column("seat", sa.String(9), nullable=False),
    sa.Column("ward", sa.String(9)),
    sa.Column("easting", sa.Integer),
    sa.Column("northing", sa.Integer),
    sa.Column("import_id", sa.ForeignKey("household_imports.id")),
    sa.Column("knocked_at", UTCDateTime),
    sa.Column("spoken_at", UTCDateTime),
    sa.Column("phoned_at", UTCDateTime),
    sa.Column("leafleted_at", UTCDateTime),
    _created(),
    sa.Index(
        "ix_households_coverage",
        "seat",
        "ward",
        "knocked_at",
        "spoken_at",
        "phoned_at",
        "leafleted_at",
    ),
)

walk_lists = sa.Table(
    "walk_lists",
    metadata,
    _id(),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("seat", sa.String(9), nullable=False),
    sa.Column("assigned_to", sa.ForeignKey("users.id", ondelete="SET NULL"), index=True),
    _created(),
)

walk_list_households = sa.Table(
    "walk_list_households",
    metadata,
    sa.Column("walk_list_id", sa.ForeignKey("walk_lists.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "household_id",
        sa.ForeignKey("households.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

contacts = sa.Table(
    "contacts",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column(
        "household_id",
        sa.ForeignKey("households.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("outcome", sa.String(12), nullable=False),
    sa.Column("channel", sa.String(8), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("recorded_by", sa.ForeignKey("users.id", ondelete="SET NULL")),
    sa.Column("received_at", UTCDateTime, nullable=False),
)

contact_daily = sa.Table(
    "contact_daily",
    metadata,
    sa.Column("seat", sa.String(9), primary_key=True),
    sa.Column("ward", sa.String(9), primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("knocked", sa.Integer, nullable=False),
    sa.Column("spoken", sa.Integer, nullable=False),
    sa.Column("phoned", sa.Integer, nullable=False),
    sa.Column("leaflets", sa.Integer, nullable=False),
)

# --- individuals' voting intention: only with a lawful basis and explicit consent ----------
residents = sa.Table(
    "residents",
    metadata,
    _id(),
    sa.Column("household_id", sa.ForeignKey("households.id", ondelete="CASCADE")),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("email", sa.String(320), unique=True),
    _created(),
)

consents = sa.Table(
    "consents",
    metadata,
    _id(),
    sa.Column("resident_id", sa.ForeignKey("residents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("wording_version", sa.String(60), nullable=False),
    sa.Column("given_at", UTCDateTime, nullable=False),
)

intentions = sa.Table(
    "intentions",
    metadata,
    _id(),
    sa.Column("resident_id", sa.ForeignKey("residents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("consent_id", sa.ForeignKey("consents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("party", sa.String(8), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("recorded_by", sa.ForeignKey("users.id", ondelete="SET NULL")),
)

__all__ = [
    "TABLE_MODULES",
    "UTCDateTime",
    "api_tokens",
    "audit_head",
    "audit_log",
    "consents",
    "contact_daily",
    "contacts",
    "deployment",
    "events",
    "household_imports",
    "households",
    "intentions",
    "load_all",
    "metadata",
    "residents",
    "shifts",
    "signups",
    "user_seats",
    "users",
    "volunteers",
    "walk_list_households",
    "walk_lists",
    "web_sessions",
]
