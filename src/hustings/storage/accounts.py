"""Accounts: users with one role (scoped to seats or walk lists), API tokens and web sessions.

Passwords are hashed with Argon2id (argon2-cffi); tokens and session ids are random and
stored only as SHA-256 digests, so a copy of the database does not let anyone log in.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
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
from hustings.storage.engine import Database, json_in

SESSION_LIFETIME = timedelta(hours=12)
NAME_MAX = 200
NEW_TOKEN = "ask an admin for a new token"


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
    with db.query() as conn:
        found = principals_for_tokens(conn, [token])[token]
    if isinstance(found, AuthError):
        raise found
    return found


def principals_for_tokens(
    conn: Connection, tokens: Iterable[str]
) -> dict[str, Principal | AuthError]:
    """The account of each bearer token, or the :class:`AuthError` that refuses it (unknown,
    revoked or expired token, disabled account), in one query for all of them."""
    by_digest = {_digest(token): token for token in tokens}
    if not by_digest:
        return {}
    query = _lookups(conn.dialect.name).tokens
    found: dict[str, Principal | AuthError] = {
        token: AuthError("the API token is not valid", hint=NEW_TOKEN)
        for token in by_digest.values()
    }
    now = _now()
    for row in conn.execute(query, {"digests": _json_list(by_digest)}):
        token = by_digest[row.token_hash]
        known = found[token]
        if isinstance(known, Principal):
            found[token] = _with_seat(known, row.seat)
        elif row.revoked_at is not None:
            continue
        elif row.expires_at is not None and row.expires_at <= now:
            found[token] = AuthError("the API token has expired", hint=NEW_TOKEN)
        elif row.disabled:
            found[token] = AuthError("this account is disabled")
        else:
            found[token] = _with_seat(Principal(row.id, row.name, Role(row.role)), row.seat)
    return found


@dataclass(frozen=True)
class _Lookups:
    """The statements that find the accounts of many tokens or sessions at once."""

    tokens: Any
    sessions: Any


@functools.cache
def _lookups(dialect: str) -> _Lookups:
    account = (
        "u.id, u.name, u.role, u.disabled, s.seat FROM {table} JOIN users AS u ON u.id = "
        "{alias}.user_id LEFT OUTER JOIN user_seats AS s ON s.user_id = u.id WHERE "
    )
    types = {"expires_at": t.UTCDateTime, "disabled": sa.Boolean}
    tokens = "SELECT k.token_hash, k.revoked_at, k.expires_at, " + account.format(
        table="api_tokens AS k", alias="k", key="k.token_hash"
    )
    sessions = "SELECT w.id_hash, w.csrf, w.expires_at, " + account.format(
        table="web_sessions AS w", alias="w", key="w.id_hash"
    )
    return _Lookups(
        sa.text(tokens + json_in("k.token_hash", "digests", dialect)).columns(
            revoked_at=t.UTCDateTime, **types
        ),
        sa.text(sessions + json_in("w.id_hash", "digests", dialect)).columns(**types),
    )


def _json_list(values: Iterable[str]) -> str:
    return json.dumps(sorted(values))


def _with_seat(principal: Principal, seat: str | None) -> Principal:
    if seat is None:
        return principal
    return Principal(principal.user_id, principal.name, principal.role, principal.seats | {seat})


@dataclass(frozen=True)
class Credential:
    """What a request presented to say who sent it, to be checked later (in the transaction
    that uses it): a bearer ``token``, or a web ``session`` id with the CSRF token the request
    carried (``csrf``)."""

    token: str | None = None
    session: str | None = None
    csrf: str = ""


def principals_for(
    conn: Connection, credentials: Iterable[Credential]
) -> dict[Credential, Principal | AuthError]:
    """The account of each credential, or the :class:`AuthError` that refuses it: tokens and
    sessions are looked up in one query each, and a session's CSRF token must match."""
    wanted = set(credentials)
    tokens = principals_for_tokens(conn, {c.token for c in wanted if c.token is not None})
    sessions = principals_for_sessions(
        conn, {c.session for c in wanted if c.token is None and c.session is not None}
    )
    found: dict[Credential, Principal | AuthError] = {}
    for credential in wanted:
        if credential.token is not None:
            found[credential] = tokens[credential.token]
            continue
        session = sessions.get(credential.session or "")
        if session is None:
            found[credential] = AuthError("sign in to see this")
        elif isinstance(session, AuthError):
            found[credential] = session
        elif not hmac.compare_digest(credential.csrf.encode(), session[1].encode()):
            found[credential] = AuthError(
                "this form has expired", hint="reload the page and try again"
            )
        else:
            found[credential] = session[0]
    return found


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
        found = principals_for_sessions(conn, [session_id])[session_id]
    if isinstance(found, AuthError):
        raise found
    return found


def principals_for_sessions(
    conn: Connection, session_ids: Iterable[str]
) -> dict[str, tuple[Principal, str] | AuthError]:
    """The account and CSRF token of each live web session, or the :class:`AuthError` that
    refuses it (unknown or ended session, disabled account), in one query for all of them."""
    by_digest = {_digest(session_id): session_id for session_id in session_ids}
    if not by_digest:
        return {}
    query = _lookups(conn.dialect.name).sessions
    found: dict[str, tuple[Principal, str] | AuthError] = {
        session_id: AuthError("your session has ended", hint="log in again")
        for session_id in by_digest.values()
    }
    now = _now()
    for row in conn.execute(query, {"digests": _json_list(by_digest)}):
        session_id = by_digest[row.id_hash]
        known = found[session_id]
        if not isinstance(known, AuthError):
            found[session_id] = (_with_seat(known[0], row.seat), known[1])
        elif row.expires_at <= now:
            continue
        elif row.disabled:
            found[session_id] = AuthError("this account is disabled")
        else:
            principal = Principal(row.id, row.name, Role(row.role))
            found[session_id] = (_with_seat(principal, row.seat), row.csrf)
    return found


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
    "Credential",
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
    "principals_for",
    "principals_for_sessions",
    "principals_for_tokens",
    "revoke_tokens",
    "set_password",
    "set_role",
    "user_named",
]
