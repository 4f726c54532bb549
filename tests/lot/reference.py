"""An independent LEXIMIN for tiny instances: enumerate every feasible panel of people and
run the textbook level-by-level LPs, fixing a person when no optimal lottery of the level can
lift them above it. It shares only the LP solver call with the library.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from hustings.lot.model import Instance
from hustings.lot.select import panel_problems
from hustings.lot.solver import Problem, solve


def feasible_panels(instance: Instance) -> list[tuple[int, ...]]:
    people = instance.people
    return [
        combo
        for combo in combinations(range(len(people)), instance.size)
        if not panel_problems(instance, tuple(people[i].id for i in combo))
    ]


def brute_leximin(instance: Instance) -> np.ndarray:
    panels = feasible_panels(instance)
    member = np.zeros((len(instance.people), len(panels)))
    for j, panel in enumerate(panels):
        member[list(panel), j] = 1.0
    fixed = np.full(member.shape[0], np.nan)
    while np.isnan(fixed).any():
        free = np.isnan(fixed)
        level = _max_min(member, fixed, free)
        for i in np.flatnonzero(free):
            if _max_one(member, np.where(free, level, fixed), i) <= level + 1e-7:
                fixed[i] = level
    return fixed


def _max_min(member: np.ndarray, fixed: np.ndarray, free: np.ndarray) -> float:
    """max z: every free person >= z, every fixed person >= their value, lottery sums to 1."""
    n, m = member.shape
    a = np.vstack([np.hstack([member, -free[:, None].astype(float)]), [*np.ones(m), 0.0]])
    row_lo = np.concatenate([np.where(free, 0.0, fixed), [1.0]])
    row_hi = np.concatenate([np.full(n, np.inf), [1.0]])
    cost = np.concatenate([np.zeros(m), [1.0]])
    col_lo = np.concatenate([np.zeros(m), [-np.inf]])
    sol = solve(Problem(cost, a, row_lo, row_hi, col_lo, np.full(m + 1, np.inf), maximize=True))
    return float(sol.x[m])


def _max_one(member: np.ndarray, floor: np.ndarray, target: int) -> float:
    """The most ``target`` can get while everyone keeps their floor."""
    n, m = member.shape
    a = np.vstack([member, np.ones(m)])
    row_lo = np.concatenate([floor - 1e-9, [1.0]])
    row_hi = np.concatenate([np.full(n, np.inf), [1.0]])
    problem = Problem(member[target], a, row_lo, row_hi, np.zeros(m), np.full(m, np.inf))
    sol = solve(Problem(**{**problem.__dict__, "maximize": True}))
    return sol.objective
