"""Pages for tactical advice, target lists and the back-test."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from hustings.web.adapter.search import canonical_query, search_seats
from hustings.web.adapter.tactics import (
    advice_query,
    backtest_report,
    cached_targets,
    regions,
    site_advice,
    tactical,
    target_inputs,
)
from hustings.web.pages._common import render, state
from hustings.web.params import AGAINST, BASE, BLOC, POLICY, SHARES

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

GB_PARTIES = ("CON", "LAB", "LD", "RUK", "GRN", "SNP", "PC")
"""Parties a bloc can be made of, or be against, on the tactical page."""


@router.get("/tactical", response_class=HTMLResponse, include_in_schema=False)
def tactical_page(
    request: Request,
    seat: str | None = Query(None, max_length=100),
    base: str = BASE,
    bloc: str = BLOC,
    against: str = AGAINST,
    policy: str = POLICY,
    b: list[str] | None = Query(None, description="a party of the bloc (repeated)"),
) -> HTMLResponse:
    """Find a seat (by name or postcode) and see whom to back and why; the form chooses the
    party to beat and the parties of the bloc."""
    st = state(request)
    store = st.store()
    bloc = ",".join(p for p in (b or []) if p.strip().upper() != against.strip().upper()) or bloc
    query = advice_query(store, base, bloc, against, policy, None)
    advice = chosen = search = None
    if seat and seat.strip():
        search = st.cached(("search", canonical_query(seat)), lambda: search_seats(store, seat),
                           few=True)  # fmt: skip
        chosen = search.chosen
        if chosen is not None:
            all_seats = st.cached(query.key(), lambda: tactical(store, query), few=True)
            advice = all_seats.seat(chosen.gss)
    names = st.cached(("names", "2024"), lambda: [s.name for s in store.constituencies("2024")])
    sites = st.cached(("sites",), lambda: site_advice(store)).get(chosen.gss, []) if chosen else []
    context = {"query": query, "seat": seat or "", "chosen": chosen, "advice": advice,
               "names": names, "search": search, "gb_parties": GB_PARTIES,
               "sites": sites}  # fmt: skip
    return render(request, "tactical.html", **context)


@router.get("/targets", response_class=HTMLResponse, include_in_schema=False)
def targets_page(
    request: Request,
    party: str = Query("LAB", max_length=10),
    mode: str = Query("attack", pattern="^(attack|defence|jeopardy)$"),
    base: str = BASE,
    shares: str | None = SHARES,
    region: str | None = Query(None, max_length=60),
    max_swing: str | None = Query(None, max_length=20),
) -> HTMLResponse:
    """A sortable, filterable target list with a CSV download (empty boxes mean no filter)."""
    st = state(request)
    store = st.store()
    q = target_inputs(store, party=party, mode=mode, base=base, shares=shares, region=region,
                      max_swing=max_swing)  # fmt: skip
    found = cached_targets(st, q)
    choices = st.cached(("regions", q.boundary_set), lambda: regions(store, q.boundary_set))
    params = {"party": q.party, "mode": q.mode, "base": q.base, "format": "csv"}
    params |= {k: str(v) for k, v in [("shares", q.scenario_text), ("region", q.region),
               ("max_swing", q.max_swing)] if v is not None}  # fmt: skip
    csv_url = "/api/v1/targets?" + urlencode(params)
    return render(request, "targets.html", targets=found, regions=choices, q=q,
                  csv_url=csv_url)  # fmt: skip


@router.get("/backtest", response_class=HTMLResponse, include_in_schema=False)
def backtest_page(request: Request) -> HTMLResponse:
    """Our seat calls in past elections beside the published forecasters'."""
    st = state(request)
    report = st.cached(("backtest",), lambda: backtest_report(st.store()))
    return render(request, "backtest.html", report=report)
