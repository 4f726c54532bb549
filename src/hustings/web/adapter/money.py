"""Campaign money for the web: limits in force, seat headroom, crowdfunding progress, and
recording a spend (warned, then refused, before a breach), each scoped to the user's role."""

from __future__ import annotations

from datetime import date
from typing import Any

from hustings.errors import ForbiddenError
from hustings.money import SeatResolver, limits, load_places
from hustings.money.check import check
from hustings.money.crowdfund import progress
from hustings.money.ledger import save_spend, spend_from_row
from hustings.money.places import Places
from hustings.storage.accounts import Principal, Role
from hustings.web.state import AppState

__all__ = ["check_view", "crowdfunds", "limits_view", "places", "record_spend"]


def places(state: AppState, election: str) -> Places:
    """The election's places (polling day, seats, parts, electorates), cached."""
    store = state.store()
    return state.cached(("money-places", election), lambda: load_places(store, election), few=True)


def limits_view(state: AppState, election: str, seat: str | None) -> dict[str, Any]:
    """The limits in force for an election (public: they are the law)."""
    chosen = places(state, election)
    code = SeatResolver(state.store(), chosen)(seat) if seat else None
    return limits(chosen, seat=code).to_json()


def _reader(user: Principal) -> None:
    if user.role is Role.CANVASSER:
        raise ForbiddenError("money is for organisers, viewers and admins")


def check_view(
    state: AppState, user: Principal, election: str, as_of: date | None
) -> dict[str, Any]:
    """The check, with an organiser's seat rows limited to their seats."""
    _reader(user)
    body = check(state.database(), places(state, election), as_of=as_of).to_json()
    if user.role is Role.ORGANISER:
        body["seats"] = [r for r in body["seats"] if r["seat"] in user.seats]
    return body


def crowdfunds(state: AppState, user: Principal) -> list[dict[str, Any]]:
    """Crowdfunds the user may see: an organiser's seats' and the national ones."""
    _reader(user)
    rows = [p.to_json() for p in progress(state.database())]
    if user.role is Role.ORGANISER:
        rows = [r for r in rows if r["seat"] is None or r["seat"] in user.seats]
    return rows


def record_spend(
    state: AppState, user: Principal, election: str, row: dict[str, str], *, override: bool
) -> dict[str, Any]:
    """Save one spend: admins anywhere, organisers only in their own seats."""
    if user.role not in (Role.ADMIN, Role.ORGANISER):
        raise ForbiddenError("only organisers and admins record spending")
    chosen = places(state, election)
    item = spend_from_row(row, chosen, SeatResolver(state.store(), chosen))
    if user.role is Role.ORGANISER and (not item.seats or set(item.seats) - user.seats):
        raise ForbiddenError(
            "an organiser records spending only in their own seats",
            hint="ask an admin to record spending wider than your seats",
        )
    return save_spend(state.database(), chosen, [item], override=override, actor=user).to_json()
