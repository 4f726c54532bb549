"""Volunteers: sign-up sheets checked, de-duplicated by email or phone, located by postcode."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from hustings._io import read_rows
from hustings.errors import HustingsError
from hustings.field.model import ImportReport, Rejected
from hustings.storage import audit
from hustings.storage import field as q
from hustings.storage.accounts import SYSTEM, Principal
from hustings.storage.engine import Database

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
SKILLS = ("driver", "welsh", "gaelic", "bsl", "phone", "data", "first_aid", "leader")

VOLUNTEER_COLUMNS = {
    "name": ("full_name", "volunteer", "your_name"),
    "email": ("email_address", "e_mail"),
    "phone": ("phone_number", "mobile", "telephone", "tel"),
    "postcode": ("home_postcode", "post_code"),
    "availability": ("available", "when_available"),
    "max_travel_km": ("travel_km", "how_far_km", "max_travel", "travel"),
    "skills": ("skill",),
}


@dataclass(frozen=True)
class Located:
    """Where a postcode is: its 2024 seat (the largest share when split) and grid point."""

    postcode: str
    seat: str
    easting: int
    northing: int


Locator = Callable[[str], Located]
"""Turns a full postcode into a :class:`Located` or raises a :class:`HustingsError`."""
Prefetch = Callable[[list[str]], None]
"""Locates many full postcodes at once, ahead of the :data:`Locator` calls for them."""


def normalise_email(text: str) -> str | None:
    """Lower-cased email, ``None`` when blank; ``ValueError`` when malformed."""
    text = text.strip().lower()
    if not text:
        return None
    if not _EMAIL.match(text):
        raise ValueError(f"email '{text}' is not an email address")
    return text


def normalise_phone(text: str) -> str | None:
    """A UK phone number as national digits (07700900123), ``None`` when blank."""
    digits = re.sub(r"[\s().-]", "", text)
    if not digits:
        return None
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    if not re.fullmatch(r"0\d{9,10}", digits):
        raise ValueError(f"phone '{text}' is not a UK phone number")
    return digits


def normalise_postcode(text: str) -> str:
    """A full postcode in its printed form (``LS6 1AA``); ``ValueError`` when malformed."""
    squeezed = re.sub(r"\s+", "", text.upper())
    match = _POSTCODE.match(squeezed[:-3] + " " + squeezed[-3:] if len(squeezed) > 3 else "")
    if not match:
        raise ValueError(f"postcode '{text}' is not a full UK postcode")
    return f"{match.group(1)} {match.group(2)}"


def _postcode_or_none(row: dict[str, str]) -> str | None:
    try:
        return normalise_postcode(row["postcode"]) if row and row.get("postcode") else None
    except ValueError:
        return None


def _skills(text: str) -> str:
    found = [s.strip().lower().replace(" ", "_") for s in re.split(r"[;,/]", text) if s.strip()]
    return ",".join(sorted(set(found)))


def _travel(text: str) -> float | None:
    if not text:
        return None
    value = float(text.lower().removesuffix("km").strip())
    if not 0 <= value <= 1000:
        raise ValueError(f"travel distance {text} km is not between 0 and 1000")
    return value


def import_volunteers(
    db: Database,
    path: Path,
    locate: Locator,
    *,
    encoding: str = "utf-8",
    actor: Principal = SYSTEM,
    prefetch: Prefetch | None = None,
) -> ImportReport:
    """Add the volunteers of a sign-up CSV: new ones imported, duplicates and bad rows reported
    (with ``prefetch``, every postcode of the file is located in one go first)."""
    rows = read_rows(path, VOLUNTEER_COLUMNS, required=("name",), encoding=encoding)
    if prefetch is not None:
        prefetch(sorted({p for p in map(_postcode_or_none, rows) if p}))
    rejected: list[Rejected] = []
    duplicates: list[Rejected] = []
    ready: list[dict[str, object]] = []
    seen_email: dict[str, int] = {}
    seen_phone: dict[str, int] = {}
    now = datetime.now(UTC)
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        try:
            record = _volunteer(row, locate)
        except (ValueError, HustingsError) as exc:
            text = exc.one_line() if isinstance(exc, HustingsError) else str(exc)
            rejected.append(Rejected(number, text))
            continue
        email, phone = record["email"], record["phone"]
        if email is None and phone is None:
            rejected.append(Rejected(number, "no email and no phone: nobody could contact them"))
            continue
        earlier = (seen_email.get(str(email)) if email else None) or (
            seen_phone.get(str(phone)) if phone else None
        )
        if earlier:
            duplicates.append(Rejected(number, f"same email or phone as row {earlier}"))
            continue
        if email:
            seen_email[str(email)] = number
        if phone:
            seen_phone[str(phone)] = number
        ready.append({**record, "created_at": now, "_row": number})
    with db.write() as conn:
        existing = q.existing_volunteers(
            conn,
            [str(r["email"]) for r in ready if r["email"]],
            [str(r["phone"]) for r in ready if r["phone"]],
        )
        fresh = []
        for record in ready:
            if record["email"] in existing or record["phone"] in existing:
                duplicates.append(
                    Rejected(int(str(record["_row"])), "already a volunteer (same email or phone)")
                )
            else:
                fresh.append({k: v for k, v in record.items() if k != "_row"})
        q.insert_volunteers(conn, fresh)
        audit.append(
            conn,
            actor=actor.actor,
            action="import.volunteers",
            subject=path.name,
            detail={
                "imported": len(fresh),
                "duplicates": len(duplicates),
                "rejected": len(rejected),
            },
        )
    duplicates.sort(key=lambda d: d.row)
    return ImportReport("volunteers", path.name, len(fresh), duplicates, rejected)


def _volunteer(row: dict[str, str], locate: Locator) -> dict[str, object]:
    name = row.get("name", "").strip()
    if not name:
        raise ValueError("no name")
    postcode = row.get("postcode", "")
    located = locate(normalise_postcode(postcode)) if postcode else None
    return {
        "name": name[:200],
        "email": normalise_email(row.get("email", "")),
        "phone": normalise_phone(row.get("phone", "")),
        "postcode": located.postcode if located else None,
        "seat": located.seat if located else None,
        "easting": located.easting if located else None,
        "northing": located.northing if located else None,
        "availability": row.get("availability", "")[:500],
        "max_travel_km": _travel(row.get("max_travel_km", "")),
        "skills": _skills(row.get("skills", "")),
    }


__all__ = [
    "SKILLS",
    "Located",
    "Locator",
    "Prefetch",
    "import_volunteers",
    "normalise_email",
    "normalise_phone",
    "normalise_postcode",
]
