"""The field operation for the web: contact batches in, coverage and walk lists out."""

from __future__ import annotations

from typing import Any

from hustings.field.canvass import campaign_days, coverage
from hustings.field.organise import walk_list_doors, walk_lists
from hustings.storage.accounts import Principal, Role
from hustings.web.state import AppState

__all__ = ["coverage_rows", "days", "my_walk_lists", "walk_list"]


def _seat_name(state: AppState) -> Any:
    if not state.has_store:
        return str
    names = state.cached(
        ("seat-names-2024",),
        lambda: {c.gss: c.name for c in state.store().constituencies("2024")},
    )
    return lambda gss: names.get(gss, gss)


def coverage_rows(
    state: AppState, user: Principal, *, seat: str | None, by_ward: bool, by_day: bool = False
) -> list[dict[str, Any]]:
    """Coverage the user may see: organisers their seats, admins and viewers every seat."""
    seats = [seat] if seat else None
    if user.role is Role.ORGANISER:
        seats = [s for s in (seats or sorted(user.seats)) if s in user.seats] or ["-"]
    elif user.role is Role.CANVASSER:
        from hustings.errors import ForbiddenError

        raise ForbiddenError("coverage is for organisers, viewers and admins")
    rows = coverage(
        state.database(), _seat_name(state), seats=seats, by_ward=by_ward, by_day=by_day
    )
    return [r.to_json() for r in rows]


def days(state: AppState, user: Principal) -> list[dict[str, Any]]:
    """Activity per day over the seats the user may see."""
    seats = sorted(user.seats) if user.role is Role.ORGANISER else None
    return [d.to_json() for d in campaign_days(state.database(), seats=seats)]


def my_walk_lists(state: AppState, user: Principal) -> list[dict[str, Any]]:
    """The walk lists this user may open."""
    return [w.to_json() for w in walk_lists(state.database(), user)]


def walk_list(state: AppState, user: Principal, list_id: int) -> list[dict[str, Any]]:
    """One walk list's doors (the read is audited)."""
    return walk_list_doors(state.database(), user, list_id)
