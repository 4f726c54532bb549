"""Render a :class:`Report` as a self-contained HTML page (inline SVG bars) or Markdown.

The file is written to a temporary name and renamed, so a failure never leaves half a report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from hustings._io import write_text
from hustings.errors import InvalidInputError
from hustings.listening.model import Report, Tally, TallyRow, ThemeSummary
from hustings.listening.pdf import write_pdf
from hustings.listening.wording import CREDIT, cells, pct, small_note, stance_text

_CSS = """body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;
padding:0 1rem;color:#222}
h1{font-size:1.9rem}h2{border-bottom:2px solid #c00;padding-bottom:.2rem;margin-top:2.5rem}
blockquote{border-left:4px solid #c00;margin:1rem 0;padding:.2rem 1rem;background:#faf7f7}
blockquote footer{color:#555;font-size:.9rem}table{border-collapse:collapse;margin:.5rem 0}
td,th{padding:.15rem .6rem;border-bottom:1px solid #ddd;text-align:left}.muted{color:#666}
.bar{fill:#c00}.lbl{font-size:12px}"""


def _bars(rows: Sequence[TallyRow], width: int = 420) -> str:
    shown = [r for r in rows if not r.suppressed]
    height = 22 * len(shown) + 4
    parts = [f'<svg width="{width + 200}" height="{height}" role="img">']
    for i, r in enumerate(shown):
        y = 22 * i + 2
        w = max(1, int(width * r.share))
        label = f"{r.group}: {r.value}" if r.group else r.value
        parts.append(
            f'<text class="lbl" x="0" y="{y + 14}">{escape(label[:28])}</text>'
            f'<rect class="bar" x="190" y="{y}" width="{w}" height="16"/>'
            f'<text class="lbl" x="{196 + w}" y="{y + 14}">{pct(r.share)}</text>'
        )
    return "".join(parts) + "</svg>"


def _tally_html(t: Tally) -> str:
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td class=muted>{}</td></tr>".format(
            escape(r.value), *cells(r)
        )
        for r in t.rows
    )
    note = f"weighted, effective n = {t.effective_n:.0f}" if t.weighted else "unweighted"
    head = f"<h3>{escape(t.question)}" + (f" by {escape(t.by)}" if t.by else "") + "</h3>"
    table = f"<table><tr><th>answer</th><th>n</th><th>share</th><th>95% CI</th></tr>{rows}</table>"
    chart = _bars(t.breakdown) if t.by else _bars(t.rows)
    return f"{head}<p class=muted>n = {t.n}, {note}</p>{table}{chart}"


def _breakdown_html(s: ThemeSummary) -> str:
    if not s.breakdown:
        return ""
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td class=muted>{}</td></tr>".format(
            escape(r.group), *cells(r)
        )
        for r in s.breakdown
    )
    return (
        "<table><tr><th>group</th><th>raised it</th><th>share of group</th><th>95% CI</th></tr>"
        f"{rows}</table>{_bars(s.breakdown)}"
    )


def _theme_html(s: ThemeSummary) -> str:
    quotes = "".join(
        f"<blockquote>“{escape(q.text)}”<footer>{escape(q.attribution)}</footer></blockquote>"
        for q in s.quotes
    )
    terms = f"<p class=muted>Terms: {escape(', '.join(s.theme.terms))}</p>" if s.theme.terms else ""
    desc = f"<p>{escape(s.theme.description)}</p>" if s.theme.description else ""
    return (
        f"<h2>{escape(s.theme.label)}</h2>{desc}<p><strong>{s.count}</strong> responses "
        f"({pct(s.share)}, 95% CI {pct(s.low)} to {pct(s.high)}); stance: "
        f"{escape(stance_text(s))}</p>{terms}{quotes}{_breakdown_html(s)}"
    )


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page."""
    sources = ", ".join(f"{escape(k)} ({v})" for k, v in report.sources.items())
    removed = ", ".join(f"{v} {k}" for k, v in report.scrubbed.items()) or "none found"
    appendix = "".join(
        f"<tr><td>{escape(s.theme.id)}</td><td>{escape(s.theme.label)}</td><td>{s.count}</td>"
        f"<td>{pct(s.share)}</td></tr>"
        for s in report.themes
    )
    return (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{escape(report.title)}</title>"
        f"<style>{_CSS}</style><h1>{escape(report.title)}</h1>"
        f"<p>{report.n_responses} responses from {sources}. {len(report.themes)} themes; "
        f"<strong>{pct(report.unassigned_share)}</strong> of responses have no theme.</p>"
        f"<h2>Method</h2><p>{escape(report.method)} Personal data removed: {removed}. "
        f"{CREDIT}{small_note(report)}</p>"
        + (
            "<h2>Tallies</h2>" + "".join(_tally_html(t) for t in report.tallies)
            if report.tallies
            else ""
        )
        + "".join(_theme_html(s) for s in report.themes)
        + "<h2>Appendix: all themes</h2><table><tr><th>id</th><th>theme</th><th>n</th>"
        f"<th>share</th></tr>{appendix}</table></html>\n"
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md(text: str) -> str:
    """User text made inert in Markdown: HTML escaped as in the HTML report, Markdown
    punctuation backslash-escaped, line breaks folded."""
    return _MD_SPECIAL.sub(r"\\\1", escape(" ".join(str(text).split()), quote=False))


def _md_rows(rows: Sequence[TallyRow], label: Callable[[TallyRow], str]) -> list[str]:
    return ["| {} | {} | {} | {} |".format(md(label(r)), *cells(r)) for r in rows]


def _tally_md(t: Tally) -> list[str]:
    lines = [f"### {md(t.question)}" + (f" by {md(t.by)}" if t.by else ""), ""]
    note = f"weighted, effective n = {t.effective_n:.0f}" if t.weighted else "unweighted"
    lines += [f"n = {t.n}, {note}", "", "| answer | n | share | 95% CI |", "|---|---|---|---|"]
    lines += _md_rows(t.rows, lambda r: r.value)
    if t.breakdown:
        lines += ["", f"| {md(t.by)}: answer | n | share of group | 95% CI |", "|---|---|---|---|"]
        lines += _md_rows(t.breakdown, lambda r: f"{r.group}: {r.value}")
    return [*lines, ""]


def _theme_md(s: ThemeSummary) -> list[str]:
    lines = [f"## {md(s.theme.label)}", ""]
    if s.theme.description:
        lines += [md(s.theme.description), ""]
    lines += [
        f"{s.count} responses ({pct(s.share)}, 95% CI {pct(s.low)} to {pct(s.high)}); "
        f"stance: {md(stance_text(s))}.",
        "",
    ]
    for q in s.quotes:
        lines += [f"> “{md(q.text)}”", f"> — {md(q.attribution)}", ""]
    if s.breakdown:
        lines += ["| group | raised it | share of group | 95% CI |", "|---|---|---|---|"]
        lines += [*_md_rows(s.breakdown, lambda r: r.group), ""]
    return lines


def to_markdown(report: Report) -> str:
    """The report as Markdown; every piece of user text is escaped."""
    lines = [f"# {md(report.title)}", ""]
    lines.append(
        f"{report.n_responses} responses; {len(report.themes)} themes; "
        f"{pct(report.unassigned_share)} of responses have no theme."
    )
    removed = ", ".join(f"{v} {k}" for k, v in report.scrubbed.items()) or "none found"
    lines += ["", "## Method", "", md(report.method), "", f"Personal data removed: {removed}."]
    lines += ["", CREDIT + small_note(report), ""]
    for t in report.tallies:
        lines += _tally_md(t)
    for s in report.themes:
        lines += _theme_md(s)
    lines += ["## Appendix: all themes", "", "| id | theme | n | share |", "|---|---|---|---|"]
    lines += [
        f"| {md(s.theme.id)} | {md(s.theme.label)} | {s.count} | {pct(s.share)} |"
        for s in report.themes
    ]
    return "\n".join(lines) + "\n"


RENDERERS = {".html": to_html, ".htm": to_html, ".md": to_markdown, ".markdown": to_markdown}


def write_report(report: Report, out: Path) -> Path:
    """Write ``report`` to ``out`` (format from the suffix: .html, .md or .pdf) atomically."""
    if out.suffix.lower() == ".pdf":
        return write_pdf(report, out)
    render = RENDERERS.get(out.suffix.lower())
    if render is None:
        raise InvalidInputError(
            f"cannot write '{out.suffix}' reports", hint="use .html, .md or .pdf"
        )
    return write_text(out, render(report), what="report")
