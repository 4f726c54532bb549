"""Theme summaries for a report: each theme's share with a Wilson interval, its share in each
group of every ``--by`` attribute (with intervals), its stances and its quotes.

Disclosure: a theme raised by fewer than 5 respondents is not shown; in a group, the number
who raised a theme and the number who did not (the group's size is known) must each be 0 or
at least 5, and a group's cell is also hidden when it alone would let a reader subtract its
way to a hidden one (see :mod:`~hustings.listening.disclosure`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence

import numpy as np

from hustings.listening.disclosure import protect
from hustings.listening.embed import HashingEmbedder
from hustings.listening.model import MIN_CELL, Response, TallyRow, Theme, ThemeSummary
from hustings.listening.quotes import attribution_counts, pool, select_quotes
from hustings.listening.tally import effective_n, wilson

STANCES = ("POSITIVE", "NEGATIVE", "NEUTRAL")


def summarise(
    answered: Sequence[Response],
    vectors: np.ndarray,
    themes: Sequence[Theme],
    labels: Sequence[tuple[str, ...]],
    stances: Sequence[tuple[str, ...]],
    *,
    by: Sequence[str] = (),
    weights: np.ndarray | None = None,
    quotes: int = 3,
    encode: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> tuple[tuple[ThemeSummary, ...], int]:
    """Summaries of the themes raised by at least 5 respondents (largest first) and how many
    smaller themes were left out. ``encode`` embeds candidate quotes in the space of
    ``vectors`` (default: the hashing embedder, for vectors made by it)."""
    w = np.ones(len(answered)) if weights is None else np.asarray(weights, dtype=float)
    counts = attribution_counts(answered)
    members = {t.id: [i for i, ls in enumerate(labels) if t.id in ls] for t in themes}
    shown = [t for t in themes if len(members[t.id]) >= MIN_CELL]
    hidden = _hidden_cells(answered, shown, members, by)
    n_eff = effective_n(w)
    centres = _centres(vectors, [members[t.id] for t in shown])
    out = []
    for number, theme in enumerate(shown):
        rows = members[theme.id]
        people = [answered[i] for i in rows]
        spans = pool(
            people, vectors[rows] @ centres[number], encode or HashingEmbedder().encode, centres
        )
        share = float(w[rows].sum() / w.sum())
        low, high = wilson(share, n_eff)
        own = [stances[i][labels[i].index(theme.id)] for i in rows]
        out.append(
            ThemeSummary(
                theme, len(rows), share, low, high, _stance_rows(own, w[rows]),
                _breakdown(answered, rows, theme.id, by, w, hidden),
                select_quotes(people, spans, number, counts, n=quotes),
            )
        )  # fmt: skip
    out.sort(key=lambda s: -s.count)
    return tuple(out), sum(1 for t in themes if 0 < len(members[t.id]) < MIN_CELL)


def _centres(vectors: np.ndarray, groups: Sequence[Sequence[int]]) -> np.ndarray:
    if not groups:
        return np.zeros((0, vectors.shape[1]), dtype=np.float32)
    centres = np.stack([vectors[list(g)].mean(axis=0) for g in groups])
    norms = np.linalg.norm(centres, axis=1, keepdims=True)
    return np.asarray(centres / np.where(norms == 0, 1, norms), dtype=np.float32)


def _hidden_cells(
    answered: Sequence[Response],
    themes: Sequence[Theme],
    members: dict[str, list[int]],
    by: Sequence[str],
) -> set[Hashable]:
    counts: Counter[Hashable] = Counter()
    lines: list[list[Hashable]] = []
    known: set[Hashable] = set()
    for attribute in by:
        groups = [r.attributes.get(attribute, "") for r in answered]
        size = Counter(groups)
        known.update(("size", attribute, g) for g in size)
        counts.update({("size", attribute, g): n for g, n in size.items()})
        for theme in themes:
            hits = Counter(groups[i] for i in members[theme.id])
            known.add(("theme", theme.id))
            column: list[Hashable] = [("theme", theme.id)]
            for group, n in size.items():
                cell, rest = ("in", theme.id, attribute, group), ("out", theme.id, attribute, group)
                counts[cell], counts[rest] = hits[group], n - hits[group]
                lines.append([cell, rest, ("size", attribute, group)])
                column.append(cell)
            lines.append(column)
    unpublished = [k for k in counts if k[0] in ("in", "out") and k[3] == ""]  # type: ignore[index]
    return protect(counts, lines, known=known, unpublished=unpublished)


def _breakdown(
    answered: Sequence[Response],
    rows: Sequence[int],
    theme_id: str,
    by: Sequence[str],
    w: np.ndarray,
    hidden: set[Hashable],
) -> tuple[TallyRow, ...]:
    inside = np.zeros(len(answered), dtype=bool)
    inside[list(rows)] = True
    cells = []
    for attribute in by:
        groups = np.array([r.attributes.get(attribute, "") for r in answered])
        for group in sorted(set(groups.tolist()) - {""}):
            mask = groups == group
            count = int((mask & inside).sum())
            share = float(w[mask & inside].sum() / w[mask].sum())
            low, high = wilson(share, effective_n(w[mask]))
            suppressed = ("in", theme_id, attribute, group) in hidden
            cells.append(
                TallyRow("raised", count, float(w[mask & inside].sum()), share, low, high,
                         f"{attribute}: {group}", suppressed)
            )  # fmt: skip
    return tuple(cells)


def _stance_rows(own: Sequence[str], w: np.ndarray) -> tuple[TallyRow, ...]:
    counts = Counter(own)
    if not any(counts[s] for s in STANCES):
        return ()
    cells: dict[Hashable, int] = {s: counts[s] for s in STANCES}
    hidden = protect(cells, [list(STANCES)])
    n_eff = effective_n(w)
    out = []
    for stance in STANCES:
        if not counts[stance]:
            continue
        mask = np.array([s == stance for s in own])
        share = float(w[mask].sum() / w.sum())
        low, high = wilson(share, n_eff)
        out.append(
            TallyRow(stance, counts[stance], float(w[mask].sum()), share, low, high,
                     "stance", stance in hidden)
        )  # fmt: skip
    return tuple(out)
