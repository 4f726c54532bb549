"""What every page module shares: the app state, rendering and the hex-map SVG."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hustings.data.api import Store
from hustings.errors import InvalidInputError
from hustings.storage.accounts import Principal, Role
from hustings.web.adapter.hexmap import HexLayout, default_layout, layouts, load_layout, render_svg
from hustings.web.adapter.maps import MapView, party_names
from hustings.web.state import AppState

__all__ = [
    "general_elections",
    "hex_layout",
    "map_svg",
    "render",
    "render_text",
    "sign_in_first",
    "staff_user",
    "state",
]


def state(request: Request) -> AppState:
    """The app's state."""
    app_state: AppState = request.app.state.hustings
    return app_state


def sign_in_first(request: Request) -> RedirectResponse:
    """To the sign-in page, coming back to this page afterwards."""
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


def staff_user(request: Request, user: Principal | None) -> Principal | Response:
    """The user of a page for organisers, viewers and admins, or where to send anyone else:
    to sign in first, or (a canvasser) to their own walk lists."""
    if user is None:
        return sign_in_first(request)
    if user.role is Role.CANVASSER:
        return RedirectResponse("/field/canvass", status_code=303)
    return user


def hex_layout(st: AppState, boundary_set: str = "2024") -> HexLayout:
    """The default hex layout of a boundary set, read once."""
    store = st.store()
    name = st.cached(("default-layout", boundary_set), lambda: default_layout(store, boundary_set))
    return st.cached(("layout", name), lambda: load_layout(store, name))


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
