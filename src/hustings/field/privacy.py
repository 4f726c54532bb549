"""Data protection for a non-party campaign: least data by default, consent, access, erasure.

By default only household-level outcomes are kept. An individual's voting intention is
special-category personal data: it can be recorded only once the deployment has named its
lawful basis, and only with that person's explicit consent (wording version and time) stored
beside it. Subject-access exports, erasures and purges are written to the audit log by record
id, never by name or email.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from hustings.domain import PARTIES
from hustings.errors import ForbiddenError, InvalidInputError, NotFoundError
from hustings.field.people import normalise_email, normalise_phone
from hustings.storage import audit
from hustings.storage import field as q
from hustings.storage import privacy as p
from hustings.storage.accounts import SYSTEM, Principal, Role
from hustings.storage.engine import Database

LAWFUL_BASIS = "lawful_basis_intentions"


@dataclass(frozen=True)
class SubjectExport:
    """Everything held about one person, for a subject-access request."""

    reference: str
    records: dict[str, list[dict[str, Any]]]

    def to_json(self) -> dict[str, Any]:
        """The ``hustings field person export --json`` shape."""
        return {"reference": self.reference, "records": self.records}


def _keys(who: str) -> list[str]:
    keys = []
    for normalise in (normalise_email, normalise_phone):
        try:
            value = normalise(who)
        except ValueError:
            continue
        if value:
            keys.append(value)
    if not keys:
        raise InvalidInputError(f"'{who}' is neither an email address nor a UK phone number")
    return keys


def _reference() -> str:
    """A random reference: a digest of an email or phone could be reversed by guessing."""
    return "subject#" + secrets.token_hex(6)


def _find(conn: Connection, who: str, household: str | None) -> dict[str, list[dict[str, Any]]]:
    if household is None:
        found = p.find(conn, _keys(who))
    else:
        refs = q.households_by_key(conn, [household])
        if household not in refs:
            raise NotFoundError(f"no household '{household}'")
        found = p.find_resident(conn, who, refs[household].id)
    if not found:
        where = f" at household '{household}'" if household else ""
        raise NotFoundError(f"nothing is held about '{who}'{where}")
    return found


def export_person(
    db: Database, who: str, *, household: str | None = None, actor: Principal = SYSTEM
) -> SubjectExport:
    """Every record held about the person with this email or phone, or (for a resident who
    gave none) with this name at ``household`` (audited)."""
    with db.write() as conn:
        found = _find(conn, who, household)
        reference = _reference()
        audit.append(
            conn,
            actor=actor.actor,
            action="subject.export",
            subject=reference,
            detail={k: [r["id"] for r in v] for k, v in found.items()},
        )
    return SubjectExport(reference, found)


def erase_person(
    db: Database, who: str, *, household: str | None = None, actor: Principal = SYSTEM
) -> dict[str, int]:
    """Delete every record about the person with this email or phone, or with this name at
    ``household`` (audited by reference)."""
    with db.write() as conn:
        found = _find(conn, who, household)
        counts = p.erase(conn, found)
        audit.append(
            conn,
            actor=actor.actor,
            action="subject.erase",
            subject=_reference(),
            detail={k: [r["id"] for r in v] for k, v in found.items()},
        )
    db.forget_deleted()
    return counts


def set_lawful_basis(db: Database, basis: str | None, *, actor: Principal = SYSTEM) -> None:
    """Name (or withdraw, with ``None``) the lawful basis for recording individuals' intentions."""
    if basis is not None and len(basis.strip()) < 10:
        raise InvalidInputError(
            "say what the lawful basis is, in a sentence",
            hint="e.g. 'explicit consent (UK GDPR Art. 9(2)(a)), see our privacy notice v3'",
        )
    now = datetime.now(UTC)
    with db.write() as conn:
        p.put_setting(conn, LAWFUL_BASIS, basis.strip() if basis else None, now)
        audit.append(
            conn,
            actor=actor.actor,
            action="policy.lawful_basis",
            subject="deployment",
            detail={"basis": basis},
        )


def lawful_basis(db: Database) -> str | None:
    """The deployment's lawful basis for recording intentions, if one is named."""
    with db.read() as conn:
        return p.get_setting(conn, LAWFUL_BASIS)


def record_intention(
    db: Database,
    principal: Principal,
    *,
    name: str,
    party: str,
    wording_version: str,
    consent_given_at: datetime,
    email: str | None = None,
    household: str | None = None,
) -> int:
    """Record one person's stated voting intention with their explicit consent.

    Refused unless the deployment has named its lawful basis and the consent (the wording
    version the person agreed to, and when) is given.
    """
    if principal.role is Role.VIEWER:
        raise ForbiddenError("a viewer cannot record anything")
    if party.upper() not in PARTIES:
        raise InvalidInputError(f"no party '{party}'", hint="use a party code such as LAB or GRN")
    if not wording_version.strip():
        raise InvalidInputError("record the consent wording version the person agreed to")
    now = datetime.now(UTC)
    if consent_given_at > now + timedelta(minutes=5):
        raise InvalidInputError("consent cannot be given in the future")
    with db.write() as conn:
        basis = p.get_setting(conn, LAWFUL_BASIS)
        if not basis:
            raise ForbiddenError(
                "this deployment records household outcomes only, not individuals' intentions",
                hint="an admin must first name the lawful basis: "
                "`hustings field policy --lawful-basis '...'`",
            )
        household_id = None
        if household:
            refs = q.households_by_key(conn, [household])
            if household not in refs:
                raise NotFoundError(f"no household '{household}'")
            household_id = refs[household].id
        intention = p.insert_intention(
            conn,
            name=name.strip()[:200],
            email=normalise_email(email) if email else None,
            household_id=household_id,
            wording_version=wording_version.strip(),
            given_at=consent_given_at,
            party=party.upper(),
            at=now,
            recorded_by=principal.user_id or None,
        )
        audit.append(
            conn, actor=principal.actor, action="intention.record", subject=f"intention#{intention}"
        )
    return intention


@dataclass(frozen=True)
class PurgeReport:
    """Records deleted per purpose, and the cut-off used for each."""

    deleted: dict[str, int]
    cutoffs: dict[str, str]
    dry_run: bool

    def to_json(self) -> dict[str, Any]:
        """The ``hustings field purge --json`` shape."""
        return {"deleted": self.deleted, "cutoffs": self.cutoffs, "dry_run": self.dry_run}


def purge(
    db: Database,
    *,
    as_of: datetime | None = None,
    days: dict[str, int] | None = None,
    dry_run: bool = False,
    actor: Principal = SYSTEM,
) -> PurgeReport:
    """Delete records past their purpose's retention period (defaults in ``RETENTION``)."""
    now = as_of or datetime.now(UTC)
    chosen = {r.purpose: r.default_days for r in p.RETENTION} | (days or {})
    unknown = set(chosen) - {r.purpose for r in p.RETENTION}
    if unknown:
        names = ", ".join(r.purpose for r in p.RETENTION)
        raise InvalidInputError(f"no retention purpose '{sorted(unknown)[0]}'", hint=f"use {names}")
    deleted: dict[str, int] = {}
    cutoffs: dict[str, str] = {}
    with contextlib.suppress(_DryRun):
        _purge(db, now, chosen, deleted, cutoffs, dry_run, actor)
        db.forget_deleted()
    return PurgeReport(deleted, cutoffs, dry_run)


class _DryRun(Exception):
    """Raised inside the transaction to undo a dry run."""


def _purge(
    db: Database,
    now: datetime,
    chosen: dict[str, int],
    deleted: dict[str, int],
    cutoffs: dict[str, str],
    dry_run: bool,
    actor: Principal,
) -> None:
    with db.write() as conn:
        for rule in p.RETENTION:
            if chosen[rule.purpose] < 0:
                raise InvalidInputError(f"retention for {rule.purpose} cannot be negative")
            cutoff = now - timedelta(days=chosen[rule.purpose])
            cutoffs[rule.purpose] = cutoff.isoformat()
            deleted[rule.purpose] = p.purge(conn, rule, cutoff)
        p.drop_orphan_residents(conn)
        if deleted.get("canvassing"):
            q.rebuild_totals(conn)
        audit.append(conn, actor=actor.actor, action="purge", subject="retention", detail=deleted)
        if dry_run:
            raise _DryRun


__all__ = [
    "LAWFUL_BASIS",
    "PurgeReport",
    "SubjectExport",
    "erase_person",
    "export_person",
    "lawful_basis",
    "purge",
    "record_intention",
    "set_lawful_basis",
]
