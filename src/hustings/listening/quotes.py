"""Representative quotes: verbatim, on topic (nearer their theme than any other theme shown),
typical of their theme, different from each other, and attributed only as precisely as at
least :data:`MIN_CELL` respondents share."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

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


def candidates(text: str, max_words: int = 45) -> list[str]:
    """Verbatim spans of ``text`` that may be quoted: the whole text if short, else each of
    its sentences; at least 4 words, at most ``max_words``, and free of scrubbed data."""
    spans = [text] if len(text.split()) <= max_words else split_sentences(text)
    return [
        c for c in spans
        if 4 <= len(c.split()) <= max_words and not _PLACEHOLDER.search(c) and c in text
    ]  # fmt: skip


def quotable(text: str, terms: Sequence[str], max_words: int = 45) -> str:
    """A verbatim span of ``text`` free of scrubbed data: the whole text if short, else the
    sentence with most theme terms; empty when nothing qualifies."""
    found = candidates(text, max_words)
    if not found:
        return ""
    lowered = [t.lower() for t in terms]
    return max(found, key=lambda c: sum(t in c.lower() for t in lowered))


@dataclass(frozen=True)
class QuotePool:
    """Candidate spans of a theme's most typical members, their vectors and their similarity
    to every theme shown (to keep only spans whose nearest theme is this one)."""

    owners: tuple[int, ...]
    spans: tuple[str, ...]
    vectors: np.ndarray
    to_themes: np.ndarray


def pool(
    members: Sequence[Response],
    typical: np.ndarray,
    encode: Callable[[Sequence[str]], np.ndarray],
    centres: np.ndarray,
    *,
    top: int = 25,
) -> QuotePool:
    """The candidate spans of the ``top`` most typical members, embedded."""
    owners, spans = [], []
    for i in np.argsort(-typical, kind="stable")[:top]:
        for span in candidates(members[int(i)].text):
            owners.append(int(i))
            spans.append(span)
    vectors = encode(spans) if spans else np.zeros((0, centres.shape[1]), dtype=np.float32)
    return QuotePool(tuple(owners), tuple(spans), vectors, vectors @ centres.T)


def select_quotes(
    members: Sequence[Response],
    candidates_pool: QuotePool,
    theme: int,
    counts: Mapping[tuple[str, ...], int],
    *,
    n: int = 3,
    diversity: float = 0.5,
) -> tuple[Quote, ...]:
    """Up to ``n`` quotes by maximal marginal relevance among the spans on topic for theme
    number ``theme`` (nearest to it of all the themes shown): close to the theme, far from
    each other, never the same words twice nor two from one respondent."""
    sims = candidates_pool.to_themes
    pool_ = [i for i in range(len(candidates_pool.spans)) if int(sims[i].argmax()) == theme]
    vectors = candidates_pool.vectors
    chosen: list[int] = []
    seen_text: set[str] = set()
    seen_owner: set[int] = set()
    while pool_ and len(chosen) < n:

        def gain(i: int) -> float:
            overlap = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            return float((1 - diversity) * sims[i, theme] - diversity * overlap)

        best = max(pool_, key=gain)
        pool_.remove(best)
        key = " ".join(candidates_pool.spans[best].lower().split())
        owner = candidates_pool.owners[best]
        if key in seen_text or owner in seen_owner:
            continue
        seen_text.add(key)
        seen_owner.add(owner)
        chosen.append(best)
    return tuple(
        Quote(members[candidates_pool.owners[i]].id, candidates_pool.spans[i],
              attribute(members[candidates_pool.owners[i]], counts))
        for i in chosen
    )  # fmt: skip
