"""A ballot's life: created as a draft, opened (the electorate frozen and codes sent), closed.

Opening applies the eligibility rule once and keeps the list it produced; later changes to
the register do not change who may vote. Each elector gets a one-time code; the database
keeps its digest. Closing seals the ballot box: the papers are rewritten in a random order
with new ids and the re-vote keys are dropped.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from hustings.ballots.methods import METHODS
from hustings.clock import uk_time
from hustings.errors import InvalidInputError, NotFoundError
from hustings.storage import audit
from hustings.storage import votes as q
from hustings.storage.accounts import SYSTEM, Principal
from hustings.storage.engine import Database
from hustings.votes.credentials import CredentialMessage, Sender, credential_digest, new_code
from hustings.votes.model import (
    Ballot,
    BallotSpec,
    Candidate,
    Eligibility,
    Kind,
    NotYetError,
    Opened,
    Status,
)

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
MAX_NAME = q.BALLOT_LENGTHS["candidate"]
MAX_TITLE = q.BALLOT_LENGTHS["title"]
DEFAULT_LINK = "http://127.0.0.1:8000"


def _now() -> datetime:
    return datetime.now(UTC)


def _check(spec: BallotSpec, now: datetime) -> None:
    def bad(message: str, hint: str) -> InvalidInputError:
        return InvalidInputError(f"ballot '{spec.slug}': {message}", hint=hint)

    if not SLUG.match(spec.slug):
        raise InvalidInputError(
            f"'{spec.slug}' is not a ballot name",
            hint="use lower-case letters, digits and dashes, e.g. committee-2026",
        )
    if spec.method not in METHODS:
        raise bad(f"no counting method '{spec.method}'", "use " + ", ".join(sorted(METHODS)))
    names = [c.name.strip() for c in spec.candidates]
    if len(names) < 2:
        raise bad("fewer than two candidates or options", "give at least two")
    if not all(names):
        raise bad("a candidate's name is blank", "give every candidate a name")
    seen: dict[str, str] = {}
    for name in names:
        if len(name) > MAX_NAME:
            raise bad(
                f"candidate name {name[:40]!r}... is over {MAX_NAME} characters",
                "give a shorter name",
            )
        if not name.isprintable():
            raise bad(
                f"candidate name {name!r} holds a line break or control character",
                "give the name on one line",
            )
        key = " ".join(name.casefold().split())
        if key in seen:
            raise bad(
                f"candidates '{seen[key]}' and '{name}' differ only in case or spaces",
                "give each candidate a name voters can tell apart",
            )
        seen[key] = name
    title = spec.title.strip()
    if len(title) > MAX_TITLE:
        raise bad(f"the title is over {MAX_TITLE} characters", "give a shorter title")
    if not title.isprintable():
        raise bad("the title holds a line break or control character", "give it on one line")
    if not 1 <= spec.seats <= len(names):
        raise bad(f"{spec.seats} seats for {len(names)} candidates", "give fewer seats")
    if spec.method == "irv" and spec.seats != 1:
        raise bad(
            f"instant-runoff elects one, not {spec.seats}",
            "use --seats 1, or --method scottish-stv for several seats",
        )
    if spec.method == "approval" and not (
        math.isfinite(spec.threshold) and 0 < spec.threshold <= 100
    ):
        raise bad(
            f"approval threshold {spec.threshold:g}% is not above 0 and at most 100",
            "give a percentage such as 50",
        )
    if spec.closes_at <= spec.opens_at:
        raise bad(
            f"it closes ({uk_time(spec.closes_at)}) before it opens ({uk_time(spec.opens_at)})",
            "give a closing time after the opening time",
        )
    if spec.closes_at <= now:
        raise bad(
            f"its closing time {uk_time(spec.closes_at)} has passed (now {uk_time(now)})",
            "give a closing time in the future",
        )
    unknown = sorted(set(spec.reserve) - set(names))
    if unknown:
        raise bad(f"reserved group names unknown candidate '{unknown[0]}'", "use exact names")
    if spec.reserve_min and spec.method != "scottish-stv":
        raise bad("reserved places are counted under Scottish STV", "use --method scottish-stv")
    if spec.reserve_min > min(len(spec.reserve), spec.seats):
        raise bad(f"{spec.reserve_min} reserved places cannot be filled", "lower --reserve-min")


def create_ballot(
    db: Database, spec: BallotSpec, *, now: datetime | None = None, actor: Principal = SYSTEM
) -> Ballot:
    """Store a new ballot as a draft (its rule and candidates can still be read before it opens).
    A ballot whose closing time has passed at ``now`` (default: the clock) is refused."""
    now = now or _now()
    _check(spec, now)
    seed = spec.seed if spec.seed is not None else random.SystemRandom().randrange(2**31)
    options = {"reserve": list(spec.reserve), "reserve_min": spec.reserve_min}
    options["threshold"] = spec.threshold
    values = {
        "slug": spec.slug,
        "title": spec.title.strip() or spec.slug,
        "kind": spec.kind.value,
        "method": spec.method,
        "seats": spec.seats,
        "options": json.dumps(options),
        "eligibility": json.dumps(spec.eligibility.to_json()),
        "allow_revote": spec.allow_revote,
        "seed": seed,
        "opens_at": spec.opens_at,
        "closes_at": spec.closes_at,
        "status": Status.DRAFT.value,
        "created_at": _now(),
    }
    candidates = [(c.name.strip(), c.statement.strip()) for c in spec.candidates]
    with db.write() as conn:
        if q.ballot_row(conn, spec.slug) is not None:
            raise InvalidInputError(f"a ballot named '{spec.slug}' exists already")
        ballot_id = q.insert_ballot(conn, values, candidates)
        audit.append(
            conn,
            actor=actor.actor,
            action="ballot.create",
            subject=f"ballot#{ballot_id}",
            detail={"slug": spec.slug, "method": spec.method, "seats": spec.seats},
        )
    return get_ballot(db, spec.slug)


def ballot_from_row(row: Any, candidates: Sequence[tuple[str, str]]) -> Ballot:
    """A :class:`Ballot` from its stored row and candidates."""
    options = json.loads(row.options)
    return Ballot(
        id=int(row.id),
        slug=row.slug,
        title=row.title,
        kind=Kind(row.kind),
        method=row.method,
        seats=int(row.seats),
        candidates=tuple(Candidate(n, s) for n, s in candidates),
        opens_at=row.opens_at,
        closes_at=row.closes_at,
        eligibility=Eligibility.from_json(json.loads(row.eligibility)),
        allow_revote=bool(row.allow_revote),
        reserve=tuple(options.get("reserve", ())),
        reserve_min=int(options.get("reserve_min", 0)),
        threshold=float(options.get("threshold", 50.0)),
        seed=int(row.seed),
        status=Status(row.status),
        electorate=row.electorate,
        digest=row.digest,
        created_at=row.created_at,
    )


def load_ballot(conn: Any, slug: str, *, lock: bool = False, share: bool = False) -> Ballot:
    """The named ballot, read on ``conn``; :class:`NotFoundError` naming the ballots there are.
    ``lock`` and ``share`` lock its row (see :func:`hustings.storage.votes.ballot_row`)."""
    row = q.ballot_row(conn, slug, lock=lock, share=share)
    if row is None:
        known = ", ".join(r.slug for r in q.ballot_rows(conn)[:10]) or "none yet"
        raise NotFoundError(f"no ballot '{slug}'", hint=f"ballots: {known}", ballot=slug)
    key = (conn.engine.url.render_as_string(), int(row.id), row.created_at)
    candidates = _CANDIDATES.get(key)
    if candidates is None:
        candidates = _CANDIDATES[key] = tuple(q.candidates_of(conn, row.id))
    return ballot_from_row(row, candidates)


_CANDIDATES: dict[tuple[str, int, datetime], tuple[tuple[str, str], ...]] = {}
"""A ballot's candidates never change once it is created: kept per database and ballot."""


def get_ballot(db: Database, slug: str) -> Ballot:
    """The named ballot."""
    with db.read() as conn:
        return load_ballot(conn, slug)


def list_ballots(db: Database) -> list[Ballot]:
    """Every ballot, newest first."""
    with db.read() as conn:
        return [ballot_from_row(r, q.candidates_of(conn, r.id)) for r in q.ballot_rows(conn)]


def _messages(
    ballot: Ballot, people: Sequence[tuple[int, str, str | None, str]], link: str
) -> tuple[list[CredentialMessage], dict[int, str]]:
    messages, digests = [], {}
    for member, name, email, number in people:
        code = new_code()
        digests[member] = credential_digest(code)
        messages.append(
            CredentialMessage(
                member=member,
                to=email,
                name=name,
                ballot=ballot.slug,
                title=ballot.title,
                code=code,
                link=f"{link.rstrip('/')}/vote/{ballot.slug}#code={code}",
                closes=uk_time(ballot.closes_at),
                member_no=number,
            )
        )
    return messages, digests


def open_ballot(
    db: Database,
    slug: str,
    sender: Sender,
    *,
    link: str = DEFAULT_LINK,
    now: datetime | None = None,
    actor: Principal = SYSTEM,
) -> Opened:
    """Freeze the electorate by the ballot's rule, give each elector a code and send them."""
    now = now or _now()
    with db.write() as conn:
        ballot = load_ballot(conn, slug, lock=True)
        if ballot.status is not Status.DRAFT:
            raise InvalidInputError(f"ballot '{slug}' is already {ballot.status.value}")
        if now >= ballot.closes_at:
            raise InvalidInputError(
                f"ballot '{slug}' closes at {uk_time(ballot.closes_at)}, which has passed",
                hint="create a new ballot with a later closing time",
            )
        rule = ballot.eligibility
        eligible = q.eligible_members(conn, joined_before=rule.joined_before, dues=rule.dues)
        if not eligible:
            raise InvalidInputError(
                f"no member is eligible for '{slug}' ({rule.describe()})",
                hint="import the register first (hustings vote register import FILE)",
            )
        messages, digests = _messages(ballot, [(m, n, e, no) for m, _, n, e, no in eligible], link)
        q.insert_electors(conn, ballot.id, [(m, r, digests[m]) for m, r, *_ in eligible])
        q.update_ballot(conn, ballot.id, status=Status.OPEN.value, electorate=len(eligible))
        audit.append(
            conn,
            actor=actor.actor,
            action="ballot.open",
            subject=f"ballot#{ballot.id}",
            detail={"electorate": len(eligible), "rule": rule.to_json()},
        )
        where = sender.send(messages)
    missing = sum(1 for m in messages if not m.to)
    return Opened(slug, len(eligible), len(messages), missing, where)


def reissue_codes(
    db: Database,
    slug: str,
    sender: Sender,
    *,
    members: Sequence[str] | None = None,
    link: str = DEFAULT_LINK,
    actor: Principal = SYSTEM,
) -> Opened:
    """New codes for electors who have not voted (all, or those with these membership numbers);
    their old codes stop working."""
    with db.write() as conn:
        ballot = load_ballot(conn, slug, lock=True)
        if ballot.status is not Status.OPEN:
            raise InvalidInputError(f"ballot '{slug}' is {ballot.status.value}, not open")
        ids = None
        if members is not None:
            found = q.members_by_no(conn, list(members))
            missing = [m for m in members if m not in found]
            if missing:
                raise NotFoundError(f"no member '{missing[0]}' in the register")
            ids = list(found.values())
            voted = q.voted_flags(conn, ballot.id, ids)
            for number in members:
                if found[number] not in voted:
                    raise InvalidInputError(f"member '{number}' is not an elector of '{slug}'")
                if voted[found[number]]:
                    raise InvalidInputError(
                        f"member '{number}' has voted on '{slug}' already: no new code",
                        hint="new codes go only to electors who have not voted",
                    )
        people = q.unvoted_electors(conn, ballot.id, ids)
        messages, digests = _messages(ballot, people, link)
        q.replace_credentials(conn, ballot.id, digests)
        audit.append(
            conn,
            actor=actor.actor,
            action="ballot.codes",
            subject=f"ballot#{ballot.id}",
            detail={"reissued": len(messages)},
        )
        where = sender.send(messages) if messages else ""
    return Opened(
        slug, ballot.electorate or 0, len(messages), sum(not m.to for m in messages), where
    )


def close_ballot(
    db: Database,
    slug: str,
    *,
    now: datetime | None = None,
    early: bool = False,
    actor: Principal = SYSTEM,
) -> Ballot:
    """End voting (at or after the closing time, or ``early``) and seal the ballot box."""
    now = now or _now()
    with db.write() as conn:
        ballot = load_ballot(conn, slug, lock=True)
        if ballot.status is not Status.OPEN:
            raise InvalidInputError(f"ballot '{slug}' is {ballot.status.value}, not open")
        if now < ballot.closes_at and not early:
            raise NotYetError(
                f"ballot '{slug}' is open until {uk_time(ballot.closes_at)}",
                hint="wait, or pass --early to close it now (recorded in the audit log)",
            )
        papers = q.seal_papers(conn, ballot.id, random.SystemRandom())
        q.update_ballot(conn, ballot.id, status=Status.CLOSED.value)
        audit.append(
            conn,
            actor=actor.actor,
            action="ballot.close",
            subject=f"ballot#{ballot.id}",
            detail={"papers": papers, "early": now < ballot.closes_at},
        )
    if db.dialect == "postgresql":
        _vacuum(db)
    return get_ballot(db, slug)


def _vacuum(db: Database) -> None:
    """Reclaim the papers' old row versions, which still held the order they were cast in."""
    with db.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM vote_papers, vote_electors"
        )


__all__ = [
    "ballot_from_row",
    "close_ballot",
    "create_ballot",
    "get_ballot",
    "list_ballots",
    "load_ballot",
    "open_ballot",
    "reissue_codes",
]
