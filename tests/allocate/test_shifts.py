"""Suggestions take the next shift with room in their seat from the field database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hustings.allocate import Allocation, Effects, Suggestion
from hustings.allocate.run import with_event_shifts
from hustings.field.organise import add_event, add_shift
from hustings.storage.engine import Database

SEAT = "E14001170"


def _allocation(*who: str) -> Allocation:
    found = tuple(Suggestion(w, SEAT, "Chorley", 3.0, 8, "Saturdays", 0.5) for w in who)
    return Allocation({}, "optimise", 0.0, Effects(), 0.0, 0.0, 0.0, None, {}, found, (), 0,
                      (), 0.0, 0.0)  # fmt: skip


def test_next_shift_with_room_then_the_stated_availability(db: Database) -> None:
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    starts = now + timedelta(days=4)
    event = add_event(db, title="Mill Lane doors", seat=SEAT, starts=starts - timedelta(days=1),
                      ends=starts + timedelta(hours=8))  # fmt: skip
    past = add_event(db, title="Last week", seat=SEAT, starts=now - timedelta(days=7),
                     ends=now - timedelta(days=6))  # fmt: skip
    add_shift(db, past, starts=now - timedelta(days=7), ends=now - timedelta(days=7, hours=-2))
    first = add_shift(db, event, starts=starts, ends=starts + timedelta(hours=3), capacity=1)
    later = add_shift(db, event, starts=starts + timedelta(hours=4),
                      ends=starts + timedelta(hours=7), capacity=1)  # fmt: skip
    out = with_event_shifts(db, _allocation("a", "b", "c"), now=now).assignments
    assert [s.shift_id for s in out] == [first, later, None]
    assert out[0].shift == "Mill Lane doors, Sat 05 Dec 09:00-12:00 UTC"
    assert out[2].shift == "Saturdays"
