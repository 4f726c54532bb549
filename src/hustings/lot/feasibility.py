"""Panels that meet the quotas: best panel for given weights (the pricing MILP), and when
none exists, which quotas conflict and the smallest relaxation that makes them feasible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from hustings.errors import InvalidInputError
from hustings.lot.instance import panel_constraints, type_sizes
from hustings.lot.model import Instance
from hustings.lot.solver import FloatArray, Problem, solve


@dataclass(frozen=True)
class Change:
    """One quota bound moved by the relaxation."""

    label: str
    bound: str
    old: int
    new: int

    def __str__(self) -> str:
        return f"{self.label} {self.bound} {self.old} -> {self.new}"


@dataclass(frozen=True)
class Relaxation:
    """The smallest total change to quota bounds that admits a panel.

    ``within_flex`` says whether it stays inside the min_flex/max_flex columns.
    """

    changes: tuple[Change, ...]
    within_flex: bool

    @property
    def total(self) -> int:
        return sum(abs(c.new - c.old) for c in self.changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "conflicting": sorted({c.label for c in self.changes}),
            "changes": [vars(c) for c in self.changes],
            "total": self.total,
            "within_flex": self.within_flex,
        }


Constraints = tuple[FloatArray, FloatArray, FloatArray, list[str]]


def best_panel(
    instance: Instance, weights: FloatArray, constraints: Constraints | None = None
) -> tuple[tuple[int, ...], float] | None:
    """The quota-feasible composition maximising ``weights @ counts`` (None if infeasible)."""
    a, lo, hi, _ = constraints or panel_constraints(instance)
    n = a.shape[1]
    problem = Problem(weights, a, lo, hi, np.zeros(n), type_sizes(instance), True, True)
    sol = solve(problem)
    if not sol.optimal:
        return None
    counts = tuple(round(float(v)) for v in sol.x)
    return counts, float(np.dot(weights, counts))


def ensure_feasible(instance: Instance) -> tuple[int, ...]:
    """A feasible composition, or raise naming the conflicting quotas and the fix."""
    found = best_panel(instance, np.zeros(len(instance.types)))
    if found is not None:
        return found[0]
    relaxation = diagnose(instance)
    changes = "; ".join(str(c) for c in relaxation.changes) or "none found"
    conflicting = ", ".join(relaxation.to_json()["conflicting"])
    if not conflicting:
        raise InvalidInputError(
            f"no panel of {instance.size} meets every quota with at most one person per home,"
            " and no change to the quota bounds alone admits one",
            hint="check the household columns, or lower the panel size",
        )
    raise InvalidInputError(
        f"no panel of {instance.size} meets every quota: conflicting {conflicting}",
        hint=f"smallest relaxation: {changes}"
        + ("" if relaxation.within_flex else " (beyond min_flex/max_flex)"),
        relaxation=[str(c) for c in relaxation.changes],
    )


def diagnose(instance: Instance) -> Relaxation:
    """The smallest relaxation of quota bounds (within the flex bounds if possible)."""
    for use_flex in (True, False):
        found = _relax(instance, use_flex)
        if found is not None:
            return Relaxation(found, use_flex)
    return Relaxation((), False)


def _relax(instance: Instance, use_flex: bool) -> tuple[Change, ...] | None:
    a, lo, hi, _ = panel_constraints(instance)
    quotas = instance.quotas.items
    q, n, k = len(quotas), a.shape[1], instance.size
    rows = slice(1, 1 + q)
    down = np.array([q_.min - (q_.min_flex or 0) if use_flex else q_.min for q_ in quotas], float)
    up = np.array(
        [max(0, (q_.max_flex or q_.max) - q_.max) if use_flex else k for q_ in quotas], float
    )
    eye = np.zeros((a.shape[0], q))
    eye[rows] = np.eye(q)
    at_least = np.hstack([a, eye, np.zeros_like(eye)])  # a @ x + down >= lo
    at_most = np.hstack([a[rows], np.zeros((q, q)), -np.eye(q)])  # a @ x - up <= max
    big = np.vstack([at_least, at_most])
    relaxed_hi = hi.copy()
    relaxed_hi[rows] = np.inf
    row_lo = np.concatenate([lo, np.full(q, -np.inf)])
    row_hi = np.concatenate([relaxed_hi, hi[rows]])
    cost = np.concatenate([np.zeros(n), np.ones(2 * q)])
    col_hi = np.concatenate([type_sizes(instance), down, up])
    sol = solve(Problem(cost, big, row_lo, row_hi, np.zeros(n + 2 * q), col_hi, True, False))
    if not sol.optimal:
        return None
    return _changes(instance, sol.x[n:])


def _changes(instance: Instance, slack: FloatArray) -> tuple[Change, ...]:
    quotas = instance.quotas.items
    q = len(quotas)
    out = []
    for j, quota in enumerate(quotas):
        if (d := round(float(slack[j]))) > 0:
            out.append(Change(quota.label, "min", quota.min, quota.min - d))
        if (u := round(float(slack[q + j]))) > 0:
            out.append(Change(quota.label, "max", quota.max, quota.max + u))
    return tuple(out)
