"""Quotes (verbatim, k>=5 attribution), the report, and the CLI (with the hashing embedder)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from hustings.cli.main import app
from hustings.errors import InvalidInputError
from hustings.listening.model import Response
from hustings.listening.pipeline import check_memory, estimate_memory_mb
from hustings.listening.quotes import attribute, attribution_counts, quotable

runner = CliRunner()
AREAS = ["Durham", "Durham", "Durham", "Durham", "Durham", "Stoke"]
TOPICS = [
    "We should use community organising in every town and village near us.",
    "Trade unions must be at the heart of the party on pay and housing.",
    "Buses in rural areas are a disgrace and nobody listens to us.",
]


def _write_survey(path: Path, n: int = 24) -> Path:
    lines = ["id,role,area,region,answer"]
    for i in range(n):
        area = AREAS[i % len(AREAS)]
        region = "North East" if area == "Durham" else "West Midlands"
        lines.append(f'{i},Member,{area},{region},"{TOPICS[i % 3]} Reply {i}."')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_attribution_generalises_below_five() -> None:
    people = [
        Response(str(i), "", {"role": "member", "area": a, "region": "NE"})
        for i, a in enumerate(AREAS)
    ]
    counts = attribution_counts(people)
    assert attribute(people[0], counts) == "Member, Durham"
    assert attribute(people[5], counts) == "Member, NE"


def test_quote_is_verbatim_and_never_shows_scrubbed_data() -> None:
    text = "Call me on [phone]. Housing is the issue on every doorstep here in town."
    span = quotable(text, ["housing"], max_words=10)
    assert span == "Housing is the issue on every doorstep here in town."
    assert span in text
    assert quotable("Ring [phone] now please", ["ring"]) == ""


def test_report_html_and_markdown(tmp_path: Path) -> None:
    survey = _write_survey(tmp_path / "survey.csv")
    out = tmp_path / "report.html"
    result = runner.invoke(
        app, ["listen", "report", str(survey), "--by", "region", "--embedder", "hashing",
              "--out", str(out), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)["report"]
    assert payload["n_responses"] == 24 and payload["unassigned_share"] < 0.1
    answers = {line.split(",", 4)[4].strip('"') for line in survey.read_text().splitlines()[1:]}
    for theme in payload["themes"]:
        for quote in theme["quotes"]:
            assert any(quote["text"] in a for a in answers)
            assert quote["attribution"] in ("Member, Durham", "Member, North East", "Member")
        for cell in theme["breakdown"]:
            assert cell.get("suppressed") or cell["count"] >= 5
    html = out.read_text()
    assert html.startswith("<!doctype html>") and "Appendix: all themes" in html
    md = tmp_path / "report.md"
    assert (
        runner.invoke(
            app, ["listen", "report", str(survey), "--embedder", "hashing", "--out", str(md)]
        ).exit_code
        == 0
    )
    assert md.read_text().startswith("# Listening report")


def test_pdf_report_is_a_whole_pdf(tmp_path: Path) -> None:
    pytest.importorskip("fpdf")
    from hustings.listening.pdf import find_font

    try:
        find_font()
    except InvalidInputError as exc:
        pytest.skip(str(exc))
    survey = _write_survey(tmp_path / "survey.csv")
    out = tmp_path / "report.pdf"
    result = runner.invoke(
        app, ["listen", "report", str(survey), "--by", "region", "--embedder", "hashing",
              "--out", str(out), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type /Page\b", data)) >= 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf", "survey.csv"]


def test_bad_input_leaves_no_report(tmp_path: Path, fixtures: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(
        app, ["listen", "report", str(fixtures / "listening" / "one_value.csv"), "--by", "nation",
              "--embedder", "hashing", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "attribute 'nation' has one value ('England')" in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_code_command_json(fixtures: Path) -> None:
    result = runner.invoke(
        app, ["listen", "code", str(fixtures / "listening" / "survey.csv"), "--codebook",
              str(fixtures / "listening" / "codebook.json"), "--embedder", "hashing", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 5 and set(rows[0]) == {"response_id", "labels", "stances"}


def test_themes_command_json(tmp_path: Path) -> None:
    survey = _write_survey(tmp_path / "survey.csv")
    result = runner.invoke(
        app, ["listen", "themes", str(survey), "--embedder", "hashing", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["themes"]) >= 3


def test_identical_answers_exit_2_in_one_line_and_write_nothing(
    tmp_path: Path, fixtures: Path
) -> None:
    out = tmp_path / "r.md"
    result = runner.invoke(
        app, ["listen", "report", str(fixtures / "listening" / "identical_answers.csv"),
              "--embedder", "hashing", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: all 30 answers in column 'Answer' are the same text, so there is nothing to "
        "find themes in; check that --text-column names the free-text answers"
    ]
    assert list(tmp_path.iterdir()) == []


def test_quotes_are_distinct_on_topic_and_verbatim() -> None:
    from hustings.listening.embed import HashingEmbedder
    from hustings.listening.quotes import pool, select_quotes

    buses = ["The buses are always late in the evening."] * 4 + [
        "The buses never come on time and the fares keep rising.",
        "The A&E wait at the hospital was nine hours for my mum.",
        "Rural bus routes have been cut and the buses are late.",
    ]
    hospital = [
        "The hospital waiting list is a year long.",
        "A&E at the hospital is a nine hour wait.",
    ]
    people = [Response(str(i), t, {}) for i, t in enumerate(buses)]
    encode = HashingEmbedder().encode
    vectors = encode(buses)
    centres = np.stack([vectors.mean(axis=0), encode(hospital).mean(axis=0)])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    spans = pool(people, vectors @ centres[0], encode, centres)
    quotes = select_quotes(people, spans, 0, {}, n=3)
    texts = [q.text for q in quotes]
    assert len(texts) == 3 and len(set(texts)) == 3
    assert all("A&E" not in t for t in texts) and all(t in buses for t in texts)


def test_coded_responses_csv(tmp_path: Path, fixtures: Path) -> None:
    import csv

    out = tmp_path / "coded.csv"
    result = runner.invoke(
        app, ["listen", "code", str(fixtures / "listening" / "survey.csv"), "--codebook",
              str(fixtures / "listening" / "codebook.json"), "--embedder", "hashing",
              "--csv", str(out), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 5 and list(rows[0]) == [
        "response_id", "source", "text", "theme_ids", "themes", "stances",
    ]  # fmt: skip
    assert all(r["theme_ids"] and r["stances"] for r in rows)
    assert any("call [name] on [phone]" in r["text"] for r in rows)
    assert "07700" not in out.read_text(encoding="utf-8")


def test_unwritable_out_is_refused_before_any_work(tmp_path: Path, fixtures: Path) -> None:
    survey = _write_survey(tmp_path / "survey.csv")
    for flag, path in (("--out", tmp_path / "missing" / "r.html"), ("--csv", tmp_path)):
        result = runner.invoke(
            app, ["listen", "report", str(survey), "--embedder", "hashing", flag, str(path),
                  "--out" if flag == "--csv" else "--title", str(tmp_path / "r.html")
                  if flag == "--csv" else "t"],
        )  # fmt: skip
        assert result.exit_code == 2, result.output
        assert len(result.output.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["survey.csv"]


def test_a_million_answers_are_refused_with_the_memory_they_would_need(tmp_path: Path) -> None:
    survey = tmp_path / "million.csv"
    with survey.open("wb") as handle:
        handle.write(b"id,answer\n")
        handle.truncate(217 * 2**20)  # the size of 1,000,000 benchmark answers, sparse
    result = runner.invoke(app, ["listen", "report", str(survey), "--out", str(tmp_path / "r.md")])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: 217 MB of answers would need about 7.5 GB of memory, over the 2 GB budget; "
        "split the input, or raise the budget with --max-memory 8"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["million.csv"]


def test_coding_against_a_codebook_is_budgeted_for_its_faster_growth(tmp_path: Path) -> None:
    survey = tmp_path / "survey.csv"
    with survey.open("wb") as handle:
        handle.truncate(20 * 2**20)
    assert estimate_memory_mb([survey]) == 700 + 32 * 20
    assert estimate_memory_mb([survey], coded=True) == 700 + 220 * 20
    check_memory([survey], 2.0)
    with pytest.raises(InvalidInputError, match=r"20 MB of answers would need about 5\.0 GB"):
        check_memory([survey], 2.0, coded=True)
