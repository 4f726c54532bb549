"""Turn a response's similarity to each theme into the probability that a coder would give it
that theme: a small logistic model over features of each (response, theme) pair.

The features are theme-agnostic, so a model fitted on one coded question applies to another
with a different codebook: for each of four scores (the blended embedding similarity, token
alignment, soft keyword overlap and the self-trained classifier, each standardised per theme)
the score itself, its distance below the response's best score, whether it is the best, and
the score standardised across the response's themes.
The shipped model (``pair_models.json``) was fitted on both themefinder gambling-XS questions;
``hustings listen evaluate`` fits one on each question alone and scores it on the other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from hustings._io import write_text
from hustings.errors import require
from hustings.listening.embed import Embedder, StaticEmbedder, TokenEmbedder
from hustings.listening.model import Theme

SHIPPED = "pair_models.json"
_WORD = re.compile(r"[a-z]{3,}")


def zscore(matrix: np.ndarray) -> np.ndarray:
    """Each column standardised (a constant column becomes zeros)."""
    spread = matrix.std(axis=0)
    return np.asarray((matrix - matrix.mean(axis=0)) / np.where(spread == 0, 1, spread))


def token_alignment(
    texts: Sequence[str], themes: Sequence[Theme], embedder: Embedder, *, chunk: int = 512
) -> np.ndarray:
    """Per text and theme: the weighted mean, over the theme's word pieces, of each piece's
    best cosine with any word piece of the text (zeros when the embedder has no tokens); the
    texts' word pieces are taken ``chunk`` texts at a time, so memory stays flat."""
    out = np.zeros((len(texts), len(themes)))
    if not isinstance(embedder, TokenEmbedder):
        return out
    theme_tokens = embedder.encode_tokens([t.text for t in themes])
    pieces = np.concatenate([vectors for vectors, _ in theme_tokens])
    owner = np.repeat(np.arange(len(themes)), [len(v) for v, _ in theme_tokens])
    weights = np.concatenate([w / w.sum() for _, w in theme_tokens])
    for start in range(0, len(texts), chunk):
        batch = embedder.encode_tokens(texts[start : start + chunk])
        lengths = [len(vectors) for vectors, _ in batch]
        similarity = pieces @ np.concatenate([vectors for vectors, _ in batch]).T
        best = np.maximum.reduceat(similarity, np.r_[0, np.cumsum(lengths)[:-1]], axis=1)
        weighted = np.zeros((len(themes), len(batch)))
        np.add.at(weighted, owner, weights[:, None] * best)
        out[start : start + len(batch)] = weighted.T
    return out


def _content_words(text: str) -> list[str]:
    from hustings.listening.discover import STOP

    return sorted({w for w in _WORD.findall(text.lower()) if w not in STOP})


def soft_keywords(
    texts: Sequence[str], themes: Sequence[Theme], *, chunk: int = 2048
) -> np.ndarray:
    """Per text and theme: the rarity-weighted mean, over the theme's content words, of each
    word's best cosine with a word of the text (static word vectors, so "kids" meets
    "children"); rarity is counted across the codebook. Texts are taken ``chunk`` at a time."""
    theme_words = [_content_words(t.text) for t in themes]
    text_words = [_content_words(t) for t in texts]
    df: dict[str, int] = {}
    for words in theme_words:
        for word in words:
            df[word] = df.get(word, 0) + 1
    vocab = sorted({w for ws in theme_words + text_words for w in ws})
    out = np.zeros((len(texts), len(themes)))
    if not vocab:
        return out
    index = {w: i for i, w in enumerate(vocab)}
    table = StaticEmbedder().encode(vocab)
    kept = [col for col, ws in enumerate(theme_words) if ws]
    owner = np.repeat(np.arange(len(kept)), [len(theme_words[c]) for c in kept])
    idf = [np.array([np.log(1 + len(themes) / df[w]) for w in theme_words[c]]) for c in kept]
    weights = np.concatenate([v / v.sum() for v in idf]) if kept else np.zeros(0)
    similarity = table[[index[w] for c in kept for w in theme_words[c]]] @ table.T
    rows = [row for row, words in enumerate(text_words) if words]
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        ids = [index[w] for row in part for w in text_words[row]]
        lengths = [len(text_words[row]) for row in part]
        best = np.maximum.reduceat(similarity[:, ids], np.r_[0, np.cumsum(lengths)[:-1]], axis=1)
        weighted = np.zeros((len(kept), len(part)))
        np.add.at(weighted, owner, weights[:, None] * best)
        out[np.ix_(part, kept)] = weighted.T
    return out


def pair_features(scores: Sequence[np.ndarray]) -> np.ndarray:
    """Features of every (text, theme) pair from per-theme standardised score matrices: each
    score, its distance below the text's best, whether it is the best, and the score
    standardised across the text's themes; shape (texts, themes, 4 x len(scores))."""
    columns = []
    for matrix in scores:
        best = matrix.max(axis=1, keepdims=True)
        columns += [matrix, matrix - best, (matrix == best).astype(float), zscore(matrix.T).T]
    return np.stack(columns, axis=-1)


@dataclass(frozen=True)
class PairModel:
    """A fitted pair model: logistic coefficients, and the probability from which a theme is
    given (a response always gets its most likely theme)."""

    coef: tuple[float, ...]
    intercept: float
    threshold: float
    c: float
    fitted_on: str = ""

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(theme applies) for every pair of a (texts, themes, features) array."""
        logit = features @ np.asarray(self.coef) + self.intercept
        return np.asarray(1 / (1 + np.exp(-logit)))


def decode(probabilities: np.ndarray, threshold: float, max_labels: int) -> list[list[int]]:
    """Per row, the columns at or above ``threshold`` (at least the best, at most
    ``max_labels``), most likely first."""
    out = []
    for row in probabilities:
        order = np.argsort(-row, kind="stable")[:max_labels]
        out.append([int(j) for j in order if row[j] >= threshold] or [int(order[0])])
    return out


def _f1(chosen: list[list[int]], truth: np.ndarray) -> float:
    scores = []
    for cols, row in zip(chosen, truth, strict=True):
        gold = set(np.flatnonzero(row).tolist())
        hits = len(gold & set(cols))
        scores.append(2 * hits / (len(gold) + len(cols)) if hits else float(not gold and not cols))
    return float(np.mean(scores))


THRESHOLDS = tuple(np.round(np.arange(0.10, 0.70, 0.025), 3))
C_VALUES = (0.1, 1.0)


def _fit(
    coded: Sequence[tuple[np.ndarray, np.ndarray]], masks: Sequence[np.ndarray], c: float
) -> Any:
    linear = require("sklearn.linear_model", "text")
    x = np.concatenate(
        [f[m].reshape(-1, f.shape[-1]) for (f, _), m in zip(coded, masks, strict=True)]
    )
    y = np.concatenate([t[m].ravel() for (_, t), m in zip(coded, masks, strict=True)])
    return linear.LogisticRegression(C=c, max_iter=2000).fit(x, y)


def _probabilities(model: Any, features: np.ndarray) -> np.ndarray:
    flat = features.reshape(-1, features.shape[-1])
    return np.asarray(model.predict_proba(flat)[:, 1].reshape(features.shape[:2]))


def fit_pair_model(
    coded: Sequence[tuple[np.ndarray, np.ndarray]],
    *,
    max_labels: int = 3,
    folds: int = 5,
    seed: int = 0,
    fitted_on: str = "",
) -> PairModel:
    """Fit on coded questions, each (features, truth) with truth a (texts, themes) 0/1 array.
    The regularisation and the threshold are chosen by ``folds``-fold cross-validation over
    the responses of these questions only, then the model is refitted on all of them."""
    rng = np.random.default_rng(seed)
    parts = [rng.permutation(len(t)) % folds for _, t in coded]
    best: tuple[float, float, float] = (-1.0, C_VALUES[0], THRESHOLDS[0])
    for c in C_VALUES:
        held: list[tuple[np.ndarray, np.ndarray]] = []
        for fold in range(folds):
            model = _fit(coded, [p != fold for p in parts], c)
            held += [(_probabilities(model, x[p == fold]), y[p == fold])
                     for (x, y), p in zip(coded, parts, strict=True)]  # fmt: skip
        for threshold in THRESHOLDS:
            f1 = float(np.mean([_f1(decode(p, threshold, max_labels), y) for p, y in held]))
            if f1 > best[0]:
                best = (f1, c, float(threshold))
    _, c, threshold = best
    model = _fit(coded, [np.ones(len(t), dtype=bool) for _, t in coded], c)
    return PairModel(
        tuple(float(v) for v in model.coef_[0]),
        float(model.intercept_[0]),
        threshold,
        c,
        fitted_on,
    )


def load_pair_model(embedder_name: str) -> PairModel:
    """The shipped model fitted with ``embedder_name`` (the MiniLM one for other embedders)."""
    text = resources.files("hustings.listening").joinpath(SHIPPED).read_text(encoding="utf-8")
    models = json.loads(text)
    item = models.get(embedder_name) or models["all-MiniLM-L6-v2"]
    return PairModel(
        tuple(item["coef"]), item["intercept"], item["threshold"], item["c"], item["fitted_on"]
    )


def save_pair_models(models: dict[str, PairModel], path: Path) -> Path:
    """Write fitted models (by embedder name) as the shipped JSON file, atomically."""
    data = {name: asdict(model) for name, model in sorted(models.items())}
    return write_text(path, json.dumps(data, indent=1) + "\n", what="pair models")
