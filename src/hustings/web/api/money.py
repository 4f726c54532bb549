"""Campaign money: the limits in force, seat headroom, crowdfunds, and recording a spend."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from hustings.storage.accounts import Principal
from hustings.web.adapter import money as adapter
from hustings.web.api._common import ERRORS, PREFIX, TAG, json_bytes, raw, state
from hustings.web.auth import require_user

__all__ = ["SpendIn", "router"]

router = APIRouter(prefix=f"{PREFIX}/money", tags=[TAG])
AUTH_ERRORS = {**ERRORS, 401: ERRORS[400], 403: ERRORS[400], 409: ERRORS[400]}
User = Annotated[Principal, Depends(require_user)]
ElectionQuery = Query(
    "2024",
    max_length=10,
    pattern=r"^(\d{4}|\d{4}-\d{2}-\d{2})$",
    description="2017, 2019, 2024, or the polling day of an election to come (YYYY-MM-DD)",
)


@router.get("/limits", responses=ERRORS, summary="The legal limits in force, with sources")
def get_limits(
    request: Request,
    election: str = ElectionQuery,
    seat: str | None = Query(None, max_length=100, description="a seat's name or GSS code"),
) -> Response:
    """Every rule in force on the election's polling day; with ``seat``, that seat's limits."""
    return raw(json_bytes(adapter.limits_view(state(request), election, seat)))


@router.get("/check", responses=AUTH_ERRORS, summary="Spending against every limit")
def get_check(
    request: Request, user: User, election: str = ElectionQuery, as_of: date | None = None
) -> Response:
    """Per seat and part: spent, limit, headroom and status (ok, warning, breach)."""
    return raw(json_bytes(adapter.check_view(state(request), user, election, as_of)))


@router.get("/crowdfunds", responses=AUTH_ERRORS, summary="Crowdfunding progress")
def get_crowdfunds(request: Request, user: User) -> Response:
    """Target, pledged, paid, refunded, status and refunds due of each crowdfund."""
    return raw(json_bytes(adapter.crowdfunds(state(request), user)))


class SpendIn(BaseModel):
    """One item of spending; amounts are text so pounds and pence stay exact."""

    ref: str = Field(min_length=1, max_length=100)
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    amount: str = Field(min_length=1, max_length=20, examples=["1250.00"])
    category: str = Field(max_length=40, examples=["material"])
    where: str = Field(min_length=1, max_length=2000, description="seat, 'A;B', a part, or UK")
    supplier: str = Field("", max_length=200)
    description: str = Field("", max_length=2000)
    candidate: str = Field("", max_length=200)
    targeted_party: str = Field("", max_length=20)
    notional: bool = False
    joint_plan: str = Field("", max_length=200)
    paid_by: str = Field("", max_length=200)
    invoice: str = Field("", max_length=200)
    supplier_address: str = Field("", max_length=2000)
    claimed: str = Field("", pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="claim made")
    paid: str = Field("", pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="date paid")
    status: str = Field("", max_length=10, description="paid, unpaid or disputed")
    override: bool = Field(False, description="save even if it breaches a limit (audited)")


@router.post("/spend", responses=AUTH_ERRORS, summary="Record a spend (409 before a breach)")
def post_spend(
    request: Request, user: User, body: SpendIn, election: str = ElectionQuery
) -> Response:
    """Saved only if no limit would be breached, or with ``override`` (written to the audit
    log); a would-be breach answers 409 with code ``would_breach`` naming the limit."""
    row = {k: ("yes" if v is True else "" if v is False else str(v))
           for k, v in body.model_dump().items() if k != "override"}  # fmt: skip
    saved = adapter.record_spend(state(request), user, election, row, override=body.override)
    return raw(json_bytes(saved))
