"""Pages for tactical advice, target lists and the back-test."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from hustings.data.lookup import find_seats
from hustings.web.adapter.tactics import AdviceQuery, backtest_report, tactical, targets
from hustings.web.pages._common import render, state
from hustings.web.params import AGAINST, BASE, BLOC, POLICY

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


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
