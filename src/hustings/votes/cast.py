"""Casting a vote with a one-time code, and checking a receipt.

In one transaction: the code's elector is marked as having voted (an atomic conditional
update, so two requests with one code cannot both pass), and a paper with a random id, the
preferences and the digest of a fresh receipt code is added. Nothing written to the paper
names the elector, and nothing written to the elector says when or how they voted. Where the
ballot allows a re-vote, the paper also holds a digest of the voting code made for that
purpose alone, so the holder of the code (and nobody else) replaces their own paper.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import NoReturn

from hustings.clock import uk_time
from hustings.errors import AuthError, InvalidInputError
from hustings.storage import votes as q
from hustings.storage.engine import Database
from hustings.votes.ballot import get_ballot, load_ballot
from hustings.votes.credentials import (
    credential_digest,
    new_code,
    normalise,
    receipt_digest,
    revote_key,
)
from hustings.votes.model import Ballot, Receipt, ReceiptCheck, Status, VoteRefusedError


def paper_of(ballot: Ballot, choices: Sequence[str]) -> str:
    """The stored form of a paper: candidate positions (from 0), in order of preference.

    Plurality takes exactly one mark, approval one or more (kept in ballot order), IRV and
    STV a ranking of distinct candidates, as long as the voter likes.
    """
    position = {name: i for i, name in enumerate(ballot.names)}
    picked: list[int] = []
    for choice in choices:
        found = position.get(choice.strip())
        if found is None:
            raise InvalidInputError(
                f"'{choice}' is not a candidate on ballot '{ballot.slug}'",
                hint="candidates: " + ", ".join(ballot.names),
            )
        if found in picked:
            raise InvalidInputError(f"'{choice}' is marked twice", hint="mark each one once")
        picked.append(found)
    if not picked:
        raise InvalidInputError("the paper is blank", hint="mark at least one candidate")
    if ballot.method == "plurality" and len(picked) != 1:
        raise InvalidInputError(
            f"ballot '{ballot.slug}' takes one mark, not {len(picked)}",
            hint="choose one candidate",
        )
    if ballot.method == "approval":
        picked.sort()
    return " ".join(str(p) for p in picked)


def cast(
    db: Database,
    slug: str,
    code: str,
    choices: Sequence[str],
    *,
    now: datetime | None = None,
) -> Receipt:
    """Cast (or, where allowed, replace) the vote of the holder of ``code``; returns a receipt."""
    now = now or datetime.now(UTC)
    if not normalise(code):
        raise AuthError("no voting code given", hint="type the code from your invitation")
    ballot = _known(db, slug)
    if ballot.allow_revote:
        return _cast_replacing(db, slug, code, choices, now)
    preferences = paper_of(ballot, choices)
    receipt = new_code()
    kept = receipt_digest(receipt)
    digest = credential_digest(code)
    with db.single() as conn:
        done = q.cast_paper(
            conn,
            ballot=ballot.id,
            created=ballot.created_at,
            now=now,
            credential=digest,
            paper=secrets.token_hex(16),
            preferences=preferences,
            receipt=kept,
        )
    if not done:
        _refuse(db, slug, digest, now)
    return Receipt(slug, receipt, kept, False)


_KNOWN: dict[tuple[str, str], Ballot] = {}
"""Ballots as last read, per database and slug, for what never changes once a ballot exists
(its id, creation time, method and candidates); casting checks its state in the database."""


def _known(db: Database, slug: str) -> Ballot:
    found = _KNOWN.get((db.url, slug))
    if found is None:
        found = _KNOWN[(db.url, slug)] = get_ballot(db, slug)
    return found


def _refuse(db: Database, slug: str, digest: str, now: datetime) -> NoReturn:
    """Why a vote was not taken: the ballot is not open, the code is not one, or it is spent."""
    with db.read() as conn:
        ballot = load_ballot(conn, slug)
        voted = q.credential_voted(conn, ballot.id, digest)
    _KNOWN[(db.url, slug)] = ballot
    _require_open(ballot, now)
    if voted is None:
        raise AuthError(
            f"this code is not a voting code for '{slug}'",
            hint="check it against your invitation; the officer can send a new one",
        )
    raise VoteRefusedError(
        "this code has already been used to vote", hint="each member votes once on this ballot"
    )


def _require_open(ballot: Ballot, now: datetime) -> None:
    if ballot.is_open_at(now):
        return
    when = "has not opened" if now < ballot.opens_at else "is closed"
    if ballot.status is Status.DRAFT:
        when = "has not opened"
    raise VoteRefusedError(
        f"ballot '{ballot.slug}' {when}",
        hint=f"voting runs from {uk_time(ballot.opens_at)} to {uk_time(ballot.closes_at)}",
    )


def _cast_replacing(
    db: Database, slug: str, code: str, choices: Sequence[str], now: datetime
) -> Receipt:
    """A vote on a ballot that allows re-votes: a first vote, or one replacing the paper of
    the same code (found by its re-vote key), in one transaction."""
    with db.write() as conn:
        ballot = load_ballot(conn, slug, share=True)
        _require_open(ballot, now)
        preferences = paper_of(ballot, choices)
        spent = q.spend_credential(conn, ballot.id, credential_digest(code), allow_revote=True)
        if spent is q.Spend.UNKNOWN:
            raise AuthError(
                f"this code is not a voting code for '{slug}'",
                hint="check it against your invitation; the officer can send a new one",
            )
        receipt = new_code()
        replaced = q.insert_paper(
            conn,
            paper_id=secrets.token_hex(16),
            ballot_id=ballot.id,
            preferences=preferences,
            receipt_hash=receipt_digest(receipt),
            replace_key=revote_key(slug, code),
        )
    return Receipt(slug, receipt, receipt_digest(receipt), replaced)


def check_receipt(db: Database, slug: str, receipt: str) -> ReceiptCheck:
    """Whether the paper of this receipt is in the ballot box (the database's copy)."""
    digest = receipt_digest(receipt)
    with db.read() as conn:
        ballot = load_ballot(conn, slug)
        found = q.has_receipt(conn, ballot.id, digest)
        papers = q.paper_count(conn, ballot.id) if found else 0
    return ReceiptCheck(slug, digest, found, papers, "ballot box")


__all__ = ["cast", "check_receipt", "paper_of"]
