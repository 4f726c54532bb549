"""Constituencies: lists, search and one seat's profile."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from hustings.data.profile import seat_profile
from hustings.web.adapter.search import canonical_query
from hustings.web.adapter.seats import seat_list
from hustings.web.api._common import ERRORS, GSS, PREFIX, TAG, json_bytes, raw, state

__all__ = ["router"]

router = APIRouter(prefix=PREFIX, tags=[TAG])


@router.get("/seats", responses=ERRORS, summary="Constituencies, optionally filtered")
def seats(
    request: Request,
    boundary_set: str | None = Query(None, pattern="^(2010|2024)$"),
    q: str | None = Query(
        None,
        max_length=100,
        description="GSS code or part of a name (accents and case ignored; word starts in any "
        "order, e.g. 'ynys mon', 'orkney')",
    ),
) -> Response:
    """Constituencies on one boundary set or both, best match first when searching."""
    st = state(request)
    text = canonical_query(q) if q else None
    return raw(
        st.cached(
            ("seats", boundary_set, text or None),
            lambda: json_bytes(seat_list(st.store(), boundary_set, text)),
            few=bool(text),
        )
    )


@router.get("/seats/{gss}", responses=ERRORS, summary="One seat's profile")
async def seat(request: Request, gss: str = GSS) -> Response:
    """Every result since 2010, the notional result, Leave estimate and census summary."""
    st = state(request)
    key = ("seat", gss.upper())
    body = st.peek(key)
    if body is None:
        body = await run_in_threadpool(
            st.cached, key, lambda: json_bytes(seat_profile(st.store(), gss.upper()).to_json())
        )
    return raw(body)


@router.get(
    "/postcodes/{postcode}",
    responses=ERRORS,
    summary="The 2024 seats of a postcode, sector or district",
)
def postcode(
    request: Request,
    postcode: str = Path(
        ..., max_length=12, description="LS6 1AA, LS6 1 or LS6", examples=["LS6 1AA"]
    ),
) -> Response:
    """Where a full postcode, sector or district is, and its 2024 seats with the share of its
    postcodes in each (a sector or district can be split between seats). Great Britain only."""
    from hustings.data.geo import locate_postcode, parse_postcode

    st = state(request)
    canonical, _ = parse_postcode(postcode)
    return raw(
        st.cached(
            ("postcode", canonical),
            lambda: json_bytes(locate_postcode(st.store(), canonical).to_json()),
            few=True,
        )
    )
