"""Accounts: users with one role (scoped to seats or walk lists), API tokens and web sessions.

Passwords are hashed with Argon2id (argon2-cffi); tokens and session ids are random and
stored only as SHA-256 digests, so a copy of the database does not let anyone log in.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hustings.errors import AuthError, InvalidInputError, NotFoundError
from hustings.storage import audit
from hustings.storage import schema as t
from hustings.storage.engine import Database

SESSION_LIFETIME = timedelta(hours=12)
NAME_MAX = 200


class Role(StrEnum):
    """What an account may do: every role reads only what its scope allows."""

    ADMIN = "admin"
    ORGANISER = "organiser"
    CANVASSER = "canvasser"
    VIEWER = "viewer"


@dataclass(frozen=True)
class Principal:
    """An authenticated account: its id, name, role and seat scope (organisers)."""

    user_id: int
    name: str
    role: Role
    seats: frozenset[str] = field(default_factory=frozenset)

    @property
    def actor(self) -> str:
        """How the audit log names this account."""
        return f"user#{self.user_id}"

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "id": self.user_id,
            "name": self.name,
            "role": self.role.value,
            "seats": sorted(self.seats),
        }


SYSTEM = Principal(0, "command line", Role.ADMIN)
"""The operator at the command line (who holds the database itself)."""


def parse_role(text: str) -> Role:
    """A :class:`Role` from its name, or a one-line error listing the roles."""
    try:
        return Role(text.strip().lower())
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise InvalidInputError(f"no role '{text}'", hint=f"use one of: {names}") from None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def create_user(
    db: Database,
    name: str,
    role: Role,
    *,
    seats: Iterable[str] = (),
    password: str | None = None,
    actor: Principal = SYSTEM,
    token_days: int | None = None,
) -> tuple[Principal, str]:
    """Add an account and return it with a new API token (shown once, stored as a digest)."""
    name = name.strip()
    if not name or len(name) > NAME_MAX:
        raise InvalidInputError(f"an account name must be 1 to {NAME_MAX} characters")
    seat_set = frozenset(seats)
    if role is Role.ORGANISER and not seat_set:
        raise InvalidInputError(
            f"organiser '{name}' needs the seats they organise", hint="pass --seats SEAT,..."
        )
    hashed = _hasher().hash(password) if password else None
    with db.write() as conn:
        taken = conn.execute(sa.select(t.users.c.id).where(t.users.c.name == name)).first()
        if taken:
            raise InvalidInputError(f"an account named '{name}' exists already", name=name)
        user_id = conn.execute(
            t.users.insert()
            .values(name=name, role=role.value, password_hash=hashed, created_at=_now())
            .returning(t.users.c.id)
        ).scalar_one()
        if seat_set:
            conn.execute(
                t.user_seats.insert(), [{"user_id": user_id, "seat": s} for s in sorted(seat_set)]
            )
        token = _issue_token(conn, user_id, token_days)
        audit.append(
            conn,
            actor=actor.actor,
            action="role.grant",
            subject=f"user#{user_id}",
            detail={"role": role.value, "seats": sorted(seat_set)},
        )
    return Principal(user_id, name, role, seat_set), token


def _issue_token(conn: Connection, user_id: int, days: int | None) -> str:
    token = "hst_" + secrets.token_urlsafe(32)
    expires = _now() + timedelta(days=days) if days else None
    conn.execute(
        t.api_tokens.insert().values(
            user_id=user_id, token_hash=_digest(token), created_at=_now(), expires_at=expires
        )
    )
    return token


def issue_token(db: Database, name: str, *, days: int | None = None) -> str:
    """A new API token for the named account."""
    with db.write() as conn:
        user_id = _user_id(conn, name)
        token = _issue_token(conn, user_id, days)
        audit.append(conn, actor=SYSTEM.actor, action="token.issue", subject=f"user#{user_id}")
    return token


def _user_id(conn: Connection, name: str) -> int:
    found = conn.execute(sa.select(t.users.c.id).where(t.users.c.name == name)).scalar()
    if found is None:
        raise NotFoundError(f"no account named '{name}'", hint="list them with `field user list`")
    return int(found)


def _principal(conn: Connection, user_id: int) -> Principal:
    row = conn.execute(sa.select(t.users).where(t.users.c.id == user_id)).one()
    if row.disabled:
        raise AuthError("this account is disabled")
    seats = conn.execute(
        sa.select(t.user_seats.c.seat).where(t.user_seats.c.user_id == user_id)
    ).scalars()
    return Principal(row.id, row.name, Role(row.role), frozenset(seats))


def principal_for_token(db: Database, token: str) -> Principal:
    """The account a bearer token belongs to; :class:`AuthError` if unknown, expired or revoked."""
    k, u = t.api_tokens.c, t.users.c
    query = (
        sa.select(k.revoked_at, k.expires_at, u.id, u.name, u.role, u.disabled)
        .join(t.users, u.id == k.user_id)
        .where(k.token_hash == _digest(token))
    )
    with db.query() as conn:
        row = conn.execute(query).first()
        if row is None or row.revoked_at is not None:
            raise AuthError("the API token is not valid", hint="ask an admin for a new token")
        if row.expires_at is not None and row.expires_at <= _now():
            raise AuthError("the API token has expired", hint="ask an admin for a new token")
        if row.disabled:
            raise AuthError("this account is disabled")
        role = Role(row.role)
        seats: frozenset[str] = frozenset()
        if role is Role.ORGANISER:
            seats = frozenset(
                conn.execute(
                    sa.select(t.user_seats.c.seat).where(t.user_seats.c.user_id == row.id)
                ).scalars()
            )
        return Principal(row.id, row.name, role, seats)


def set_password(db: Database, name: str, password: str) -> None:
    """Set (or replace) an account's web password."""
    if len(password) < 10:
        raise InvalidInputError("a password must have at least 10 characters")
    with db.write() as conn:
        user_id = _user_id(conn, name)
        conn.execute(
            t.users.update()
            .where(t.users.c.id == user_id)
            .values(password_hash=_hasher().hash(password))
        )
        audit.append(conn, actor=SYSTEM.actor, action="password.set", subject=f"user#{user_id}")


def login(db: Database, name: str, password: str) -> tuple[Principal, str, str]:
    """Check a password; return the account, a new session id and its CSRF token."""
    from argon2.exceptions import InvalidHashError, VerificationError

    with db.read() as conn:
        row = conn.execute(sa.select(t.users).where(t.users.c.name == name.strip())).first()
    stored = row.password_hash if row is not None else None
    try:
        _hasher().verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        stored = None
    if row is None or stored is None:
        raise AuthError("wrong account name or password")
    session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    with db.write() as conn:
        principal = _principal(conn, row.id)
        conn.execute(
            t.web_sessions.insert().values(
                id_hash=_digest(session_id),
                user_id=row.id,
                csrf=csrf,
                created_at=_now(),
                expires_at=_now() + SESSION_LIFETIME,
            )
        )
    return principal, session_id, csrf


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the account does not exist, so timing tells nothing."""
    return str(_hasher().hash(secrets.token_urlsafe(16)))


def principal_for_session(db: Database, session_id: str) -> tuple[Principal, str]:
    """The account and CSRF token of a live web session; :class:`AuthError` otherwise."""
    with db.read() as conn:
        row = conn.execute(
            sa.select(t.web_sessions).where(t.web_sessions.c.id_hash == _digest(session_id))
        ).first()
        if row is None or row.expires_at <= _now():
            raise AuthError("your session has ended", hint="log in again")
        return _principal(conn, row.user_id), row.csrf


def logout(db: Database, session_id: str) -> None:
    """End a web session."""
    with db.write() as conn:
        conn.execute(t.web_sessions.delete().where(t.web_sessions.c.id_hash == _digest(session_id)))


def set_role(
    db: Database, name: str, role: Role, *, seats: Iterable[str] = (), actor: Principal = SYSTEM
) -> Principal:
    """Change an account's role and seat scope (audited)."""
    seat_set = frozenset(seats)
    with db.write() as conn:
        user_id = _user_id(conn, name)
        conn.execute(t.users.update().where(t.users.c.id == user_id).values(role=role.value))
        conn.execute(t.user_seats.delete().where(t.user_seats.c.user_id == user_id))
        if seat_set:
            conn.execute(
                t.user_seats.insert(), [{"user_id": user_id, "seat": s} for s in sorted(seat_set)]
            )
        audit.append(
            conn,
            actor=actor.actor,
            action="role.change",
            subject=f"user#{user_id}",
            detail={"role": role.value, "seats": sorted(seat_set)},
        )
        return _principal(conn, user_id)


def list_users(db: Database) -> list[Principal]:
    """Every account, by name."""
    u, s = t.users.c, t.user_seats.c
    with db.read() as conn:
        seats: dict[int, set[str]] = {}
        for user_id, seat in conn.execute(sa.select(s.user_id, s.seat)):
            seats.setdefault(user_id, set()).add(seat)
        rows = conn.execute(sa.select(u.id, u.name, u.role).order_by(u.name)).all()
    return [Principal(r.id, r.name, Role(r.role), frozenset(seats.get(r.id, ()))) for r in rows]


def user_named(conn: Connection, name: str) -> Principal:
    """The account with this name (:class:`NotFoundError` if there is none)."""
    return _principal(conn, _user_id(conn, name))


def revoke_tokens(db: Database, name: str) -> int:
    """Revoke every API token of an account and end its web sessions; returns how many tokens."""
    with db.write() as conn:
        user_id = _user_id(conn, name)
        done = conn.execute(
            t.api_tokens.update()
            .where(t.api_tokens.c.user_id == user_id, t.api_tokens.c.revoked_at.is_(None))
            .values(revoked_at=_now())
        ).rowcount
        conn.execute(t.web_sessions.delete().where(t.web_sessions.c.user_id == user_id))
        audit.append(conn, actor=SYSTEM.actor, action="token.revoke", subject=f"user#{user_id}")
    return int(done)


__all__ = [
    "SYSTEM",
    "Principal",
    "Role",
    "create_user",
    "issue_token",
    "list_users",
    "login",
    "logout",
    "parse_role",
    "principal_for_session",
    "principal_for_token",
    "revoke_tokens",
    "set_password",
    "set_role",
    "user_named",
]
