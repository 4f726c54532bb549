"""Tactical advice and target lists."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from hustings.web.adapter.tactics import (
    advice_json,
    advice_query,
    cached_targets,
    tactical,
    target_inputs,
)
from hustings.web.api._common import ERRORS, PREFIX, TAG, json_bytes, raw, state
from hustings.web.params import AGAINST, BASE, BLOC, POLICY, SHARES

__all__ = ["router"]

router = APIRouter(prefix=PREFIX, tags=[TAG])


@router.get("/tactical", responses=ERRORS, summary="Tactical advice")
def tactical_all(
    request: Request,
    base: str = BASE,
    bloc: str = BLOC,
    against: str = AGAINST,
    policy: str = POLICY,
    shares: str | None = SHARES,
) -> Response:
    """Whom the bloc should back in every GB seat, how sure, and why."""
    advice = _advice(request, base, bloc, against, policy, shares)
    return raw(json_bytes(advice_json(advice)))


@router.get("/tactical/{gss}", responses=ERRORS, summary="Advice for one seat")
def tactical_seat(
    request: Request,
    gss: str,
    base: str = BASE,
    bloc: str = BLOC,
    against: str = AGAINST,
    policy: str = POLICY,
    shares: str | None = SHARES,
) -> Response:
    """The recommendation for one seat with its probability, label and evidence."""
    advice = _advice(request, base, bloc, against, policy, shares)
    return raw(json_bytes(advice.seat(gss.upper()).to_json()))


def _advice(request: Request, *question: Any) -> Any:
    st = state(request)
    store = st.store()
    query = advice_query(store, *question)
    return st.cached(query.key(), lambda: tactical(store, query), few=True)


@router.get("/targets", responses=ERRORS, summary="Target list")
def targets_api(
    request: Request,
    party: str = Query("LAB", max_length=10),
    mode: str = Query("attack", pattern="^(attack|defence|jeopardy)$"),
    base: str = BASE,
    shares: str | None = SHARES,
    region: str | None = Query(None, max_length=60),
    max_swing: float | None = Query(None, ge=0, le=100, description="points of swing"),
    format: str = Query("json", pattern="^(json|csv)$"),
) -> Response:
    """Seats to attack or defend (or in jeopardy under a scenario), as JSON or CSV."""
    st = state(request)
    inputs = target_inputs(st.store(), party=party, mode=mode, base=base, shares=shares,
                           region=region, max_swing=max_swing)  # fmt: skip
    found = cached_targets(st, inputs)
    if format == "csv":
        name = f"targets-{found.party}-{found.mode}.csv"
        return Response(
            found.to_csv(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return raw(json_bytes(found.to_json()))
