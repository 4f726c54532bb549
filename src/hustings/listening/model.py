"""Domain types of a listening exercise: responses, themes, codings, tallies and the report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MIN_CELL = 5
"""No quote attribution or breakdown cell may describe fewer respondents than this."""


@dataclass(frozen=True)
class Response:
    """One answer, email or contribution, with the respondent's attributes and its source."""

    id: str
    text: str
    attributes: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form."""
        return {
            "id": self.id,
            "text": self.text,
            "attributes": dict(self.attributes),
            "source": self.source,
        }


@dataclass(frozen=True)
class Dataset:
    """Imported responses (blank ones included) and the closed questions among the attributes."""

    responses: tuple[Response, ...]
    text_column: str
    closed: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()

    @property
    def answered(self) -> tuple[Response, ...]:
        """The responses with some free text."""
        return tuple(r for r in self.responses if r.text.strip())

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form."""
        return {
            "text_column": self.text_column,
            "responses": [r.to_json() for r in self.responses],
            "closed_questions": list(self.closed),
            "skipped": list(self.skipped),
        }


@dataclass(frozen=True)
class Theme:
    """A theme of a codebook or one found by discovery; ``terms`` are its distinctive words."""

    id: str
    label: str
    description: str = ""
    terms: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Label and description as one string (what gets embedded)."""
        return f"{self.label}: {self.description}" if self.description else self.label

    def to_json(self) -> dict[str, Any]:
        """The ``themes.json`` shape of the evaluation data, plus the terms."""
        return {
            "topic_id": self.id,
            "topic_label": self.label,
            "topic_description": self.description,
            "terms": list(self.terms),
        }


@dataclass(frozen=True)
class CodedResponse:
    """The themes assigned to one response and a stance (POSITIVE/NEGATIVE) for each."""

    response_id: str
    labels: tuple[str, ...]
    stances: tuple[str, ...]
    scores: tuple[float, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The ``{response_id, labels, stances}`` shape."""
        return {
            "response_id": self.response_id,
            "labels": list(self.labels),
            "stances": list(self.stances),
        }


@dataclass(frozen=True)
class TallyRow:
    """One answer (or breakdown cell) of a closed question; ``suppressed`` when under 5."""

    value: str
    count: int
    weighted: float
    share: float
    low: float
    high: float
    group: str = ""
    suppressed: bool = False

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form; suppressed cells carry no numbers."""
        if self.suppressed:
            return {"group": self.group, "value": self.value, "suppressed": True}
        return {
            "group": self.group,
            "value": self.value,
            "count": self.count,
            "weighted": round(self.weighted, 3),
            "share": round(self.share, 4),
            "ci95": [round(self.low, 4), round(self.high, 4)],
        }


@dataclass(frozen=True)
class Tally:
    """Counts and shares of one closed question, overall and by an attribute."""

    question: str
    rows: tuple[TallyRow, ...]
    n: int
    effective_n: float
    weighted: bool
    by: str = ""
    breakdown: tuple[TallyRow, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form."""
        return {
            "question": self.question,
            "n": self.n,
            "effective_n": round(self.effective_n, 1),
            "weighted": self.weighted,
            "rows": [r.to_json() for r in self.rows],
            "by": self.by,
            "breakdown": [r.to_json() for r in self.breakdown],
        }


@dataclass(frozen=True)
class Quote:
    """A verbatim span of one response with an attribution that names at least 5 people."""

    response_id: str
    text: str
    attribution: str

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form."""
        return {"response_id": self.response_id, "text": self.text, "attribution": self.attribution}


@dataclass(frozen=True)
class ThemeSummary:
    """One theme in a report: how many raised it (share with its interval), in each group,
    with which stance, and quotes. Cells describing fewer than 5 people are suppressed."""

    theme: Theme
    count: int
    share: float
    low: float
    high: float
    stance: tuple[TallyRow, ...]
    breakdown: tuple[TallyRow, ...]
    quotes: tuple[Quote, ...]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form."""
        return {
            "theme": self.theme.to_json(),
            "count": self.count,
            "share": round(self.share, 4),
            "ci95": [round(self.low, 4), round(self.high, 4)],
            "stance": [r.to_json() for r in self.stance],
            "breakdown": [r.to_json() for r in self.breakdown],
            "quotes": [q.to_json() for q in self.quotes],
        }


@dataclass(frozen=True)
class Report:
    """Everything a listening report shows; rendered by :mod:`hustings.listening.render`."""

    title: str
    n_responses: int
    sources: Mapping[str, int]
    tallies: tuple[Tally, ...]
    themes: tuple[ThemeSummary, ...]
    unassigned: int
    method: str
    scrubbed: Mapping[str, int] = field(default_factory=dict)
    hidden_themes: int = 0
    skipped: tuple[str, ...] = ()
    responses: tuple[Response, ...] = field(default=(), repr=False)
    coded: tuple[CodedResponse, ...] = field(default=(), repr=False)

    @property
    def unassigned_share(self) -> float:
        """Share of responses left without any theme."""
        return self.unassigned / self.n_responses if self.n_responses else 0.0

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form (the per-response codes go to the CSV export, not here)."""
        return {
            "title": self.title,
            "n_responses": self.n_responses,
            "sources": dict(self.sources),
            "unassigned": self.unassigned,
            "unassigned_share": round(self.unassigned_share, 4),
            "scrubbed": dict(self.scrubbed),
            "hidden_themes": self.hidden_themes,
            "skipped": list(self.skipped),
            "method": self.method,
            "tallies": [t.to_json() for t in self.tallies],
            "themes": [t.to_json() for t in self.themes],
        }
