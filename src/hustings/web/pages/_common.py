"""What every page module shares: the app state, rendering and the hex-map SVG."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from hustings.data.api import Store
from hustings.errors import InvalidInputError
from hustings.web.adapter.hexmap import default_layout, layouts, load_layout, render_svg
from hustings.web.adapter.maps import MapView, party_names
from hustings.web.state import AppState

__all__ = ["general_elections", "map_svg", "render", "render_text", "state"]


def state(request: Request) -> AppState:
    """The app's state."""
    app_state: AppState = request.app.state.hustings
    return app_state


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    """A page from ``template`` with ``context``."""
    return HTMLResponse(render_text(request, template, **context))


def render_text(request: Request, template: str, **context: Any) -> str:
    """The HTML of ``template`` with ``context``."""
    templates = request.app.state.templates
    body: str = templates.get_template(template).render(request=request, **context)
    return body


def map_svg(
    st: AppState,
    view: MapView,
    layout: str | None,
    key: tuple[Any, ...],
    names: dict[str, str] | None = None,
) -> str:
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
        lambda: render_svg(
            hexes, view.winners, names or party_names(), title=view.title, details=view.details
        ),
        few=view.kind == "projection",
    )


def general_elections(store: Store) -> list[Any]:
    """General elections (and notional results), oldest first."""
    return [e for e in store.elections.values() if e.kind != "by-election"]
