"""UK time: the clock that campaign days, paper sheets, notices and ballots follow
(Europe/London, GMT in winter and BST in summer)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from hustings.errors import InvalidInputError

__all__ = ["UK_ZONE", "parse_uk_time", "uk_day", "uk_time"]

UK_ZONE = ZoneInfo("Europe/London")
"""A door knocked at 23:30 UTC on a summer evening (00:30 BST) belongs to the next day."""


def uk_day(at: datetime) -> date:
    """The UK calendar day of an aware time."""
    return at.astimezone(UK_ZONE).date()


def uk_time(at: datetime) -> str:
    """An aware time as UK local time with its offset, e.g. ``2027-06-01T09:00+01:00``."""
    return at.astimezone(UK_ZONE).isoformat(timespec="minutes")


def parse_uk_time(text: str, *, where: str) -> datetime:
    """An ISO-8601 time; without a zone it is UK local time, as paper sheets and notices are
    written. A local time the clocks skip in spring is refused."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInputError(
            f"{where} '{text}' is not a time", hint="use ISO-8601, e.g. 2026-12-05T10:00"
        ) from None
    if value.tzinfo:
        return value
    local = value.replace(tzinfo=UK_ZONE)
    if local.astimezone(UTC).astimezone(UK_ZONE).replace(tzinfo=None) != value:
        raise InvalidInputError(
            f"{where} '{text}' does not exist in UK time (the clocks go forward then)",
            hint="give a time an hour later, or one with its offset, e.g. +00:00",
        )
    return local
