"""The spending return: totals per constituency and per part of the UK by category of regulated
activity, as the Electoral Commission's non-party spending return groups them, with the items
it asks about (notional, joint, over the invoice threshold without an invoice) and its deadline.
Written as CSV and as a printable page, each aside and renamed into place."""

from __future__ import annotations

import csv
import html
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from hustings.money.model import CATEGORY_TITLES, Category, round_pence
from hustings.money.places import Places
from hustings.money.rules import RETURN_MONTHS, Part, months_after, one, pounds, rules_in_force
from hustings.storage import money as q
from hustings.storage.engine import Database


@dataclass(frozen=True)
class ReturnLine:
    """One place's spending by category, exact, and its limit."""

    level: str
    code: str
    name: str
    by_category: dict[Category, Fraction]
    limit_pence: int

    @property
    def total(self) -> Fraction:
        """All categories together."""
        return sum(self.by_category.values(), Fraction(0))

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form (pence, rounded half up)."""
        return {
            "level": self.level,
            "code": self.code,
            "name": self.name,
            "by_category": {c.value: round_pence(v) for c, v in self.by_category.items()},
            "total_pence": round_pence(self.total),
            "limit_pence": self.limit_pence,
        }


@dataclass(frozen=True)
class SpendingReturn:
    """The return's totals, the items it lists, and when it is due."""

    election: str
    polling_day: date
    due: date
    audited: bool
    lines: list[ReturnLine]
    notional: list[dict[str, Any]]
    joint: list[dict[str, Any]]
    missing_invoices: list[dict[str, Any]]
    overridden: list[dict[str, Any]]
    listed: list[dict[str, Any]] = field(default_factory=list)
    list_pence: int | None = None

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "election": self.election,
            "polling_day": self.polling_day.isoformat(),
            "due": self.due.isoformat(),
            "auditors_report_needed": self.audited,
            "lines": [line.to_json() for line in self.lines],
            "notional": self.notional,
            "joint": self.joint,
            "missing_invoices": self.missing_invoices,
            "overridden": self.overridden,
            "constituency_list_threshold_pence": self.list_pence,
            "constituencies_listed": self.listed,
        }


def _item(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "ref": row["ref"],
        "spent_on": row["spent_on"].isoformat(),
        "pence": row["pence"],
        "category": row["category"],
        "joint_plan": row["joint_plan"],
        "paid_by": row["paid_by"],
        "supplier": row["supplier"],
        "description": row["description"],
        "invoice": row["invoice"],
    }


def spending_return(db: Database, places: Places) -> SpendingReturn:
    """The return for the election's regulated period (spending for or against named
    candidates is left out: it is not part of a non-party campaigner's return)."""
    first, last = places.period
    day = places.polling_day
    with db.read() as conn:
        rows = [r for r in q.spend_rows(conn, first, last) if r["candidate"] is None]
    seat_cat: dict[str, dict[Category, Fraction]] = defaultdict(lambda: defaultdict(Fraction))
    wide: dict[tuple[str | None, Category], int] = defaultdict(int)
    for row in rows:
        category = Category(row["category"])
        if row["scope"] in ("seat", "seats"):
            for seat in row["seats"]:
                seat_cat[seat][category] += Fraction(row["pence"], len(row["seats"]))
        else:
            wide[(row["part"], category)] += row["pence"]
    for (part, category), pence in wide.items():
        codes = places.in_part(Part(part)) if part else list(places.seats)
        for code in codes:
            seat_cat[code][category] += Fraction(pence, len(codes))
    part_cat: dict[Part, dict[Category, Fraction]] = defaultdict(lambda: defaultdict(Fraction))
    for code, cats in seat_cat.items():
        for category, value in cats.items():
            part_cat[places.seats[code].part][category] += value
    constituency = one(day, "non_party.constituency").pence
    lines: list[ReturnLine] = []
    uk: dict[Category, Fraction] = defaultdict(Fraction)
    for part in Part:
        for category, value in part_cat[part].items():
            uk[category] += value
    lines.append(ReturnLine("uk", "UK", "United Kingdom", _full(uk), 0))
    for part in Part:
        limit = one(day, "non_party.part", part=part).pence
        lines.append(ReturnLine("part", part.value, part.value, _full(part_cat[part]), limit))
    for code in sorted(seat_cat, key=lambda c: places.seats[c].name):
        seat = places.seats[code]
        lines.append(ReturnLine("seat", code, seat.name, _full(seat_cat[code]), constituency))
    total = sum(uk.values(), Fraction(0))
    audited = total > one(day, "non_party.audit").pence
    invoice = one(day, "non_party.invoice").pence
    listed, list_pence = _listed(places, rows, lines)
    return SpendingReturn(
        places.election,
        day,
        months_after(day, RETURN_MONTHS[1] if audited else RETURN_MONTHS[0]),
        audited,
        lines,
        [_item(r) for r in rows if r["notional"]],
        [_item(r) for r in rows if r["joint_plan"]],
        [_item(r) for r in rows if r["pence"] > invoice and not r["invoice"]],
        [_item(r) for r in rows if r["overridden"]],
        listed,
        list_pence,
    )


def _listed(
    places: Places, rows: list[dict[str, Any]], lines: list[ReturnLine]
) -> tuple[list[dict[str, Any]], int | None]:
    """The constituencies where spending was above the listing threshold, each with the items
    that had effect there (the return lists both), or nothing where no threshold is known."""
    found = [r for r in rules_in_force(places.polling_day, key="non_party.constituency_list")]
    if not found:
        return [], None
    threshold = found[0].pence
    listed: list[dict[str, Any]] = []
    for line in lines:
        if line.level != "seat" or line.total <= threshold:
            continue
        part = places.seats[line.code].part.value
        items = [
            _item(r)
            for r in rows
            if line.code in r["seats"]
            or r["scope"] == "uk"
            or (r["scope"] == "part" and r["part"] == part)
        ]
        listed.append({"seat": line.code, "name": line.name,
                       "total_pence": round_pence(line.total), "items": items})  # fmt: skip
    return listed, threshold


def _full(values: dict[Category, Fraction]) -> dict[Category, Fraction]:
    return {c: values.get(c, Fraction(0)) for c in Category}


def _pounds_text(value: Fraction | int) -> str:
    pence = round_pence(value)
    return f"{pence // 100}.{pence % 100:02d}"


def return_csv(result: SpendingReturn) -> str:
    """The totals as CSV: one row for the UK, each part and each seat with spending."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["level", "code", "name", *(c.value for c in Category), "total", "limit"])
    for line in result.lines:
        writer.writerow(
            [line.level, line.code, line.name,
             *(_pounds_text(line.by_category[c]) for c in Category),
             _pounds_text(line.total), _pounds_text(line.limit_pence) if line.limit_pence else ""]
        )  # fmt: skip
    return out.getvalue()


def return_html(result: SpendingReturn) -> str:
    """A printable page of the return (plain HTML, no scripts)."""
    e = html.escape
    head = "".join(f"<th>{e(CATEGORY_TITLES[c])}</th>" for c in Category)
    body = []
    for line in result.lines:
        cells = "".join(f"<td>{e(_pounds_text(line.by_category[c]))}</td>" for c in Category)
        limit = pounds(line.limit_pence) if line.limit_pence else ""
        body.append(
            f"<tr class='{line.level}'><td>{e(line.name)}</td>{cells}"
            f"<td><b>{e(_pounds_text(line.total))}</b></td><td>{e(limit)}</td></tr>"
        )
    lists = []
    for title, items in (
        ("Notional spending", result.notional),
        ("Spending under joint plans", result.joint),
        (
            "Payments over the invoice threshold without an invoice recorded",
            result.missing_invoices,
        ),
        ("Saved with an override of a limit", result.overridden),
        *(
            (
                f"Items with effect in {seat['name']} (spending above the listing threshold)",
                seat["items"],
            )
            for seat in result.listed
        ),
    ):
        entries = "".join(
            f"<li>{e(i['ref'])}: {e(pounds(i['pence']))} on {e(i['spent_on'])} ({e(i['category'])})"
            + (f", joint plan {e(i['joint_plan'])}" if i["joint_plan"] else "")
            + "</li>"
            for i in items
        )
        lists.append(f"<h2>{e(title)} ({len(items)})</h2><ul>{entries}</ul>")
    audit = " with an auditor's report" if result.audited else ""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Spending return, {e(result.election)} election</title>"
        "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:2px 6px;text-align:right}"
        "td:first-child{text-align:left}tr.uk,tr.part{font-weight:bold}</style></head><body>"
        f"<h1>Spending return: {e(result.election)} general election</h1>"
        f"<p>Polling day {e(result.polling_day.isoformat())}; due by "
        f"{e(result.due.isoformat())}{e(audit)}. Amounts in pounds, attributed by the "
        "Electoral Commission's rule and rounded to the penny.</p>"
        f"<table><tr><th>Where</th>{head}<th>Total</th><th>Limit</th></tr>{''.join(body)}</table>"
        + "".join(lists)
        + "</body></html>\n"
    )


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` beside ``path`` and rename it into place (a folder or a missing folder is
    a one-line error)."""
    from hustings._io import write_text

    write_text(path, text, what="return")


__all__ = [
    "ReturnLine",
    "SpendingReturn",
    "return_csv",
    "return_html",
    "spending_return",
    "write_atomically",
]
