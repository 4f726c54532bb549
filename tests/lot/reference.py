"""An independent LEXIMIN for tiny instances: enumerate every feasible panel of people and
run the textbook level-by-level LPs (scipy), fixing a person when no optimal lottery of the
level can lift them above it.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
from scipy.optimize import linprog

from hustings.lot.model import Instance
from hustings.lot.select import panel_problems


def feasible_panels(instance: Instance) -> list[tuple[int, ...]]:
    people = instance.people
    return [
        combo
        for combo in combinations(range(len(people)), instance.size)
        if not panel_problems(instance, tuple(people[i].id for i in combo))
    ]


def brute_leximin(instance: Instance) -> np.ndarray:
    panels = feasible_panels(instance)
    n, m = len(instance.people), len(panels)
    member = np.zeros((n, m))
    for j, panel in enumerate(panels):
        member[list(panel), j] = 1.0
    fixed = np.full(n, np.nan)
    while np.isnan(fixed).any():
        free = np.isnan(fixed)
        level = _max_min(member, fixed, free)
        for i in np.flatnonzero(free):
            if _max_one(member, fixed, free, level, i) <= level + 1e-7:
                fixed[i] = level
    return fixed


def _constraints(member: np.ndarray, fixed: np.ndarray, free: np.ndarray, z_col: bool):
    n, m = member.shape
    extra = 1 if z_col else 0
    rows, rhs = [], []
    for i in range(n):
        row = np.concatenate([-member[i], [1.0] if (z_col and free[i]) else [0.0] * extra])
        rows.append(row)
        rhs.append(0.0 if (z_col and free[i]) else -(fixed[i] if not free[i] else 0.0))
    eq = np.concatenate([np.ones(m), [0.0] * extra])[None, :]
    return np.array(rows), np.array(rhs), eq


def _max_min(member: np.ndarray, fixed: np.ndarray, free: np.ndarray) -> float:
    m = member.shape[1]
    a_ub, b_ub, a_eq = _constraints(member, fixed, free, True)
    cost = np.concatenate([np.zeros(m), [-1.0]])
    res = linprog(
        cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=[(0, None)] * m + [(None, None)]
    )
    return float(-res.fun)


def _max_one(member, fixed, free, level, target) -> float:
    m = member.shape[1]
    floor = np.where(free, level, fixed)
    res = linprog(
        -member[target],
        A_ub=-member,
        b_ub=-(floor - 1e-9),
        A_eq=np.ones((1, m)),
        b_eq=[1.0],
        bounds=[(0, None)] * m,
    )
    return float(-res.fun)
