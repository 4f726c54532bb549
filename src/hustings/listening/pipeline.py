"""From input files to a :class:`Report`: import -> scrub -> tally -> embed -> discover or code
-> quotes. Each step is a pure function of the one before."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hustings.errors import InvalidInputError
from hustings.listening.coding import code, load_codebook
from hustings.listening.discover import discover
from hustings.listening.embed import Embedder, get_embedder
from hustings.listening.importer import load
from hustings.listening.model import MIN_CELL, CodedResponse, Report, Response, Theme
from hustings.listening.scrub import ScrubConfig, scrub
from hustings.listening.summary import summarise
from hustings.listening.tally import rake, read_margins, tallies

STANCE_NOTE = (
    "Stance is POSITIVE when an answer argues for what the theme describes and NEGATIVE when "
    "it raises it as a worry or a criticism: read from the theme's wording ('Concerns about "
    "...' leans NEGATIVE, 'Support for ...' POSITIVE), else from the positive and negative "
    "words of the answer's best-matching sentence. On themefinder gambling-XS it agrees with "
    "the coded stances on 86% and 95% of the correctly found themes."
)


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
    max_memory_gb: float = 2.0


Assigned = tuple[tuple[str, ...], tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]


BASE_MEMORY_MB = 700.0
MEMORY_PER_INPUT_BYTE = 32.0
"""Peak memory of a report is about BASE_MEMORY_MB plus this many times the input's size
(benchmarks/listening_bench.py with 8-bit MiniLM: 730 MB for 5,000 survey answers in
1.03 MB, 752 MB for 10,000 in 2.07 MB; so a million such answers, 217 MB, would need about
7.5 GB)."""
MEMORY_PER_INPUT_BYTE_CODED = 220.0
"""The same for a report coded against a codebook (MiniLM's token vectors are kept for token
alignment): 871 MB for 5,000 answers in 1.03 MB and 1,088 MB for 10,000 in 2.07 MB."""


def estimate_memory_mb(paths: Sequence[Path | str], *, coded: bool = False) -> float:
    """The peak memory a report on ``paths`` would need, from the files' sizes alone
    (``coded``: against a codebook)."""
    size = sum(Path(p).stat().st_size for p in paths if Path(p).is_file())
    per_byte = MEMORY_PER_INPUT_BYTE_CODED if coded else MEMORY_PER_INPUT_BYTE
    return BASE_MEMORY_MB + per_byte * size / 2**20


def check_memory(paths: Sequence[Path | str], budget_gb: float, *, coded: bool = False) -> None:
    """Refuse, before reading anything, an input that would need more than ``budget_gb``."""
    need = estimate_memory_mb(paths, coded=coded) / 1024
    if need > budget_gb:
        size = sum(Path(p).stat().st_size for p in paths if Path(p).is_file()) / 2**20
        raise InvalidInputError(
            f"{size:,.0f} MB of answers would need about {need:.1f} GB of memory, over the "
            f"{budget_gb:g} GB budget",
            hint=f"split the input, or raise the budget with --max-memory {need + 0.5:.0f}",
        )


def build_report(paths: Sequence[Path | str], options: ReportOptions) -> Report:
    """Everything the report shows, computed before anything is written."""
    check_memory(paths, options.max_memory_gb, coded=options.codebook is not None)
    margins = read_margins(options.weights) if options.weights else None
    data = load(paths, text_column=options.text_column, encoding=options.encoding)
    everyone, removed = scrub(data.responses, options.scrub)
    weights = rake(everyone, margins) if margins else None
    questions = [q for q in data.closed if q not in options.by]
    tables = tallies(everyone, questions, by=options.by, weights=weights)
    keep = [i for i, r in enumerate(everyone) if r.text.strip()]
    answered = tuple(everyone[i] for i in keep)
    embedder = get_embedder(options.embedder, len(answered))
    themes, labels, stances, method = _themes(answered, embedder, options)
    vectors = embedder.encode([r.text for r in answered])
    summaries, small = summarise(
        answered, vectors, themes, labels, stances, by=options.by,
        weights=None if weights is None else weights[keep], quotes=options.quotes,
        encode=embedder.encode,
    )  # fmt: skip
    if not summaries:
        raise InvalidInputError(
            f"no theme was raised by {MIN_CELL} or more respondents",
            hint="check the codebook, or gather more answers",
        )
    return Report(
        title=options.title,
        n_responses=len(answered),
        sources=dict(Counter(r.source for r in answered)),
        tallies=tables,
        themes=summaries,
        unassigned=sum(not ls for ls in labels),
        method=method + f" Embeddings: {embedder.name}.",
        scrubbed=dict(removed),
        hidden_themes=small,
        skipped=data.skipped,
        responses=answered,
        coded=tuple(
            CodedResponse(r.id, ls, ss) for r, ls, ss in zip(answered, labels, stances, strict=True)
        ),
    )


def _themes(
    answered: Sequence[Response], embedder: Embedder, options: ReportOptions
) -> tuple[tuple[Theme, ...], list[tuple[str, ...]], list[tuple[str, ...]], str]:
    if options.codebook:
        codebook = load_codebook(options.codebook)
        coded = code(answered, codebook, embedder)
        method = (
            f"Responses coded against the codebook {options.codebook.name} "
            f"({len(codebook)} themes): embedding similarity, token alignment and keyword overlap "
            "weighed by a pair model fitted on coded answers. "
            f"{STANCE_NOTE}"
        )
        return codebook, [c.labels for c in coded], [c.stances for c in coded], method
    found = discover(answered, embedder, seed=options.seed)
    stances = [("",) * len(labels) for labels in found.assignments]
    method = (
        f"Themes found without a codebook: {len(found.themes)} clusters of the responses' "
        "sentence embeddings (k-means, k by silhouette), labelled by distinctive terms. "
        "No stance is shown: a theme found this way does not say which way it leans, and "
        "counting positive and negative words agreed with coded stances no better than "
        "chance (51% and 62% on the two themefinder gambling-XS questions)."
    )
    return found.themes, list(found.assignments), stances, method
