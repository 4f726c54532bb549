"""The organiser's allocation page: the newest saved plan on the hex map, the published seat
scores, and one volunteer's own suggestion."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from hustings.web.adapter.hexmap import render_svg
from hustings.web.auth import CurrentUser
from hustings.web.pages._common import hex_layout, render, staff_user, state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
SHADES = {
    "aplan": "volunteers or money planned",
    "acontested": "contested, nothing planned",
    "anone": "not contested",
}


def _map(request: Request, seats: list[dict[str, Any]]) -> str:
    hexes = hex_layout(state(request))
    shading = {s["seat"]: "aplan" if s["hours"] > 0 or s["spend"] > 0 else "acontested"
               for s in seats}  # fmt: skip
    shading.update({h.gss: "anone" for h in hexes.hexes if h.gss not in shading})
    details = {
        s["seat"]: f"{_few(s['volunteers'])} volunteers, GBP {s['spend'] + s['travel']:,.0f}"
        for s in seats
        if s["hours"] or s["spend"]
    }
    return render_svg(hexes, shading, SHADES, title="The plan: where volunteers and money go",
                      link="/seats/", details=details)  # fmt: skip


def _few(count: int) -> str:
    """A count, with 1 to 4 shown as fewer than 5 (no small group shown)."""
    return "fewer than 5" if 0 < count < 5 else str(count)


@router.get("/allocate", response_class=HTMLResponse)
def allocate_page(
    request: Request,
    user: CurrentUser,
    volunteer: str | None = Query(None, max_length=200),
) -> Response:
    """The newest plan saved by ``hustings allocate``: map, seat scores, and a volunteer's
    suggestion when ``volunteer`` names one."""
    who = staff_user(request, user)
    if isinstance(who, Response):
        return who
    from hustings.allocate.plan import latest_saved

    st = state(request)
    saved = latest_saved(st.settings.home / "plans")
    name, plan = saved if saved else (None, None)
    mine = None
    if plan and volunteer:
        mine = next((a for a in plan["assignments"] if a["volunteer"] == volunteer.strip()), None)
    return render(
        request, "allocate.html", user=who, name=name, plan=plan, volunteer=volunteer or "",
        mine=mine, shades=SHADES,
        map_svg=_map(request, plan["seats"]) if plan and st.has_store else "",
    )  # fmt: skip
