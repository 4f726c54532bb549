"""Monte Carlo seat simulation with correlated national, regional and seat-level errors.

In simulation ``s`` the share of party ``p`` in seat ``i`` (region ``r``) is::

    central[i, p] + sn[p] * z_s,p + sr[p] * z_s,r,p + ss[i, p] * z_s,i,p

with standard normal ``z`` (in the fast engine a 4,096-point discretisation, at most 3.5 sd)
and the seat goes to the largest. Only the per-seat win counts and per-party seat-total
histograms are kept; simulations run in chunks so memory does not grow with their number.

Two engines: ``fast`` (numba, parallel, needs the ``fast`` extra) draws every normal from a
counter-based generator (see ``kernels.py``), so results do not depend on the number of
threads, and skips draws that cannot change a seat's winner. ``numpy`` is the plain
vectorised reference (numpy's generator, the same model) and the fallback without numba.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hustings.errors import InvalidInputError
from hustings.projection.kernels import HAVE_NUMBA, QUANTILES, run_chunk

Array = npt.NDArray[np.float64]
MAJORITY = 326
CHUNK = 8192
MAX_SIMS = 1_000_000
"""The most simulations one run takes: about 15 CPU-seconds with the fast engine and three
minutes with numpy; more would not sharpen a probability beyond 0.1 points."""


@dataclass(frozen=True)
class Sigmas:
    """Error sizes (standard deviations, shares as fractions).

    ``national`` and ``regional`` are regions x parties (regions in sorted order), or parties
    alone when the same everywhere; the national draw is shared by every region, scaled by
    that region's size.
    """

    national: Array
    regional: Array
    seat: Array  # seats x parties

    def by_region(self, nregions: int) -> Sigmas:
        """The same sizes with national and regional ones spelled out per region."""
        shape = (nregions, self.seat.shape[1])
        national = np.ascontiguousarray(np.broadcast_to(self.national, shape), dtype=np.float64)
        regional = np.ascontiguousarray(np.broadcast_to(self.regional, shape), dtype=np.float64)
        return Sigmas(national, regional, np.ascontiguousarray(self.seat, dtype=np.float64))


@dataclass(frozen=True, eq=False)
class Simulation:
    """What a simulation keeps: win counts per seat and party, seat-total histograms per
    party (``histogram[p, k]`` = simulations where ``p`` won ``k`` seats), majorities and
    largest-party counts."""

    sims: int
    win_counts: npt.NDArray[np.int64]
    histogram: npt.NDArray[np.int64]
    majority: npt.NDArray[np.int64]
    largest: npt.NDArray[np.int64]
    engine: str

    def quantile(self, party: int, q: float) -> int:
        """The ``q`` quantile of a party's seat total."""
        cumulative = np.cumsum(self.histogram[party])
        return int(np.searchsorted(cumulative, q * self.sims, side="left"))

    def interval(self, party: int) -> tuple[int, int]:
        """The 5th and 95th percentiles of a party's seat total."""
        return self.quantile(party, 0.05), self.quantile(party, 0.95)


def simulate(
    central: Array,
    regions: Sequence[str],
    sigmas: Sigmas,
    *,
    sims: int,
    seed: int | None = None,
    engine: str = "auto",
    chunk: int = CHUNK,
    on_chunk: Callable[[int, int], None] | None = None,
) -> Simulation:
    """Simulate ``sims`` elections around the ``central`` shares (seats x parties);
    ``on_chunk(done, sims)`` is called after each chunk (for a progress bar)."""
    if sims <= 0:
        raise InvalidInputError(f"sims is {sims}", hint="simulate at least one election")
    if sims > MAX_SIMS:
        raise InvalidInputError(
            f"sims is {sims:,}, more than one run takes ({MAX_SIMS:,})",
            hint=f"simulate at most {MAX_SIMS:,} elections (100,000 give each probability "
            "to within half a point)",
        )
    if engine == "auto":
        engine = "fast" if HAVE_NUMBA else "numpy"
    if engine not in ("fast", "numpy"):
        raise InvalidInputError(f"no engine '{engine}'", hint="use fast or numpy")
    names, region_idx = np.unique(np.asarray(regions), return_inverse=True)
    sigmas = sigmas.by_region(len(names))
    seed_value = int(np.random.SeedSequence(seed).generate_state(1, np.uint64)[0])
    nseats, nparties = central.shape
    wins = np.zeros((nseats, nparties), dtype=np.int64)
    hist = np.zeros((nparties, nseats + 1), dtype=np.int64)
    major = np.zeros(nparties, dtype=np.int64)
    large = np.zeros(nparties, dtype=np.int64)
    rng = np.random.default_rng(seed)
    cands = contenders(central, sigmas, float(QUANTILES.max()), region_idx)
    for start in range(0, sims, chunk):
        size = min(chunk, sims - start)
        if engine == "fast":
            totals = _fast_chunk(
                central, region_idx, len(names), sigmas, cands, (start, size), seed_value, wins
            )
        else:
            totals = numpy_chunk(central, region_idx, len(names), sigmas, size, rng, wins)
        _tally(totals, hist, major, large)
        if on_chunk is not None:
            on_chunk(start + size, sims)
    return Simulation(sims, wins, hist, major, large, engine)


def _tally(
    totals: npt.NDArray[np.int32],
    hist: npt.NDArray[np.int64],
    major: npt.NDArray[np.int64],
    large: npt.NDArray[np.int64],
) -> None:
    nparties = totals.shape[1]
    for p in range(nparties):
        hist[p] += np.bincount(totals[:, p], minlength=hist.shape[1])
    major += (totals >= MAJORITY).sum(axis=0)
    top = totals.max(axis=1, keepdims=True)
    sole = (totals == top).sum(axis=1) == 1
    large += np.bincount(totals[sole].argmax(axis=1), minlength=nparties)


def contenders(central: Array, sigmas: Sigmas, zmax: float,
               region_idx: npt.NDArray[np.intp]) -> npt.NDArray[np.int64]:  # fmt: skip
    """Per seat, the parties that can win in some draw (padded with -1), largest first."""
    per_region = sigmas.by_region(int(region_idx.max()) + 1)
    spread = zmax * (
        per_region.national[region_idx] + per_region.regional[region_idx] + sigmas.seat
    )
    lower = np.where(central > 0, central - spread, -np.inf)
    upper = np.where(central > 0, central + spread, -np.inf)
    can = upper >= lower.max(axis=1, keepdims=True)
    order = np.argsort(-central, axis=1, kind="stable")
    width = int(can.sum(axis=1).max())
    out = np.full((central.shape[0], width), -1, dtype=np.int64)
    for i in range(central.shape[0]):
        keep = order[i][can[i, order[i]]]
        out[i, : len(keep)] = keep
    return out


def _fast_chunk(
    central: Array,
    region_idx: npt.NDArray[np.intp],
    nregions: int,
    sigmas: Sigmas,
    cands: npt.NDArray[np.int64],
    span: tuple[int, int],
    seed_value: int,
    wins: npt.NDArray[np.int64],
) -> npt.NDArray[np.int32]:
    start, size = span
    totals = np.zeros((size, central.shape[1]), dtype=np.int32)
    run_chunk(
        np.ascontiguousarray(central),
        region_idx.astype(np.int64),
        nregions,
        sigmas.national,
        sigmas.regional,
        np.ascontiguousarray(sigmas.seat),
        cands,
        start,
        size,
        np.uint64(seed_value),
        wins,
        totals,
        QUANTILES,
    )
    return totals


def numpy_chunk(
    central: Array,
    region_idx: npt.NDArray[np.intp],
    nregions: int,
    sigmas: Sigmas,
    size: int,
    rng: np.random.Generator,
    wins: npt.NDArray[np.int64],
) -> npt.NDArray[np.int32]:
    """One chunk of the plain vectorised reference; adds to ``wins``, returns seat totals."""
    nparties = central.shape[1]
    totals = np.zeros((size, nparties), dtype=np.int32)
    for lo in range(0, size, 512):
        n = min(512, size - lo)
        drawn = draw_shares(central, region_idx, nregions, sigmas, n, rng)
        winner = drawn.argmax(axis=2)
        for p in range(nparties):
            won = winner == p
            totals[lo : lo + n, p] = won.sum(axis=1)
            wins[:, p] += won.sum(axis=0)
    return totals


def draw_shares(
    central: Array,
    region_idx: npt.NDArray[np.intp],
    nregions: int,
    sigmas: Sigmas,
    n: int,
    rng: np.random.Generator,
) -> Array:
    """``n`` simulated elections' shares (n x seats x parties) around ``central``, ``-inf``
    where a party does not stand; ``sigmas`` spelled out per region."""
    nseats, nparties = central.shape
    masked = np.where(central > 0, central, -np.inf)
    nat = rng.standard_normal((n, 1, nparties)) * sigmas.national[None]
    reg = nat + rng.standard_normal((n, nregions, nparties)) * sigmas.regional[None]
    seat = rng.standard_normal((n, nseats, nparties)) * sigmas.seat
    return np.asarray(masked + reg[:, region_idx, :] + seat, dtype=np.float64)
