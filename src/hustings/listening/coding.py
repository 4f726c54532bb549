"""Code responses against a codebook: every response gets its themes and a stance per theme.

Scoring, per response and theme: cosine similarity of the whole response and of its best
sentence to the theme's label and description, each standardised per theme across the
responses (so a theme that every text resembles a little does not win everywhere), blended
with the overlap of the text's word stems with the theme's label and description words
(weighted by how rare each word is across the codebook), plus an
optional self-training pass: the most confident responses of each theme train a small
classifier on embeddings and words, whose scores are blended back. A response takes every
theme within ``gap`` of its best, up to ``max_labels``. Codebook entries meaning "none of the
above" or "no reason given" are used only for texts that match nothing or say nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hustings.errors import InvalidInputError, NotFoundError, require
from hustings.listening.embed import Embedder
from hustings.listening.model import CodedResponse, Response, Theme
from hustings.listening.stance import stance_of
from hustings.listening.tabular import read_text

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_NONE = re.compile(r"none of the above|not covered|other", re.I)
_NO_REASON = re.compile(r"no reason|not provide a substantive|no answer", re.I)


@dataclass(frozen=True)
class CodingConfig:
    """Knobs of codebook coding. The defaults were looked at on both evaluation questions, so
    scores with them are in-sample; the held-out figures re-tune the knobs on the other
    question only (``hustings listen evaluate --full``)."""

    gap: float = 0.8
    max_labels: int = 3
    sentence_weight: float = 0.5
    self_train: float = 0.4
    exemplars: int = 5
    floor: float = 0.15
    min_words: int = 3
    keyword_weight: float = 0.15


def split_sentences(text: str) -> list[str]:
    """Sentences (and clauses after ';') of ``text``; the text itself when it has one."""
    parts = [p.strip() for p in _SENTENCE.split(text) if len(p.strip().split()) >= 2]
    return parts or [text.strip()]


def _zscore(matrix: np.ndarray) -> np.ndarray:
    spread = matrix.std(axis=0)
    return np.asarray((matrix - matrix.mean(axis=0)) / np.where(spread == 0, 1, spread))


@dataclass(frozen=True)
class Scores:
    """Standardised theme scores, raw best similarities and best-sentence index per cell."""

    z: np.ndarray
    raw: np.ndarray
    best_sentence: np.ndarray
    sentences: tuple[tuple[str, ...], ...]


def score(
    texts: Sequence[str], themes: Sequence[Theme], embedder: Embedder, config: CodingConfig
) -> Scores:
    """Score every text against every theme (rows: texts, columns: themes)."""
    sentences = [split_sentences(t) for t in texts]
    flat = [s for group in sentences for s in group]
    theme_vecs = embedder.encode([t.text for t in themes])
    whole = embedder.encode(list(texts)) @ theme_vecs.T
    parts = embedder.encode(flat) @ theme_vecs.T
    best = np.zeros_like(whole)
    best_idx = np.zeros(whole.shape, dtype=int)
    start = 0
    for row, group in enumerate(sentences):
        block = parts[start : start + len(group)]
        best[row], best_idx[row] = block.max(axis=0), block.argmax(axis=0)
        start += len(group)
    w = config.sentence_weight
    z = _zscore((1 - w) * _zscore(whole) + w * _zscore(best))
    raw = np.maximum(whole, best)
    return Scores(z, raw, best_idx, tuple(tuple(g) for g in sentences))


def _stems(text: str) -> set[str]:
    from hustings.listening.discover import STOP

    words = re.findall(r"[a-z]{3,}", text.lower())
    return {w[:5] for w in words if w not in STOP}


def keyword_overlap(texts: Sequence[str], themes: Sequence[Theme]) -> np.ndarray:
    """Per text and theme: the summed rarity (across the codebook) of the theme's label and
    description word stems that the text contains, over the theme's total."""
    theme_stems = [_stems(t.text) for t in themes]
    df: dict[str, int] = {}
    for stems in theme_stems:
        for stem in stems:
            df[stem] = df.get(stem, 0) + 1
    idf = {stem: float(np.log(1 + len(themes) / n)) for stem, n in df.items()}
    out = np.zeros((len(texts), len(themes)))
    for row, text in enumerate(texts):
        own = _stems(text)
        for col, stems in enumerate(theme_stems):
            total = sum(idf[s] for s in stems) or 1.0
            out[row, col] = sum(idf[s] for s in stems & own) / total
    return out


def self_train(
    z: np.ndarray, texts: Sequence[str], vectors: np.ndarray, config: CodingConfig
) -> np.ndarray:
    """Blend ``z`` with a per-theme classifier trained on each theme's most confident texts."""
    if config.self_train <= 0 or len(texts) < 4 * config.exemplars:
        return z
    linear = require("sklearn.linear_model", "text")
    text_features = require("sklearn.feature_extraction.text", "text")
    sparse = require("scipy.sparse", "text")
    features: Any
    try:
        words = text_features.TfidfVectorizer(
            stop_words="english", sublinear_tf=True, min_df=2
        ).fit_transform(texts)
        features = sparse.hstack([sparse.csr_matrix(vectors), words], format="csr")
    except ValueError:
        features = vectors
    learned = np.zeros_like(z)
    negatives = max(config.exemplars, len(texts) * 2 // 5)
    for col in range(z.shape[1]):
        order = np.argsort(-z[:, col], kind="stable")
        chosen = np.r_[order[: config.exemplars], order[-negatives:]]
        target = np.r_[np.ones(config.exemplars), np.zeros(negatives)]
        model = linear.LogisticRegression(max_iter=500).fit(features[chosen], target)
        learned[:, col] = model.decision_function(features)
    b = config.self_train
    return _zscore((1 - b) * z + b * _zscore(learned))


def pick(row: np.ndarray, config: CodingConfig) -> list[int]:
    """Columns within ``gap`` of the row's best score, best first, at most ``max_labels``."""
    order = np.argsort(-row, kind="stable")[: config.max_labels]
    return [int(j) for j in order if row[j] >= row[order[0]] - config.gap]


def _special(themes: Sequence[Theme]) -> tuple[list[int], str | None, str | None]:
    regular, none_id, no_reason_id = [], None, None
    for index, theme in enumerate(themes):
        if _NO_REASON.search(theme.text):
            no_reason_id = theme.id
        elif _NONE.search(theme.label):
            none_id = theme.id
        else:
            regular.append(index)
    return regular, none_id, no_reason_id


def code(
    responses: Sequence[Response],
    themes: Sequence[Theme],
    embedder: Embedder,
    *,
    config: CodingConfig | None = None,
) -> tuple[CodedResponse, ...]:
    """Assign every response its themes and a stance per theme."""
    config = config or CodingConfig()
    regular, none_id, no_reason_id = _special(themes)
    if not regular:
        raise InvalidInputError("the codebook has no themes", hint="give at least one theme")
    if not responses:
        return ()
    kept = [themes[i] for i in regular]
    texts = [r.text for r in responses]
    scores = score(texts, kept, embedder, config)
    z = scores.z
    if config.keyword_weight > 0:
        k = config.keyword_weight
        z = _zscore((1 - k) * z + k * _zscore(keyword_overlap(texts, kept)))
    z = self_train(z, texts, embedder.encode(texts), config)
    out = []
    for row, response in enumerate(responses):
        if len(response.text.split()) < config.min_words and no_reason_id:
            out.append(CodedResponse(response.id, (no_reason_id,), ("NEUTRAL",), (0.0,)))
            continue
        if scores.raw[row].max() < config.floor and none_id:
            out.append(CodedResponse(response.id, (none_id,), ("NEUTRAL",), (0.0,)))
            continue
        cols = pick(z[row], config)
        stances = tuple(
            stance_of(kept[j], scores.sentences[row][scores.best_sentence[row, j]]) for j in cols
        )
        labels = tuple(kept[j].id for j in cols)
        out.append(
            CodedResponse(response.id, labels, stances, tuple(float(z[row, j]) for j in cols))
        )
    return tuple(out)


def read_codebook(data: object, source: str = "codebook") -> tuple[Theme, ...]:
    """Themes from the ``themes.json`` shape (topic_id, topic_label, topic_description)."""
    if not isinstance(data, list) or not data:
        raise InvalidInputError(f"{source}: expected a non-empty JSON list of themes")
    themes = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InvalidInputError(f"{source}: item {number} is not an object")
        label = item.get("topic_label") or item.get("label")
        if not label:
            raise InvalidInputError(
                f"{source}: item {number} has no topic_label", hint="each theme needs a label"
            )
        theme_id = str(item.get("topic_id") or item.get("id") or number)
        description = str(item.get("topic_description") or item.get("description") or "")
        themes.append(Theme(theme_id, str(label), description))
    return tuple(themes)


def load_codebook(path: Path) -> tuple[Theme, ...]:
    """Read a ``themes.json`` codebook file."""
    if not path.is_file():
        raise NotFoundError(f"no codebook file {path}", hint="pass --codebook themes.json")
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{path}: not JSON ({exc.msg}, line {exc.lineno})", hint="fix the codebook file"
        ) from None
    return read_codebook(data, str(path))
