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

from hustings.errors import AuthError, InvalidInputError
from hustings.storage import votes as q
from hustings.storage.engine import Database
from hustings.votes.ballot import load_ballot
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
    with db.write() as conn:
        ballot = load_ballot(conn, slug, share=True)
        if not ballot.is_open_at(now):
            when = "has not opened" if now < ballot.opens_at else "is closed"
            if ballot.status is Status.DRAFT:
                when = "has not opened"
            raise VoteRefusedError(
                f"ballot '{slug}' {when}",
                hint=f"voting runs from {ballot.opens_at.isoformat()} "
                f"to {ballot.closes_at.isoformat()}",
            )
        preferences = paper_of(ballot, choices)
        spent = q.spend_credential(
            conn, ballot.id, credential_digest(code), allow_revote=ballot.allow_revote
        )
        if spent is q.Spend.UNKNOWN:
            raise AuthError(
                f"this code is not a voting code for '{slug}'",
                hint="check it against your invitation; the officer can send a new one",
            )
        if spent is q.Spend.SPENT:
            raise VoteRefusedError(
                "this code has already been used to vote",
                hint="each member votes once on this ballot",
            )
        receipt = new_code()
        replaced = q.insert_paper(
            conn,
            paper_id=secrets.token_hex(16),
            ballot_id=ballot.id,
            preferences=preferences,
            receipt_hash=receipt_digest(receipt),
            replace_key=revote_key(slug, code) if ballot.allow_revote else None,
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
