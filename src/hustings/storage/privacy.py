"""Data subjects across every table that holds personal data: find, export, erase, purge.

Each kind of record about a person registers a :class:`SubjectTable` here (volunteers,
residents with consent; later donors and members), so subject-access requests and erasure
cover everything in one place. Erasure deletes rows (and their dependent rows by foreign
key); it does not blank them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hustings.storage import schema as t


@dataclass(frozen=True)
class SubjectTable:
    """A table with rows about people, how to find a person's rows, and what hangs off them."""

    kind: str
    table: sa.Table
    match_columns: tuple[str, ...]
    related: tuple[tuple[sa.Table, str], ...] = ()
    """Tables whose rows refer to this one by the named column (exported with it)."""


REGISTRY: list[SubjectTable] = [
    SubjectTable("volunteer", t.volunteers, ("email", "phone"), ((t.signups, "volunteer_id"),)),
    SubjectTable(
        "resident",
        t.residents,
        ("email",),
        ((t.consents, "resident_id"), (t.intentions, "resident_id")),
    ),
]


def register(subject: SubjectTable) -> None:
    """Add a kind of personal record (called by capabilities that keep people)."""
    if all(s.kind != subject.kind for s in REGISTRY):
        REGISTRY.append(subject)


def _plain(row: Any) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row._mapping.items()}


def find(conn: Connection, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Every record matching any of ``keys`` (emails or phones), with its related rows."""
    t.load_all()
    found: dict[str, list[dict[str, Any]]] = {}
    for subject in REGISTRY:
        cols = [subject.table.c[c] for c in subject.match_columns]
        _collect(conn, subject, sa.or_(*(c.in_(keys) for c in cols)), found)
    return found


def find_resident(
    conn: Connection, name: str, household_id: int
) -> dict[str, list[dict[str, Any]]]:
    """The residents of one household recorded under this name (case and spaces aside), for a
    person who gave no email."""
    r = t.residents.c
    subject = next(s for s in REGISTRY if s.kind == "resident")
    where = sa.and_(r.household_id == household_id, sa.func.lower(r.name) == name.strip().lower())
    found: dict[str, list[dict[str, Any]]] = {}
    _collect(conn, subject, where, found)
    return found


def _collect(
    conn: Connection, subject: SubjectTable, where: Any, found: dict[str, list[dict[str, Any]]]
) -> None:
    for row in conn.execute(sa.select(subject.table).where(where)):
        record = _plain(row)
        for table, column in subject.related:
            related = conn.execute(sa.select(table).where(table.c[column] == row.id))
            record[table.name] = [_plain(r) for r in related]
        found.setdefault(subject.kind, []).append(record)


def erase(conn: Connection, found: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Delete the records :func:`find` returned (related rows go with them)."""
    counts: dict[str, int] = {}
    for subject in REGISTRY:
        ids = [r["id"] for r in found.get(subject.kind, [])]
        if not ids:
            continue
        for table, column in subject.related:
            conn.execute(table.delete().where(table.c[column].in_(ids)))
        done = conn.execute(subject.table.delete().where(subject.table.c.id.in_(ids))).rowcount
        counts[subject.kind] = int(done)
    return counts


@dataclass(frozen=True)
class Retention:
    """How long one purpose's records are kept, and how to find the old ones."""

    purpose: str
    default_days: int
    table: sa.Table
    time_column: str
    why: str


RETENTION: list[Retention] = [
    Retention(
        "canvassing",
        730,
        t.contacts,
        "at",
        "door and phone outcomes help plan the next two years' campaigning",
    ),
    Retention(
        "volunteering",
        1095,
        t.volunteers,
        "created_at",
        "volunteers are asked again at the next general election",
    ),
    Retention(
        "intentions",
        180,
        t.intentions,
        "at",
        "an individual's voting intention is special-category data: kept shortest",
    ),
    Retention("sessions", 1, t.web_sessions, "expires_at", "expired web sessions"),
]


def purge(conn: Connection, rule: Retention, before: datetime) -> int:
    """Delete one purpose's records older than ``before``; returns how many."""
    column = rule.table.c[rule.time_column]
    result = conn.execute(rule.table.delete().where(column < before))
    return int(result.rowcount)


def drop_orphan_residents(conn: Connection) -> int:
    """Delete consents and residents that no intention rests on any more; returns residents."""
    i = t.intentions.c
    conn.execute(t.consents.delete().where(t.consents.c.id.not_in(sa.select(i.consent_id))))
    gone = conn.execute(
        t.residents.delete().where(t.residents.c.id.not_in(sa.select(i.resident_id)))
    )
    return int(gone.rowcount)


def get_setting(conn: Connection, key: str) -> str | None:
    """A deployment setting (e.g. the lawful basis for recording intentions), or ``None``."""
    value = conn.execute(sa.select(t.deployment.c.value).where(t.deployment.c.key == key)).scalar()
    return None if value is None else str(value)


def put_setting(conn: Connection, key: str, value: str | None, at: datetime) -> None:
    """Set or clear a deployment setting."""
    conn.execute(t.deployment.delete().where(t.deployment.c.key == key))
    if value is not None:
        conn.execute(t.deployment.insert().values(key=key, value=value, set_at=at))


def insert_intention(
    conn: Connection,
    *,
    name: str,
    email: str | None,
    household_id: int | None,
    wording_version: str,
    given_at: datetime,
    party: str,
    at: datetime,
    recorded_by: int | None,
) -> int:
    """Store a resident, their consent and their stated intention; returns the intention id."""
    resident = None
    if email:
        resident = conn.execute(
            sa.select(t.residents.c.id).where(t.residents.c.email == email)
        ).scalar()
    if resident is None:
        resident = conn.execute(
            t.residents.insert()
            .values(household_id=household_id, name=name, email=email, created_at=at)
            .returning(t.residents.c.id)
        ).scalar_one()
    consent = conn.execute(
        t.consents.insert()
        .values(resident_id=resident, wording_version=wording_version, given_at=given_at)
        .returning(t.consents.c.id)
    ).scalar_one()
    return int(
        conn.execute(
            t.intentions.insert()
            .values(
                resident_id=resident,
                consent_id=consent,
                party=party,
                at=at,
                recorded_by=recorded_by,
            )
            .returning(t.intentions.c.id)
        ).scalar_one()
    )


__all__ = [
    "REGISTRY",
    "RETENTION",
    "Retention",
    "SubjectTable",
    "drop_orphan_residents",
    "erase",
    "find",
    "find_resident",
    "get_setting",
    "insert_intention",
    "purge",
    "put_setting",
    "register",
]
