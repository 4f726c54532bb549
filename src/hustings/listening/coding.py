"""Code responses against a codebook: every response gets its themes and a stance per theme.

Four scores per response and theme, each standardised per theme across the responses (so a
theme that every text resembles a little does not win everywhere): the cosine similarity of
the whole response and of its best sentence to the theme's label and description, blended;
token alignment (how well each word piece of the theme finds a close word piece in the
response); soft keyword overlap (the theme's rarer words, or words close to them, in the
response); and a self-trained classifier (each theme's most confident responses against the
least, on embeddings and words). A pair model (:mod:`hustings.listening.calibrate`) turns
them into the probability that a coder would give the theme; a response takes every theme
above the model's threshold (at least its best, at most ``max_labels``). Codebook entries
meaning "none of the above" or "no reason given" are used only for texts that match nothing
or say nothing.
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
from hustings.listening.calibrate import (
    PairModel,
    decode,
    load_pair_model,
    pair_features,
    soft_keywords,
    token_alignment,
    zscore,
)
from hustings.listening.embed import Embedder, warm
from hustings.listening.model import CodedResponse, Response, Theme
from hustings.listening.stance import stance_of
from hustings.listening.tabular import read_text

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_NONE = re.compile(
    r"none of the above|not covered|^\s*(?:any\s+)?other\s*(?:\(.*\))?[\s.:]*$", re.I
)
_NO_REASON = re.compile(
    r"^\s*(?:no\s+(?:substantive\s+)?(?:reason|answer|response)(?:\s+given)?|not\s+answered"
    r"|blank(?:\s+answer)?)[\s.:]*$",
    re.I,
)


@dataclass(frozen=True)
class CodingConfig:
    """Settings of codebook coding (fixed, not tuned on the evaluation questions); the pair
    model that weighs the scores is fitted (see :mod:`hustings.listening.calibrate`)."""

    max_labels: int = 3
    sentence_weight: float = 0.5
    self_train: bool = True
    exemplars: int = 5
    floor: float = 0.15
    min_words: int = 3


def split_sentences(text: str) -> list[str]:
    """Sentences (and clauses after ';') of ``text``; the text itself when it has one."""
    parts = [p.strip() for p in _SENTENCE.split(text) if len(p.strip().split()) >= 2]
    return parts or [text.strip()]


_zscore = zscore


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


def self_train(
    z: np.ndarray, texts: Sequence[str], vectors: np.ndarray, config: CodingConfig
) -> np.ndarray:
    """Scores of a per-theme classifier trained on each theme's most confident texts against
    its least (standardised per theme); ``z`` itself when there are too few texts."""
    if not config.self_train or len(texts) < 4 * config.exemplars:
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
    return _zscore(learned)


def _special(themes: Sequence[Theme]) -> tuple[list[int], str | None, str | None]:
    regular, none_id, no_reason_id = [], None, None
    for index, theme in enumerate(themes):
        if _NO_REASON.search(theme.label):
            no_reason_id = theme.id
        elif _NONE.search(theme.label):
            none_id = theme.id
        else:
            regular.append(index)
    return regular, none_id, no_reason_id


def regular_themes(themes: Sequence[Theme]) -> list[Theme]:
    """The codebook's themes less its "none of the above" and "no reason given" entries."""
    return [themes[i] for i in _special(themes)[0]]


def features(
    texts: Sequence[str], kept: Sequence[Theme], embedder: Embedder, config: CodingConfig
) -> tuple[Scores, np.ndarray]:
    """The similarity scores and the pair features of every (text, theme)."""
    scores = score(texts, kept, embedder, config)
    aligned = _zscore(token_alignment(texts, kept, embedder))
    soft = _zscore(soft_keywords(texts, kept))
    learned = self_train(scores.z, texts, embedder.encode(texts), config)
    return scores, pair_features([scores.z, aligned, soft, learned])


def code(
    responses: Sequence[Response],
    themes: Sequence[Theme],
    embedder: Embedder,
    *,
    config: CodingConfig | None = None,
    model: PairModel | None = None,
) -> tuple[CodedResponse, ...]:
    """Assign every response its themes and a stance per theme (``model``: the pair model,
    by default the shipped one for this embedder)."""
    config = config or CodingConfig()
    regular, none_id, no_reason_id = _special(themes)
    if not regular:
        raise InvalidInputError("the codebook has no themes", hint="give at least one theme")
    if not responses:
        return ()
    model = model or load_pair_model(embedder.name)
    kept = [themes[i] for i in regular]
    texts = [r.text for r in responses]
    warm(embedder, texts)
    scores, pairs = features(texts, kept, embedder, config)
    probability = model.probabilities(pairs)
    chosen = decode(probability, model.threshold, config.max_labels)
    out = []
    for row, response in enumerate(responses):
        if len(response.text.split()) < config.min_words and no_reason_id:
            out.append(CodedResponse(response.id, (no_reason_id,), ("NEUTRAL",), (0.0,)))
            continue
        if scores.raw[row].max() < config.floor and none_id:
            out.append(CodedResponse(response.id, (none_id,), ("NEUTRAL",), (0.0,)))
            continue
        cols = chosen[row]
        stances = tuple(
            stance_of(kept[j], scores.sentences[row][scores.best_sentence[row, j]]) for j in cols
        )
        labels = tuple(kept[j].id for j in cols)
        confidence = tuple(float(probability[row, j]) for j in cols)
        out.append(CodedResponse(response.id, labels, stances, confidence))
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
