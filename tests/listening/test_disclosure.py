"""No published number describes fewer than 5 respondents, directly or by subtraction."""

from __future__ import annotations

from collections.abc import Hashable

from hustings.listening.disclosure import exposed, protect
from hustings.listening.model import Response, Theme
from hustings.listening.render import md, to_markdown
from hustings.listening.summary import summarise
from hustings.listening.tally import tallies


def test_a_lone_small_cell_takes_a_partner_with_it() -> None:
    counts: dict[Hashable, int] = {"a": 20, "b": 3, "c": 9}
    lines = [["a", "b", "c", "n"]]
    hidden = protect(counts, lines, known=["n"])
    assert hidden == {"b", "c"} and exposed(counts, lines, hidden, known=["n"]) == []


def _people() -> list[Response]:
    # North: 12 Working, 3 Middle; Wales: 9 Working, 6 Middle; overall Middle = 9.
    rows = [("North", "Working")] * 12 + [("North", "Middle")] * 3
    rows += [("Wales", "Working")] * 9 + [("Wales", "Middle")] * 6
    return [
        Response(str(i), f"text {i}", {"region": r, "class": c}) for i, (r, c) in enumerate(rows)
    ]


def test_no_hidden_cell_comes_back_by_subtraction_across_tables() -> None:
    (by_region, regions) = tallies(_people(), ["class"], by=["region"])
    cells = {(r.group, r.value): r for r in by_region.breakdown}
    assert cells[("North", "Middle")].suppressed
    # North's size (15, printed in the region table) minus North-Working would give 3, and
    # overall Middle (9) minus Wales-Middle would too: both partners are hidden.
    assert cells[("North", "Working")].suppressed and cells[("Wales", "Middle")].suppressed
    # ... and then Wales-Working, or Wales' size minus nothing would give Wales-Middle.
    assert cells[("Wales", "Working")].suppressed
    assert not any(r.suppressed for r in regions.rows)
    assert regions.by == "" and [r.count for r in regions.rows] == [15, 15]


def test_theme_cells_and_small_themes_are_withheld() -> None:
    people = _people()
    themes = (Theme("T1", "Buses"), Theme("T2", "Rare"))
    labels = [("T1",) if i < 14 else () for i in range(len(people))]
    labels[20] = ("T2",)
    stances = [("NEGATIVE",) * len(ls) for ls in labels]
    vectors = __import__("numpy").eye(len(people), 4, dtype="float32")
    summaries, small = summarise(people, vectors, themes, labels, stances, by=["region"])
    assert small == 1 and [s.theme.id for s in summaries] == ["T1"]
    (buses,) = summaries
    # 12 of 15 in North raised it (3 did not: withheld), 2 of 15 in Wales (withheld).
    assert all(cell.suppressed for cell in buses.breakdown)
    assert 0 < buses.low < buses.share < buses.high < 1


def test_markdown_escapes_html_and_markup() -> None:
    assert md("<script>alert(1)</script> *bold* | pipe") == (
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*bold\\* \\| pipe"
    )


def test_markdown_report_shows_breakdowns() -> None:
    from hustings.listening.model import Report

    people = _people()
    labels = [("T1",) if i % 2 else () for i in range(len(people))]
    summaries, _ = summarise(
        people, __import__("numpy").ones((30, 4), dtype="float32"),
        [Theme("T1", "<b>Buses</b>")], labels, [("NEGATIVE",) * len(x) for x in labels],
        by=["region"],
    )  # fmt: skip
    report = Report("R", 30, {"x.csv": 30}, (), summaries, 15, "method")
    text = to_markdown(report)
    assert "&lt;b&gt;Buses&lt;/b&gt;" in text and "<b>" not in text
    assert "| region: North | 7 | 47% |" in text
