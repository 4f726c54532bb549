"""The append-only, hash-chained audit log.

Each entry's hash covers its own fields and the previous entry's hash; a one-row head holds
the last sequence number and hash, so an edited, deleted or truncated entry is found by
:func:`verify`. Appends take the head row's lock, so concurrent writers form one chain.
Entries name people by record id (``volunteer#12``), never by name, email or phone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hustings.storage import schema as t
from hustings.storage.engine import Database

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """One audited event: who did what to which record, and when."""

    seq: int
    at: datetime
    actor: str
    action: str
    subject: str
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class AuditVerification:
    """The result of checking the chain: ``ok``, how many entries, and the first bad one."""

    ok: bool
    entries: int
    first_bad_seq: int | None = None
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form (the ``hustings field audit verify --json`` shape)."""
        return {
            "ok": self.ok,
            "entries": self.entries,
            "first_bad_seq": self.first_bad_seq,
            "reason": self.reason,
        }


def _digest(
    seq: int, at: datetime, actor: str, action: str, subject: str, detail: str, prev: str
) -> str:
    text = "\x1f".join([str(seq), at.isoformat(), actor, action, subject, detail, prev])
    return hashlib.sha256(text.encode()).hexdigest()


def append(
    conn: Connection,
    *,
    actor: str,
    action: str,
    subject: str,
    detail: Mapping[str, Any] | None = None,
) -> int:
    """Add one entry inside the caller's write transaction; returns its sequence number."""
    head = conn.execute(sa.select(t.audit_head).where(t.audit_head.c.id == 1).with_for_update())
    row = head.one()
    seq = int(row.seq) + 1
    at = datetime.now(UTC).replace(microsecond=0)
    body = json.dumps(dict(detail or {}), sort_keys=True, separators=(",", ":"), default=str)
    digest = _digest(seq, at, actor, action, subject, body, row.hash)
    conn.execute(
        t.audit_log.insert().values(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            subject=subject,
            detail=body,
            prev_hash=row.hash,
            hash=digest,
        )
    )
    conn.execute(t.audit_head.update().where(t.audit_head.c.id == 1).values(seq=seq, hash=digest))
    return seq


def verify(db: Database) -> AuditVerification:
    """Recompute the chain from the first entry; report the first entry that does not fit."""
    with db.read() as conn:
        head = conn.execute(sa.select(t.audit_head).where(t.audit_head.c.id == 1)).one()
        rows = conn.execute(sa.select(t.audit_log).order_by(t.audit_log.c.seq))
        prev, expected, count = GENESIS, 1, 0
        for row in rows:
            count += 1
            if row.seq != expected:
                return AuditVerification(
                    False, count, expected, f"entry {expected} is missing (next is {row.seq})"
                )
            if row.prev_hash != prev:
                return AuditVerification(False, count, row.seq, "link to the previous entry broken")
            digest = _digest(
                row.seq, row.at, row.actor, row.action, row.subject, row.detail, row.prev_hash
            )
            if digest != row.hash:
                return AuditVerification(False, count, row.seq, "entry was altered")
            prev, expected = row.hash, expected + 1
    if head.seq != count or head.hash != prev:
        return AuditVerification(
            False, count, count + 1, f"the log ends at {count} but its head says {head.seq}"
        )
    return AuditVerification(True, count)


def entries(db: Database, *, action: str | None = None, limit: int = 100) -> list[AuditEntry]:
    """The newest entries first, optionally of one action."""
    query = sa.select(t.audit_log).order_by(t.audit_log.c.seq.desc()).limit(limit)
    if action:
        query = query.where(t.audit_log.c.action == action)
    with db.read() as conn:
        return [
            AuditEntry(r.seq, r.at, r.actor, r.action, r.subject, json.loads(r.detail))
            for r in conn.execute(query)
        ]


__all__ = ["AuditEntry", "AuditVerification", "append", "entries", "verify"]
