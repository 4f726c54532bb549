"""The national map of an election."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from hustings.web.adapter.hexmap import layouts
from hustings.web.adapter.maps import election_map, previous_election, seat_rows
from hustings.web.adapter.parties import election_party_names
from hustings.web.pages._common import general_elections, map_svg, render, state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def national(
    request: Request,
    election: str = Query("2024", max_length=60),
    layout: str | None = Query(None, max_length=60),
    show: str = Query("winners", pattern="^(winners|gains)$"),
) -> HTMLResponse:
    """The national hex map of an election (winners, or the seats that changed hands), with
    seat counts, share bars, a search box and every seat as a list (for small screens)."""
    st = state(request)
    store = st.store()
    election = store.election(election).id
    gains = show == "gains"
    view = st.cached(("mapview", election, gains),
                     lambda: election_map(store, election, gains=gains))  # fmt: skip
    names = st.cached(("party-names", election), lambda: election_party_names(store, election))
    svg = map_svg(st, view, layout, ("election", election, gains), names)
    seats = st.cached(("seat-list", election), lambda: seat_rows(store, election))
    return render(
        request,
        "national.html",
        view=view,
        svg=svg,
        election=store.election(election).id,
        elections=general_elections(store),
        layouts=[
            k
            for k, v in st.cached(("layouts",), lambda: layouts(store)).items()
            if v[0] == view.boundary_set
        ],
        layout=layout,
        names=names,
        show=show,
        seat_rows=seats,
        can_compare=previous_election(store, election) is not None,
    )
