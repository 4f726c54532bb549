"""The organiser's money page: seat headroom on the hex map, parts, thresholds, crowdfunds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from hustings.web.adapter import money as adapter
from hustings.web.adapter.hexmap import render_svg
from hustings.web.auth import CurrentUser
from hustings.web.pages._common import hex_layout, render, staff_user, state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
STATUS_NAMES = {
    "mnone": "nothing spent yet",
    "mok": "under 80% of the limit",
    "mwarning": "80% of the limit or more",
    "mbreach": "over the limit",
}


def _map(request: Request, rows: list[dict[str, Any]]) -> str:
    hexes = hex_layout(state(request))
    shading = {
        r["seat"]: ("m" + r["status"]) if r["spent_pence"] else "mnone"
        for r in rows
        if r["limit_key"] == "non_party.constituency"
    }
    return render_svg(
        hexes,
        shading,
        STATUS_NAMES,
        title="Spending against each seat's limit",
        link="/money?seat=",
    )


@router.get("/money", response_class=HTMLResponse)
def money_page(request: Request, user: CurrentUser, seat: str | None = None) -> Response:
    """Headroom per seat on the map, the parts of the UK, thresholds crossed and crowdfunds."""
    who = staff_user(request, user)
    if isinstance(who, Response):
        return who
    st = state(request)
    body = adapter.check_view(st, who, "2024", None)
    rows = body["seats"]
    chosen = seat.upper() if seat and len(seat) == 9 else None
    flagged = [r for r in rows if r["status"] != "ok" or r["seat"] == chosen]
    return render(
        request,
        "money.html",
        user=who,
        check=body,
        flagged=flagged,
        map_svg=_map(request, rows) if st.has_store and rows else "",
        statuses=STATUS_NAMES,
        crowdfunds=adapter.crowdfunds(st, who),
        limits=adapter.limits_view(st, "2024", None),
    )
