"""Benchmark: 100,000 simulated elections of the 632 GB seats x 10 parties with national,
regional and seat-level errors, compiled engine (numba) against the plain vectorised numpy
reference of the same simulation, in one run; prints both times, the ratio and peak memory.

    HUSTINGS_HOME=... .venv/bin/python benchmarks/projection_bench.py [--sims 100000]
        [--reference-sims 100000] [--threads N]

Uses the real 2024 projection (transition model from the 2019 notional base with the actual
shares) when a store exists, else a synthetic board of the same size.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
import tracemalloc

import numpy as np

from hustings.projection.simulate import Simulation, simulate
from hustings.projection.uncertainty import ErrorModel


def board() -> tuple[np.ndarray, tuple[str, ...], str]:
    """Central shares, regions and where they came from."""
    try:
        from hustings.data.api import Store
        from hustings.projection import parse_shares, project

        store = Store()
        result = project(store, shares=parse_shares("actual-2024", store), model="transition")
        regions = store.vote_matrix("2019-notional").regions
        return result.shares, regions, "real 2024 projection (transition)"
    except Exception as exc:  # no store: a synthetic board of the same shape
        rng = np.random.default_rng(0)
        central = rng.dirichlet(np.full(10, 0.6), size=632)
        regions = tuple(f"R{k % 11}" for k in range(632))
        return central, regions, f"synthetic ({type(exc).__name__})"


def timed(label: str, **kwargs: object) -> tuple[float, Simulation]:
    started, cpu = time.perf_counter(), time.process_time()
    sim = simulate(**kwargs)  # type: ignore[arg-type]
    elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    print(f"{label:<38} {elapsed:8.3f} s wall {used:8.3f} s cpu  (load {os.getloadavg()[0]:.1f})")
    return elapsed, sim


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sims", type=int, default=100_000)
    parser.add_argument("--reference-sims", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    import numba

    if args.threads:
        numba.set_num_threads(args.threads)
    central, regions, origin = board()
    errors = ErrorModel(0.047, 0.083, 0.124, (), ())  # the 'transition' sizes from all history
    sigmas = errors.sigmas(central, regions)
    common = {"central": central, "regions": regions, "sigmas": sigmas, "seed": 1}
    print(f"board: {origin}; {central.shape[0]} seats x {central.shape[1]} parties; "
          f"{os.cpu_count()} cpus, numba threads {numba.get_num_threads()}, "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    timed("compile + 1,000 sims (fast)", sims=1000, engine="fast", **common)
    rss0 = peak_rss_mb()
    label = f"fast, {args.sims:,} sims"
    runs = [timed(f"{label} (run {k})", sims=args.sims, engine="fast", **common) for k in (1, 2, 3)]
    fast = min(t for t, _ in runs)
    rss_fast = peak_rss_mb()
    tracemalloc.start()
    timed(
        f"fast, {10 * args.sims:,} sims (memory check)",
        sims=10 * args.sims,
        engine="fast",
        **common,
    )
    traced_fast = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rss_fast10 = peak_rss_mb()
    ref, ref_sim = timed(f"numpy reference, {args.reference_sims:,} sims", sims=args.reference_sims,
                         engine="numpy", **common)  # fmt: skip
    ref_scaled = ref * args.sims / args.reference_sims
    sim = runs[0][1]
    gap = np.abs(sim.win_counts / sim.sims - ref_sim.win_counts / ref_sim.sims).max()
    print()
    print(f"fast (best of 3):        {fast:.3f} s for {args.sims:,} sims")
    print(f"numpy reference:         {ref_scaled:.3f} s for {args.sims:,} sims")
    print(f"ratio:                   {ref_scaled / fast:.1f}x")
    print(f"peak RSS: {rss0:.0f} MB before, {rss_fast:.0f} MB after {args.sims:,} sims, "
          f"{rss_fast10:.0f} MB after {10 * args.sims:,}; python-side peak in the 10x run "
          f"{traced_fast:.1f} MB")  # fmt: skip
    print(f"largest gap in a win probability, fast vs numpy: {gap:.4f}")


if __name__ == "__main__":
    main()
