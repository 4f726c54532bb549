"""Tallies of closed questions: counts, shares with Wilson 95% intervals (on the effective
sample size when weighted), breakdowns by an attribute, and raking to known margins."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path

import numpy as np

from hustings.errors import InvalidInputError
from hustings.listening.disclosure import protect
from hustings.listening.model import Response, Tally, TallyRow
from hustings.listening.tabular import read_csv, read_text

Z95 = 1.959964
Margins = Mapping[str, Mapping[str, float]]


def wilson(share: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion observed on ``n`` (possibly effective) cases."""
    if n <= 0:
        return 0.0, 1.0
    denom = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denom
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def effective_n(weights: np.ndarray) -> float:
    """Kish's effective sample size, (sum w)^2 / sum w^2."""
    total = float(weights.sum())
    return total * total / float((weights**2).sum()) if total > 0 else 0.0


def rake(
    responses: Sequence[Response],
    margins: Margins,
    *,
    max_iter: int = 100,
    tol: float = 1e-8,
) -> np.ndarray:
    """Weights (mean 1) that make each attribute's weighted shares match ``margins``."""
    n = len(responses)
    weights = np.ones(n)
    columns = {a: np.array([r.attributes.get(a, "") for r in responses]) for a in margins}
    _check_margins(columns, margins)
    for _ in range(max_iter):
        worst = 0.0
        for attribute, target in margins.items():
            values = columns[attribute]
            total = weights.sum()
            for value, share in target.items():
                mask = values == value
                current = weights[mask].sum() / total
                factor = share / current
                weights[mask] *= factor
                worst = max(worst, abs(factor - 1))
        if worst < tol:
            break
    return np.asarray(weights * n / weights.sum())


def _check_margins(columns: Mapping[str, np.ndarray], margins: Margins) -> None:
    for attribute, target in margins.items():
        present = set(columns[attribute].tolist())
        if present == {""}:
            raise InvalidInputError(
                f"weights name attribute '{attribute}' but no response has it",
                hint="use an attribute column of the input",
            )
        missing = sorted(present - set(target))
        if missing:
            raise InvalidInputError(
                f"weights for '{attribute}' give no share for value '{missing[0]}'",
                hint="list every value of the attribute in the weights file",
            )
        for value in target:
            if value not in present:
                raise InvalidInputError(
                    f"weights for '{attribute}' name value '{value}' that no response has",
                    hint="drop it or fix its spelling",
                )


def read_margins(path: Path) -> dict[str, dict[str, float]]:
    """Population margins from JSON ``{attribute: {value: share}}`` or CSV attribute,value,share."""
    if path.suffix.lower() == ".json":
        try:
            raw = json.loads(read_text(path))
            margins = {a: {v: float(s) for v, s in vals.items()} for a, vals in raw.items()}
        except (ValueError, TypeError, AttributeError):
            raise InvalidInputError(
                f"{path}: not a JSON object of attribute -> value -> share",
                hint='e.g. {"gender": {"female": 0.51, "male": 0.49}}',
            ) from None
    else:
        margins = {}
        for row in read_csv(path):
            try:
                margins.setdefault(row["attribute"].lower(), {})[row["value"]] = float(row["share"])
            except (KeyError, ValueError):
                raise InvalidInputError(
                    f"{path}: rows need attribute, value and a numeric share", hint=str(row)
                ) from None
    for attribute, shares in margins.items():
        total = sum(shares.values())
        if not math.isclose(total, 1.0, abs_tol=0.02) and not math.isclose(total, 100, abs_tol=2):
            raise InvalidInputError(
                f"{path}: shares of '{attribute}' sum to {total:g}", hint="they must sum to 1"
            )
        margins[attribute] = {v: s / total for v, s in shares.items()}
    return margins


def _rows(values: np.ndarray, weights: np.ndarray, group: str, hidden: set[str]) -> list[TallyRow]:
    answered = values != ""
    total = float(weights[answered].sum())
    n_eff = effective_n(weights[answered]) if answered.any() else 0.0
    rows = []
    for value in sorted(set(values[answered].tolist())):
        mask = values == value
        count = int(mask.sum())
        share = float(weights[mask].sum()) / total if total else 0.0
        low, high = wilson(share, n_eff)
        rows.append(
            TallyRow(value, count, float(weights[mask].sum()), share, low, high, group,
                     suppressed=value in hidden)
        )  # fmt: skip
    rows.sort(key=lambda r: -r.weighted)
    return rows


def check_breakdown(responses: Sequence[Response], by: str) -> None:
    """Raise unless ``by`` is an attribute with at least two values."""
    values = {r.attributes.get(by, "") for r in responses} - {""}
    if not values:
        known = sorted({k for r in responses for k in r.attributes})
        raise InvalidInputError(
            f"no attribute '{by}'", hint=f"attributes are: {', '.join(known) or 'none'}"
        )
    if len(values) == 1:
        raise InvalidInputError(
            f"attribute '{by}' has one value ('{values.pop()}'), so it cannot break anything down",
            hint="choose an attribute with at least two values",
        )


def _suppressed(
    responses: Sequence[Response], questions: Sequence[str], by: Sequence[str]
) -> set[Hashable]:
    """Cells of all the tallies to hide, chosen together so that no table, nor any pair of
    them, gives a hidden cell away by subtraction (see :mod:`~hustings.listening.disclosure`).
    Cells of respondents who left a question blank count as known to the reader."""
    answers = {a: [r.attributes.get(a, "") for r in responses] for a in {*questions, *by}}
    counts: Counter[Hashable] = Counter()
    lines: list[list[Hashable]] = []
    known: set[Hashable] = set()
    for attribute, values in answers.items():
        counts.update(("o", attribute, v) for v in values)
        known.add(("o", attribute, ""))
        lines.append([("o", attribute, v) for v in {*values, ""}])
    for question in questions:
        for group in (b for b in by if b != question):
            pairs = Counter(zip(answers[question], answers[group], strict=True))
            cells = {("g", question, v, group, w): n for (v, w), n in pairs.items()}
            counts.update(cells)
            known.update(k for k in cells if k[2] == "" or k[4] == "")
            for v in set(answers[question]):
                lines.append([("o", question, v), *(k for k in cells if k[2] == v)])
            for w in set(answers[group]):
                lines.append([("o", group, w), *(k for k in cells if k[4] == w)])
    return protect(counts, lines, known=known)


def tallies(
    responses: Sequence[Response],
    questions: Sequence[str],
    *,
    by: Sequence[str] = (),
    weights: np.ndarray | None = None,
) -> tuple[Tally, ...]:
    """Each closed question overall and broken down by each ``by`` attribute, and each ``by``
    attribute overall; small cells and the cells that would give them away are suppressed."""
    for attribute in by:
        check_breakdown(responses, attribute)
    hidden = _suppressed(responses, questions, by)
    w = np.ones(len(responses)) if weights is None else np.asarray(weights, dtype=float)
    out = []
    for question in [*questions, *(b for b in by if b not in questions)]:
        values = np.array([r.attributes.get(question, "") for r in responses])
        if not (values != "").any():
            raise InvalidInputError(f"no answers to question '{question}'", hint="check the column")
        splits = [b for b in by if b != question and question in questions] or [""]
        for split in splits:
            out.append(_one(responses, question, split, values, w, hidden, weights is not None))
    return tuple(out)


def _one(
    responses: Sequence[Response],
    question: str,
    by: str,
    values: np.ndarray,
    w: np.ndarray,
    hidden: set[Hashable],
    weighted: bool,
) -> Tally:
    breakdown: list[TallyRow] = []
    if by:
        groups = np.array([r.attributes.get(by, "") for r in responses])
        for group in sorted(set(groups.tolist()) - {""}):
            mask = groups == group
            secret = {k[2] for k in hidden if k[:2] == ("g", question) and k[3:] == (by, group)}  # type: ignore[index]
            breakdown += _rows(values[mask], w[mask], group, secret)
    answered = values != ""
    return Tally(
        question=question,
        rows=tuple(_rows(values, w, "", {k[2] for k in hidden if k[:2] == ("o", question)})),  # type: ignore[index]
        n=int(answered.sum()),
        effective_n=effective_n(w[answered]),
        weighted=weighted,
        by=by,
        breakdown=tuple(breakdown),
    )


def tally(
    responses: Sequence[Response],
    question: str,
    *,
    by: str = "",
    weights: np.ndarray | None = None,
) -> Tally:
    """Counts and shares of ``question`` (an attribute), overall and by ``by`` if given."""
    return tallies(responses, [question], by=(by,) if by else (), weights=weights)[0]
