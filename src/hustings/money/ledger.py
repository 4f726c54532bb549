"""Recording spending: one item or a CSV of them, checked against the limits before anything
is saved. A save that would breach a limit is refused with the limits it would breach; with an
explicit override it is saved and the override is audited. Nothing is half-written: every row
is checked first, and all are saved in one transaction."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from hustings.errors import HustingsError, InvalidInputError
from hustings.money.attribution import Totals
from hustings.money.check import BREACH, LimitRow, evaluate, load_totals
from hustings.money.model import (
    ClaimStatus,
    Scope,
    SpendItem,
    money_json,
    parse_category,
    parse_claim_status,
    parse_day,
    parse_flag,
    parse_pence,
)
from hustings.money.places import Places, parse_part
from hustings.storage import audit
from hustings.storage import money as q
from hustings.storage import money_tables as m
from hustings.storage.accounts import SYSTEM, Principal
from hustings.storage.engine import Database

SPEND_COLUMNS = {
    "ref": ("reference", "id", "item_id", "spend_id"),
    "date": ("spent_on", "date_incurred", "incurred", "day"),
    "amount": ("cost", "value", "pounds", "amount_gbp"),
    "supplier": ("payee", "paid_to", "vendor"),
    "category": ("activity", "type"),
    "description": ("item", "details", "what"),
    "where": ("place", "places", "seat", "seats", "area", "effect", "where_effect"),
    "candidate": ("named_candidate",),
    "targeted_party": ("targeted", "party", "target_party"),
    "notional": ("is_notional",),
    "joint_plan": ("joint_campaign", "joint"),
    "paid_by": ("partner",),
    "invoice": ("receipt", "invoice_ref"),
    "supplier_address": ("supplier_addr", "address", "payee_address"),
    "claimed": ("claimed_on", "date_claimed", "claim_date", "claim_made"),
    "paid": ("paid_on", "date_paid", "payment_date"),
    "status": ("claim_status", "payment_status"),
}

LIMIT_NAMES = {
    "non_party.constituency": "constituency",
    "non_party.named_candidate": "named-candidate",
    "non_party.part": "part-of-the-UK",
    "non_party.targeted": "targeted-spending",
}
UK_NAMES = {"uk", "uk_wide", "ukwide", "united_kingdom", "national", "all"}


class WouldBreachError(HustingsError):
    """Saving this spending would take a limit past what the law allows."""

    code = "would_breach"
    http_status = 409


@dataclass(frozen=True)
class SaveResult:
    """What a save did: items saved, and the breaches it was allowed to make (overridden)."""

    saved: int
    ids: dict[str, int]
    overridden: tuple[LimitRow, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "saved": self.saved,
            "ids": self.ids,
            "overridden": [r.to_json() for r in self.overridden],
        }


def parse_where(text: str, places: Places, resolve: Callable[[str], str]) -> dict[str, Any]:
    """Where a spend had effect, from ``UK``, a part's name, a seat, or seats split by ``;``."""
    raw = text.strip()
    if not raw:
        raise InvalidInputError("the spend has no place of effect", hint="give a seat, seats "
                                "separated by ';', a part of the UK, or UK")  # fmt: skip
    key = raw.lower().replace("-", "_").replace(" ", "_")
    if key in UK_NAMES:
        return {"scope": Scope.UK, "seats": (), "part": None}
    part = parse_part(raw)
    if part is not None:
        return {"scope": Scope.PART, "seats": (), "part": part}
    names = [s for s in (p.strip() for p in raw.replace("|", ";").split(";")) if s]
    codes = tuple(dict.fromkeys(resolve(name) for name in names))
    return {"scope": Scope.SEAT if len(codes) == 1 else Scope.SEATS, "seats": codes, "part": None}


def spend_from_row(row: dict[str, str], places: Places, resolve: Callable[[str], str]) -> SpendItem:
    """One CSV row as a :class:`SpendItem` (its date inside the regulated period)."""
    ref = row.get("ref", "").strip()
    if not ref:
        raise InvalidInputError("the row has no reference", hint="give every row a unique ref")
    day = parse_day(row.get("date", ""), what="date")
    places.check_date(day, "date")

    def blank(name: str) -> str | None:
        return row.get(name, "").strip() or None

    party = blank("targeted_party")
    claimed = parse_day(row["claimed"], what="claimed date") if blank("claimed") else None
    paid = parse_day(row["paid"], what="paid date") if blank("paid") else None
    status = parse_claim_status(row.get("status", ""))
    return SpendItem(
        ref=ref[:100],
        spent_on=day,
        pence=parse_pence(row.get("amount", "")),
        supplier=row.get("supplier", "").strip()[:200],
        category=parse_category(row.get("category", "")),
        description=row.get("description", "").strip(),
        **parse_where(row.get("where", ""), places, resolve),
        candidate=blank("candidate"),
        targeted_party=party.upper() if party else None,
        notional=parse_flag(row.get("notional", ""), what="notional"),
        joint_plan=blank("joint_plan"),
        paid_by=blank("paid_by"),
        invoice=blank("invoice"),
        supplier_address=blank("supplier_address"),
        claimed_on=claimed,
        paid_on=paid,
        claim_status=ClaimStatus.PAID if paid and status is None else status,
    )


def read_spend(
    path: Path, places: Places, resolve: Callable[[str], str], *, encoding: str = "utf-8"
) -> list[SpendItem]:
    """Every row of a spending CSV, or a one-line error naming the first bad row."""
    from hustings._io import read_rows

    rows = read_rows(
        path, SPEND_COLUMNS, required=("ref", "date", "amount", "category", "where"),
        encoding=encoding,
    )  # fmt: skip
    items: list[SpendItem] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        try:
            item = spend_from_row(row, places, resolve)
        except HustingsError as exc:
            exc.message = f"'{path.name}' line {number}: {exc.message}"
            exc.args = (exc.message,)
            exc.details["line"] = number
            raise exc from None
        if item.ref in seen:
            raise InvalidInputError(
                f"'{path.name}' line {number}: ref '{item.ref}' repeats line {seen[item.ref]}",
                hint="every row needs its own reference",
                line=number,
            )
        seen[item.ref] = number
        items.append(item)
    if not items:
        raise InvalidInputError(f"'{path.name}' has no rows of spending")
    return items


def _row(item: SpendItem, places: Places, now: datetime, overridden: bool) -> dict[str, Any]:
    if item.scope is Scope.UK:
        count = len(places.seats)
    elif item.scope is Scope.PART and item.part:
        count = len(places.in_part(item.part))
    else:
        count = len(item.seats)
    return {
        "ref": item.ref,
        "spent_on": item.spent_on,
        "pence": item.pence,
        "supplier": item.supplier,
        "category": item.category.value,
        "description": item.description,
        "scope": item.scope.value,
        "part": item.part.value if item.part else None,
        "seat_count": count,
        "candidate": item.candidate,
        "targeted_party": item.targeted_party,
        "notional": item.notional,
        "joint_plan": item.joint_plan,
        "paid_by": item.paid_by,
        "invoice": item.invoice,
        "supplier_address": item.supplier_address,
        "claimed_on": item.claimed_on,
        "paid_on": item.paid_on,
        "claim_status": item.claim_status.value if item.claim_status else None,
        "overridden": overridden,
        "created_at": now,
    }


def new_breaches(places: Places, before: Totals, items: Sequence[SpendItem]) -> list[LimitRow]:
    """The limits these items would take into breach, or further into it."""
    after = copy.deepcopy(before)
    for item in items:
        after.add_item(places, item)
    old_seats, old_parts = evaluate(places, before)
    new_seats, new_parts = evaluate(places, after)
    old = {(r.level, r.code, r.limit_key, r.party): r.spent for r in [*old_seats, *old_parts]}
    return [
        r
        for r in [*new_seats, *new_parts]
        if r.status == BREACH and r.spent > old.get((r.level, r.code, r.limit_key, r.party), 0)
    ]


def _breach_message(rows: Sequence[LimitRow]) -> str:
    first = rows[0]
    spent = money_json(first.spent)["pounds"]
    limit = money_json(first.limit_pence)["pounds"]
    where = first.name + (f" ({first.party})" if first.party else "")
    more = f" and {len(rows) - 1} more limit(s)" if len(rows) > 1 else ""
    kind = LIMIT_NAMES.get(first.limit_key, first.limit_key)
    return (
        f"saving this would breach the {kind} limit in {where}: "
        f"GBP {spent:,} against GBP {limit:,}{more}"
    )


def save_spend(
    db: Database,
    places: Places,
    items: Sequence[SpendItem],
    *,
    override: bool = False,
    actor: Principal = SYSTEM,
    source: str = "entry",
) -> SaveResult:
    """Save spending items after checking them against every limit in force.

    A save that would breach a limit raises :class:`WouldBreachError` naming it; with
    ``override`` it is saved and the override is written to the audit log.
    """
    first, last = places.period
    now = datetime.now(UTC)
    with db.write() as conn:
        taken = q.existing_refs(conn, m.money_spend, [i.ref for i in items])
        if taken:
            ref = sorted(taken)[0]
            raise InvalidInputError(
                f"spend '{ref}' is already in the ledger"
                + (f" ({len(taken)} duplicates)" if len(taken) > 1 else ""),
                hint="references are unique; this row was imported before",
            )
        breaches = new_breaches(places, load_totals(conn, places, first, last), items)
        if breaches and not override:
            raise WouldBreachError(
                _breach_message(breaches),
                hint="change the spend, or save it anyway with --override (audited)",
                breaches=[f"{r.limit_key}:{r.code}" for r in breaches],
            )
        rows = [_row(i, places, now, bool(breaches)) for i in items]
        ids = q.insert_spend(
            conn, rows, {i.ref: i.seats for i in items if i.scope in (Scope.SEAT, Scope.SEATS)}
        )
        audit.append(
            conn,
            actor=actor.actor,
            action="money.spend.add",
            subject=f"spend#{min(ids.values())}..{max(ids.values())}",
            detail={"items": len(ids), "source": source},
        )
        if breaches:
            audit.append(
                conn,
                actor=actor.actor,
                action="money.spend.override",
                subject=f"spend#{min(ids.values())}..{max(ids.values())}",
                detail={
                    "breaches": [
                        {"limit": r.limit_key, "where": r.code, "party": r.party,
                         "spent_pence": money_json(r.spent)["pence"], "limit_pence": r.limit_pence}
                        for r in breaches
                    ]
                },
            )  # fmt: skip
    return SaveResult(len(ids), ids, tuple(breaches))


def import_spend(
    db: Database,
    places: Places,
    path: Path,
    resolve: Callable[[str], str],
    *,
    override: bool = False,
    encoding: str = "utf-8",
    actor: Principal = SYSTEM,
) -> SaveResult:
    """Import a spending CSV: all rows or none."""
    items = read_spend(path, places, resolve, encoding=encoding)
    return save_spend(db, places, items, override=override, actor=actor, source="csv")


def attributed(places: Places, item: SpendItem) -> dict[str, Fraction]:
    """Per seat, the exact share of one item (for a preview before saving)."""
    from hustings.money.attribution import shares

    return shares(places, item)


__all__ = [
    "SPEND_COLUMNS",
    "SaveResult",
    "WouldBreachError",
    "attributed",
    "import_spend",
    "new_breaches",
    "parse_where",
    "read_spend",
    "save_spend",
    "spend_from_row",
]
