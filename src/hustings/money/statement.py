"""The statement of donations in the spending return (PPERA 2000 Sch 11 paras 9-11): every
relevant donation accepted in the regulated period from a donor whose relevant donations there
come to more than the reporting threshold, with the donor's name, address and kind, the dates
received and accepted and the permissibility checks recorded; the total of the other relevant
donations; and the donations returned, with the date they were returned. A relevant donation
is one over the donation threshold given for the purpose of meeting regulated spending
(Sch 11 para 1(4)); the rest are left out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from hustings.money.donations import return_report
from hustings.money.model import EVIDENCE, DonationPurpose, DonorKind, money_json
from hustings.money.periods import RETURN_SOURCE, ReportingPeriod, ReportKind
from hustings.money.rules import RETURN_MONTHS, months_after, one
from hustings.storage import money as q
from hustings.storage.engine import Database


@dataclass(frozen=True)
class StatementLine:
    """One donation as the statement shows it, with its donor's details and checks."""

    ref: str
    donor_ref: str
    donor_name: str
    donor_address: str | None
    kind: str
    pence: int
    received_on: date
    accepted_on: date | None
    returned_on: date | None
    checks: tuple[dict[str, Any], ...]

    @property
    def shown_permissible(self) -> bool:
        """Whether a passed check of the kind the donor needs is recorded."""
        needed = EVIDENCE[DonorKind(self.kind)]
        return any(c["passed"] and c["check"] == needed for c in self.checks)

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "ref": self.ref,
            "donor_ref": self.donor_ref,
            "donor_name": self.donor_name,
            "donor_address": self.donor_address,
            "kind": self.kind,
            "amount": money_json(self.pence)["pounds"],
            "pence": self.pence,
            "received_on": self.received_on.isoformat(),
            "accepted_on": self.accepted_on.isoformat() if self.accepted_on else None,
            "returned_on": self.returned_on.isoformat() if self.returned_on else None,
            "shown_permissible": self.shown_permissible,
            "checks": list(self.checks),
        }


@dataclass(frozen=True)
class DonationStatement:
    """What the return says about donations, with the thresholds that decided it."""

    donation_pence: int
    report_pence: int
    reportable: list[StatementLine]
    other_pence: int
    returned: list[StatementLine]
    source: str = RETURN_SOURCE

    @property
    def not_shown_permissible(self) -> list[str]:
        """Reported donations whose donor has no passed check of the kind needed."""
        return [line.ref for line in self.reportable if not line.shown_permissible]

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "donation_threshold_pence": self.donation_pence,
            "report_threshold_pence": self.report_pence,
            "reportable": [line.to_json() for line in self.reportable],
            "other_total_pence": self.other_pence,
            "returned": [line.to_json() for line in self.returned],
            "not_shown_permissible": self.not_shown_permissible,
            "source": self.source,
        }


def donation_statement(db: Database, period: tuple[date, date]) -> DonationStatement:
    """The statement for the regulated period ``period`` (first and last day), with the
    thresholds in force on its last day (polling day)."""
    first, last = period
    donation = one(last, "non_party.donation").pence
    report = one(last, "non_party.donation_report").pence
    reporting = ReportingPeriod(
        ReportKind.RETURN, 1, first, last, months_after(last, RETURN_MONTHS[0]), RETURN_SOURCE
    )
    with db.read() as conn:
        rows = [
            r
            for r in q.donations(conn)
            if r["purpose"] == DonationPurpose.REGULATED and r["pence"] > donation
        ]
        found = return_report(reporting, rows, report)
        shown = {ref for r in found.reportable for ref in r.refs}
        chosen = [r for r in rows if r["ref"] in shown or r["ref"] in found.returned]
        donors = q.donor_details(conn, [r["donor_id"] for r in chosen])
    lines = {r["ref"]: _line(r, donors[r["donor_id"]]) for r in chosen}
    return DonationStatement(
        donation,
        report,
        [lines[r["ref"]] for r in rows if r["ref"] in shown],
        found.other_pence,
        [lines[ref] for ref in found.returned],
    )


def _line(row: dict[str, Any], donor: dict[str, Any]) -> StatementLine:
    return StatementLine(
        row["ref"], donor["ref"], donor["name"], donor["address"], donor["kind"], row["pence"],
        row["received_on"], row["accepted_on"], row["returned_on"], tuple(donor["checks"]),
    )  # fmt: skip


__all__ = ["DonationStatement", "StatementLine", "donation_statement"]
