"""Donation reporting periods and what each report holds, against the law's own words:
quarterly pre-poll reports from the fourth anniversary of the Parliament's first meeting to the
day before dissolution, due within 30 days (PPERA 2000 s.95A); weekly reports from dissolution
to polling day for each donation over GBP 7,500 received, due within 7 days (s.95B); the
return's statement (Sch 11 para 10). The 2019 Parliament first met on 17 December 2019 and was
dissolved on 30 May 2024 for the poll of 4 July 2024."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hustings.errors import InvalidInputError
from hustings.money.donations import donation_report, import_donations
from hustings.money.periods import ReportKind, reporting_periods
from hustings.storage.engine import Database

from .conftest import FIXTURES


def _spans(polling_day: date, kind: ReportKind, **extra: date) -> list[tuple[str, str, str]]:
    return [
        (p.first.isoformat(), p.last.isoformat(), p.due.isoformat())
        for p in reporting_periods(polling_day, **extra)
        if p.kind is kind
    ]


def test_2024_quarterly_weekly_and_return_periods() -> None:
    day = date(2024, 7, 4)
    assert _spans(day, ReportKind.QUARTERLY) == [
        ("2023-12-17", "2024-03-16", "2024-04-14"),
        ("2024-03-17", "2024-05-29", "2024-06-27"),
    ]
    assert _spans(day, ReportKind.WEEKLY) == [
        ("2024-05-30", "2024-06-05", "2024-06-11"),
        ("2024-06-06", "2024-06-12", "2024-06-18"),
        ("2024-06-13", "2024-06-19", "2024-06-25"),
        ("2024-06-20", "2024-06-26", "2024-07-02"),
        ("2024-06-27", "2024-07-03", "2024-07-09"),
        ("2024-07-04", "2024-07-04", "2024-07-10"),
    ]
    assert _spans(day, ReportKind.RETURN) == [("2023-07-06", "2024-07-04", "2024-10-04")]


def test_early_elections_have_no_quarterly_reports() -> None:
    # The 2015 and 2017 Parliaments were dissolved (3 May 2017, 6 November 2019) before their
    # fourth anniversaries: no pre-dissolution period, only the weeks from dissolution.
    assert _spans(date(2017, 6, 8), ReportKind.QUARTERLY) == []
    weeks = _spans(date(2017, 6, 8), ReportKind.WEEKLY)
    assert weeks[0] == ("2017-05-03", "2017-05-09", "2017-05-15")
    assert weeks[-1] == ("2017-06-07", "2017-06-08", "2017-06-14")
    assert len(weeks) == 6
    assert _spans(date(2019, 12, 12), ReportKind.QUARTERLY) == []
    assert [w[:2] for w in _spans(date(2019, 12, 12), ReportKind.WEEKLY)][-2:] == [
        ("2019-12-04", "2019-12-10"),
        ("2019-12-11", "2019-12-12"),
    ]


def test_a_poll_to_come_needs_its_dissolution_day() -> None:
    with pytest.raises(
        InvalidInputError, match="dissolved before the poll of 2029-08-16 is not known"
    ):
        reporting_periods(date(2029, 8, 16))
    # The 2024 Parliament first met on 9 July 2024: its fourth anniversary is 9 July 2028.
    quarters = _spans(date(2029, 8, 16), ReportKind.QUARTERLY, dissolved=date(2029, 7, 10))
    assert [q[:2] for q in quarters] == [
        ("2028-07-09", "2028-10-08"),
        ("2028-10-09", "2029-01-08"),
        ("2029-01-09", "2029-04-08"),
        ("2029-04-09", "2029-07-08"),
        ("2029-07-09", "2029-07-09"),
    ]


def _report_of(db: Database, kind: ReportKind, number: int = 1) -> tuple[dict[str, int], int]:
    report = donation_report(db, polling_day=date(2024, 7, 4))
    [found] = [p for p in report.periods if p.period.kind is kind and p.period.number == number]
    return {r.donor_ref: r.pence for r in found.reportable}, found.other_pence


def test_fixture_donations_by_report(db: Database) -> None:
    # P1: 600 accepted 3 April and 7,000 accepted 11 May 2024, both in quarter 2 (17 March to
    # 29 May): 7,600 together, over 7,500, so both are reported with details; P2's 2,000 is
    # only in the total of the others. No single donation is over 7,500: no weekly report.
    import_donations(db, FIXTURES / "donations_good.csv")
    assert _report_of(db, ReportKind.QUARTERLY, 2) == ({"P1": 760_000}, 200_000)
    assert _report_of(db, ReportKind.QUARTERLY, 1) == ({}, 0)
    assert all(not p.reportable for p in donation_report(db).periods if p.period.kind == "weekly")
    assert _report_of(db, ReportKind.RETURN) == ({"P1": 760_000}, 200_000)


def test_aggregation_across_quarters_and_weekly_reports(db: Database, tmp_path: Path) -> None:
    rows = [
        "ref,donor_ref,kind,amount,received,accepted",
        "A1,P5,individual,8000,2024-01-30,2024-02-01",  # quarter 1: over 7,500
        "A2,P5,individual,1000,2024-03-18,2024-03-20",  # quarter 2, P5 already reported...
        "A3,P5,individual,600,2024-04-30,2024-05-01",  # ...1,600 since: over 1,500
        "B1,P6,company,5000,2024-02-10,2024-02-12",  # quarter 1: 5,000, not over 7,500
        "B2,P6,company,3000,2024-04-10,2024-04-11",  # quarter 2: 8,000 with B1: both reported
        "C1,P7,individual,9000,2024-06-10,2024-06-20",  # received in week 2 (6-12 June)
    ]
    path = tmp_path / "donations.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_donations(db, path)
    assert _report_of(db, ReportKind.QUARTERLY, 1) == ({"P5": 800_000}, 500_000)
    assert _report_of(db, ReportKind.QUARTERLY, 2) == ({"P5": 160_000, "P6": 800_000}, 0)
    assert _report_of(db, ReportKind.WEEKLY, 2) == ({"P7": 900_000}, 0)
    assert _report_of(db, ReportKind.WEEKLY, 3) == ({}, 0)
    assert _report_of(db, ReportKind.RETURN) == (
        {"P5": 960_000, "P6": 800_000, "P7": 900_000},
        0,
    )
    weekly = [p for p in donation_report(db).periods if p.period.kind == "weekly"][1]
    assert weekly.due and weekly.period.due == date(2024, 6, 18)
