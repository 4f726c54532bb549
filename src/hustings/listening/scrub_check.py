"""Measure the scrubber on labelled sentences: how much personal data it removes (recall) and
how much else it removes (false positives).

A labelled file has one sentence a line (``#`` starts a comment); each item of personal data
is marked ``[[kind:text]]``. An item counts as removed when every character of it is inside a
scrubbed span. A scrubbed span that touches no labelled item is a false positive.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hustings.errors import InvalidInputError
from hustings.listening.scrub import KINDS, ScrubConfig, pii_spans_many
from hustings.listening.tabular import read_text

_MARK = re.compile(r"\[\[(\w+):(.+?)\]\]")

Span = tuple[int, int]


@dataclass(frozen=True)
class Labelled:
    """One sentence and its personal-data items (kind, start, end)."""

    text: str
    items: tuple[tuple[str, int, int], ...]


def parse_labelled(line: str) -> Labelled:
    """The sentence of a labelled line without its marks, and the marked items."""
    out, items, last = [], [], 0
    for match in _MARK.finditer(line):
        kind, item = match.group(1), match.group(2)
        if kind not in KINDS:
            raise InvalidInputError(f"unknown kind '{kind}' in: {line}", hint=f"use {KINDS}")
        out.append(line[last : match.start()])
        start = sum(len(p) for p in out)
        out.append(item)
        items.append((kind, start, start + len(item)))
        last = match.end()
    out.append(line[last:])
    return Labelled("".join(out), tuple(items))


def read_labelled(path: Path) -> list[Labelled]:
    """Every labelled sentence of ``path``."""
    lines = read_text(path).splitlines()
    return [parse_labelled(ln.strip()) for ln in lines if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True)
class ScrubScores:
    """Recall per kind, false positives, and the items that leaked (for reading by hand)."""

    sentences: int
    items: Counter[str]
    removed: Counter[str]
    spans: int
    false_spans: int
    clean_sentences: int
    clean_changed: int
    leaks: tuple[str, ...] = ()
    false: tuple[str, ...] = field(default=())

    @property
    def recall(self) -> float:
        """Share of labelled items removed whole."""
        total = sum(self.items.values())
        return sum(self.removed.values()) / total if total else 1.0

    @property
    def false_positive_rate(self) -> float:
        """Share of scrubbed spans that touch no labelled item."""
        return self.false_spans / self.spans if self.spans else 0.0

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form."""
        return {
            "sentences": self.sentences,
            "items": sum(self.items.values()),
            "recall": round(self.recall, 4),
            "recall_by_kind": {
                k: round(self.removed[k] / n, 4) for k, n in sorted(self.items.items())
            },
            "scrubbed_spans": self.spans,
            "false_positive_spans": self.false_spans,
            "false_positive_rate": round(self.false_positive_rate, 4),
            "sentences_without_personal_data": self.clean_sentences,
            "of_which_changed": self.clean_changed,
            "leaks": list(self.leaks),
            "false_positives": list(self.false),
        }


def check_scrubber(labelled: list[Labelled], config: ScrubConfig | None = None) -> ScrubScores:
    """Score the scrubber on ``labelled`` sentences."""
    found = pii_spans_many([s.text for s in labelled], config)
    items: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    spans = false_spans = clean = changed = 0
    leaks, false = [], []
    for sentence, detected in zip(labelled, found, strict=True):
        covered = {i for _, (a, b) in detected for i in range(a, b)}
        for kind, start, end in sentence.items:
            items[kind] += 1
            if all(i in covered for i in range(start, end)):
                removed[kind] += 1
            else:
                leaks.append(f"{kind}: {sentence.text[start:end]} | {sentence.text}")
        for _, (a, b) in detected:
            spans += 1
            if not any(a < end and start < b for _, start, end in sentence.items):
                false_spans += 1
                false.append(f"{sentence.text[a:b]} | {sentence.text}")
        if not sentence.items:
            clean += 1
            changed += bool(detected)
    return ScrubScores(
        len(labelled), items, removed, spans, false_spans, clean, changed, tuple(leaks),
        tuple(false),
    )  # fmt: skip
