"""The inner loop of an STV transfer, compiled with numba when it is installed.

:func:`move_papers` takes every paper group held by ``cand``, optionally revalues it
(``value * surplus // total``, the Scottish rule's truncation in integer units), moves it to
its next continuing preference and returns the amount credited to each candidate (index ``n``
collects exhausted papers). Without numba the caller uses its numpy version instead; both
give identical integers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.int64]


def _move_papers(
    cand: int,
    surplus: int,
    total: int,
    ranks: Array,
    pos: Array,
    holder: Array,
    counts: Array,
    value: Array,
    ok: npt.NDArray[np.bool_],
    n: int,
) -> Array:
    got = np.zeros(n + 1, dtype=np.int64)
    width = ranks.shape[1]
    for i in range(holder.shape[0]):
        if holder[i] != cand:
            continue
        if total > 0:
            value[i] = value[i] * surplus // total
        p = pos[i] + 1
        new = n
        while p < width:
            c = ranks[i, p]
            if c == n:
                break
            if ok[c]:
                new = c
                break
            p += 1
        pos[i] = p
        holder[i] = new
        got[new] += counts[i] * value[i]
    return got


def _compile() -> Callable[..., Any] | None:
    try:
        numba = importlib.import_module("numba")
    except ImportError:
        return None
    compiled: Callable[..., Any] = numba.njit(cache=True)(_move_papers)
    return compiled


move_papers = _compile()
