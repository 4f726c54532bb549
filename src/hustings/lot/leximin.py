"""LEXIMIN and MAXIMIN by column generation (Flanigan, Goelz, Gupta, Hennig and Procaccia,
Nature 2021), on open solvers only.

LEXIMIN first tries the LP relaxation (``hustings.lot.relaxed``): when the relaxation's
LEXIMIN point splits into panels, that lottery is the answer and no level below runs.

Each level maximises the lowest selection probability among the types not yet fixed, with
the types fixed at earlier levels held at their values. The level is solved through its dual
(minimise ``yhat - sum_fixed f_t y_t`` subject to ``sum_t share_tP y_t <= yhat`` for every
panel ``P`` and ``sum_unfixed y_t = 1``) over a growing set of panels; a pricing MILP finds
the panel that most violates the dual, until none does. Types with positive dual weight are
at the level's value in every optimal lottery, so they are fixed and the next level begins.
A last LP finds the lottery over the generated panels that gives every type its level.

People whom no quota-feasible panel can hold (a value with maximum 0, say) are found first
and held at 0, so the first level maximises the minimum over everyone else; otherwise that
level would be 0 and MAXIMIN's lottery arbitrary.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from hustings.errors import DataError
from hustings.lot.feasibility import ensure_feasible
from hustings.lot.instance import panel_constraints, type_sizes
from hustings.lot.model import Distribution, Instance
from hustings.lot.relaxed import FaceWalk, relaxed_levels
from hustings.lot.solver import FloatArray, LiveModel, Problem, solve

Allocation = tuple[Distribution, dict[str, float]]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]
DUAL_EPS = 1e-6
PRICE_EPS = 1e-7
FIX_SLACK = 1e-9
SEED_PANELS = 12
LOOSE_GAP = 1e-2
REACH_TOL = 1e-7


class _Columns:
    """The panels generated so far, as counts and as per-member shares of each type."""

    def __init__(self, sizes: FloatArray) -> None:
        self.sizes = sizes
        self.counts: list[tuple[int, ...]] = []
        self._seen: set[tuple[int, ...]] = set()
        self._array = np.zeros((16, len(sizes)))

    def add(self, counts: tuple[int, ...]) -> bool:
        if counts in self._seen:
            return False
        if len(self.counts) == len(self._array):
            self._array = np.vstack([self._array, np.zeros_like(self._array)])
        self._array[len(self.counts)] = counts
        self._seen.add(counts)
        self.counts.append(counts)
        return True

    def array(self) -> FloatArray:
        """The panels' counts, one row per panel."""
        return self._array[: len(self.counts)]

    def shares(self) -> FloatArray:
        return self.array() / self.sizes


def leximin(instance: Instance, rng: np.random.Generator) -> Allocation:
    """The lottery that maximises the lowest probability, then the next lowest, and so on."""
    return _levels(instance, every_level=True)


def maximin(instance: Instance, rng: np.random.Generator) -> Allocation:
    """The first LEXIMIN level only: maximise the lowest selection probability."""
    return _levels(instance, every_level=False)


def _levels(instance: Instance, *, every_level: bool) -> Allocation:
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _solve_levels(instance, every_level=every_level)


def _solve_levels(instance: Instance, *, every_level: bool) -> Allocation:
    ensure_feasible(instance)
    pricer = _Pricer(instance)
    swaps = _Swaps(instance)
    sizes = type_sizes(instance)
    columns = _seed_columns(pricer, sizes)
    fixed = np.full(len(sizes), np.nan)
    never = _cover(pricer, columns)
    fixed[never] = 0.0
    stats = {"levels": 0.0, "pricing_calls": 0.0, "never_selected": float(len(never))}
    if every_level:
        found = _by_relaxation(instance, never, columns, stats)
        if found is not None:
            return found, stats
    while np.isnan(fixed).any():
        level, y, calls = _level(pricer, swaps, columns, fixed)
        stats["levels"] += 1
        stats["pricing_calls"] += calls
        free = np.isnan(fixed)
        tight = free & (y > DUAL_EPS)
        if not tight.any():
            tight = free & (y >= y[free].max())
        fixed[tight if every_level else free] = level - FIX_SLACK
    weights = _lottery(columns, fixed)
    stats["panels_generated"] = float(len(columns.counts))
    return _distribution(instance, columns.counts, weights), stats


def _distribution(
    instance: Instance, counts: list[tuple[int, ...]], weights: FloatArray
) -> Distribution:
    merged: dict[tuple[int, ...], float] = {}
    for panel, weight in zip(counts, weights, strict=True):
        if weight > 1e-12:
            merged[panel] = merged.get(panel, 0.0) + float(weight)
    total = sum(merged.values())
    order = sorted(merged)
    return Distribution(instance.types, tuple(order), tuple(merged[c] / total for c in order))


def _by_relaxation(
    instance: Instance, never: list[int], columns: _Columns, stats: dict[str, float]
) -> Distribution | None:
    """The LEXIMIN lottery when the relaxation's LEXIMIN point splits into panels (see
    ``hustings.lot.relaxed``); else None, with the panels found added to ``columns``."""
    target = relaxed_levels(instance, never)
    if target is None:
        return None
    walk = FaceWalk(instance, never)
    lottery = walk.split(target, max_steps=4 * len(target) + 100)
    stats["walk_steps"] = float(walk.steps)
    for panel in walk.found:
        columns.add(panel)
    if lottery is None:
        return None
    weights = np.array([w for w, _ in lottery])
    panels = [c for _, c in lottery]
    reached = weights @ np.array(panels, dtype=np.float64) / columns.sizes
    if not (reached >= target - REACH_TOL).all() or abs(weights.sum() - 1.0) > REACH_TOL:
        return None
    stats["levels"] = float(len(np.unique(np.round(target[target > 0], 9))))
    stats["panels_generated"] = float(len(set(panels)))
    stats["relaxation_exact"] = 1.0
    return _distribution(instance, panels, weights)


class _Pricer:
    """The pricing MILP, kept live: each call only changes the objective."""

    def __init__(self, instance: Instance) -> None:
        a, lo, hi, _ = panel_constraints(instance)
        n = a.shape[1]
        zero = np.zeros(n)
        self.size = instance.size
        self.model = LiveModel(Problem(zero, a, lo, hi, zero, type_sizes(instance), True, True))

    def best(self, weights: FloatArray, beat: float | None = None) -> tuple[tuple[int, ...], float]:
        """The quota-feasible composition maximising ``weights @ counts``; with ``beat``, any
        composition worth more than ``beat`` will do (the search stops within 1% of the best,
        and is finished exactly only when that one is not worth more than ``beat``)."""
        self.model.set_cost(weights)
        if beat is not None:
            self.model.highs.setOptionValue("mip_rel_gap", LOOSE_GAP)
            counts, value = self._run(weights)
            self.model.highs.setOptionValue("mip_rel_gap", 1e-9)
            bound = float(self.model.highs.getInfo().mip_dual_bound)
            if value > beat or bound <= beat:
                return counts, value
        return self._run(weights)

    def _run(self, weights: FloatArray) -> tuple[tuple[int, ...], float]:
        sol = self.model.solve()
        if not sol.optimal:
            raise DataError(f"the pricing MILP ended '{sol.status}'", hint="report this as a bug")
        counts = tuple(round(float(v)) for v in sol.x)
        return counts, float(np.dot(weights, counts))


class _Dual:
    """One level's restricted dual LP, kept live: each new panel adds one row."""

    def __init__(self, columns: _Columns, fixed: FloatArray) -> None:
        shares = columns.shares()
        n_panels, n = shares.shape
        free = np.isnan(fixed)
        cost = np.concatenate([np.where(free, 0.0, -np.nan_to_num(fixed)), [1.0]])
        a = np.vstack([np.hstack([shares, -np.ones((n_panels, 1))]), [*free.astype(float), 0.0]])
        row_lo = np.concatenate([np.full(n_panels, -np.inf), [1.0]])
        row_hi = np.concatenate([np.zeros(n_panels), [1.0]])
        col_lo = np.concatenate([np.zeros(n), [-np.inf]])
        self.n = n
        self.sizes = columns.sizes
        self.model = LiveModel(Problem(cost, a, row_lo, row_hi, col_lo, np.full(n + 1, np.inf)))

    def add(self, counts: tuple[int, ...]) -> None:
        row = np.append(np.array(counts, dtype=np.float64) / self.sizes, -1.0)
        self.model.add_rows(row[None, :], np.array([-np.inf]), np.array([0.0]))

    def solve(self) -> tuple[FloatArray, float, float]:
        sol = self.model.solve()
        if not sol.optimal:
            raise DataError(f"the level LP ended '{sol.status}'", hint="report this as a bug")
        return sol.x[: self.n], float(sol.x[self.n]), sol.objective


class _Swaps:
    """A cheap pricing heuristic: from the best panels generated so far, move one seat at a
    time from one type to another while that keeps every constraint and raises the panel's
    worth. The exact MILP is needed only when this finds nothing worth more than the level.

    Constraint rows are 0/1, so a move from type ``i`` to ``j`` breaks a row only if the row is
    full and counts ``j`` but not ``i``, or is at its minimum and counts ``i`` but not ``j``.
    Rows that count every type (the panel size) never break; each other row is a short list of
    types, so each round marks the blocked moves row by row, touching only the types in rows
    that are full or at their minimum."""

    ROUNDS = 60
    STARTS = 4

    def __init__(self, instance: Instance) -> None:
        a, lo, hi, _ = panel_constraints(instance)
        keep = ~(a > 0).all(axis=1)
        self.a = a[keep].astype(np.float32)
        self.lo, self.hi = lo[keep], hi[keep]
        self.sizes = type_sizes(instance)

    def improve(self, columns: _Columns, weights: FloatArray, beat: float) -> list[tuple[int, ...]]:
        """Panels worth more than ``beat`` (possibly none), one per start."""
        panels = columns.array()
        values = panels @ weights
        found: dict[tuple[int, ...], None] = {}
        for start in np.argsort(-values)[: self.STARTS]:
            counts = self._climb(panels[start].copy(), weights)
            if float(np.dot(weights, counts)) > beat:
                found[counts] = None
        return list(found)

    def _climb(self, x: FloatArray, weights: FloatArray) -> tuple[int, ...]:
        totals = self.a @ x
        for _ in range(self.ROUNDS):
            source = np.flatnonzero(x > 0)
            floor = weights[source].min()
            dest = np.flatnonzero((x < self.sizes) & (weights > floor + 1e-12))
            if not dest.size:
                break
            source = source[weights[source] < weights[dest].max() - 1e-12]
            gain = weights[dest][:, None] - weights[source][None, :]
            gain[self._blocked(totals, source, dest)] = -np.inf
            j, i = np.unravel_index(int(np.argmax(gain)), gain.shape)
            if not gain[j, i] > 1e-12:
                break
            x[source[i]] -= 1
            x[dest[j]] += 1
            totals += self.a[:, dest[j]] - self.a[:, source[i]]
        return tuple(round(float(v)) for v in x)

    def _blocked(self, totals: FloatArray, source: IntArray, dest: IntArray) -> BoolArray:
        """Which moves (rows ``dest``, columns ``source``) break a full or minimal row."""
        full = self.a[totals >= self.hi - 0.5]
        full = full[full[:, dest].any(axis=1)]
        low = self.a[totals <= self.lo + 0.5]
        low = low[low[:, source].any(axis=1)]
        one = np.float32(1.0)
        hits = full[:, dest].T @ (one - full[:, source]) + (one - low[:, dest]).T @ low[:, source]
        blocked: BoolArray = hits > 0
        return blocked


def _seed_columns(pricer: _Pricer, sizes: FloatArray) -> _Columns:
    columns = _Columns(sizes)
    weights = np.ones(len(sizes))
    for _ in range(min(SEED_PANELS, len(sizes))):
        found = pricer.best(weights / sizes)
        columns.add(found[0])
        weights *= 1.0 - 0.5 * np.array(found[0]) / sizes
    return columns


def _cover(pricer: _Pricer, columns: _Columns) -> list[int]:
    """Add panels until every type is in one, each holding as many people of types in no
    panel yet as the quotas allow (ties broken towards types in few panels so far, worth
    at most 0.25 in all); the types left when that most is 0 are those no
    quota-feasible panel can hold, returned so they are held at 0 (else the first level is 0
    and MAXIMIN's lottery arbitrary)."""
    share = columns.array().sum(axis=0) / columns.sizes
    seen = share > 0
    while not seen.all():
        tie = 0.25 / pricer.size / columns.sizes / (1.0 + share)
        counts, value = pricer.best(np.where(seen, tie, 1.0), beat=0.5)
        if value < 0.5:
            return [int(t) for t in np.flatnonzero(~seen)]
        columns.add(counts)
        share += np.array(counts) / columns.sizes
        seen = share > 0
    return []


def _level(
    pricer: _Pricer, swaps: _Swaps, columns: _Columns, fixed: FloatArray
) -> tuple[float, FloatArray, int]:
    dual = _Dual(columns, fixed)
    calls = 0
    while True:
        y, yhat, value = dual.solve()
        weights = y / columns.sizes
        better = [c for c in swaps.improve(columns, weights, yhat + PRICE_EPS) if columns.add(c)]
        if not better:
            counts, price = pricer.best(weights, beat=yhat + PRICE_EPS)
            calls += 1
            if price <= yhat + PRICE_EPS or not columns.add(counts):
                return value, y, calls
            better = [counts]
        for counts in better:
            dual.add(counts)


def _lottery(columns: _Columns, fixed: FloatArray) -> FloatArray:
    shares = columns.shares()
    n_panels, n = shares.shape
    a = np.vstack([np.ones(n_panels), shares.T])
    for slack in (0.0, 1e-7, 1e-5):
        row_lo = np.concatenate([[1.0], fixed - slack])
        row_hi = np.concatenate([[1.0], np.full(n, np.inf)])
        problem = Problem(
            np.zeros(n_panels), a, row_lo, row_hi, np.zeros(n_panels), np.full(n_panels, np.inf)
        )
        sol = solve(problem)
        if sol.optimal:
            return np.clip(sol.x, 0.0, None)
    raise DataError("no lottery over the generated panels meets the levels", hint="report this")
