"""LEXIMIN and MAXIMIN by column generation (Flanigan, Goelz, Gupta, Hennig and Procaccia,
Nature 2021), on open solvers only.

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

from hustings.errors import DataError
from hustings.lot.feasibility import Constraints, best_panel, ensure_feasible
from hustings.lot.instance import panel_constraints, type_sizes
from hustings.lot.model import Distribution, Instance
from hustings.lot.solver import FloatArray, Problem, solve

Allocation = tuple[Distribution, dict[str, float]]
DUAL_EPS = 1e-6
PRICE_EPS = 1e-7
FIX_SLACK = 1e-9
SEED_PANELS = 12


class _Columns:
    """The panels generated so far, as counts and as per-member shares of each type."""

    def __init__(self, sizes: FloatArray) -> None:
        self.sizes = sizes
        self.counts: list[tuple[int, ...]] = []
        self._seen: set[tuple[int, ...]] = set()

    def add(self, counts: tuple[int, ...]) -> bool:
        if counts in self._seen:
            return False
        self._seen.add(counts)
        self.counts.append(counts)
        return True

    def shares(self) -> FloatArray:
        return np.array(self.counts, dtype=np.float64) / self.sizes


def leximin(instance: Instance, rng: np.random.Generator) -> Allocation:
    """The lottery that maximises the lowest probability, then the next lowest, and so on."""
    return _levels(instance, every_level=True)


def maximin(instance: Instance, rng: np.random.Generator) -> Allocation:
    """The first LEXIMIN level only: maximise the lowest selection probability."""
    return _levels(instance, every_level=False)


def _levels(instance: Instance, *, every_level: bool) -> Allocation:
    ensure_feasible(instance)
    constraints = panel_constraints(instance)
    sizes = type_sizes(instance)
    columns = _seed_columns(instance, constraints, sizes)
    fixed = np.full(len(sizes), np.nan)
    fixed[_never_selected(instance, constraints, columns)] = 0.0
    stats = {"levels": 0.0, "pricing_calls": 0.0, "never_selected": float((fixed == 0).sum())}
    while np.isnan(fixed).any():
        level, y, calls = _level(instance, constraints, columns, fixed)
        stats["levels"] += 1
        stats["pricing_calls"] += calls
        free = np.isnan(fixed)
        tight = free & (y > DUAL_EPS)
        if not tight.any():
            tight = free & (y >= y[free].max())
        fixed[tight if every_level else free] = level - FIX_SLACK
    weights = _lottery(columns, fixed)
    stats["panels_generated"] = float(len(columns.counts))
    keep = [j for j, w in enumerate(weights) if w > 1e-12]
    total = float(sum(weights[j] for j in keep))
    order = sorted(keep, key=lambda j: columns.counts[j])
    dist = Distribution(
        instance.types,
        tuple(columns.counts[j] for j in order),
        tuple(float(weights[j]) / total for j in order),
    )
    return dist, stats


def _seed_columns(instance: Instance, constraints: Constraints, sizes: FloatArray) -> _Columns:
    columns = _Columns(sizes)
    weights = np.ones(len(sizes))
    for _ in range(min(SEED_PANELS, len(sizes))):
        found = best_panel(instance, weights / sizes, constraints)
        if found is None:
            break
        columns.add(found[0])
        weights *= 1.0 - 0.5 * np.array(found[0]) / sizes
    return columns


def _never_selected(instance: Instance, constraints: Constraints, columns: _Columns) -> list[int]:
    """Types in no quota-feasible panel: those absent from every panel so far for which the
    panel holding most of them holds none (each such panel found is kept as a column)."""
    seen = np.array(columns.counts).sum(axis=0) > 0
    never = []
    for t in np.flatnonzero(~seen):
        if seen[t]:
            continue
        found = best_panel(instance, np.eye(len(seen))[t], constraints)
        if found is None or found[1] < 0.5:
            never.append(int(t))
            continue
        columns.add(found[0])
        seen |= np.array(found[0]) > 0
    return never


def _level(
    instance: Instance, constraints: Constraints, columns: _Columns, fixed: FloatArray
) -> tuple[float, FloatArray, int]:
    calls = 0
    while True:
        y, yhat, value = _restricted_dual(columns, fixed)
        found = best_panel(instance, y / columns.sizes, constraints)
        calls += 1
        if found is None:
            raise DataError("the pricing MILP found no panel", hint="report this as a bug")
        if found[1] <= yhat + PRICE_EPS or not columns.add(found[0]):
            return value, y, calls


def _restricted_dual(columns: _Columns, fixed: FloatArray) -> tuple[FloatArray, float, float]:
    shares = columns.shares()
    n_panels, n = shares.shape
    free = np.isnan(fixed)
    cost = np.concatenate([np.where(free, 0.0, -np.nan_to_num(fixed)), [1.0]])
    a = np.vstack([np.hstack([shares, -np.ones((n_panels, 1))]), [*free.astype(float), 0.0]])
    row_lo = np.concatenate([np.full(n_panels, -np.inf), [1.0]])
    row_hi = np.concatenate([np.zeros(n_panels), [1.0]])
    col_lo = np.concatenate([np.zeros(n), [-np.inf]])
    col_hi = np.full(n + 1, np.inf)
    sol = solve(Problem(cost, a, row_lo, row_hi, col_lo, col_hi))
    if not sol.optimal:
        raise DataError(f"the level LP ended '{sol.status}'", hint="report this as a bug")
    return sol.x[:n], float(sol.x[n]), sol.objective


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
