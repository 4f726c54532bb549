"""Compiled kernels of the fast simulation engine (numba; optional, the ``fast`` extra).

Normals come from a counter-based generator: the top 12 bits of a splitmix64 hash of
(seed, stream, index) pick one of 4,096 equiprobable normal quantiles (rescaled to unit
variance; the table sits in L1 cache), so every draw is reproducible whatever the thread
count and is only computed when needed. The largest possible draw (about 3.5 sd) is known,
which makes two prunings exact: parties that cannot win a seat in any simulation are dropped
up front, and in each simulation a party whose best possible share is below the best drawn
so far is not drawn at all.
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Any

import numpy as np
import numpy.typing as npt

TABLE_BITS = 12
TABLE_SIZE = 1 << TABLE_BITS


def _quantiles() -> npt.NDArray[np.float64]:
    dist = NormalDist()
    table = np.array([dist.inv_cdf((k + 0.5) / TABLE_SIZE) for k in range(TABLE_SIZE)])
    return np.asarray(table / table.std(), dtype=np.float64)


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
    table: Any,
    nblocks: int,
) -> None:
    nseats, nparties = central.shape
    width = cands.shape[1]
    zmax = table[TABLE_SIZE - 1]
    top = np.uint64(64 - TABLE_BITS)
    salt_nat = _splitmix_j(seed ^ np.uint64(0xA5A5A5A5))
    salt_reg = _splitmix_j(seed ^ np.uint64(0x5A5A5A5A))
    cent = np.zeros((nseats, width))
    sig = np.zeros((nseats, width))
    count = np.zeros(nseats, dtype=np.int64)
    for i in range(nseats):
        for k in range(width):
            if cands[i, k] >= 0:
                cent[i, k] = central[i, cands[i, k]]
                sig[i, k] = sig_seat[i, cands[i, k]]
                count[i] += 1
    local = np.zeros((nblocks, nseats, nparties), dtype=np.int64)
    for b in numba.prange(nblocks):
        shift = np.empty((nregions, nparties))
        for s in range(b * size // nblocks, (b + 1) * size // nblocks):
            sim = np.uint64(start + s)
            for p in range(nparties):
                zn = table[_splitmix_j(salt_nat + sim * np.uint64(nparties) + np.uint64(p)) >> top]
                for r in range(nregions):
                    key = (sim * np.uint64(nregions) + np.uint64(r)) * np.uint64(nparties)
                    zr = table[_splitmix_j(salt_reg + key + np.uint64(p)) >> top]
                    shift[r, p] = sig_nat[p] * zn + sig_reg[p] * zr
            for i in range(nseats):
                r = region_idx[i]
                key = (sim * np.uint64(nseats) + np.uint64(i)) * np.uint64(width) + seed
                lead = cent[i, 0] + shift[r, cands[i, 0]]
                best = lead - sig[i, 0] * zmax
                safe = True
                for k in range(1, count[i]):
                    if cent[i, k] + shift[r, cands[i, k]] + sig[i, k] * zmax > best:
                        safe = False
                        break
                if safe:  # no draw can unseat the leader in this simulation
                    local[b, i, cands[i, 0]] += 1
                    totals[s, cands[i, 0]] += 1
                    continue
                best = -1.0e9
                arg = 0
                for k in range(count[i]):
                    moved = cent[i, k] + shift[r, cands[i, k]]
                    if moved + sig[i, k] * zmax <= best:
                        continue  # cannot win whatever its own draw: skip drawing it
                    v = moved + sig[i, k] * table[_splitmix_j(key + np.uint64(k)) >> top]
                    if v > best:
                        best = v
                        arg = k
                p = cands[i, arg]
                local[b, i, p] += 1
                totals[s, p] += 1
    for b in range(nblocks):
        wins += local[b]


def _missing(*args: Any) -> None:
    """Unavailable without numba (the caller falls back to the numpy engine)."""
    from hustings.errors import MissingExtraError

    raise MissingExtraError("fast", "numba")


def numba_threads() -> int:
    """Threads the compiled engine uses (1 without numba)."""
    return int(numba.get_num_threads()) if HAVE_NUMBA else 1


run_chunk: Any = _missing
if HAVE_NUMBA:
    _splitmix_j = numba.njit(inline="always", cache=True)(_splitmix)
    run_chunk = numba.njit(parallel=True, cache=True, fastmath=True)(_run_chunk)
