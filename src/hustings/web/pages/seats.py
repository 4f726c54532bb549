"""One seat's page."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from hustings.web.adapter.parties import all_party_names
from hustings.web.adapter.search import canonical_query, search_seats
from hustings.web.adapter.seats import extras, resolve_seat, seat_page
from hustings.web.pages._common import render, render_text, state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/seats", response_class=HTMLResponse)
def search(request: Request, q: str | None = Query(None, max_length=100)) -> HTMLResponse:
    """Find a seat by part of its name, an old seat's name, or a postcode, sector or district."""
    st = state(request)
    store = st.store()
    found = None
    if q and q.strip():
        found = st.cached(("search", canonical_query(q)), lambda: search_seats(store, q), few=True)
        if found.chosen is not None and found.postcode is None:
            return RedirectResponse(f"/seats/{found.chosen.gss}", status_code=303)  # type: ignore[return-value]
    return render(request, "search.html", q=q or "", search=found)


@router.get("/seats/{gss}", response_class=HTMLResponse)
async def seat(request: Request, gss: str = Path(..., max_length=100)) -> Response:
    """Everything about one seat: results since 2010, notional, Leave, census, projection.

    The page depends only on the store, so each seat's HTML is rendered once; a request for a
    seat already seen by its code is answered on the event loop without touching the store."""
    st = state(request)
    by_code = st.peek(("seats-by-code",))
    known = by_code.get(gss.strip().upper()) if by_code else None
    body = st.peek(("seat-html", known.gss, known.boundary_set)) if known else None
    if body is None:
        body = await run_in_threadpool(_build, request, gss)
    return Response(body, media_type="text/html; charset=utf-8")


def _build(request: Request, gss: str) -> bytes:
    st = state(request)
    store = st.store()
    found = resolve_seat(st, gss)

    def build() -> bytes:
        names = st.cached(("party-names-all",), lambda: all_party_names(store))
        page = seat_page(store, found, names)
        extra = extras(st, found.gss, found.boundary_set)
        return render_text(request, "seat.html", page=page, **extra).encode()

    return st.cached(("seat-html", found.gss, found.boundary_set), build)
