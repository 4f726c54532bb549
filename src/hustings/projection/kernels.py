"""Compiled kernels of the fast simulation engine (numba; optional, the ``fast`` extra).

Normals come from a counter-based generator: each 16-bit quarter of a splitmix64 hash of
(seed, stream, index) picks one of 65,536 equiprobable normal quantiles, so every draw is
reproducible whatever the thread count, and the largest possible draw (about 4.2 sd) is
known, which makes pruning exact.
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Any

import numpy as np
import numpy.typing as npt

TABLE_BITS = 16


def _quantiles() -> npt.NDArray[np.float64]:
    size = 1 << TABLE_BITS
    dist = NormalDist()
    return np.array([dist.inv_cdf((k + 0.5) / size) for k in range(size)], dtype=np.float64)


QUANTILES = _quantiles()

try:
    import numba

    HAVE_NUMBA = True
except ImportError:  # the fast extra is not installed: the numpy engine is used
    HAVE_NUMBA = False


def _splitmix(x: Any) -> Any:
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _run_chunk(
    central: Any,
    region_idx: Any,
    nregions: int,
    sig_nat: Any,
    sig_reg: Any,
    sig_seat: Any,
    cands: Any,
    start: int,
    size: int,
    seed: Any,
    wins: Any,
    totals: Any,
) -> None:
    nseats, nparties = central.shape
    table = QUANTILES_T
    shift = np.empty((size, nregions, nparties))
    salt_nat = _splitmix_j(seed ^ np.uint64(0xA5A5A5A5))
    salt_reg = _splitmix_j(seed ^ np.uint64(0x5A5A5A5A))
    for s in numba.prange(size):
        sim = np.uint64(start + s)
        for p in range(nparties):
            zn = table[
                _splitmix_j(salt_nat + sim * np.uint64(nparties) + np.uint64(p)) >> np.uint64(48)
            ]
            for r in range(nregions):
                key = (sim * np.uint64(nregions) + np.uint64(r)) * np.uint64(nparties) + np.uint64(
                    p
                )
                zr = table[_splitmix_j(salt_reg + key) >> np.uint64(48)]
                shift[s, r, p] = sig_nat[p] * zn + sig_reg[p] * zr
    winners = np.empty((size, nseats), dtype=np.int8)
    width = cands.shape[1]
    mask = np.uint64(0xFFFF)
    for i in numba.prange(nseats):
        r = region_idx[i]
        for s in range(size):
            sim = np.uint64(start + s)
            best = -1.0e9
            arg = cands[i, 0]
            base_key = (sim * np.uint64(nseats) + np.uint64(i)) * np.uint64(width)
            bits = np.uint64(0)
            for k in range(width):
                p = cands[i, k]
                if p < 0:
                    break
                if k % 4 == 0:
                    bits = _splitmix_j(seed + base_key + np.uint64(k))
                z = table[bits & mask]
                bits = bits >> np.uint64(16)
                v = central[i, p] + shift[s, r, p] + sig_seat[i, p] * z
                if v > best:
                    best = v
                    arg = p
            winners[s, i] = arg
            wins[i, arg] += 1
    for s in numba.prange(size):
        for i in range(nseats):
            totals[s, winners[s, i]] += 1


def _missing(*args: Any) -> None:
    """Unavailable without numba (the caller falls back to the numpy engine)."""
    from hustings.errors import MissingExtraError

    raise MissingExtraError("fast", "numba")


run_chunk: Any = _missing
if HAVE_NUMBA:
    QUANTILES_T = QUANTILES
    _splitmix_j = numba.njit(inline="always", cache=True)(_splitmix)
    run_chunk = numba.njit(parallel=True, cache=True, fastmath=True)(_run_chunk)
