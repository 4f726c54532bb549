"""The membership register, imported from a CSV export of the membership system.

A row is a member: membership number, name, email, branch, region, date joined and dues
status. Members are matched by membership number, so a newer export updates them; a row
with a problem is reported by its line and not taken, and nothing is written unless the file
as a whole could be read.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hustings._io import read_rows
from hustings.clock import uk_day
from hustings.field.people import normalise_email
from hustings.storage import audit
from hustings.storage import votes as q
from hustings.storage.accounts import SYSTEM, Principal
from hustings.storage.engine import Database
from hustings.votes.model import RegisterReport, Rejected

MEMBER_COLUMNS = {
    "member_no": (
        "membership_number",
        "member_id",
        "membership_no",
        "member_number",
        "number",
        "id",
    ),
    "name": ("full_name", "member_name"),
    "email": ("email_address", "e_mail"),
    "branch": ("local_group", "group", "constituency"),
    "region": ("area", "nation_region"),
    "joined": ("joined_date", "join_date", "date_joined", "joined_on", "start_date"),
    "dues": ("dues_status", "status", "membership_status", "standing", "payment_status"),
}
MEMBER_LABELS = {"member_no": "membership number"}
"""How the docs name the columns whose internal names no export uses."""
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str) -> date | None:
    """A date as ISO (2024-03-01) or day/month/year (01/03/2024); ``None`` when blank."""
    text = text.strip()
    if not text:
        return None
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"date '{text}' is not a date (use 2024-03-01 or 01/03/2024)") from None


def _member(row: dict[str, str], today: date) -> dict[str, Any]:
    number = row.get("member_no", "").strip()
    if not number or len(number) > q.MEMBER_LENGTHS["member_no"]:
        raise ValueError("no membership number" if not number else "membership number too long")
    name = row.get("name", "").strip()
    if not name:
        raise ValueError("no name")
    for column in ("name", "branch", "region", "dues"):
        most = q.MEMBER_LENGTHS[column]
        if len(row.get(column, "").strip()) > most:
            raise ValueError(f"{column} over {most} characters")
    joined = parse_date(row.get("joined", ""))
    if joined is not None and joined > today:
        raise ValueError(f"joined date {joined.isoformat()} is in the future (today is {today})")
    return {
        "member_no": number,
        "name": name,
        "email": normalise_email(row.get("email", "")),
        "branch": row.get("branch", "").strip(),
        "region": row.get("region", "").strip(),
        "joined": joined,
        "dues": row.get("dues", "").strip().lower(),
    }


def import_register(
    db: Database,
    path: Path,
    *,
    encoding: str = "utf-8",
    today: date | None = None,
    actor: Principal = SYSTEM,
) -> RegisterReport:
    """Add or update the members of a register CSV; bad rows are reported, not taken (among
    them a joining date after ``today``, by default today in the UK)."""
    rows = read_rows(
        path, MEMBER_COLUMNS, required=("member_no", "name"), encoding=encoding,
        labels=MEMBER_LABELS,
    )  # fmt: skip
    rejected: list[Rejected] = []
    ready: dict[str, dict[str, Any]] = {}
    lines: dict[str, int] = {}
    emails: dict[str, str] = {}
    now = datetime.now(UTC)
    today = today or uk_day(now)
    for line, row in enumerate(rows, start=2):
        if not row:
            continue
        try:
            member = _member(row, today)
        except ValueError as exc:
            rejected.append(Rejected(line, str(exc)))
            continue
        number, email = member["member_no"], member["email"]
        if number in ready:
            rejected.append(
                Rejected(line, f"membership number {number} repeats line {lines[number]}")
            )
            continue
        if email and email in emails:
            rejected.append(Rejected(line, f"same email as line {lines[emails[email]]}"))
            continue
        ready[number], lines[number] = {**member, "updated_at": now}, line
        if email:
            emails[email] = number
    with db.write() as conn:
        known = q.members_by_no(conn, list(ready))
        taken = q.emails_taken(conn, list(emails))
        for email, owner in taken.items():
            number = emails[email]
            if owner != number:
                rejected.append(Rejected(lines[number], "email belongs to another member"))
                del ready[number]
        q.save_members(conn, list(ready.values()))
        added = sum(1 for n in ready if n not in known)
        total = q.member_count(conn)
        audit.append(
            conn,
            actor=actor.actor,
            action="import.members",
            subject=path.name,
            detail={"added": added, "updated": len(ready) - added, "rejected": len(rejected)},
        )
    rejected.sort(key=lambda r: r.row)
    return RegisterReport(path.name, added, len(ready) - added, tuple(rejected), total)


__all__ = ["MEMBER_COLUMNS", "MEMBER_LABELS", "import_register", "parse_date"]
