"""The field operation: contact records from phones, walk lists and coverage."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from hustings.field.canvass import records_from_json
from hustings.field.model import Channel, Outcome
from hustings.storage.accounts import Principal
from hustings.web.adapter import field as adapter
from hustings.web.api._common import ERRORS, PREFIX, TAG, json_bytes, raw, state
from hustings.web.auth import require_user
from hustings.web.contact_sync import phone_time

__all__ = ["ContactIn", "router"]

router = APIRouter(prefix=f"{PREFIX}/field", tags=[TAG])
AUTH_ERRORS = {**ERRORS, 401: ERRORS[400], 403: ERRORS[400]}
User = Annotated[Principal, Depends(require_user)]


def _phone_time(value: object) -> datetime:
    try:
        return phone_time(value)
    except ValueError as exc:
        raise PydanticCustomError("datetime_parsing", str(exc)) from None


class ContactIn(BaseModel):
    """One record made on a phone: its own id, the household, what happened and when."""

    id: UUID = Field(
        description="made on the device; a replay with the same id is not stored twice"
    )
    household: str = Field(min_length=1, max_length=200, description="the household's address_key")
    outcome: Outcome
    at: Annotated[datetime, BeforeValidator(_phone_time)] = Field(
        description="ISO-8601 text; without a zone it is taken as UTC (a number is refused)"
    )
    channel: Channel | None = Field(None, description="door (default), phone or leaflet")


class SyncOut(BaseModel):
    """How many records were new, and how many had been stored before."""

    accepted: int
    duplicates: int


@router.post(
    "/contacts",
    responses=AUTH_ERRORS,
    response_model=SyncOut,
    summary="Store a batch of contact records (all or nothing, replay-safe)",
)
async def post_contacts(
    request: Request,
    user: User,
    batch: Annotated[list[ContactIn], Field(max_length=5000)],
) -> Response:
    """Answers 200 only after the batch is durably stored; a bad record refuses the batch.

    Batches arriving together share one transaction (group commit); each is still stored
    all or nothing, and answered only once that transaction has committed."""
    records = records_from_json(item.model_dump() | {"id": str(item.id)} for item in batch)
    result = await state(request).contact_writer().submit((user, records))
    return raw(json_bytes(result.to_json()))


@router.get("/coverage", responses=AUTH_ERRORS, summary="Coverage per seat (or ward)")
def get_coverage(
    request: Request,
    user: User,
    seat: str | None = Query(None, pattern=r"^[EeSsWw][0-9]{8}$"),
    by_ward: bool = Query(False),
    by_day: bool = Query(False),
) -> Response:
    """Households, households knocked, spoken to, phoned and leafleted, volunteers, hours."""
    rows = adapter.coverage_rows(
        state(request), user, seat=seat.upper() if seat else None, by_ward=by_ward, by_day=by_day
    )
    return raw(json_bytes(rows))


@router.get("/walklists", responses=AUTH_ERRORS, summary="The walk lists you may open")
def get_walk_lists(request: Request, user: User) -> Response:
    """A canvasser's own walk lists; organisers' in their seats; all for admins."""
    return raw(json_bytes(adapter.my_walk_lists(state(request), user)))


@router.get("/walklists/{list_id}", responses=AUTH_ERRORS, summary="One walk list's doors")
def get_walk_list(request: Request, user: User, list_id: int) -> Response:
    """The households of a walk list and what has happened at each (the read is audited)."""
    return raw(json_bytes(adapter.walk_list(state(request), user, list_id)))
