"""Evaluation on the themefinder gambling-XS set (synthetic, with ground-truth codes).

(a) coding against the given codebook: sample-averaged multi-label F1 and stance accuracy,
held out: the pair model fitted on the other question only (its regularisation and threshold
chosen by cross-validation within that question) and scored on this one, with each theme's
held-out precision and recall; beside it, the shipped model (fitted on both questions, so
in-sample);
(b) discovery without the codebook: how many ground-truth themes a discovered theme matches.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hustings.errors import NotFoundError, require
from hustings.listening.calibrate import PairModel, fit_pair_model
from hustings.listening.coding import CodingConfig, code, features, read_codebook, regular_themes
from hustings.listening.embed import Embedder, warm
from hustings.listening.model import CodedResponse, Response, Theme

DATASET = "listening/themefinder-gambling-xs"
RUN = "outputs/mapping/2025-07-22"


@dataclass(frozen=True)
class Question:
    """One question of the evaluation set with its responses and ground truth."""

    name: str
    text: str
    responses: tuple[Response, ...]
    codebook: tuple[Theme, ...]
    gold: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]


def load_question(root: Path, name: str) -> Question:
    """Read ``inputs/<name>`` and ``outputs/.../<name>`` of the evaluation set."""
    inputs, outputs = root / "inputs" / name, root / RUN / name
    if not inputs.is_dir():
        raise NotFoundError(f"no evaluation question at {inputs}", hint="check the data mirror")
    attributes = _respondents(root / "inputs" / "respondents.jsonl")
    responses = tuple(
        Response(str(d["response_id"]), d["response"], attributes.get(str(d["response_id"]), {}))
        for d in _jsonl(inputs / "responses.jsonl")
    )
    gold = {
        str(d["response_id"]): (tuple(d["labels"]), tuple(d["stances"]))
        for d in _jsonl(outputs / "mapping.jsonl")
    }
    codebook = read_codebook(json.loads((outputs / "themes.json").read_text()), name)
    text = json.loads((inputs / "question.json").read_text())["question_text"]
    return Question(name, text, responses, codebook, gold)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _respondents(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    names = {"Do you live in:": "nation"}
    out = {}
    for d in _jsonl(path):
        demo = d.get("demographic_data", {})
        out[str(d["response_id"])] = {names.get(k, "disability"): v for k, v in demo.items()}
    return out


def sample_f1(pred: Sequence[str], gold: Sequence[str]) -> float:
    """F1 of one response's predicted against true labels (1 when both are empty)."""
    p, g = set(pred), set(gold)
    if not p and not g:
        return 1.0
    hits = len(p & g)
    return 2 * hits / (len(p) + len(g)) if hits else 0.0


def mapping_f1(coded: Sequence[CodedResponse], question: Question) -> float:
    """Sample-averaged multi-label F1 over the responses with ground truth."""
    scores = [sample_f1(c.labels, question.gold[c.response_id][0]) for c in coded]
    return float(np.mean(scores))


def per_theme(coded: Sequence[CodedResponse], question: Question) -> dict[str, dict[str, Any]]:
    """Per codebook theme: how many responses have it in truth and in the coding, and the
    coding's precision and recall for it (0 when undefined)."""
    out = {}
    for theme in question.codebook:
        gold = {rid for rid, (labels, _) in question.gold.items() if theme.id in labels}
        found = {c.response_id for c in coded if theme.id in c.labels}
        hits = len(gold & found)
        out[theme.id] = {
            "label": theme.label,
            "true": len(gold),
            "coded": len(found),
            "precision": round(hits / len(found), 3) if found else 0.0,
            "recall": round(hits / len(gold), 3) if gold else 0.0,
        }
    return out


def stance_accuracy(coded: Sequence[CodedResponse], question: Question) -> tuple[float, int]:
    """Share of correctly found labels whose stance is also right, and how many were scored."""
    right = total = 0
    for c in coded:
        gold = dict(zip(*question.gold[c.response_id], strict=True))
        for label, stance in zip(c.labels, c.stances, strict=True):
            if label in gold:
                total += 1
                right += stance == gold[label]
    return (right / total if total else 0.0), total


def cue_word_accuracy(question: Question) -> float:
    """Share of the coded (theme, stance) pairs whose stance the answer's positive minus
    negative cue words get right (POSITIVE when they balance): stance without a codebook."""
    from hustings.listening.stance import cue_balance

    text = {r.id: r.text for r in question.responses}
    pairs = [
        (rid, stance)
        for rid, (_, stances) in question.gold.items()
        for stance in stances
        if stance in ("POSITIVE", "NEGATIVE")
    ]
    right = sum(
        ("POSITIVE" if cue_balance(text[rid]) >= 0 else "NEGATIVE") == stance
        for rid, stance in pairs
    )
    return right / len(pairs) if pairs else 0.0


def question_pairs(
    question: Question, embedder: Embedder, config: CodingConfig | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The pair features of ``question`` and its truth (responses x regular themes, 0/1)."""
    kept = regular_themes(question.codebook)
    texts = [r.text for r in question.responses]
    warm(embedder, texts)
    _, pairs = features(texts, kept, embedder, config or CodingConfig())
    truth = np.array(
        [[t.id in question.gold[r.id][0] for t in kept] for r in question.responses], dtype=float
    )
    return pairs, truth


def fit_on(questions: Sequence[Question], embedder: Embedder) -> PairModel:
    """A pair model fitted on ``questions`` alone."""
    coded = [question_pairs(q, embedder) for q in questions]
    return fit_pair_model(coded, fitted_on=", ".join(q.name for q in questions))


@dataclass(frozen=True)
class CodingResult:
    """Scores of codebook coding on one question."""

    question: str
    f1_held_out: float
    held_out_model: dict[str, float | str]
    f1_shipped_in_sample: float
    stance_accuracy: float
    stances_scored: int
    cue_word_stance_accuracy: float = 0.0
    themes: dict[str, dict[str, Any]] | None = None

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def load_questions(root: Path) -> list[Question]:
    """Both questions of the evaluation set."""
    return [load_question(root, f"question_part_{n}") for n in (1, 2)]


def evaluate_coding(root: Path, embedder: Embedder) -> tuple[CodingResult, ...]:
    """Coding scores per question: the pair model fitted on the other question (held out),
    and the shipped one (in-sample)."""
    questions = load_questions(root)
    out = []
    for index, question in enumerate(questions):
        model = fit_on([questions[1 - index]], embedder)
        held = code(question.responses, question.codebook, embedder, model=model)
        shipped = code(question.responses, question.codebook, embedder)
        accuracy, scored = stance_accuracy(held, question)
        out.append(
            CodingResult(
                question.name, mapping_f1(held, question),
                {"fitted_on": model.fitted_on, "c": model.c, "threshold": model.threshold},
                mapping_f1(shipped, question), accuracy, scored, cue_word_accuracy(question),
                per_theme(held, question),
            )
        )  # fmt: skip
    return tuple(out)


@dataclass(frozen=True)
class DiscoveryResult:
    """How well themes found without the codebook recover the ground-truth themes."""

    question: str
    system: str
    n_themes: int
    n_gold: int
    matched: int
    mean_best_dice: float
    unassigned_share: float

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


MATCH_DICE = 0.4
"""A ground-truth theme counts as found when the discovered theme matched to it (one to one)
overlaps its members with a Dice coefficient of at least this."""


def match_themes(found: Sequence[Sequence[str]], question: Question) -> tuple[int, int, float]:
    """Ground-truth themes matched, ground-truth themes, and their mean Dice, under the
    one-to-one matching of found to true themes that maximises the summed Dice (so one found
    theme can stand for one true theme only)."""
    optimize = require("scipy.optimize", "text")
    ids = list(question.gold)
    gold_sets: dict[str, set[str]] = {}
    for rid in ids:
        for label in question.gold[rid][0]:
            gold_sets.setdefault(label, set()).add(rid)
    found_sets: dict[str, set[str]] = {}
    for rid, labels in zip(ids, found, strict=True):
        for label in labels:
            found_sets.setdefault(label, set()).add(rid)
    dice = np.array(
        [[2 * len(g & f) / (len(g) + len(f)) for f in found_sets.values()]
         for g in gold_sets.values()]
    ).reshape(len(gold_sets), len(found_sets))  # fmt: skip
    best = np.zeros(len(gold_sets))
    if dice.size:
        rows, cols = optimize.linear_sum_assignment(-dice)
        best[rows] = dice[rows, cols]
    return int((best >= MATCH_DICE).sum()), len(best), float(best.mean()) if len(best) else 0.0


def evaluate_discovery(
    question: Question, embedder: Embedder, *, peer: bool, seed: int = 0
) -> list[DiscoveryResult]:
    """Our discovery and, when ``peer``, BERTopic on the same embeddings."""
    from hustings.listening.discover import discover

    ordered = [r for r in question.responses if r.id in question.gold]
    ours = discover(ordered, embedder, seed=seed)
    matched, n_gold, dice = match_themes(ours.assignments, question)
    out = [
        DiscoveryResult(
            question.name,
            "hustings",
            len(ours.themes),
            n_gold,
            matched,
            dice,
            ours.unassigned_share,
        )
    ]
    if peer:
        out.append(_bertopic(question, ordered, embedder, seed))
    return out


def _bertopic(
    question: Question, ordered: Sequence[Response], embedder: Embedder, seed: int
) -> DiscoveryResult:
    bertopic = require("bertopic", "bench")
    umap = require("umap", "bench")
    texts = [r.text for r in ordered]
    reducer = umap.UMAP(
        n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed
    )
    model = bertopic.BERTopic(umap_model=reducer, min_topic_size=5, calculate_probabilities=False)
    topics, _ = model.fit_transform(texts, embeddings=embedder.encode(texts))
    labels = [() if t == -1 else (str(t),) for t in topics]
    matched, n_gold, dice = match_themes(labels, question)
    n_topics = len({t for t in topics if t != -1})
    unassigned = sum(t == -1 for t in topics) / len(topics)
    return DiscoveryResult(question.name, "BERTopic", n_topics, n_gold, matched, dice, unassigned)


def _mirror_root() -> Path:
    from hustings.settings import find_mirror

    mirror = find_mirror()
    if mirror is None:
        raise NotFoundError("no data mirror", hint="set HUSTINGS_DATA_MIRROR to shared/data")
    return mirror / DATASET


@dataclass(frozen=True)
class Evaluation:
    """Coding and discovery scores per question."""

    coding: tuple[CodingResult, ...]
    discovery: tuple[DiscoveryResult, ...]
    embedder: str

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form."""
        return {
            "dataset": DATASET,
            "embedder": self.embedder,
            "coding": [c.to_json() for c in self.coding],
            "discovery": [d.to_json() for d in self.discovery],
        }


def run_evaluation(
    *,
    root: Path | None = None,
    embedder: Embedder | None = None,
    peer: bool = True,
) -> Evaluation:
    """The evaluation on the mirror's themefinder gambling-XS set."""
    from hustings.listening.embed import default_embedder

    root = root or _mirror_root()
    embedder = embedder or default_embedder()
    coding = evaluate_coding(root, embedder)
    discovery: list[DiscoveryResult] = []
    for n in (1, 2):
        discovery += evaluate_discovery(
            load_question(root, f"question_part_{n}"), embedder, peer=peer
        )
    return Evaluation(coding, tuple(discovery), embedder.name)


def refit_shipped(path: Path, *, root: Path | None = None) -> dict[str, PairModel]:
    """Fit the pair models on both questions, with MiniLM (8-bit and full precision), with
    its static token vectors and with 8-bit bge-small, and write them to ``path`` (the
    package's ``pair_models.json``)."""
    from hustings.listening.calibrate import save_pair_models
    from hustings.listening.embed import (
        StaticEmbedder,
        bge_embedder,
        default_embedder,
        torch_embedder,
    )

    questions = load_questions(root or _mirror_root())
    embedders = (default_embedder(), torch_embedder(), StaticEmbedder(), bge_embedder())
    models = {e.name: fit_on(questions, e) for e in embedders}
    save_pair_models(models, path)
    return models
