"""The spending return: totals per constituency and per part of the UK by category of regulated
activity, as the Electoral Commission's non-party spending return groups them; every item with
what the return asks of it (purpose, supplier's name and address, amount, date incurred, dates
of the claim and of payment); the statements of payments, unpaid and disputed claims (PPERA
2000 s.96(2)); the items it asks about (notional, joint, over the invoice threshold without an
invoice); the constituencies above the listing threshold with their items; the statement of
donations (:mod:`hustings.money.statement`); and its deadline. Written as CSV (totals, items,
donations) and as a printable page, each aside and renamed into place."""

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

from hustings.money.model import CATEGORY_TITLES, Category, ClaimStatus, round_pence
from hustings.money.places import Places
from hustings.money.rules import RETURN_MONTHS, Part, Rule, months_after, one, pounds
from hustings.money.statement import DonationStatement, StatementLine, donation_statement
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
    listed: list[dict[str, Any]]
    list_pence: int
    list_source: str
    items: list[dict[str, Any]] = field(default_factory=list)
    donations: DonationStatement | None = None

    def claims(self, status: ClaimStatus | None) -> list[dict[str, Any]]:
        """The items whose claim stands at ``status`` (None: not recorded, notional aside)."""
        value = status.value if status else None
        return [i for i in self.items if i["claim_status"] == value and not i["notional"]]

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
            "constituency_list_source": self.list_source,
            "constituencies_listed": self.listed,
            "items": self.items,
            "paid_pence": sum(i["pence"] for i in self.claims(ClaimStatus.PAID)),
            "unpaid": self.claims(ClaimStatus.UNPAID),
            "disputed": self.claims(ClaimStatus.DISPUTED),
            "claim_not_recorded": self.claims(None),
            "donations": self.donations.to_json() if self.donations else None,
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _where(row: dict[str, Any]) -> str:
    if row["scope"] == "uk":
        return "UK"
    if row["scope"] == "part":
        return str(row["part"])
    return ";".join(row["seats"])


def _item(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "ref": row["ref"],
        "spent_on": row["spent_on"].isoformat(),
        "pence": row["pence"],
        "category": row["category"],
        "where": _where(row),
        "targeted_party": row["targeted_party"],
        "notional": bool(row["notional"]),
        "joint_plan": row["joint_plan"],
        "paid_by": row["paid_by"],
        "supplier": row["supplier"],
        "supplier_address": row["supplier_address"],
        "description": row["description"],
        "invoice": row["invoice"],
        "claimed_on": _iso(row["claimed_on"]),
        "paid_on": _iso(row["paid_on"]),
        "claim_status": row["claim_status"],
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
    listed, rule = _listed(places, rows, lines)
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
        rule.pence,
        rule.source,
        [_item(r) for r in rows],
        donation_statement(db, places.period),
    )


def _listed(
    places: Places, rows: list[dict[str, Any]], lines: list[ReturnLine]
) -> tuple[list[dict[str, Any]], Rule]:
    """The constituencies where spending was above the listing threshold in force on polling
    day, each with the items that had effect there (the return lists both), and that rule."""
    rule = one(places.polling_day, "non_party.constituency_list")
    threshold = rule.pence
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
    return listed, rule


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


ITEM_COLUMNS = (
    "ref", "date", "amount", "category", "where", "description", "supplier", "supplier_address",
    "claimed", "paid", "status", "invoice", "notional", "targeted_party", "joint_plan", "paid_by",
)  # fmt: skip
"""The items CSV's columns: those ``hustings money import spend`` reads, so it imports again."""

DONATION_COLUMNS = (
    "section", "ref", "donor_ref", "donor_name", "donor_address", "kind", "amount", "received",
    "accepted", "returned", "shown_permissible", "evidence",
)  # fmt: skip


def return_items_csv(result: SpendingReturn) -> str:
    """Every item of the return, one a row, with what the return asks of each."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ITEM_COLUMNS)
    for i in result.items:
        writer.writerow(
            [i["ref"], i["spent_on"], _pounds_text(i["pence"]), i["category"], i["where"],
             i["description"], i["supplier"], i["supplier_address"] or "", i["claimed_on"] or "",
             i["paid_on"] or "", i["claim_status"] or "", i["invoice"] or "",
             "yes" if i["notional"] else "", i["targeted_party"] or "", i["joint_plan"] or "",
             i["paid_by"] or ""]
        )  # fmt: skip
    return out.getvalue()


def _evidence(line: StatementLine) -> str:
    return "; ".join(
        f"{c['check']} {'passed' if c['passed'] else 'failed'} {c['checked_on']}: {c['evidence']}"
        for c in line.checks
    )


def return_donations_csv(result: SpendingReturn) -> str:
    """The statement of donations: each reportable and each returned donation with its donor's
    details and checks, and one row with the total of the other relevant donations."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DONATION_COLUMNS)
    statement = result.donations
    if statement is None:
        return out.getvalue()
    for section, lines in (("reportable", statement.reportable), ("returned", statement.returned)):
        for d in lines:
            writer.writerow(
                [section, d.ref, d.donor_ref, d.donor_name, d.donor_address or "", d.kind,
                 _pounds_text(d.pence), d.received_on.isoformat(), _iso(d.accepted_on) or "",
                 _iso(d.returned_on) or "", "yes" if d.shown_permissible else "no", _evidence(d)]
            )  # fmt: skip
    writer.writerow(["other_total", "", "", "", "", "", _pounds_text(statement.other_pence),
                     "", "", "", "", ""])  # fmt: skip
    return out.getvalue()


def _items_table(items: list[dict[str, Any]]) -> str:
    e = html.escape
    head = "".join(
        f"<th>{h}</th>"
        for h in ("Ref", "What for", "Category", "Supplier", "Supplier's address", "Amount",
                  "Incurred", "Claim made", "Paid", "Claim", "Where")
    )  # fmt: skip
    rows = "".join(
        "<tr>" + "".join(
            f"<td>{e(str(v))}</td>"
            for v in (i["ref"], i["description"], i["category"], i["supplier"],
                      i["supplier_address"] or "", pounds(i["pence"]), i["spent_on"],
                      i["claimed_on"] or "", i["paid_on"] or "",
                      "notional" if i["notional"] else i["claim_status"] or "not recorded",
                      i["where"])
        ) + "</tr>"
        for i in items
    )  # fmt: skip
    return f"<table class='items'><tr>{head}</tr>{rows}</table>"


def _donations_html(statement: DonationStatement) -> str:
    e = html.escape
    head = "".join(
        f"<th>{h}</th>"
        for h in ("Ref", "Donor", "Address", "Kind", "Amount", "Received", "Accepted",
                  "Returned", "Permissibility evidence")
    )  # fmt: skip

    def table(lines: list[StatementLine]) -> str:
        rows = "".join(
            "<tr>" + "".join(
                f"<td>{e(str(v))}</td>"
                for v in (d.ref, d.donor_name, d.donor_address or "", d.kind, pounds(d.pence),
                          d.received_on.isoformat(), _iso(d.accepted_on) or "",
                          _iso(d.returned_on) or "", _evidence(d) or "none recorded")
            ) + "</tr>"
            for d in lines
        )  # fmt: skip
        return f"<table class='items'><tr>{head}</tr>{rows}</table>"

    unshown = statement.not_shown_permissible
    warning = f"<p><b>Not shown permissible: {e(', '.join(unshown))}.</b></p>" if unshown else ""
    return (
        "<h2>Statement of donations</h2>"
        f"<p>Relevant donations (over {e(pounds(statement.donation_pence))}, given for regulated "
        f"spending) from donors whose donations came to more than "
        f"{e(pounds(statement.report_pence))} ({e(statement.source)}):</p>"
        + table(statement.reportable)
        + warning
        + f"<p>Total of the other relevant donations accepted: "
        f"{e(pounds(statement.other_pence))}.</p>"
        + f"<h2>Donations returned ({len(statement.returned)})</h2>"
        + table(statement.returned)
    )


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
        ("Unpaid claims", result.claims(ClaimStatus.UNPAID)),
        ("Disputed claims", result.claims(ClaimStatus.DISPUTED)),
        ("Claim not recorded as paid, unpaid or disputed", result.claims(None)),
        ("Saved with an override of a limit", result.overridden),
        *(
            (
                f"Items with effect in {seat['name']} (spending above the listing threshold of "
                f"{pounds(result.list_pence)})",
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
        + f"<h2>Items of spending ({len(result.items)})</h2>"
        + _items_table(result.items)
        + f"<p>Payments made: {e(pounds(sum(i['pence'] for i in result.claims(ClaimStatus.PAID))))}"
        ".</p>"
        + "".join(lists)
        + (_donations_html(result.donations) if result.donations else "")
        + "</body></html>\n"
    )


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` beside ``path`` and rename it into place (a folder or a missing folder is
    a one-line error)."""
    from hustings._io import write_text

    write_text(path, text, what="return")


__all__ = [
    "ITEM_COLUMNS",
    "ReturnLine",
    "SpendingReturn",
    "return_csv",
    "return_donations_csv",
    "return_html",
    "return_items_csv",
    "spending_return",
    "write_atomically",
]
