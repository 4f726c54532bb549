"""Crowdfunding: campaigns with a target (national or for one seat), pledges and what was paid,
all-or-nothing or keep-what-you-raise, refunds, and progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hustings.errors import HustingsError, InvalidInputError, NotFoundError
from hustings.money.model import money_json, parse_day, parse_pence
from hustings.storage import audit
from hustings.storage import money as q
from hustings.storage import money_tables as m
from hustings.storage.accounts import SYSTEM, Principal
from hustings.storage.engine import Database

PLEDGE_COLUMNS = {
    "ref": ("reference", "pledge_ref", "id"),
    "crowdfund": ("campaign", "appeal", "fund"),
    "email": ("email_address", "supporter_email"),
    "amount": ("pledged", "pledge", "value"),
    "pledged_on": ("date", "pledge_date"),
    "paid": ("paid_amount", "amount_paid"),
    "paid_on": ("date_paid", "payment_date"),
    "refunded_on": ("refunded", "refund_date"),
}


@dataclass(frozen=True)
class Progress:
    """One crowdfund's progress towards its target.

    ``pledges``, ``pledged_pence`` and ``paid_pence`` count the pledges that stand; a refunded
    pledge counts in none of them, only in ``refunded_pledges`` and ``refunded_pence`` (what
    was paid back)."""

    name: str
    seat: str | None
    target_pence: int
    all_or_nothing: bool
    closes_on: date | None
    pledges: int
    pledged_pence: int
    paid_pence: int
    refunded_pence: int
    day: date
    refunded_pledges: int = 0

    @property
    def held_pence(self) -> int:
        """Paid in and not refunded: what the pledges that stand have paid."""
        return self.paid_pence

    @property
    def status(self) -> str:
        """``open``, ``met`` (target pledged), ``failed`` (closed short, all-or-nothing) or
        ``closed``."""
        met = self.pledged_pence >= self.target_pence
        if self.closes_on is None or self.day <= self.closes_on:
            return "met" if met else "open"
        if met:
            return "met"
        return "failed" if self.all_or_nothing else "closed"

    @property
    def refunds_due_pence(self) -> int:
        """What must go back: everything held when an all-or-nothing crowdfund failed."""
        return self.held_pence if self.status == "failed" else 0

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        share = self.pledged_pence / self.target_pence if self.target_pence else 0.0
        return {
            "name": self.name,
            "seat": self.seat,
            "mode": "all_or_nothing" if self.all_or_nothing else "keep_what_you_raise",
            "closes_on": self.closes_on.isoformat() if self.closes_on else None,
            "target": money_json(self.target_pence)["pounds"],
            "pledges": self.pledges,
            "pledged": money_json(self.pledged_pence)["pounds"],
            "paid": money_json(self.paid_pence)["pounds"],
            "refunded_pledges": self.refunded_pledges,
            "refunded": money_json(self.refunded_pence)["pounds"],
            "held": money_json(self.held_pence)["pounds"],
            "progress": round(share, 4),
            "status": self.status,
            "refunds_due": money_json(self.refunds_due_pence)["pounds"],
        }


def add_crowdfund(
    db: Database,
    name: str,
    *,
    target_pence: int,
    seat: str | None = None,
    all_or_nothing: bool = False,
    closes_on: date | None = None,
    actor: Principal = SYSTEM,
) -> int:
    """Open a crowdfund; returns its id."""
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidInputError("a crowdfund needs a name of 1 to 200 characters")
    if target_pence <= 0:
        raise InvalidInputError("a crowdfund's target must be above zero")
    with db.write() as conn:
        if q.crowdfund_id(conn, name) is not None:
            raise InvalidInputError(f"a crowdfund named '{name}' exists already")
        new = q.insert_crowdfund(conn, {"name": name, "target_pence": target_pence, "seat": seat,
                                        "all_or_nothing": all_or_nothing, "closes_on": closes_on,
                                        "created_at": datetime.now(UTC)})  # fmt: skip
        audit.append(conn, actor=actor.actor, action="money.crowdfund.add",
                     subject=f"crowdfund#{new}", detail={"target_pence": target_pence})  # fmt: skip
    return new


def import_pledges(
    db: Database, path: Path, *, encoding: str = "utf-8", actor: Principal = SYSTEM
) -> int:
    """Import pledges (with what was paid and refunded) from a CSV: all rows or none."""
    from hustings._io import read_rows

    rows = read_rows(
        path, PLEDGE_COLUMNS, required=("ref", "crowdfund", "amount", "pledged_on"),
        encoding=encoding,
    )  # fmt: skip
    now = datetime.now(UTC)
    with db.write() as conn:
        funds = q.crowdfunds_by_name(conn)
        lines: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        for number, row in enumerate(rows, start=2):
            if not row:
                continue
            try:
                lines.append({**_pledge(row, funds), "created_at": now})
            except HustingsError as exc:
                exc.message = f"'{path.name}' line {number}: {exc.message}"
                exc.args = (exc.message,)
                raise exc from None
            ref = lines[-1]["ref"]
            if ref in seen:
                raise InvalidInputError(
                    f"'{path.name}' line {number}: ref '{ref}' repeats line {seen[ref]}"
                )
            seen[ref] = number
        taken = q.existing_refs(conn, m.money_pledges, list(seen))
        if taken:
            raise InvalidInputError(f"pledge '{sorted(taken)[0]}' is already recorded")
        q.insert_pledges(conn, lines)
        audit.append(conn, actor=actor.actor, action="money.pledges.import",
                     subject="money_pledges", detail={"rows": len(lines)})  # fmt: skip
    return len(lines)


def _pledge(row: dict[str, str], funds: dict[str, int]) -> dict[str, Any]:
    ref = row.get("ref", "").strip()
    if not ref:
        raise InvalidInputError("the row has no reference")
    fund = row.get("crowdfund", "").strip()
    if fund not in funds:
        raise NotFoundError(f"no crowdfund '{fund}'", hint="open it with `money crowdfund add`")
    pence = parse_pence(row.get("amount", ""))
    paid = parse_pence(row.get("paid", "") or "0", what="paid", allow_zero=True)
    if paid > pence:
        raise InvalidInputError(f"pledge '{ref}' paid more ({paid / 100:.2f}) than pledged")
    paid_on = parse_day(row["paid_on"], what="paid date") if row.get("paid_on") else None
    refunded = row.get("refunded_on", "")
    refunded_on = parse_day(refunded, what="refund date") if refunded else None
    if refunded_on and not paid:
        raise InvalidInputError(f"pledge '{ref}' was refunded but nothing was paid")
    return {
        "ref": ref[:100],
        "crowdfund_id": funds[fund],
        "email": row.get("email", "").strip().lower() or None,
        "pence": pence,
        "pledged_on": parse_day(row.get("pledged_on", ""), what="pledge date"),
        "paid_pence": paid,
        "paid_on": paid_on,
        "refunded_on": refunded_on,
    }


def progress(db: Database, *, day: date | None = None) -> list[Progress]:
    """Every crowdfund's progress on ``day`` (default today)."""
    when = day or date.today()
    with db.read() as conn:
        rows = q.crowdfund_totals(conn)
    return [
        Progress(r["name"], r["seat"], int(r["target_pence"]), bool(r["all_or_nothing"]),
                 r["closes_on"], int(r["pledges"]), int(r["pledged"]), int(r["paid"]),
                 int(r["refunded"]), when, int(r["refunded_pledges"]))
        for r in rows
    ]  # fmt: skip


__all__ = ["PLEDGE_COLUMNS", "Progress", "add_crowdfund", "import_pledges", "progress"]
