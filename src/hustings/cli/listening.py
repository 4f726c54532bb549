"""``hustings listen``: reports, themes, codebook coding and evaluation of listening exercises."""

from __future__ import annotations

from pathlib import Path

import typer

from hustings.cli._common import console, handle_errors, print_json

listen = typer.Typer(
    name="listen",
    help="Listening exercises: tallies, themes, attributed quotes and a report.",
    no_args_is_help=True,
)

INPUTS = typer.Argument(
    ..., help="Survey CSV/XLSX/JSONL, .eml/.mbox, notes (.txt/.md), Pol.is comments.csv."
)
TEXT_COLUMN = typer.Option(None, "--text-column", help="The free-text column (default: guessed).")
ENCODING = typer.Option(None, "--encoding", help="Input encoding when not UTF-8 (e.g. cp1252).")
EMBEDDER = typer.Option(
    "auto",
    "--embedder",
    help="auto (minilm up to 20,000 texts, else static), minilm (shipped model, 8-bit), "
    "minilm-torch (full precision), static (its token vectors, fast), bge-small (8-bit, "
    "bge extra) or hashing (crude).",
)
SEED = typer.Option(0, "--seed", min=0, max=2**32 - 1, help="Seed of theme discovery.")


@listen.command("report")
@handle_errors
def report_cmd(
    inputs: list[Path] = INPUTS,
    text_column: str | None = TEXT_COLUMN,
    by: str = typer.Option("", "--by", help="Attributes to break down by, comma-separated."),
    weights: Path | None = typer.Option(
        None, "--weights", help="Margins (CSV attribute,value,share or JSON)."
    ),
    codebook: Path | None = typer.Option(
        None, "--codebook", help="Code against this themes.json instead of discovering."
    ),
    out: Path = typer.Option(
        Path("report.html"),
        "--out",
        writable=True,
        help="Where to write (.html, .md or .pdf).",
    ),
    title: str = typer.Option("Listening report", "--title", help="The report's title."),
    encoding: str | None = ENCODING,
    embedder: str = EMBEDDER,
    seed: int = SEED,
    csv_out: Path | None = typer.Option(
        None,
        "--csv",
        writable=True,
        help="Also write each response's scrubbed text, themes and stances.",
    ),
    max_memory: float = typer.Option(
        2.0, "--max-memory", min=0.1, help="Refuse inputs whose report would need more GB."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON too."),
) -> None:
    """Import, scrub, tally, find or code themes, pick quotes and write an HTML/Markdown report."""
    from hustings.errors import InvalidInputError
    from hustings.listening.export import check_writable, coded_csv, write_csv
    from hustings.listening.pipeline import ReportOptions, build_report
    from hustings.listening.render import RENDERERS, write_report

    if out.suffix.lower() == ".pdf":
        from hustings.errors import require
        from hustings.listening.pdf import find_font

        require("fpdf", "text")
        find_font()
    elif out.suffix.lower() not in RENDERERS:
        raise InvalidInputError(
            f"cannot write '{out.suffix}' reports", hint="use .html, .md or .pdf"
        )
    for path in (out, csv_out):
        if path is not None:
            check_writable(path)

    options = ReportOptions(
        title=title,
        text_column=text_column,
        by=tuple(b.strip().lower() for b in by.split(",") if b.strip()),
        weights=weights,
        codebook=codebook,
        encoding=encoding,
        embedder=embedder,
        seed=seed,
        max_memory_gb=max_memory,
    )
    result = build_report(inputs, options)
    write_report(result, out)
    if csv_out is not None:
        write_csv(
            coded_csv(result.responses, result.coded, [s.theme for s in result.themes]), csv_out
        )
    if as_json:
        print_json({"out": str(out), "report": result.to_json()})
        return
    console().print(
        f"wrote {out}: {result.n_responses} responses, {len(result.themes)} themes, "
        f"{result.unassigned_share:.0%} without a theme"
    )
    for note in result.skipped:
        console().print(f"skipped {note}", markup=False)


@listen.command("themes")
@handle_errors
def themes_cmd(
    inputs: list[Path] = INPUTS,
    text_column: str | None = TEXT_COLUMN,
    encoding: str | None = ENCODING,
    embedder: str = EMBEDDER,
    seed: int = SEED,
    as_json: bool = typer.Option(
        False, "--json", help="Print machine-readable JSON instead of tables."
    ),
) -> None:
    """Discover themes in the free text (offline), with counts and distinctive terms."""
    from hustings.listening.discover import discover
    from hustings.listening.embed import get_embedder
    from hustings.listening.importer import load
    from hustings.listening.scrub import scrub

    data = load(inputs, text_column=text_column, encoding=encoding)
    responses, _ = scrub(data.answered)
    found = discover(responses, get_embedder(embedder, len(responses)), seed=seed)
    if as_json:
        print_json(found.to_json())
        return
    from rich.table import Table

    table = Table(title=f"{len(found.themes)} themes in {len(responses)} responses")
    for column in ("id", "label", "count", "terms"):
        table.add_column(column)
    counts = found.counts()
    for theme in found.themes:
        table.add_row(theme.id, theme.label, str(counts[theme.id]), ", ".join(theme.terms[:6]))
    console().print(table)
    console().print(f"without a theme: {found.unassigned_share:.1%}")


@listen.command("code")
@handle_errors
def code_cmd(
    input_file: Path = typer.Argument(..., help="The responses (any supported input)."),
    codebook: Path = typer.Option(
        ..., "--codebook", help="themes.json: topic_id, topic_label, topic_description."
    ),
    text_column: str | None = TEXT_COLUMN,
    encoding: str | None = ENCODING,
    embedder: str = EMBEDDER,
    csv_out: Path | None = typer.Option(
        None,
        "--csv",
        writable=True,
        help="Also write each response's scrubbed text, themes and stances.",
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print a JSON list of {response_id, labels, stances}."
    ),
) -> None:
    """Code every response against a codebook: its themes and a stance per theme."""
    from hustings.listening.coding import code, load_codebook
    from hustings.listening.embed import get_embedder
    from hustings.listening.export import check_writable, coded_csv, write_csv
    from hustings.listening.importer import load
    from hustings.listening.scrub import scrub

    if csv_out is not None:
        check_writable(csv_out)
    themes = load_codebook(codebook)
    data = load([input_file], text_column=text_column, encoding=encoding)
    responses, _ = scrub(data.answered)
    coded = code(responses, themes, get_embedder(embedder, len(responses)))
    if csv_out is not None:
        write_csv(coded_csv(responses, coded, themes), csv_out)
    if as_json:
        print_json([c.to_json() for c in coded])
        return
    from rich.table import Table

    table = Table(title=f"{len(coded)} responses coded against {len(themes)} themes")
    for column in ("response", "labels", "stances"):
        table.add_column(column)
    for c in coded:
        table.add_row(c.response_id, ", ".join(c.labels), ", ".join(c.stances))
    console().print(table)


@listen.command("evaluate")
@handle_errors
def evaluate_cmd(
    peer: bool = typer.Option(
        True, "--peer/--no-peer", help="Also run BERTopic (bench extra) for discovery."
    ),
    embedder: str = typer.Option(
        "minilm",
        "--embedder",
        help="minilm, minilm-torch, static, bge-small or hashing (the embeddings evaluated).",
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print machine-readable JSON instead of tables."
    ),
) -> None:
    """Score coding and discovery on the themefinder gambling-XS set in the data mirror."""
    from hustings.listening.embed import get_embedder
    from hustings.listening.evaluate import run_evaluation

    result = run_evaluation(peer=peer, embedder=get_embedder(embedder))
    if as_json:
        print_json(result.to_json())
        return
    from rich.table import Table

    table = Table(title="coding against the codebook (themefinder gambling-XS)")
    for column in (
        "question", "F1 held out (pair model fitted on the other question)",
        "F1 shipped model (in-sample)", "stance accuracy",
    ):  # fmt: skip
        table.add_column(column)
    for c in result.coding:
        table.add_row(
            c.question,
            f"{c.f1_held_out:.3f}",
            f"{c.f1_shipped_in_sample:.3f}",
            f"{c.stance_accuracy:.3f}",
        )
    console().print(table)
    table = Table(title="discovery without the codebook (same embeddings, one-to-one matching)")
    for column in ("question", "system", "themes found", "ground-truth matched", "unassigned"):
        table.add_column(column)
    for d in result.discovery:
        table.add_row(
            d.question,
            d.system,
            str(d.n_themes),
            f"{d.matched}/{d.n_gold}",
            f"{d.unassigned_share:.0%}",
        )
    console().print(table)


@listen.command("check-scrub")
@handle_errors
def check_scrub_cmd(
    labelled: Path = typer.Argument(
        ..., help="Sentences, one a line, with personal data marked [[kind:text]]."
    ),
    show: bool = typer.Option(False, "--show", help="List every leak and false positive."),
    as_json: bool = typer.Option(
        False, "--json", help="Print machine-readable JSON instead of tables."
    ),
) -> None:
    """Measure the personal-data scrubber on labelled sentences: recall and false positives."""
    from hustings.listening.scrub_check import check_scrubber, read_labelled

    scores = check_scrubber(read_labelled(labelled))
    payload = scores.to_json()
    if as_json:
        print_json(payload)
        return
    out = console()
    out.print(
        f"{payload['sentences']} sentences, {payload['items']} items of personal data: "
        f"recall {scores.recall:.3f} {payload['recall_by_kind']}"
    )
    out.print(
        f"false positives: {scores.false_spans} of {scores.spans} scrubbed spans "
        f"({scores.false_positive_rate:.3f}); {scores.clean_changed} of "
        f"{scores.clean_sentences} sentences without personal data were changed"
    )
    if show:
        for line in (*scores.leaks, *scores.false):
            out.print(line, markup=False)


@listen.command("prepare")
@handle_errors
def prepare_cmd(
    as_json: bool = typer.Option(False, "--json", help='Print {"model": PATH} instead.'),
) -> None:
    """Make the 8-bit ONNX form of the packaged MiniLM (done on first use otherwise)."""
    from hustings.listening.embed import prepare_onnx_model

    path = prepare_onnx_model()
    if as_json:
        print_json({"model": str(path)})
    else:
        typer.echo(str(path))


def register(app: typer.Typer) -> None:
    """Add the ``listen`` commands to ``app``."""
    app.add_typer(listen, name="listen")
