"""Donations: donors of a kind, amounts and dates, permissibility checks recorded with their
evidence, what is flagged (over GBP 500 and not shown permissible), and what is to be reported
in each quarterly and weekly pre-poll report and in the return (see
:mod:`hustings.money.periods`). Thresholds come from the rules table."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hustings.errors import HustingsError, InvalidInputError, NotFoundError
from hustings.money.model import (
    EVIDENCE,
    DonationPurpose,
    DonorKind,
    money_json,
    parse_day,
    parse_donor_kind,
    parse_flag,
    parse_pence,
    parse_purpose,
)
from hustings.money.periods import ReportingPeriod, ReportKind, reporting_periods
from hustings.money.rules import one
from hustings.storage import audit
from hustings.storage import money as q
from hustings.storage import money_tables as m
from hustings.storage.accounts import SYSTEM, Principal
from hustings.storage.engine import Database

DONATION_COLUMNS = {
    "ref": ("reference", "donation_ref", "id"),
    "donor_ref": ("donor_id", "donor", "supporter_id"),
    "donor_name": ("name", "donor_full_name", "full_name"),
    "kind": ("donor_kind", "donor_type", "type"),
    "email": ("donor_email", "email_address"),
    "amount": ("value", "pounds"),
    "received": ("received_on", "date_received", "date"),
    "accepted": ("accepted_on", "date_accepted"),
    "returned": ("returned_on", "date_returned"),
    "check": ("check_name", "permissibility_check"),
    "evidence": ("permissibility_evidence",),
    "passed": ("permissible",),
    "donor_address": ("address", "donor_addr"),
    "purpose": ("donation_purpose", "for", "given_for"),
}


@dataclass(frozen=True)
class DonationLine:
    """One donation as the report shows it (the donor by reference, never by name)."""

    ref: str
    donor_ref: str
    kind: str
    pence: int
    received_on: date
    accepted_on: date | None
    permissible: bool
    needed_check: str

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "ref": self.ref,
            "donor_ref": self.donor_ref,
            "kind": self.kind,
            "amount": money_json(self.pence)["pounds"],
            "pence": self.pence,
            "received_on": self.received_on.isoformat(),
            "accepted_on": self.accepted_on.isoformat() if self.accepted_on else None,
            "shown_permissible": self.permissible,
            "needed_check": self.needed_check,
        }


@dataclass(frozen=True)
class Reportable:
    """Donations from one source that a report holds with their details."""

    donor_ref: str
    period: ReportingPeriod
    pence: int
    refs: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "donor_ref": self.donor_ref,
            "report": self.period.kind.value,
            "period": self.period.label,
            "due": self.period.due.isoformat(),
            "total": money_json(self.pence)["pounds"],
            "pence": self.pence,
            "donations": list(self.refs),
        }


@dataclass(frozen=True)
class PeriodReport:
    """What one report holds: donations with details, the total of the other reportable
    donations (quarterly and return), and donations returned as impermissible."""

    period: ReportingPeriod
    reportable: list[Reportable]
    other_pence: int
    returned: tuple[str, ...]

    @property
    def due(self) -> bool:
        """Whether a report is needed (the law asks for none when nothing is to be shown)."""
        return bool(self.reportable or self.returned) or (
            self.period.kind is ReportKind.RETURN and self.other_pence > 0
        )

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            **self.period.to_json(),
            "report_needed": self.due,
            "reportable": [r.to_json() for r in self.reportable],
            "other_total": money_json(self.other_pence)["pounds"],
            "returned": list(self.returned),
        }


@dataclass(frozen=True)
class DonationReport:
    """Donations flagged as not shown permissible, and every report with what it holds."""

    day: date
    polling_day: date
    donation_pence: int
    report_pence: int
    flagged: list[DonationLine]
    periods: list[PeriodReport]
    total_pence: int
    count: int
    other_purpose_pence: int = 0

    @property
    def reportable(self) -> list[Reportable]:
        """Every source to report, report by report."""
        return [r for p in self.periods for r in p.reportable]

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "rules_on": self.day.isoformat(),
            "polling_day": self.polling_day.isoformat(),
            "donation_threshold": money_json(self.donation_pence)["pounds"],
            "report_threshold": money_json(self.report_pence)["pounds"],
            "donations": self.count,
            "total": money_json(self.total_pence)["pounds"],
            "other_purpose_total": money_json(self.other_purpose_pence)["pounds"],
            "flagged": [d.to_json() for d in self.flagged],
            "reportable": [r.to_json() for r in self.reportable],
            "periods": [p.to_json() for p in self.periods],
        }


def import_donations(
    db: Database, path: Path, *, encoding: str = "utf-8", actor: Principal = SYSTEM
) -> int:
    """Import donations (and new donors, and any checks given) from a CSV: all rows or none."""
    from hustings._io import read_rows

    rows = read_rows(
        path, DONATION_COLUMNS, required=("ref", "donor_ref", "amount", "received"),
        encoding=encoding,
    )  # fmt: skip
    parsed: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        try:
            parsed.append(_donation(row))
        except HustingsError as exc:
            exc.message = f"'{path.name}' line {number}: {exc.message}"
            exc.args = (exc.message,)
            raise exc from None
        ref = parsed[-1]["ref"]
        if ref in seen:
            raise InvalidInputError(
                f"'{path.name}' line {number}: ref '{ref}' repeats line {seen[ref]}"
            )
        seen[ref] = number
    now = datetime.now(UTC)
    with db.write() as conn:
        taken = q.existing_refs(conn, m.money_donations, list(seen))
        if taken:
            raise InvalidInputError(
                f"donation '{sorted(taken)[0]}' is already recorded",
                hint="references are unique; this row was imported before",
            )
        donors = q.donors_by_ref(conn, [p["donor_ref"] for p in parsed])
        lines = []
        for number, item in zip(seen.values(), parsed, strict=True):
            donor = donors.get(item["donor_ref"])
            if donor is None:
                if item["kind"] is None:
                    raise InvalidInputError(
                        f"'{path.name}' line {number}: donor '{item['donor_ref']}' has no kind",
                        hint="give individual, company, trade_union, ...",
                    )
                values = {
                    "ref": item["donor_ref"],
                    "name": item["name"] or item["donor_ref"],
                    "kind": item["kind"].value,
                    "email": item["email"],
                    "address": item["address"],
                    "created_at": now,
                }
                donor = {**values, "id": q.insert_donor(conn, values)}
                donors[item["donor_ref"]] = donor
            if item["evidence"]:
                kind = DonorKind(donor["kind"])
                q.insert_check(conn, {"donor_id": donor["id"],
                                      "check_name": item["check"] or EVIDENCE[kind],
                                      "passed": item["passed"], "evidence": item["evidence"],
                                      "checked_on": item["received_on"]})  # fmt: skip
            lines.append({"ref": item["ref"], "donor_id": donor["id"], "pence": item["pence"],
                          "received_on": item["received_on"], "accepted_on": item["accepted_on"],
                          "returned_on": item["returned_on"], "purpose": item["purpose"].value,
                          "created_at": now})  # fmt: skip
        q.insert_donations(conn, lines)
        audit.append(conn, actor=actor.actor, action="money.donations.import",
                     subject="money_donations", detail={"rows": len(lines)})  # fmt: skip
    return len(parsed)


def _donation(row: dict[str, str]) -> dict[str, Any]:
    ref, donor_ref = row.get("ref", "").strip(), row.get("donor_ref", "").strip()
    if not ref or not donor_ref:
        raise InvalidInputError("the row needs a ref and a donor_ref")
    kind_text = row.get("kind", "").strip()
    received = parse_day(row.get("received", ""), what="received date")
    accepted = parse_day(row["accepted"], what="accepted date") if row.get("accepted") else None
    if accepted and accepted < received:
        raise InvalidInputError(f"donation '{ref}' was accepted before it was received")
    returned = parse_day(row["returned"], what="returned date") if row.get("returned") else None
    passed = row.get("passed", "")
    return {
        "ref": ref[:100],
        "donor_ref": donor_ref[:100],
        "name": row.get("donor_name", "").strip()[:200],
        "kind": parse_donor_kind(kind_text) if kind_text else None,
        "email": row.get("email", "").strip().lower() or None,
        "address": row.get("donor_address", "").strip() or None,
        "purpose": parse_purpose(row.get("purpose", "")),
        "pence": parse_pence(row.get("amount", "")),
        "received_on": received,
        "accepted_on": accepted,
        "returned_on": returned,
        "check": row.get("check", "").strip()[:40] or None,
        "evidence": row.get("evidence", "").strip(),
        "passed": parse_flag(passed, what="passed") if passed.strip() else True,
    }


def _check_name(text: str) -> str:
    """A check's name as one of those that show a kind of donor permissible."""
    name = "_".join(text.strip().lower().replace("-", " ").split())
    known = sorted(set(EVIDENCE.values()))
    if name not in known:
        raise InvalidInputError(f"no permissibility check '{text}'", hint="use " + ", ".join(known))
    return name


def record_check(
    db: Database,
    donor_ref: str,
    *,
    evidence: str,
    passed: bool = True,
    check_name: str | None = None,
    checked_on: date | None = None,
    actor: Principal = SYSTEM,
) -> int:
    """Record a permissibility check of a donor with its evidence; returns the check's id."""
    if not evidence.strip():
        raise InvalidInputError("a check needs its evidence", hint="say what was checked where")
    with db.write() as conn:
        donor = q.donors_by_ref(conn, [donor_ref]).get(donor_ref)
        if donor is None:
            raise NotFoundError(f"no donor '{donor_ref}'")
        name = _check_name(check_name) if check_name else EVIDENCE[DonorKind(donor["kind"])]
        check_id = q.insert_check(conn, {"donor_id": donor["id"], "check_name": name,
                                         "passed": passed, "evidence": evidence.strip(),
                                         "checked_on": checked_on or date.today()})  # fmt: skip
        audit.append(
            conn,
            actor=actor.actor,
            action="money.donor.check",
            subject=f"donor#{donor['id']}",
            detail={"check": name, "passed": passed},
        )
    return check_id


def donation_report(
    db: Database,
    *,
    polling_day: date = date(2024, 7, 4),
    dissolved: date | None = None,
    day: date | None = None,
) -> DonationReport:
    """Donations over the donation threshold not shown permissible, and what each report of
    the election on ``polling_day`` holds (see :mod:`hustings.money.periods`)."""
    day = day or polling_day
    donation = one(day, "non_party.donation").pence
    report = one(day, "non_party.donation_report").pence
    further = one(day, "non_party.donation_report_further").pence
    with db.read() as conn:
        rows = q.donations(conn)
        passed = q.passed_checks(conn)
    other_purpose = sum(
        r["pence"]
        for r in rows
        if r["purpose"] != DonationPurpose.REGULATED and not r["returned_on"]
    )
    rows = [r for r in rows if r["purpose"] == DonationPurpose.REGULATED]
    flagged: list[DonationLine] = []
    for row in rows:
        kind = DonorKind(row["kind"])
        ok = EVIDENCE[kind] in passed.get(row["donor_id"], set())
        if row["pence"] > donation and row["returned_on"] is None and not ok:
            flagged.append(
                DonationLine(row["ref"], row["donor_ref"], kind.value, row["pence"],
                             row["received_on"], row["accepted_on"], ok, EVIDENCE[kind])
            )  # fmt: skip
    donations = [r for r in rows if r["pence"] > donation]
    periods = reporting_periods(polling_day, dissolved=dissolved)
    found = _quarterly([p for p in periods if p.kind is ReportKind.QUARTERLY], donations,
                       report, further)  # fmt: skip
    found += [_weekly(p, donations, report) for p in periods if p.kind is ReportKind.WEEKLY]
    found += [return_report(p, donations, report) for p in periods if p.kind is ReportKind.RETURN]
    total = sum(r["pence"] for r in rows if r["returned_on"] is None)
    return DonationReport(
        day, polling_day, donation, report, flagged, found, total, len(rows), other_purpose
    )


def _by_donor(period: ReportingPeriod, rows: list[dict[str, Any]]) -> list[Reportable]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["donor_ref"]].append(row)
    return [
        Reportable(donor, period, sum(r["pence"] for r in items), tuple(r["ref"] for r in items))
        for donor, items in sorted(grouped.items())
    ]


def _quarterly(
    periods: list[ReportingPeriod], rows: list[dict[str, Any]], report: int, further: int
) -> list[PeriodReport]:
    """Sch 11A para 4: a donor not yet reported is reported once its donations accepted in the
    pre-dissolution period add up to more than ``report``; after that, once those not yet
    reported add up to more than ``further``. Earlier unreported donations aggregated in are
    reported in the period that tips them over (para 4(5))."""
    recorded: set[str] = set()
    pending: dict[str, list[dict[str, Any]]] = defaultdict(list)
    out: list[PeriodReport] = []
    for period in periods:
        accepted = [r for r in rows if r["returned_on"] is None and period.holds(r["accepted_on"])]
        for row in accepted:
            pending[row["donor_ref"]].append(row)
        shown: list[dict[str, Any]] = []
        for donor, items in sorted(pending.items()):
            threshold = further if donor in recorded else report
            if sum(r["pence"] for r in items) > threshold:
                shown.extend(items)
                recorded.add(donor)
                pending[donor] = []
        shown_refs = {r["ref"] for r in shown}
        other = sum(r["pence"] for r in accepted if r["ref"] not in shown_refs)
        returned = tuple(r["ref"] for r in rows if period.holds(r["returned_on"]))
        out.append(PeriodReport(period, _by_donor(period, shown), other, returned))
    return out


def _weekly(period: ReportingPeriod, rows: list[dict[str, Any]], report: int) -> PeriodReport:
    """s.95B: each donation of more than ``report`` received in the week, accepted or not, and
    not aggregated."""
    shown = [r for r in rows if period.holds(r["received_on"]) and r["pence"] > report]
    return PeriodReport(period, _by_donor(period, shown), 0, ())


def return_report(period: ReportingPeriod, rows: list[dict[str, Any]], report: int) -> PeriodReport:
    """Sch 11 para 10: accepted donations from a source whose donations in the regulated period
    add up to more than ``report``, the total of the others, and those returned."""
    accepted = [r for r in rows if r["returned_on"] is None and period.holds(r["accepted_on"])]
    per_donor: dict[str, int] = defaultdict(int)
    for row in accepted:
        per_donor[row["donor_ref"]] += row["pence"]
    shown = [r for r in accepted if per_donor[r["donor_ref"]] > report]
    other = sum(r["pence"] for r in accepted if per_donor[r["donor_ref"]] <= report)
    returned = tuple(r["ref"] for r in rows if period.holds(r["returned_on"]))
    return PeriodReport(period, _by_donor(period, shown), other, returned)


__all__ = [
    "DONATION_COLUMNS",
    "DonationLine",
    "DonationReport",
    "PeriodReport",
    "Reportable",
    "donation_report",
    "import_donations",
    "record_check",
    "return_report",
]
