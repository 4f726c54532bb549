"""Representative quotes: verbatim, typical of their theme, different from each other, and
attributed only as precisely as at least :data:`MIN_CELL` respondents share."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from hustings.listening.coding import split_sentences
from hustings.listening.model import MIN_CELL, Quote, Response

_PLACEHOLDER = re.compile(r"\[(email|phone|postcode|name)\]")
ATTRIBUTION_LEVELS = (
    ("role", "area"),
    ("role", "region"),
    ("role", "nation"),
    ("role",),
    ("region",),
)


def attribution_counts(responses: Sequence[Response]) -> Counter[tuple[str, ...]]:
    """How many respondents share each attribution at each level of detail."""
    counts: Counter[tuple[str, ...]] = Counter()
    for r in responses:
        for level in ATTRIBUTION_LEVELS:
            key = _key(r, level)
            if key:
                counts[key] += 1
    return counts


def _key(response: Response, level: tuple[str, ...]) -> tuple[str, ...]:
    values = tuple(response.attributes.get(a, "") for a in level)
    return (*level, *values) if all(values) else ()


def attribute(response: Response, counts: Mapping[tuple[str, ...], int]) -> str:
    """The most precise "Role, Area" that at least MIN_CELL respondents share, else 'Respondent'."""
    for level in ATTRIBUTION_LEVELS:
        key = _key(response, level)
        if key and counts.get(key, 0) >= MIN_CELL:
            return ", ".join(v[:1].upper() + v[1:] for v in key[len(level) :])
    return "Respondent"


def quotable(text: str, terms: Sequence[str], max_words: int = 45) -> str:
    """A verbatim span of ``text`` free of scrubbed data: the whole text if short, else the
    sentence with most theme terms; empty when nothing qualifies."""
    candidates = [text] if len(text.split()) <= max_words else split_sentences(text)
    candidates = [
        c for c in candidates
        if 4 <= len(c.split()) <= max_words and not _PLACEHOLDER.search(c) and c in text
    ]  # fmt: skip
    if not candidates:
        return ""
    lowered = [t.lower() for t in terms]
    return max(candidates, key=lambda c: sum(t in c.lower() for t in lowered))


def select_quotes(
    members: Sequence[Response],
    vectors: np.ndarray,
    centre: np.ndarray,
    counts: Mapping[tuple[str, ...], int],
    *,
    terms: Sequence[str] = (),
    n: int = 3,
    diversity: float = 0.5,
) -> tuple[Quote, ...]:
    """Up to ``n`` quotes by maximal marginal relevance: close to the theme, far from each other."""
    spans = [quotable(r.text, terms) for r in members]
    pool = [i for i, s in enumerate(spans) if s]
    typical = vectors @ centre
    chosen: list[int] = []
    while pool and len(chosen) < n:

        def gain(i: int) -> float:
            overlap = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            return float((1 - diversity) * typical[i] - diversity * overlap)

        best = max(pool, key=gain)
        chosen.append(best)
        pool.remove(best)
    return tuple(Quote(members[i].id, spans[i], attribute(members[i], counts)) for i in chosen)
