"""The words and figures every report format prints the same way: percentages, withheld
cells, stance, and the note on what is hidden."""

from __future__ import annotations

from hustings.listening.model import Report, TallyRow, ThemeSummary

__all__ = ["CREDIT", "HIDDEN", "cells", "pct", "small_note", "stance_text"]

CREDIT = (
    "Cells and quote attributions describing fewer than 5 respondents are suppressed or "
    "generalised; quotes are the respondents' exact words with personal data removed."
)


def pct(x: float) -> str:
    """A share as a whole percentage."""
    return f"{100 * x:.0f}%"


HIDDEN = "fewer than 5 or withheld"


def cells(r: TallyRow) -> tuple[str, str, str]:
    """Count, share and 95% interval of a row, or dashes and why when it is withheld."""
    if r.suppressed:
        return "-", "-", HIDDEN
    return str(r.count), pct(r.share), f"{pct(r.low)} to {pct(r.high)}"


def stance_text(s: ThemeSummary) -> str:
    """'12 positive (40% to 71%), 9 negative (...)' with withheld cells said so."""
    if not s.stance:
        return "not measured (see Method)"
    parts = []
    for r in s.stance:
        count, _, ci = cells(r)
        parts.append(
            f"{r.value.lower()}: {HIDDEN}" if r.suppressed else f"{count} {r.value.lower()} ({ci})"
        )
    return "; ".join(parts)


def small_note(report: Report) -> str:
    """What the report leaves out: themes under 5 respondents and unreadable sources."""
    note = ""
    if report.hidden_themes:
        note += f" {report.hidden_themes} themes raised by fewer than 5 respondents are not shown."
    if report.skipped:
        note += f" Skipped as unreadable: {'; '.join(report.skipped)}."
    return note
