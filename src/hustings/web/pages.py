"""Server-rendered pages: they work without JavaScript; ``app.js`` only adds interactivity."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from hustings.data.api import Store
from hustings.data.profile import seat_profile
from hustings.data.registry import all_datasets
from hustings.errors import InvalidInputError
from hustings.web.hexmap import default_layout, layouts, load_layout, render_svg
from hustings.web.state import AppState
from hustings.web.views import (
    DEFAULT_BASE,
    SWING_PARTIES,
    MapView,
    available_models,
    base_shares,
    check_model,
    election_map,
    form_scenario,
    parse_scenario,
    party_names,
    projection_map,
    shares_text,
)

router = APIRouter(include_in_schema=False)


def state(request: Request) -> AppState:
    """The app's state."""
    app_state: AppState = request.app.state.hustings
    return app_state


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    """A page from ``template`` with ``context``."""
    templates = request.app.state.templates
    body = templates.get_template(template).render(request=request, **context)
    return HTMLResponse(body)


def map_svg(st: AppState, view: MapView, layout: str | None, key: tuple[Any, ...]) -> str:
    """The SVG of ``view`` on ``layout`` (default: the boundary set's), cached by ``key``."""
    store = st.store()
    chosen = layout or st.cached(
        ("default-layout", view.boundary_set), lambda: default_layout(store, view.boundary_set)
    )
    known = st.cached(("layouts",), lambda: layouts(store))
    if chosen not in known or known[chosen][0] != view.boundary_set:
        fitting = [k for k, v in known.items() if v[0] == view.boundary_set]
        raise InvalidInputError(
            f"no hex layout '{chosen}' for the {view.boundary_set} boundaries",
            hint="use one of: " + ", ".join(fitting),
            layout=chosen,
        )
    hexes = st.cached(("layout", chosen), lambda: load_layout(store, chosen))
    return st.cached(
        ("svg", chosen, *key),
        lambda: render_svg(hexes, view.winners, party_names(), title=view.title),
        few=view.kind == "projection",
    )


def _general_elections(store: Store) -> list[Any]:
    return [e for e in store.elections.values() if e.kind != "by-election"]


@router.get("/", response_class=HTMLResponse)
def national(
    request: Request,
    election: str = Query("2024", max_length=60),
    layout: str | None = Query(None, max_length=60),
) -> HTMLResponse:
    """The national hex map of an election, with seat counts and share bars."""
    st = state(request)
    store = st.store()
    view = st.cached(("mapview", election), lambda: election_map(store, election))
    svg = map_svg(st, view, layout, ("election", election))
    return render(
        request,
        "national.html",
        view=view,
        svg=svg,
        election=store.election(election).id,
        elections=_general_elections(store),
        layouts=[
            k
            for k, v in st.cached(("layouts",), lambda: layouts(store)).items()
            if v[0] == view.boundary_set
        ],
        layout=layout,
    )


@router.get("/swingometer", response_class=HTMLResponse)
def swingometer(
    request: Request,
    base: str = Query(DEFAULT_BASE, max_length=60),
    model: str = Query("uns", max_length=40),
    shares: str | None = Query(None, max_length=300, description="e.g. final-polls-2024"),
) -> HTMLResponse:
    """Sliders for national shares; the map and totals follow (through the API with JS)."""
    st = state(request)
    store = st.store()
    base_id = store.election(base).id
    check_model(model)
    text = form_scenario(dict(request.query_params)) or shares
    if text is None:
        text = shares_text(st.cached(("base-shares", base_id), lambda: base_shares(store, base_id)))
    chosen = parse_scenario(store, text)
    view = projection_map(store, base_id, chosen, model)
    svg = map_svg(st, view, None, ("projection", base_id, model, text))
    sliders = {p: chosen.get(p, 0.0) for p in SWING_PARTIES}
    return render(
        request,
        "swingometer.html",
        view=view,
        svg=svg,
        base=base_id,
        model=model,
        models=available_models(),
        shares=sliders,
        others=max(0.0, 1.0 - sum(sliders.values())),
        bases=_general_elections(store),
    )


@router.get("/seats/{gss}", response_class=HTMLResponse)
def seat_page(request: Request, gss: str) -> HTMLResponse:
    """Everything about one seat: results since 2010, notional, Leave, census, projection."""
    st = state(request)
    store = st.store()
    profile = seat_profile(store, gss.upper() if len(gss) == 9 else gss)
    extra = seat_extras(st, profile.seat.gss, profile.seat.boundary_set)
    return render(request, "seat.html", profile=profile, **extra)


def seat_extras(st: AppState, gss: str, boundary_set: str) -> dict[str, Any]:
    """The projection and tactical advice for a seat, where those libraries are present."""
    from hustings.web import seatextras

    return seatextras.extras(st, gss, boundary_set)


@router.get("/about", response_class=HTMLResponse)
def about(request: Request) -> HTMLResponse:
    """Where the data comes from, its licences and the credit each publisher asks for."""
    return render(request, "about.html", datasets=all_datasets())
