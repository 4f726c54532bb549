"""Pages and API routes for tactical advice, target lists and the back-test."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from hustings.data.lookup import find_seats
from hustings.web.advice import (
    DEFAULT_BLOC,
    AdviceQuery,
    advice_json,
    backtest_report,
    check_positive_swing,
    tactical,
    targets,
)
from hustings.web.api import ERRORS, json_bytes, raw
from hustings.web.pages import render, state
from hustings.web.views import DEFAULT_BASE

router = APIRouter()

BASE = Query(DEFAULT_BASE, max_length=60, description="the election advice starts from")
BLOC = Query(DEFAULT_BLOC, max_length=60, description="parties of the bloc, comma-separated")
AGAINST = Query("CON", max_length=10, description="the party the bloc wants to beat")
POLICY = Query("projection", pattern="^(projection|previous-result)$")
SHARES = Query(None, max_length=300, description="scenario: LAB=33.7,... or final-polls-2024")


@router.get("/api/v1/tactical", responses=ERRORS, tags=["api v1"], summary="Tactical advice")
def tactical_all(
    request: Request,
    base: str = BASE,
    bloc: str = BLOC,
    against: str = AGAINST,
    policy: str = POLICY,
    shares: str | None = SHARES,
) -> Response:
    """Whom the bloc should back in every GB seat, how sure, and why."""
    advice = _advice(request, AdviceQuery(base, bloc, against, policy, shares))
    return raw(json_bytes(advice_json(advice)))


@router.get(
    "/api/v1/tactical/{gss}", responses=ERRORS, tags=["api v1"], summary="Advice for one seat"
)
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
    advice = _advice(request, AdviceQuery(base, bloc, against, policy, shares))
    return raw(json_bytes(advice.seat(gss.upper()).to_json()))


def _advice(request: Request, query: AdviceQuery) -> Any:
    st = state(request)
    return st.cached(query.key(), lambda: tactical(st.store(), query), few=True)


@router.get("/api/v1/targets", responses=ERRORS, tags=["api v1"], summary="Target list")
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
    key = ("targets", party.upper(), mode, base, shares, region, max_swing)
    found = st.cached(key, lambda: targets(
        st.store(), party=party, mode=mode, base=base, shares=shares, region=region,
        max_swing=check_positive_swing(max_swing),
    ), few=True)  # fmt: skip
    if format == "csv":
        name = f"targets-{found.party}-{found.mode}.csv"
        return Response(
            found.to_csv(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return raw(json_bytes(found.to_json()))


@router.get("/tactical", response_class=HTMLResponse, include_in_schema=False)
def tactical_page(
    request: Request,
    seat: str | None = Query(None, max_length=100),
    base: str = BASE,
    bloc: str = BLOC,
    against: str = AGAINST,
    policy: str = POLICY,
) -> HTMLResponse:
    """Find a seat and see whom to back and why."""
    st = state(request)
    store = st.store()
    query = AdviceQuery(base, bloc, against, policy, None)
    advice = chosen = None
    if seat:
        chosen = find_seats(store, seat, boundary_set=store.election(base).boundary_set)[0]
        all_seats = st.cached(query.key(), lambda: tactical(store, query), few=True)
        advice = all_seats.seat(chosen.gss)
    names = st.cached(("names", "2024"), lambda: [s.name for s in store.constituencies("2024")])
    return render(request, "tactical.html", query=query, seat=seat or "", chosen=chosen,
                  advice=advice, names=names)  # fmt: skip


@router.get("/targets", response_class=HTMLResponse, include_in_schema=False)
def targets_page(
    request: Request,
    party: str = Query("LAB", max_length=10),
    mode: str = Query("attack", pattern="^(attack|defence|jeopardy)$"),
    base: str = BASE,
    region: str | None = Query(None, max_length=60),
    max_swing: float | None = Query(None, ge=0, le=100),
) -> HTMLResponse:
    """A sortable, filterable target list with a CSV download."""
    st = state(request)
    region = region or None
    key = ("targets", party.upper(), mode, base, None, region, max_swing)
    found = st.cached(key, lambda: targets(
        st.store(), party=party, mode=mode, base=base, shares=None, region=region,
        max_swing=max_swing,
    ), few=True)  # fmt: skip
    regions = st.cached(
        ("regions",), lambda: sorted({s.region for s in st.store().constituencies()})
    )
    csv_url = request.url.replace(path="/api/v1/targets").include_query_params(format="csv")
    return render(request, "targets.html", targets=found, regions=regions, region=region,
                  max_swing=max_swing, base=base, csv_url=str(csv_url))  # fmt: skip


@router.get("/backtest", response_class=HTMLResponse, include_in_schema=False)
def backtest_page(request: Request) -> HTMLResponse:
    """Our seat calls in past elections beside the published forecasters'."""
    st = state(request)
    report = st.cached(("backtest",), lambda: backtest_report(st.store()))
    return render(request, "backtest.html", report=report)
