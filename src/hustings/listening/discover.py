"""Find themes without a codebook: cluster response embeddings, label clusters by their
distinctive terms (class-based TF-IDF), then let a response carry every theme it is close to.

Spherical k-means on normalised embeddings with k chosen by silhouette on a sample of at most
2,000 responses; a response joins its nearest theme unless it is far from every theme (it then
stays unassigned, and the share of such responses is always reported), and joins further
themes within ``second`` of its best.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from hustings.errors import InvalidInputError, require
from hustings.listening.embed import Embedder
from hustings.listening.model import Response, Theme


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[a-z][a-z'-]+")
STOP = _words(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    even every few for from further get got had has have having he her here hers him his
    how i if in into is it its itself just like make more most much must my no nor not now
    of off on once one only or other our ours out over own people really same see she
    should so some such than that the their theirs them then there these they this those
    through to too under until up very want was way we well were what when where which
    while who whom why will with would you your yours think need needs dont don't it's im
    i'm we're they're also many us get going go things thing
    """
)


@dataclass(frozen=True)
class Discovery:
    """Discovered themes and the themes of each response (empty tuple: unassigned)."""

    themes: tuple[Theme, ...]
    response_ids: tuple[str, ...]
    assignments: tuple[tuple[str, ...], ...]
    centroids: np.ndarray

    @property
    def unassigned_share(self) -> float:
        """Share of responses with no theme."""
        if not self.assignments:
            return 0.0
        return sum(not a for a in self.assignments) / len(self.assignments)

    def counts(self) -> Counter[str]:
        """Responses per theme id."""
        return Counter(label for labels in self.assignments for label in labels)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form."""
        counts = self.counts()
        return {
            "themes": [{**t.to_json(), "count": counts[t.id]} for t in self.themes],
            "unassigned_share": round(self.unassigned_share, 4),
            "assignments": [
                {"response_id": r, "labels": list(a)}
                for r, a in zip(self.response_ids, self.assignments, strict=True)
            ],
        }


def tokens(text: str) -> list[str]:
    """Lower-case content words and adjacent pairs of them."""
    words = [w.strip("'-") for w in _TOKEN.findall(text.lower())]
    words = [w for w in words if w not in STOP and len(w) > 2]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def distinctive_terms(groups: Sequence[Sequence[str]], top: int = 8) -> list[list[str]]:
    """Class-based TF-IDF: the terms most frequent in each group relative to all groups."""
    counts = [Counter(t for text in group for t in tokens(text)) for group in groups]
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c)
    mean_size = max(1.0, sum(total.values()) / max(1, len(groups)))
    out = []
    for c in counts:
        size = max(1, sum(c.values()))
        weight = {t: (n / size) * np.log(1 + mean_size / total[t]) for t, n in c.items() if n > 1}
        ranked = sorted(weight, key=lambda t: (-weight[t], t))
        out.append(_dedupe(ranked, top))
    return out


def _dedupe(terms: list[str], top: int) -> list[str]:
    kept: list[str] = []
    for term in terms:
        if len(kept) == top:
            break
        if not any(term in k.split() or k in term.split() for k in kept):
            kept.append(term)
    return kept


def choose_k(vectors: np.ndarray, seed: int, k_range: Sequence[int], sample: int = 2000) -> int:
    """The k of k-means with the best cosine silhouette, searched on a sample of at most
    ``sample`` rows (the full fit happens once, afterwards)."""
    cluster = require("sklearn.cluster", "text")
    metrics = require("sklearn.metrics", "text")
    if len(vectors) > sample:
        rows = np.random.default_rng(seed).choice(len(vectors), sample, replace=False)
        vectors = vectors[np.sort(rows)]
    best, best_score = k_range[0], -2.0
    for k in k_range:
        labels = cluster.KMeans(k, n_init=1, random_state=seed).fit_predict(vectors)
        value = metrics.silhouette_score(vectors, labels, metric="cosine")
        if value > best_score:
            best, best_score = k, float(value)
    return best


FIT_SAMPLE = 4000
"""k-means is fitted on at most this many responses (a seeded sample); the rest join their
nearest centre, which changes little for centres fitted on thousands of points."""


def fit_clusters(vectors: np.ndarray, k: int, seed: int, sample: int = FIT_SAMPLE) -> np.ndarray:
    """Each row's k-means cluster, the centres fitted on a sample of at most ``sample`` rows."""
    cluster = require("sklearn.cluster", "text")
    model = cluster.KMeans(k, n_init=3, random_state=seed)
    if len(vectors) <= sample:
        return np.asarray(model.fit_predict(vectors))
    rows = np.sort(np.random.default_rng(seed).choice(len(vectors), sample, replace=False))
    return np.asarray(model.fit(vectors[rows]).predict(vectors))


def discover(
    responses: Sequence[Response],
    embedder: Embedder,
    *,
    seed: int = 0,
    k: int | None = None,
    floor: float = 0.2,
    second: float = 0.04,
    max_labels: int = 3,
) -> Discovery:
    """Themes of ``responses`` found offline, each labelled by its distinctive terms."""
    texts = [r.text for r in responses]
    if len(texts) < 10:
        raise InvalidInputError(
            f"only {len(texts)} responses: too few to find themes", hint="code them with a codebook"
        )
    vectors = embedder.encode(texts)
    lower = max(3, min(8, len(texts) // 12))
    upper = max(lower, min(24, len(texts) // 8))
    k = k or choose_k(vectors, seed, list(range(lower, upper + 1, 1 if upper < 12 else 2)))
    labels = fit_clusters(vectors, k, seed)
    order = [c for c, _ in Counter(labels.tolist()).most_common()]
    centroids = np.stack([vectors[labels == c].mean(axis=0) for c in order])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    terms = distinctive_terms(
        [[t for t, lab in zip(texts, labels, strict=True) if lab == c] for c in order]
    )
    themes = tuple(
        Theme(f"T{i + 1}", " / ".join(t[:3]) or f"theme {i + 1}", "", tuple(t))
        for i, t in enumerate(terms)
    )
    sims = vectors @ centroids.T
    assignments = tuple(_assign(row, themes, floor, second, max_labels) for row in sims)
    return Discovery(themes, tuple(r.id for r in responses), assignments, centroids)


def _assign(
    row: np.ndarray, themes: Sequence[Theme], floor: float, second: float, max_labels: int
) -> tuple[str, ...]:
    best = float(row.max())
    if best < floor:
        return ()
    order = np.argsort(-row, kind="stable")[:max_labels]
    return tuple(themes[j].id for j in order if row[j] >= best - second)
