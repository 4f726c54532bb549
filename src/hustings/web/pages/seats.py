"""One seat's page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from hustings.data.profile import seat_profile
from hustings.web.adapter.seats import extras
from hustings.web.pages._common import render, state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/seats/{gss}", response_class=HTMLResponse)
def seat_page(request: Request, gss: str) -> HTMLResponse:
    """Everything about one seat: results since 2010, notional, Leave, census, projection."""
    st = state(request)
    store = st.store()
    profile = seat_profile(store, gss.upper() if len(gss) == 9 else gss)
    extra = extras(st, profile.seat.gss, profile.seat.boundary_set)
    return render(request, "seat.html", profile=profile, **extra)
