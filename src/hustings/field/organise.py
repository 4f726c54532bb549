"""Events, shifts, sign-ups and attendance; walk lists handed to canvassers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection

from hustings.errors import InvalidInputError, NotFoundError
from hustings.field.people import normalise_email, normalise_phone
from hustings.storage import audit
from hustings.storage import field as q
from hustings.storage.accounts import SYSTEM, Principal, Role, user_named
from hustings.storage.engine import Database

MAX_HOURS = 24.0


@dataclass(frozen=True)
class WalkList:
    """A named set of households in one seat, optionally assigned to a canvasser."""

    id: int
    name: str
    seat: str
    assigned_to: int | None
    households: int

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "id": self.id,
            "name": self.name,
            "seat": self.seat,
            "assigned_to": self.assigned_to,
            "households": self.households,
        }


def _check_span(starts: datetime, ends: datetime, what: str) -> None:
    if ends <= starts:
        raise InvalidInputError(
            f"the {what} ends ({ends.isoformat()}) before it starts ({starts.isoformat()})"
        )


def add_event(
    db: Database,
    *,
    title: str,
    seat: str,
    starts: datetime,
    ends: datetime,
    meeting_point: str = "",
    capacity: int | None = None,
    actor: Principal = SYSTEM,
) -> int:
    """A canvassing session in a seat; returns its id."""
    _check_span(starts, ends, "event")
    if capacity is not None and capacity < 1:
        raise InvalidInputError(f"capacity must be at least 1, not {capacity}")
    if not title.strip():
        raise InvalidInputError("an event needs a title")
    values = {
        "title": title.strip()[:200],
        "seat": seat,
        "starts_at": starts,
        "ends_at": ends,
        "meeting_point": meeting_point,
        "capacity": capacity,
        "created_at": datetime.now(UTC),
    }
    with db.write() as conn:
        event_id = q.insert_event(conn, values)
        audit.append(conn, actor=actor.actor, action="event.add", subject=f"event#{event_id}")
    return event_id


def add_shift(
    db: Database,
    event_id: int,
    *,
    starts: datetime,
    ends: datetime,
    capacity: int | None = None,
) -> int:
    """A shift within an event; returns its id."""
    _check_span(starts, ends, "shift")
    with db.write() as conn:
        event = q.event_row(conn, event_id)
        if event is None:
            raise NotFoundError(f"no event {event_id}", hint="list them with `field events list`")
        if starts < event.starts_at or ends > event.ends_at:
            raise InvalidInputError(
                f"the shift ({starts.isoformat()} to {ends.isoformat()}) is outside event "
                f"{event_id} ({event.starts_at.isoformat()} to {event.ends_at.isoformat()})"
            )
        return q.insert_shift(
            conn, {"event_id": event_id, "starts_at": starts, "ends_at": ends, "capacity": capacity}
        )


def _volunteer(conn: Any, who: str) -> Any:
    key: str | None
    try:
        key = normalise_email(who) if "@" in who else normalise_phone(who)
    except ValueError as exc:
        raise InvalidInputError(str(exc)) from None
    found = q.volunteer_by_contact(conn, key or "")
    if found is None:
        raise NotFoundError(f"no volunteer with email or phone '{who}'")
    return found


def sign_up(db: Database, shift_id: int, who: str) -> None:
    """Sign a volunteer (by email or phone) up to a shift, within its capacity."""
    with db.write() as conn:
        shift = q.shift_row(conn, shift_id)
        if shift is None:
            raise NotFoundError(f"no shift {shift_id}")
        volunteer = _volunteer(conn, who)
        if shift.capacity is not None and shift.taken >= shift.capacity:
            raise InvalidInputError(f"shift {shift_id} is full ({shift.capacity} places)")
        q.set_signup(
            conn,
            shift_id,
            volunteer.id,
            {"status": "signed_up", "hours": None, "created_at": datetime.now(UTC)},
        )


def attend(db: Database, shift_id: int, who: str, *, hours: float | None = None) -> float:
    """Mark a volunteer as having attended; hours default to the shift's length."""
    with db.write() as conn:
        shift = q.shift_row(conn, shift_id)
        if shift is None:
            raise NotFoundError(f"no shift {shift_id}")
        volunteer = _volunteer(conn, who)
        length = (shift.ends_at - shift.starts_at).total_seconds() / 3600
        spent = length if hours is None else hours
        if not 0 < spent <= MAX_HOURS:
            raise InvalidInputError(
                f"hours must be above 0 and at most {MAX_HOURS:g}, not {spent:g}"
            )
        q.set_signup(
            conn,
            shift_id,
            volunteer.id,
            {"status": "attended", "hours": spent, "created_at": datetime.now(UTC)},
        )
    return spent


def list_events(db: Database, *, seat: str | None = None) -> list[dict[str, Any]]:
    """Events (optionally of one seat) with their shifts, sign-ups and attendance."""
    with db.read() as conn:
        return q.list_events(conn, seat)


def create_walk_list(
    db: Database,
    name: str,
    seat: str,
    *,
    ward: str | None = None,
    limit: int | None = None,
    assign_to: str | None = None,
    actor: Principal = SYSTEM,
) -> WalkList:
    """A walk list of households in a seat (or ward) that no other list holds yet."""
    if limit is not None and limit < 1:
        raise InvalidInputError(f"--limit must be at least 1, not {limit}")
    with db.write() as conn:
        user = _canvasser(conn, assign_to) if assign_to else None
        if q.walk_list_id(conn, name) is not None:
            raise InvalidInputError(f"a walk list named '{name}' exists already")
        list_id, size = q.create_walk_list(
            conn,
            name=name,
            seat=seat,
            ward=ward,
            limit=limit,
            assigned_to=user.user_id if user else None,
            created_at=datetime.now(UTC),
        )
        if size == 0:
            raise InvalidInputError(
                f"no households left to walk in {seat}" + (f" ward {ward}" if ward else ""),
                hint="import households first, or they are all on other walk lists",
            )
        audit.append(
            conn,
            actor=actor.actor,
            action="walklist.create",
            subject=f"walklist#{list_id}",
            detail={"households": size, "assigned_to": user.actor if user else None},
        )
    return WalkList(list_id, name, seat, user.user_id if user else None, size)


def _canvasser(conn: Connection, name: str) -> Principal:
    user = user_named(conn, name)
    if user.role is not Role.CANVASSER:
        article = "an" if user.role.value[0] in "aeiou" else "a"
        raise InvalidInputError(f"'{name}' is {article} {user.role.value}, not a canvasser")
    return user


def assign_walk_list(db: Database, name: str, canvasser: str, *, actor: Principal = SYSTEM) -> None:
    """Hand a walk list to a canvasser (audited)."""
    with db.write() as conn:
        user = _canvasser(conn, canvasser)
        list_id = q.walk_list_id(conn, name)
        if list_id is None:
            raise NotFoundError(f"no walk list '{name}'")
        q.assign_walk_list(conn, list_id, user.user_id)
        audit.append(
            conn,
            actor=actor.actor,
            action="walklist.assign",
            subject=f"walklist#{list_id}",
            detail={"to": user.actor},
        )


def walk_lists(db: Database, principal: Principal) -> list[WalkList]:
    """The walk lists this account may open (a canvasser: their own; a viewer: none)."""
    if principal.role is Role.VIEWER:
        return []
    mine = principal.user_id if principal.role is Role.CANVASSER else None
    with db.read() as conn:
        rows = q.walk_lists_for(conn, mine)
    if principal.role is Role.ORGANISER:
        rows = [r for r in rows if r["seat"] in principal.seats]
    return [WalkList(**r) for r in rows]


def walk_list_doors(db: Database, principal: Principal, list_id: int) -> list[dict[str, Any]]:
    """The doors of one walk list, if this account may open it (reads are audited)."""
    from hustings.errors import ForbiddenError

    if not any(w.id == list_id for w in walk_lists(db, principal)):
        raise ForbiddenError(f"walk list {list_id} is not yours to open")
    with db.write() as conn:
        doors = q.walk_list_doors(conn, list_id)
        audit.append(
            conn,
            actor=principal.actor,
            action="read.walklist",
            subject=f"walklist#{list_id}",
            detail={"households": len(doors)},
        )
    return doors


__all__ = [
    "WalkList",
    "add_event",
    "add_shift",
    "assign_walk_list",
    "attend",
    "create_walk_list",
    "list_events",
    "sign_up",
    "walk_list_doors",
    "walk_lists",
]
