"""How sure a seat's order is: probabilities that a party tops a group, from a noise model.

Seat shares are treated as the scenario's point estimate plus a Gaussian error per party made
of a national (polling) part and a seat part. Both standard deviations were fitted on earlier
elections only (see docs/tactics.md): the seat part is the root-mean-square error of uniform
swing from 2010->2015, 2015->2017 and 2017->2019 for the Conservatives, Labour and the Lib
Dems given the actual national shares (3.9 to 8.0 points, typical 4.5); the national part is
the root-mean-square error of the final-poll average on those parties in 2015, 2017 and 2019
(2.6 points). Per-seat marginals do not depend on how the national part is shared between
seats, so two-way races are computed exactly and only three-way or wider races are simulated.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

SEAT_SD = 0.045
NATIONAL_SD = 0.026
REACH = 4.0  # parties further than REACH standard deviations of a difference behind cannot top
_CHUNK = 4_000_000  # simulated values per batch, to bound memory

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]


def difference_sd(seat_sd: float = SEAT_SD, national_sd: float = NATIONAL_SD) -> float:
    """Standard deviation of the difference between two parties' errors in one seat."""
    return math.sqrt(2.0 * (seat_sd**2 + national_sd**2))


def normal_cdf(x: Array) -> Array:
    """The standard normal distribution function, element-wise."""
    erfc = np.frompyfunc(math.erfc, 1, 1)
    return np.asarray(0.5 * erfc(-np.asarray(x, dtype=float) / math.sqrt(2.0)), dtype=float)


def top_probability(
    shares: Array,
    group: Mask,
    *,
    sims: int,
    rng: np.random.Generator,
    seat_sd: float = SEAT_SD,
    national_sd: float = NATIONAL_SD,
) -> Array:
    """``p[i, j]``: probability that party ``j`` has the highest share among ``group[i]`` in seat
    ``i`` (zero outside the group; rows with a group sum to 1)."""
    sd = math.sqrt(seat_sd**2 + national_sd**2)
    reach = REACH * difference_sd(seat_sd, national_sd)
    masked = np.where(group, shares, -np.inf)
    lead = masked.max(axis=1, keepdims=True)
    contender = group & (masked >= lead - reach) & np.isfinite(lead)
    counts = contender.sum(axis=1)
    out = np.zeros_like(shares, dtype=float)
    single = counts == 1
    out[single] = contender[single]
    _two_way(out, shares, contender, counts == 2, reach / REACH)
    wide = np.flatnonzero(counts >= 3)
    if wide.size:
        _simulate(out, shares, contender, wide, sims=max(sims, 1000), rng=rng, sd=sd)
    return out


def _two_way(out: Array, shares: Array, contender: Mask, rows: Mask, diff_sd: float) -> None:
    idx = np.flatnonzero(rows)
    if not idx.size:
        return
    cols = np.argsort(~contender[idx], axis=1, kind="stable")[:, :2]
    a, b = cols[:, 0], cols[:, 1]
    p = normal_cdf((shares[idx, a] - shares[idx, b]) / diff_sd)
    out[idx, a] = p
    out[idx, b] = 1.0 - p


def _simulate(
    out: Array,
    shares: Array,
    contender: Mask,
    rows: npt.NDArray[np.intp],
    *,
    sims: int,
    rng: np.random.Generator,
    sd: float,
) -> None:
    width = int(contender[rows].sum(axis=1).max())
    cols = np.argsort(~contender[rows], axis=1, kind="stable")[:, :width]
    valid = np.take_along_axis(contender[rows], cols, axis=1)
    base = np.where(valid, np.take_along_axis(shares[rows], cols, axis=1), -np.inf).astype(
        np.float32
    )
    wins = np.zeros(base.shape)
    per_batch = max(1, _CHUNK // (len(rows) * width))
    done = 0
    while done < sims:
        n = min(per_batch, sims - done)
        draws = rng.standard_normal(size=(len(rows), n, width), dtype=np.float32)
        draws *= np.float32(sd)
        draws += base[:, None, :]
        top = draws.argmax(axis=2)
        for k in range(width):
            wins[:, k] += (top == k).sum(axis=1)
        done += n
    for k in range(width):
        out[rows, cols[:, k]] = np.where(valid[:, k], wins[:, k] / sims, 0.0)
