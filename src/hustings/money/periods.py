"""When a registered non-party campaigner reports donations at a UK general election.

Three kinds of report, each with its own periods, test and deadline:

- quarterly pre-poll reports (PPERA 2000 s.95A and Sch 11A Part 2) for each period of three
  months of the pre-dissolution period, which runs from the fourth anniversary of the day the
  Parliament first met to the day before it is dissolved (a last period may be shorter; a
  pre-dissolution period of three months or less is one period). They hold the donations
  accepted, or returned, in the period; due within 30 days beginning with its last day;
- weekly pre-poll reports (s.95B) for each period of 7 days from the day Parliament is
  dissolved to polling day (the last may be shorter), holding each donation of more than
  GBP 7,500 received in the week, not aggregated; due within 7 days beginning with its last day;
- the statement of donations in the spending return after the poll (Sch 11 para 10), for the
  whole regulated period.

A Parliament dissolved before its fourth anniversary (those of 2015 and 2017, dissolved early
for the 2017 and 2019 elections) has no pre-dissolution period, so no quarterly reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from hustings.errors import InvalidInputError
from hustings.money.rules import RETURN_MONTHS, months_after, regulated_period


@dataclass(frozen=True)
class Parliament:
    """A UK Parliament: the day it first met, and the dissolution and poll that ended it."""

    first_met: date
    dissolved: date | None
    polling_day: date | None


PARLIAMENTS: tuple[Parliament, ...] = (
    Parliament(date(2015, 5, 18), date(2017, 5, 3), date(2017, 6, 8)),
    Parliament(date(2017, 6, 13), date(2019, 11, 6), date(2019, 12, 12)),
    Parliament(date(2019, 12, 17), date(2024, 5, 30), date(2024, 7, 4)),
    Parliament(date(2024, 7, 9), None, None),
)
"""The Parliaments the rules table covers. Sources: House of Commons Journal and the
proclamations dissolving Parliament (3 May 2017 under the Early Parliamentary General Election
Act 2017; 6 November 2019 under the Early Parliamentary General Election Act 2019; 30 May 2024
by proclamation under the Dissolution and Calling of Parliament Act 2022); the Electoral
Commission gives 17 December 2023 as the fourth anniversary of the 2019 Parliament
('Non-party campaigners: UK Parliamentary general elections', 'Pre-dissolution period:
Quarterly pre-poll reports')."""

QUARTERLY_SOURCE = "PPERA 2000 s.95A(3)-(3B), (8); Sch 11A paras 3-4"
WEEKLY_SOURCE = "PPERA 2000 s.95B(2), (3), (6), (7)"
RETURN_SOURCE = "PPERA 2000 s.96 and Sch 11 para 10"
QUARTER_MONTHS = 3
QUARTERLY_DUE_DAYS = 30
WEEK_DAYS = 7
WEEKLY_DUE_DAYS = 7


class ReportKind(StrEnum):
    """A kind of donation report."""

    QUARTERLY = "quarterly"
    WEEKLY = "weekly"
    RETURN = "return"


@dataclass(frozen=True)
class ReportingPeriod:
    """One reporting period: its kind, number, first and last day, and when it is due."""

    kind: ReportKind
    number: int
    first: date
    last: date
    due: date
    source: str

    @property
    def label(self) -> str:
        """``weekly 2 (2024-06-06 to 2024-06-12)``."""
        first, last = self.first.isoformat(), self.last.isoformat()
        return f"{self.kind.value} {self.number} ({first} to {last})"

    def holds(self, day: date | None) -> bool:
        """Whether ``day`` falls in the period."""
        return day is not None and self.first <= day <= self.last

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "kind": self.kind.value,
            "number": self.number,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "due": self.due.isoformat(),
            "source": self.source,
        }


def parliament_for(polling_day: date) -> Parliament:
    """The Parliament whose dissolution led to the poll on ``polling_day`` (for a poll still to
    come, the Parliament now sitting)."""
    for parliament in PARLIAMENTS:
        if parliament.polling_day == polling_day:
            return parliament
    current = PARLIAMENTS[-1]
    if polling_day > current.first_met:
        return current
    raise InvalidInputError(
        f"{polling_day.isoformat()} is not the polling day of a general election the table knows",
        hint="give 2017, 2019 or 2024, or a polling day still to come",
    )


def reporting_periods(polling_day: date, *, dissolved: date | None = None) -> list[ReportingPeriod]:
    """Every donation reporting period of the election on ``polling_day``: quarterly, weekly,
    then the return. ``dissolved`` is needed for a poll the table does not know yet."""
    parliament = parliament_for(polling_day)
    dissolution = dissolved or parliament.dissolved
    if dissolution is None:
        raise InvalidInputError(
            f"the day Parliament is dissolved before the poll of {polling_day.isoformat()} is "
            "not known",
            hint="pass --dissolved YYYY-MM-DD",
        )
    if not parliament.first_met < dissolution <= polling_day:
        raise InvalidInputError(
            f"dissolution on {dissolution.isoformat()} does not fall between the Parliament's "
            f"first meeting ({parliament.first_met.isoformat()}) and polling day"
        )
    periods: list[ReportingPeriod] = []
    anniversary = months_after(parliament.first_met, 48)
    start, end = anniversary, dissolution - timedelta(days=1)
    number = 1
    while start <= end:
        last = min(months_after(start, QUARTER_MONTHS) - timedelta(days=1), end)
        due = last + timedelta(days=QUARTERLY_DUE_DAYS - 1)
        periods.append(
            ReportingPeriod(ReportKind.QUARTERLY, number, start, last, due, QUARTERLY_SOURCE)
        )
        start, number = last + timedelta(days=1), number + 1
    start, number = dissolution, 1
    while start <= polling_day:
        last = min(start + timedelta(days=WEEK_DAYS - 1), polling_day)
        due = last + timedelta(days=WEEKLY_DUE_DAYS - 1)
        periods.append(ReportingPeriod(ReportKind.WEEKLY, number, start, last, due, WEEKLY_SOURCE))
        start, number = last + timedelta(days=1), number + 1
    first, _ = regulated_period(polling_day)
    due = months_after(polling_day, RETURN_MONTHS[0])
    periods.append(ReportingPeriod(ReportKind.RETURN, 1, first, polling_day, due, RETURN_SOURCE))
    return periods


__all__ = [
    "PARLIAMENTS",
    "Parliament",
    "ReportKind",
    "ReportingPeriod",
    "parliament_for",
    "reporting_periods",
]
