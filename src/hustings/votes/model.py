"""Shared types of member votes: eligibility, ballots, receipts, turnout and results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from hustings._io import Rejected
from hustings.ballots.model import CountOptions, Reserved
from hustings.errors import HustingsError

SMALLEST_GROUP = 5
"""Turnout is never shown for a group of fewer people than this."""


class NotYetError(HustingsError):
    """Asked for something the ballot's state does not allow yet (results before the count)."""

    code = "not_yet"
    http_status = 409


class VoteRefusedError(HustingsError):
    """A vote that cannot be accepted: the code is spent, the ballot is closed, or the paper
    is not a valid paper for the ballot."""

    code = "vote_refused"
    http_status = 409


class Kind(StrEnum):
    """An election of people, or a question with options."""

    ELECTION = "election"
    QUESTION = "question"


class Status(StrEnum):
    """Where a ballot is in its life: drafted, open, closed, counted."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    COUNTED = "counted"


@dataclass(frozen=True)
class Eligibility:
    """Who may vote: members who joined before a date and whose dues status is one listed."""

    joined_before: date | None = None
    dues: tuple[str, ...] = ("paid",)

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "joined_before": self.joined_before.isoformat() if self.joined_before else None,
            "dues": list(self.dues),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Eligibility:
        """Read back :meth:`to_json`."""
        joined = data.get("joined_before")
        return cls(date.fromisoformat(joined) if joined else None, tuple(data.get("dues", ())))

    def describe(self) -> str:
        """The rule in words."""
        parts = []
        if self.joined_before:
            parts.append(f"joined before {self.joined_before.isoformat()}")
        if self.dues:
            parts.append("dues status " + " or ".join(repr(d) for d in self.dues))
        return " and ".join(parts) or "every member"


@dataclass(frozen=True)
class Candidate:
    """A candidate (or an option of a question) and their statement."""

    name: str
    statement: str = ""


@dataclass(frozen=True)
class BallotSpec:
    """What an officer sets when creating a ballot."""

    slug: str
    title: str
    candidates: tuple[Candidate, ...]
    opens_at: datetime
    closes_at: datetime
    kind: Kind = Kind.ELECTION
    method: str = "scottish-stv"
    seats: int = 1
    eligibility: Eligibility = field(default_factory=Eligibility)
    allow_revote: bool = False
    reserve: tuple[str, ...] = ()
    reserve_min: int = 0
    threshold: float = 50.0
    seed: int | None = None


@dataclass(frozen=True)
class Ballot:
    """A stored ballot and its state."""

    id: int
    slug: str
    title: str
    kind: Kind
    method: str
    seats: int
    candidates: tuple[Candidate, ...]
    opens_at: datetime
    closes_at: datetime
    eligibility: Eligibility
    allow_revote: bool
    reserve: tuple[str, ...]
    reserve_min: int
    threshold: float
    seed: int
    status: Status
    electorate: int | None
    digest: str | None
    created_at: datetime

    @property
    def names(self) -> tuple[str, ...]:
        """The candidates' names in ballot-paper order."""
        return tuple(c.name for c in self.candidates)

    @property
    def ranked(self) -> bool:
        """Whether voters rank candidates (IRV and STV) rather than mark them."""
        return self.method not in ("plurality", "approval")

    def count_options(self) -> CountOptions:
        """The counting engine's options for this ballot."""
        group = Reserved(frozenset(self.reserve), self.reserve_min)
        reserved = (group,) if self.reserve_min else ()
        return CountOptions(seed=self.seed, threshold=self.threshold, reserved=reserved)

    def is_open_at(self, now: datetime) -> bool:
        """Whether a vote cast at ``now`` is accepted."""
        return self.status is Status.OPEN and self.opens_at <= now < self.closes_at

    def recount_command(self) -> str:
        """The command that recounts the published ballots."""
        parts = ["hustings ballot count ballots.blt", f"--method {self.method}"]
        parts += [f"--seats {self.seats}", f"--seed {self.seed}"]
        if self.method == "approval":
            parts.append(f"--threshold {self.threshold:g}")
        if self.reserve_min:
            parts += [f'--reserve "{name}"' for name in self.reserve]
            parts.append(f"--reserve-min {self.reserve_min}")
        return " ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form (public: nothing about who voted)."""
        return {
            "slug": self.slug,
            "title": self.title,
            "kind": self.kind.value,
            "method": self.method,
            "seats": self.seats,
            "candidates": [{"name": c.name, "statement": c.statement} for c in self.candidates],
            "opens_at": self.opens_at.isoformat(),
            "closes_at": self.closes_at.isoformat(),
            "eligibility": self.eligibility.to_json(),
            "allow_revote": self.allow_revote,
            "reserve": list(self.reserve),
            "reserve_min": self.reserve_min,
            "threshold": self.threshold,
            "seed": self.seed,
            "status": self.status.value,
            "electorate": self.electorate,
            "digest": self.digest,
        }


@dataclass(frozen=True)
class RegisterReport:
    """What a register import did."""

    source: str
    added: int
    updated: int
    rejected: tuple[Rejected, ...]
    members: int

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "source": self.source,
            "added": self.added,
            "updated": self.updated,
            "rejected": [r.to_json() for r in self.rejected],
            "members": self.members,
        }


@dataclass(frozen=True)
class Opened:
    """A ballot opened: the frozen electorate and the credentials handed to the sender."""

    ballot: str
    electorate: int
    sent: int
    without_email: int
    delivered_to: str

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "ballot": self.ballot,
            "electorate": self.electorate,
            "sent": self.sent,
            "without_email": self.without_email,
            "delivered_to": self.delivered_to,
        }


@dataclass(frozen=True)
class Receipt:
    """What a voter keeps: the code that finds their paper's digest in the published list."""

    ballot: str
    code: str
    digest: str
    replaced: bool = False

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "ballot": self.ballot,
            "receipt": self.code,
            "receipt_digest": self.digest,
            "replaced_earlier_vote": self.replaced,
        }


@dataclass(frozen=True)
class ReceiptCheck:
    """Whether a receipt's paper is in the ballot box (or the published list)."""

    ballot: str
    digest: str
    found: bool
    papers: int
    where: str

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "ballot": self.ballot,
            "receipt_digest": self.digest,
            "found": self.found,
            "papers": self.papers,
            "checked_in": self.where,
        }


@dataclass(frozen=True)
class RegionTurnout:
    """Turnout in one region; ``voted`` is ``None`` when 1 to 4 (too few to show)."""

    region: str
    electors: int
    voted: int | None

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        share = None if self.voted is None or not self.electors else self.voted / self.electors
        return {
            "region": self.region,
            "electors": self.electors,
            "voted": self.voted,
            "turnout": None if share is None else round(share, 4),
        }


@dataclass(frozen=True)
class Turnout:
    """Turnout while a ballot is open: overall and by region, never how anyone voted."""

    ballot: str
    status: Status
    electorate: int
    voted: int
    regions: tuple[RegionTurnout, ...]

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "ballot": self.ballot,
            "status": self.status.value,
            "electorate": self.electorate,
            "voted": self.voted,
            "turnout": round(self.voted / self.electorate, 4) if self.electorate else None,
            "regions": [r.to_json() for r in self.regions],
        }


@dataclass(frozen=True)
class Declared:
    """The declared result: the count, the papers counted and the digest of the ballot list."""

    ballot: Ballot
    count: dict[str, Any]
    papers: int
    digest: str

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "ballot": self.ballot.slug,
            "title": self.ballot.title,
            "electorate": self.ballot.electorate,
            "papers": self.papers,
            "ballots_sha256": self.digest,
            "recount": self.ballot.recount_command(),
            "result": self.count,
        }


@dataclass(frozen=True)
class Publication:
    """The files that let anyone recount: where they are and their digests."""

    ballot: str
    folder: str
    files: dict[str, str]
    papers: int

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "ballot": self.ballot,
            "folder": self.folder,
            "sha256": self.files,
            "papers": self.papers,
        }


__all__ = [
    "SMALLEST_GROUP",
    "Ballot",
    "BallotSpec",
    "Candidate",
    "Declared",
    "Eligibility",
    "Kind",
    "NotYetError",
    "Opened",
    "Publication",
    "Receipt",
    "ReceiptCheck",
    "RegionTurnout",
    "RegisterReport",
    "Rejected",
    "Status",
    "Turnout",
    "VoteRefusedError",
]
