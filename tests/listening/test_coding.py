"""Codebook coding with the cheap deterministic embedder; the F1 and stance helpers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hustings.errors import InvalidInputError
from hustings.listening.calibrate import decode, fit_pair_model, pair_features, soft_keywords
from hustings.listening.coding import (
    CodingConfig,
    code,
    load_codebook,
    regular_themes,
    split_sentences,
)
from hustings.listening.embed import HashingEmbedder
from hustings.listening.evaluate import Question, per_theme, sample_f1
from hustings.listening.model import CodedResponse, Response, Theme
from hustings.listening.stance import stance_of


def test_codes_each_response_and_uses_special_themes(fixtures: Path) -> None:
    themes = load_codebook(fixtures / "listening" / "codebook.json")
    responses = [
        Response("1", "Use community organising in every town we have"),
        Response("2", "Work with trade unions on pay and housing"),
        Response("3", "no"),
    ]
    coded = code(responses, themes, HashingEmbedder(), config=CodingConfig(self_train=False))
    assert coded[0].labels[0] == "A"
    assert coded[1].labels[0] == "B"
    assert coded[2].labels == ("Y",)
    assert [c.to_json()["response_id"] for c in coded] == ["1", "2", "3"]


def test_same_input_same_codes(fixtures: Path) -> None:
    themes = load_codebook(fixtures / "listening" / "codebook.json")
    responses = [Response(str(i), f"unions and pay number {i} in towns") for i in range(30)]
    first = code(responses, themes, HashingEmbedder())
    assert first == code(responses, themes, HashingEmbedder())


def test_bad_codebook(tmp_path: Path) -> None:
    path = tmp_path / "themes.json"
    path.write_text('[{"topic_id": "A"}]')
    with pytest.raises(InvalidInputError, match="item 1 has no topic_label"):
        load_codebook(path)


def test_sentences_split_on_stops_and_semicolons() -> None:
    assert split_sentences("Ban them. My son bets; it hurts!") == [
        "Ban them.",
        "My son bets;",
        "it hurts!",
    ]


def test_sample_f1() -> None:
    assert sample_f1(["A", "B"], ["A"]) == pytest.approx(2 / 3)
    assert sample_f1([], []) == 1.0 and sample_f1(["A"], ["B"]) == 0.0


def test_stance_follows_framing_of_theme() -> None:
    worry = Theme("B", "Economic Impact Concerns", "Concerns about negative impacts on funding")
    proposal = Theme("F", "Partial Restriction Proposals", "Suggestions for compromise solutions")
    assert stance_of(worry, "Clubs would lose money") == "NEGATIVE"
    assert stance_of(proposal, "A watershed would do") == "POSITIVE"


def test_soft_keywords_favour_the_theme_whose_words_or_near_words_appear() -> None:
    themes = [
        Theme("A", "Child protection", "Protecting children from gambling adverts"),
        Theme("B", "Sports funding", "Clubs losing sponsorship revenue"),
    ]
    texts = ["My kids see these adverts every match", "Our club needs the sponsorship money"]
    soft = soft_keywords(texts, themes)
    assert soft[0, 0] > soft[0, 1] and soft[1, 1] > soft[1, 0]


def test_decode_keeps_the_best_theme_and_caps_the_count() -> None:
    probabilities = np.array([[0.05, 0.1, 0.02], [0.9, 0.8, 0.7]])
    assert decode(probabilities, 0.5, 2) == [[1], [0, 1]]


def test_pair_model_fitted_on_separable_pairs_finds_them() -> None:
    rng = np.random.default_rng(1)
    truth = (rng.random((60, 4)) < 0.3).astype(float)
    truth[truth.sum(axis=1) == 0, 0] = 1
    pairs = pair_features([truth * 2 + rng.normal(0, 0.3, truth.shape)])
    model = fit_pair_model([(pairs, truth)])
    chosen = decode(model.probabilities(pairs), model.threshold, 3)
    assert chosen == [sorted(np.flatnonzero(row).tolist(), key=lambda j: -pairs[i, j, 0])
                      for i, row in enumerate(truth)]  # fmt: skip


def test_pair_features_standardise_each_score_within_the_response() -> None:
    pairs = pair_features([np.array([[1.0, 3.0, 2.0], [5.0, 5.0, 5.0]])])
    assert pairs.shape == (2, 3, 4)
    assert pairs[0, :, 3].tolist() == pytest.approx([-1.2247, 1.2247, 0.0], abs=1e-4)
    assert pairs[0, :, 1].tolist() == [-2.0, 0.0, -1.0] and pairs[1, :, 3].tolist() == [0, 0, 0]


def test_per_theme_precision_and_recall_count_by_hand() -> None:
    themes = (Theme("A", "Buses"), Theme("B", "Rents"))
    gold = {"1": (("A",), ("NEGATIVE",)), "2": (("A", "B"), ("NEGATIVE",) * 2), "3": ((), ())}
    question = Question("q", "?", (), themes, gold)
    coded = [CodedResponse("1", ("A",), ("NEGATIVE",), (0.9,)),
             CodedResponse("2", ("B",), ("NEGATIVE",), (0.8,)),
             CodedResponse("3", ("A",), ("NEGATIVE",), (0.7,))]  # fmt: skip
    scores = per_theme(coded, question)
    assert scores["A"] == {"label": "Buses", "true": 2, "coded": 2, "precision": 0.5, "recall": 0.5}
    assert scores["B"]["precision"] == 1.0 and scores["B"]["recall"] == 1.0


def test_a_theme_that_mentions_other_things_is_a_theme_not_none_of_the_above() -> None:
    themes = [
        Theme("J", "Comparison to Other Restrictions", "Comparisons to tobacco advertising bans."),
        Theme("O", "Other", ""),
        Theme("P", "Other (please specify)", ""),
        Theme("X", "None of the Above", "A topic not covered by the listed themes."),
        Theme("Y", "No Reason Given", "The response does not provide a substantive answer."),
    ]
    assert [t.id for t in regular_themes(themes)] == ["J"]


def test_relative_and_gap_decoding_rules_by_hand() -> None:
    from hustings.listening.variants import relative_to_best, score_gap

    p = np.array([[0.9, 0.5, 0.4, 0.1], [0.3, 0.2, 0.25, 0.05]])
    # 0.5 of the best: row 1 keeps 0.9 and 0.5 (limit 0.45); row 2 all three of 0.3, 0.25
    # and 0.2 (limit 0.15), at most three
    assert relative_to_best(p, 0.5, 0.0) == [[0, 1], [0, 2, 1]]
    # a floor of 0.28 leaves row 2 its best only
    assert relative_to_best(p, 0.5, 0.28) == [[0, 1], [0]]
    # steps under 0.1: row 1 stops after 0.9 (step 0.4); row 2 takes 0.3, 0.25, 0.2
    assert score_gap(p, 0.1) == [[0], [0, 2, 1]]


def test_token_alignment_in_chunks_equals_the_pairwise_definition() -> None:
    from hustings.listening.calibrate import token_alignment
    from hustings.listening.embed import StaticEmbedder

    embedder = StaticEmbedder()
    themes = [Theme("A", "Child protection", "Protect children"), Theme("B", "Tax", "")]
    texts = ["Protect the kids", "tax", "Ban the adverts on television, all of them", "ok", "?"]
    got = token_alignment(texts, themes, embedder, chunk=2)
    tokens = embedder.encode_tokens(texts)
    for col, (theme_vectors, weights) in enumerate(
        embedder.encode_tokens([t.text for t in themes])
    ):
        for row, (vectors, _) in enumerate(tokens):
            best = (theme_vectors @ vectors.T).max(axis=1)
            assert got[row, col] == pytest.approx(weights @ best / weights.sum(), abs=1e-6)
    assert got[1, 1] == pytest.approx(1.0, abs=1e-6)


def test_a_theme_whose_description_says_no_reason_is_a_theme_not_no_reason_given() -> None:
    themes = [
        Theme("A", "Ads Are Harmless", "People who see no reason to restrict adverts."),
        Theme("B", "Silence of Regulators", "Complaints that got no answer from the regulator."),
        Theme("Y", "No Reason Given", "The response does not provide a substantive answer."),
        Theme("Z", "No answer", ""),
    ]
    assert [t.id for t in regular_themes(themes)] == ["A", "B"]
