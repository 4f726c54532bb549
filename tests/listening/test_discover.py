"""Discovery's clustering: centres fitted on a sample still place every response."""

from __future__ import annotations

import numpy as np

from hustings.listening.discover import fit_clusters


def _blobs(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    centres = np.eye(3, 8) * 5
    truth = rng.integers(0, 3, n)
    return centres[truth] + rng.normal(0, 0.3, (n, 8)), truth


def test_sampled_fit_labels_every_row_like_its_blob() -> None:
    vectors, truth = _blobs(600)
    labels = fit_clusters(vectors, 3, seed=0, sample=100)
    assert len(labels) == 600
    pairs = {(int(t), int(label)) for t, label in zip(truth, labels, strict=True)}
    assert len(pairs) == 3 and len({label for _, label in pairs}) == 3


def test_sampled_fit_is_seeded() -> None:
    vectors, _ = _blobs(300)
    first = fit_clusters(vectors, 4, seed=1, sample=120)
    assert np.array_equal(first, fit_clusters(vectors, 4, seed=1, sample=120))
