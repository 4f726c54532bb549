"""Member votes: the ballot, casting with a one-time code, receipts, turnout and results."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field

from hustings.storage.accounts import Principal
from hustings.web.adapter import votes as adapter
from hustings.web.api._common import ERRORS, PREFIX, TAG, json_bytes, raw, state
from hustings.web.auth import require_user

__all__ = ["CastIn", "ReceiptIn", "router"]

router = APIRouter(prefix=f"{PREFIX}/votes", tags=[TAG])
VOTE_ERRORS = {**ERRORS, 401: ERRORS[400], 403: ERRORS[400], 409: ERRORS[400]}
User = Annotated[Principal, Depends(require_user)]
Slug = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$", description="the ballot")]


class CastIn(BaseModel):
    """A vote: the voter's one-time code and their choices (in order of preference)."""

    code: str = Field(min_length=1, max_length=100, description="the one-time voting code")
    choices: list[str] = Field(
        min_length=1, max_length=200, description="candidate names, first preference first"
    )


class ReceiptIn(BaseModel):
    """A receipt code to look for in the ballot box."""

    receipt: str = Field(min_length=1, max_length=100)


@router.get("/{slug}", responses=VOTE_ERRORS, summary="A ballot as voters see it")
def get_ballot(request: Request, slug: Slug) -> Response:
    """Title, method, seats, candidates with statements, times and state."""
    return raw(json_bytes(adapter.ballot_json(state(request), slug)))


@router.post("/{slug}/cast", responses=VOTE_ERRORS, summary="Cast a vote with a one-time code")
def post_cast(request: Request, slug: Slug, vote: CastIn) -> Response:
    """Answers with a receipt only once the paper is stored; a spent code is refused (409)."""
    return raw(json_bytes(adapter.cast_vote(state(request), slug, vote.code, vote.choices)))


@router.post("/{slug}/receipt", responses=VOTE_ERRORS, summary="Is my paper in the box?")
def post_receipt(request: Request, slug: Slug, body: ReceiptIn) -> Response:
    """Whether the paper of a receipt is in the ballot box (says nothing of the vote)."""
    return raw(json_bytes(adapter.receipt_check(state(request), slug, body.receipt)))


@router.get("/{slug}/turnout", responses=VOTE_ERRORS, summary="Turnout by region (officer)")
def get_turnout(request: Request, slug: Slug, user: User) -> Response:
    """Electors and votes cast by region; no results; no group under 5 shown."""
    return raw(json_bytes(adapter.officer_turnout(state(request), user, slug)))


@router.get("/{slug}/result", responses=VOTE_ERRORS, summary="The declared result")
def get_result(request: Request, slug: Slug) -> Response:
    """The count, round by round, with the digest of the ballot list (409 before the count)."""
    return raw(json_bytes(adapter.declared(state(request), slug)))


@router.get(
    "/{slug}/published/{name}",
    responses=VOTE_ERRORS,
    summary="A published file: ballots.blt, rounds.csv, receipts.txt or result.json",
    response_class=PlainTextResponse,
)
def get_published(request: Request, slug: Slug, name: str) -> Response:
    """The anonymised ballots and the rest of the publication (after the count)."""
    text = adapter.published_file(state(request), slug, name)
    kind = "application/json" if name.endswith(".json") else "text/plain; charset=utf-8"
    return Response(text, media_type=kind)
