"""Render a :class:`Report` as a PDF with fpdf2 (pure Python, no browser or system library
but a Unicode TrueType font, so respondents' words are printed exactly as they wrote them).

The same sections as the HTML report: summary, method, tallies, each theme with its share,
stance, quotes and breakdown, and the appendix; suppressed cells say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hustings._io import write_text
from hustings.errors import InvalidInputError, require
from hustings.listening.model import Report, Tally, TallyRow, ThemeSummary
from hustings.listening.wording import CREDIT, cells, pct, small_note, stance_text

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)
"""Where the DejaVu Sans font (Debian: fonts-dejavu-core) is looked for."""


def find_font() -> tuple[Path, Path]:
    """DejaVu Sans regular and bold, or a one-line error saying how to install them."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise InvalidInputError(
        "no Unicode font for the PDF report (DejaVu Sans)",
        hint="install it (apt-get install fonts-dejavu-core), or write .html or .md",
    )


class _Writer:
    def __init__(self, title: str) -> None:
        fpdf = require("fpdf", "text")
        regular, bold = find_font()
        self.pdf: Any = fpdf.FPDF(format="A4")
        self.pdf.set_title(title)
        self.pdf.set_margins(18, 18, 18)
        self.pdf.set_auto_page_break(True, margin=18)
        self.pdf.add_font("Sans", "", str(regular))
        self.pdf.add_font("Sans", "B", str(bold))
        self.pdf.add_page()

    def heading(self, text: str, size: float) -> None:
        self.pdf.set_font("Sans", "B", size)
        self.pdf.ln(2)
        self.pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def para(self, text: str, size: float = 10, style: str = "") -> None:
        self.pdf.set_font("Sans", style, size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1.5)

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.pdf.set_font("Sans", "", 9)
        with self.pdf.table(
            headings_style=self.headings(), line_height=5, text_align="LEFT", padding=1
        ) as table:
            for line in [head, *rows]:
                row = table.row()
                for cell in line:
                    row.cell(cell)
        self.pdf.ln(2)

    def headings(self) -> Any:
        return require("fpdf.fonts", "text").FontFace(emphasis="BOLD")


def _rows(rows: Sequence[TallyRow], label: Any) -> list[list[str]]:
    return [[label(r), *cells(r)] for r in rows]


def _tally(w: _Writer, t: Tally) -> None:
    w.heading(t.question + (f" by {t.by}" if t.by else ""), 11)
    note = f"weighted, effective n = {t.effective_n:.0f}" if t.weighted else "unweighted"
    w.para(f"n = {t.n}, {note}", 9)
    w.table(("answer", "n", "share", "95% CI"), _rows(t.rows, lambda r: r.value))
    if t.breakdown:
        head = (f"{t.by}: answer", "n", "share of group", "95% CI")
        w.table(head, _rows(t.breakdown, lambda r: f"{r.group}: {r.value}"))


def _theme(w: _Writer, s: ThemeSummary) -> None:
    w.heading(s.theme.label, 13)
    if s.theme.description:
        w.para(s.theme.description)
    w.para(
        f"{s.count} responses ({pct(s.share)}, 95% CI {pct(s.low)} to {pct(s.high)}); "
        f"stance: {stance_text(s)}."
    )
    if s.theme.terms:
        w.para("Terms: " + ", ".join(s.theme.terms), 9)
    for q in s.quotes:
        w.para(f"\u201c{q.text}\u201d", 10)
        w.para(f"\u2014 {q.attribution}", 9, "B")
    if s.breakdown:
        head = ("group", "raised it", "share of group", "95% CI")
        w.table(head, _rows(s.breakdown, lambda r: r.group))


def to_pdf(report: Report) -> bytes:
    """The report as the bytes of a PDF file."""
    w = _Writer(report.title)
    w.heading(report.title, 18)
    sources = ", ".join(f"{k} ({v})" for k, v in report.sources.items())
    w.para(
        f"{report.n_responses} responses from {sources}. {len(report.themes)} themes; "
        f"{pct(report.unassigned_share)} of responses have no theme."
    )
    removed = ", ".join(f"{v} {k}" for k, v in report.scrubbed.items()) or "none found"
    w.heading("Method", 14)
    w.para(f"{report.method} Personal data removed: {removed}. {CREDIT}{small_note(report)}")
    if report.tallies:
        w.heading("Tallies", 14)
        for t in report.tallies:
            _tally(w, t)
    for s in report.themes:
        _theme(w, s)
    w.heading("Appendix: all themes", 14)
    w.table(
        ("id", "theme", "n", "share"),
        [[s.theme.id, s.theme.label, str(s.count), pct(s.share)] for s in report.themes],
    )
    return bytes(w.pdf.output())


def write_pdf(report: Report, out: Path) -> Path:
    """Write ``report`` as a PDF to ``out`` atomically."""
    data = to_pdf(report)
    return write_text(out, data.decode("latin-1"), what="report", encoding="latin-1")
