"""From input files to a :class:`Report`: import -> scrub -> tally -> embed -> discover or code
-> quotes. Each step is a pure function of the one before."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from hustings.errors import InvalidInputError
from hustings.listening.coding import code, load_codebook
from hustings.listening.discover import discover
from hustings.listening.embed import Embedder, get_embedder
from hustings.listening.importer import load
from hustings.listening.model import (
    MIN_CELL,
    Report,
    Response,
    Tally,
    TallyRow,
    Theme,
    ThemeSummary,
)
from hustings.listening.quotes import attribution_counts, select_quotes
from hustings.listening.scrub import ScrubConfig, scrub
from hustings.listening.stance import stance_of
from hustings.listening.tally import check_breakdown, rake, read_margins, tally


@dataclass(frozen=True)
class ReportOptions:
    """What the report command was asked for."""

    title: str = "Listening report"
    text_column: str | None = None
    by: tuple[str, ...] = ()
    weights: Path | None = None
    codebook: Path | None = None
    encoding: str | None = None
    embedder: str = "auto"
    seed: int = 0
    quotes: int = 3
    scrub: ScrubConfig = field(default_factory=ScrubConfig)


Assigned = tuple[tuple[str, ...], tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]


def build_report(paths: Sequence[Path | str], options: ReportOptions) -> Report:
    """Everything the report shows, computed before anything is written."""
    data = load(paths, text_column=options.text_column, encoding=options.encoding)
    everyone, removed = scrub(data.responses, options.scrub)
    for attribute in options.by:
        check_breakdown(everyone, attribute)
    weights = rake(everyone, read_margins(options.weights)) if options.weights else None
    questions = [q for q in data.closed if q not in options.by] + list(options.by)
    tallies = tuple(_tallies(everyone, questions, options.by, weights))
    answered = tuple(r for r in everyone if r.text.strip())
    embedder = get_embedder(options.embedder, len(answered))
    themes, labels, stances, method = _themes(answered, embedder, options)
    vectors = embedder.encode([r.text for r in answered])
    summaries = _summaries(answered, vectors, themes, labels, stances, options)
    return Report(
        title=options.title,
        n_responses=len(answered),
        sources=dict(Counter(r.source for r in answered)),
        tallies=tallies,
        themes=summaries,
        unassigned=sum(not ls for ls in labels),
        method=method + f" Embeddings: {embedder.name}.",
        scrubbed=dict(removed),
    )


def _tallies(
    responses: Sequence[Response],
    questions: Sequence[str],
    by: Sequence[str],
    weights: np.ndarray | None,
) -> list[Tally]:
    out: list[Tally] = []
    for question in questions:
        splits = [b for b in by if b != question] or [""]
        out.extend(tally(responses, question, by=b, weights=weights) for b in splits)
    return out


def _themes(
    answered: Sequence[Response], embedder: Embedder, options: ReportOptions
) -> tuple[tuple[Theme, ...], list[tuple[str, ...]], list[tuple[str, ...]], str]:
    if options.codebook:
        codebook = load_codebook(options.codebook)
        coded = code(answered, codebook, embedder)
        method = (
            f"Responses coded against the codebook {options.codebook.name} "
            f"({len(codebook)} themes): embedding similarity of each response and its sentences."
        )
        return codebook, [c.labels for c in coded], [c.stances for c in coded], method
    found = discover(answered, embedder, seed=options.seed)
    by_id = {t.id: t for t in found.themes}
    stances = [
        tuple(stance_of(by_id[label], r.text) for label in labels)
        for r, labels in zip(answered, found.assignments, strict=True)
    ]
    method = (
        f"Themes found without a codebook: {len(found.themes)} clusters of the responses' "
        "sentence embeddings (k-means, k by silhouette), labelled by distinctive terms."
    )
    return found.themes, list(found.assignments), stances, method


def _summaries(
    answered: Sequence[Response],
    vectors: np.ndarray,
    themes: Sequence[Theme],
    labels: Sequence[tuple[str, ...]],
    stances: Sequence[tuple[str, ...]],
    options: ReportOptions,
) -> tuple[ThemeSummary, ...]:
    counts = attribution_counts(answered)
    out = []
    for theme in themes:
        rows = [i for i, ls in enumerate(labels) if theme.id in ls]
        if not rows:
            continue
        members = [answered[i] for i in rows]
        own = [stances[i][labels[i].index(theme.id)] for i in rows]
        centre = vectors[rows].mean(axis=0)
        quotes = select_quotes(
            members, vectors[rows], centre, counts, terms=theme.terms, n=options.quotes
        )
        out.append(
            ThemeSummary(
                theme, len(rows), len(rows) / len(answered), own.count("POSITIVE"),
                own.count("NEGATIVE"), _breakdown(answered, rows, options.by), quotes,
            )
        )  # fmt: skip
    if not out:
        raise InvalidInputError("no response matched any theme", hint="check the codebook")
    return tuple(sorted(out, key=lambda s: -s.count))


def _breakdown(
    answered: Sequence[Response], rows: Sequence[int], by: Sequence[str]
) -> tuple[TallyRow, ...]:
    cells = []
    for attribute in by:
        totals = Counter(r.attributes.get(attribute, "") for r in answered)
        hits = Counter(answered[i].attributes.get(attribute, "") for i in rows)
        for value in sorted(v for v in totals if v):
            count, base = hits[value], totals[value]
            share = count / base if base else 0.0
            hidden = count < MIN_CELL or base < MIN_CELL
            cells.append(TallyRow(value, count, float(count), share, 0.0, 0.0, attribute, hidden))
    return tuple(cells)
