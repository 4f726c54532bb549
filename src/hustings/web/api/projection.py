"""Seat projections from national shares."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from hustings.web.adapter.maps import DEFAULT_BASE
from hustings.web.adapter.projection import (
    check_model,
    nation_shares,
    parse_scenario,
    projection_json,
)
from hustings.web.adapter.tactics import scenario_key
from hustings.web.api._common import ERRORS, PREFIX, TAG, json_bytes, raw, state

__all__ = ["router"]

router = APIRouter(prefix=PREFIX, tags=[TAG])


@router.get("/project", responses=ERRORS, summary="Project seats from national shares")
def project(
    request: Request,
    shares: str = Query(
        ...,
        max_length=300,
        description="LAB=33.7,CON=23.7,... (percent) or a named scenario such as final-polls-2024",
    ),
    base: str = Query(DEFAULT_BASE, max_length=60, description="the election swung from"),
    model: str = Query("uns", max_length=40),
    sims: int = Query(0, ge=0, le=2000, description="Monte Carlo runs (0: none)"),
    detail: bool = Query(True, description="include each seat's shares (false: winners only)"),
    scotland: str | None = Query(None, max_length=300, description="Scotland's shares, if apart"),
    wales: str | None = Query(None, max_length=300, description="Wales's shares, if apart"),
) -> Response:
    """Seat-by-seat projection: winners, seat totals, the base's seats and, with sims, seat
    ranges and win probabilities. Scotland and Wales follow the GB shares unless given."""
    st = state(request)
    store = st.store()
    base_id = store.election(base).id
    check_model(model)
    nations = nation_shares(store, scotland=scotland, wales=wales)
    key = ("project", base_id, scenario_key(parse_scenario(store, shares)), model, sims, detail,
           tuple((n, scenario_key(v)) for n, v in sorted(nations.items())))  # fmt: skip

    def build() -> bytes:
        body = projection_json(store, base_id, shares, model, sims, detail=detail, nations=nations)
        return json_bytes(body)

    return raw(st.cached(key, build, few=True))
