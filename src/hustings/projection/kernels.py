"""Compiled kernels of the fast simulation engine (numba; optional, the ``fast`` extra).

Normals come from a counter-based generator: the top 12 bits of a splitmix64 hash of
(seed, stream, index) pick one of 4,096 equiprobable normal quantiles (rescaled to unit
variance; the table sits in L1 cache), so every draw is reproducible whatever the thread
count. The largest possible draw (about 3.5 sd) is known, so parties that cannot win a seat
in any simulation are dropped up front, exactly. Seats run in parallel; within a seat each
contender's draws run branch-free across the chunk of simulations (vectorised).
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Any

import numpy as np
import numpy.typing as npt

from hustings.errors import MissingExtraError

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


def _draw_row(best: Any, arg: Any, row: Any, centre: float, sigma: float, salt: Any,
              start: int, table: Any, party: Any) -> None:  # fmt: skip
    """One contender in one seat over a chunk of simulations: draw, compare, keep the best
    (branch-free, so the compiler vectorises it across simulations)."""
    for s in range(best.size):
        z = table[_splitmix_j(salt + np.uint64(start + s)) >> np.uint64(64 - TABLE_BITS)]
        v = centre + row[s] + sigma * z
        b = best[s]
        best[s] = max(v, b)
        arg[s] = party if v > b else arg[s]


def _shifts(shift: Any, sig_nat: Any, sig_reg: Any, start: int, seed: Any, table: Any) -> None:
    """National plus regional error of every region and party, per simulation."""
    nregions, nparties, size = shift.shape
    top = np.uint64(64 - TABLE_BITS)
    salt_nat = _splitmix_j(seed ^ np.uint64(0xA5A5A5A5))
    salt_reg = _splitmix_j(seed ^ np.uint64(0x5A5A5A5A))
    for s in numba.prange(size):
        sim = np.uint64(start + s)
        for p in range(nparties):
            zn = table[_splitmix_j(salt_nat + sim * np.uint64(nparties) + np.uint64(p)) >> top]
            for r in range(nregions):
                key = (sim * np.uint64(nregions) + np.uint64(r)) * np.uint64(nparties)
                zr = table[_splitmix_j(salt_reg + key + np.uint64(p)) >> top]
                shift[r, p, s] = sig_nat[r, p] * zn + sig_reg[r, p] * zr


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
) -> None:
    nseats, nparties = central.shape
    width = cands.shape[1]
    shift = np.empty((nregions, nparties, size))
    _shifts_j(shift, sig_nat, sig_reg, start, seed, table)
    winners = np.empty((nseats, size), dtype=np.int8)
    for i in numba.prange(nseats):
        best = np.full(size, -1.0e9)
        arg = np.zeros(size, dtype=np.int8)
        for k in range(width):
            p = cands[i, k]
            if p < 0:
                break
            salt = _splitmix_j(seed + np.uint64(i * width + k))
            _draw_row_j(best, arg, shift[region_idx[i], p], central[i, p], sig_seat[i, p], salt,
                        start, table, np.int8(p))  # fmt: skip
        winners[i] = arg
        for s in range(size):
            wins[i, arg[s]] += 1
    nblocks = (size + 255) // 256
    for blk in numba.prange(nblocks):
        lo, hi = blk * 256, min(size, (blk + 1) * 256)
        for i in range(nseats):
            for s in range(lo, hi):
                totals[s, winners[i, s]] += 1


def _missing(*args: Any) -> None:
    """Unavailable without numba (the caller falls back to the numpy engine)."""
    raise MissingExtraError("fast", "numba")


run_chunk: Any = _missing
if HAVE_NUMBA:
    _splitmix_j = numba.njit(inline="always", cache=True)(_splitmix)
    _draw_row_j = numba.njit(cache=True, fastmath=True)(_draw_row)
    _shifts_j = numba.njit(parallel=True, cache=True)(_shifts)
    run_chunk = numba.njit(parallel=True, cache=True, fastmath=True)(_run_chunk)
