"""One seat's page."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from hustings.web.adapter.seats import extras, resolve_seat, seat_page
from hustings.web.pages._common import render, state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/seats/{gss}", response_class=HTMLResponse)
def seat(request: Request, gss: str = Path(..., max_length=100)) -> HTMLResponse:
    """Everything about one seat: results since 2010, notional, Leave, census, projection."""
    st = state(request)
    store = st.store()
    found = resolve_seat(st, gss)
    key = ("seat-page", found.gss, found.boundary_set)
    page = st.cached(key, lambda: seat_page(store, found))
    extra = extras(st, page.profile.seat.gss, page.profile.seat.boundary_set)
    return render(request, "seat.html", page=page, **extra)
