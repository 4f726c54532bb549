"""Member votes for the web: the ballot as voters see it, casting, receipts, turnout, results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hustings.errors import ForbiddenError, InvalidInputError, NotFoundError
from hustings.storage.accounts import Principal, Role
from hustings.storage.engine import Database, DatabaseError
from hustings.storage.votes import never_set_up
from hustings.votes import cast, check_receipt, get_ballot, list_ballots, result, turnout
from hustings.votes.model import Ballot
from hustings.votes.result import publication_texts
from hustings.web.state import AppState

__all__ = [
    "ballot",
    "ballot_json",
    "ballots",
    "cast_vote",
    "choices_from_form",
    "declared",
    "officer_turnout",
    "published_file",
    "receipt_check",
]

PUBLISHED = ("ballots.blt", "rounds.csv", "receipts.txt", "result.json")


def _database(state: AppState) -> Database:
    """The database; a server where it was never set up has no ballots (404, not 503)."""
    try:
        return state.database()
    except DatabaseError:
        if never_set_up(state.settings):
            raise NotFoundError(
                "there are no ballots on this server", hint="ask the democracy officer"
            ) from None
        raise


def ballots(state: AppState) -> list[Ballot]:
    """Every ballot, newest first (none where the database was never set up)."""
    try:
        return list_ballots(_database(state))
    except NotFoundError:
        return []


def ballot(state: AppState, slug: str) -> Ballot:
    """The ballot (public facts only: no electors, no papers)."""
    return get_ballot(_database(state), slug)


def ballot_json(state: AppState, slug: str) -> dict[str, Any]:
    """The ballot as JSON."""
    return ballot(state, slug).to_json()


def cast_vote(state: AppState, slug: str, code: str, choices: list[str]) -> dict[str, Any]:
    """Cast a vote; the receipt as JSON (answered only once the paper is committed)."""
    return cast(_database(state), slug, code, choices).to_json()


def choices_from_form(chosen: Ballot, form: Mapping[str, Any]) -> list[str]:
    """The choices of the voting form: ``rank-N`` numbers for a ranking, ``choice`` fields
    for marks. Preferences must run 1, 2, 3 ... without a gap or a repeat."""
    if not chosen.ranked:
        picked = form.get("choice", [])
        return [str(v) for v in (picked if isinstance(picked, list) else [picked]) if v]
    ranks: dict[int, str] = {}
    for i, name in enumerate(chosen.names):
        text = str(form.get(f"rank-{i}", "") or "").strip()
        if not text:
            continue
        if not text.isdigit() or not 1 <= int(text) <= len(chosen.names):
            raise InvalidInputError(f"the preference for {name} is not a number from the list")
        if int(text) in ranks:
            raise InvalidInputError(
                f"preference {text} is given to both {ranks[int(text)]} and {name}",
                hint="give each preference number once",
            )
        ranks[int(text)] = name
    order = sorted(ranks)
    if order != list(range(1, len(order) + 1)):
        missing = next(n for n in range(1, len(order) + 2) if n not in ranks)
        raise InvalidInputError(
            f"preference {missing} is missing", hint="number your choices 1, 2, 3 ... in order"
        )
    return [ranks[n] for n in order]


def receipt_check(state: AppState, slug: str, receipt: str) -> dict[str, Any]:
    """Whether the receipt's paper is in the ballot box."""
    return check_receipt(_database(state), slug, receipt).to_json()


def officer_turnout(state: AppState, user: Principal, slug: str) -> dict[str, Any]:
    """Turnout by region for the officer (admins); never results."""
    if user.role is not Role.ADMIN:
        raise ForbiddenError("turnout is for the democracy officer (an admin account)")
    return turnout(_database(state), slug).to_json()


def declared(state: AppState, slug: str) -> dict[str, Any]:
    """The declared result (``not_yet`` before the count)."""
    return result(_database(state), slug).to_json()


def published_file(state: AppState, slug: str, name: str) -> str:
    """One of the published files of a counted ballot, made from the ballot box."""
    if name not in PUBLISHED:
        raise InvalidInputError(f"no published file '{name}'", hint=", ".join(PUBLISHED))
    return publication_texts(_database(state), slug)[name]
