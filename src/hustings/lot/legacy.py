"""LEGACY: the greedy draw the Sortition Foundation used before LEXIMIN, for comparison.

Person by person: among the feature values still short of their minimum, take the one whose
shortfall is largest relative to the people left who have it, and pick one of those people
uniformly at random; drop everyone whose value has reached its maximum (and the chosen
person's household). A run that gets stuck starts again. Its selection probabilities are
not known in closed form, so the lottery is the empirical one from many seeded runs.

Picking a person uniformly among those left with a value is the same as picking their type
with probability proportional to how many of its members are left, so runs work on types.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from hustings.errors import DataError
from hustings.lot.feasibility import ensure_feasible
from hustings.lot.model import Distribution, Instance

Allocation = tuple[Distribution, dict[str, float]]
IntArray = NDArray[np.int64]
SAMPLES = 1000
ATTEMPTS = 1000


@dataclass(frozen=True)
class _Tables:
    member: NDArray[np.bool_]  # type x quota: the type has the quota's value
    sizes: IntArray
    mins: IntArray
    maxs: IntArray
    mates: tuple[tuple[int, ...], ...]  # types sharing a household with each type


def _tables(instance: Instance) -> _Tables:
    items = instance.quotas.items
    features = instance.quotas.features
    member = np.array(
        [[t.features[features.index(q.feature)] == q.value for q in items] for t in instance.types]
    )
    type_of = instance.type_of
    mates: list[tuple[int, ...]] = [() for _ in instance.types]
    for group in instance.households:
        for i in group:
            mates[type_of[i]] = tuple(type_of[j] for j in group if j != i)
    return _Tables(
        member,
        np.array([t.size for t in instance.types], dtype=np.int64),
        np.array([q.min for q in items], dtype=np.int64),
        np.array([q.max for q in items], dtype=np.int64),
        tuple(mates),
    )


def legacy_panel(instance: Instance, rng: np.random.Generator) -> tuple[int, ...]:
    """One LEGACY panel as counts per type, retrying stuck runs."""
    tables = _tables(instance)
    return _run(tables, instance.size, rng)


def _run(tables: _Tables, size: int, rng: np.random.Generator) -> tuple[int, ...]:
    for _ in range(ATTEMPTS):
        panel = _attempt(tables, size, rng)
        if panel is not None:
            return panel
    raise DataError(
        f"LEGACY got stuck {ATTEMPTS} times in a row",
        hint="the quotas are too tight for the greedy draw; use --method leximin",
    )


def _attempt(t: _Tables, size: int, rng: np.random.Generator) -> tuple[int, ...] | None:
    left = t.sizes.copy()
    selected = np.zeros(t.mins.shape[0], dtype=np.int64)
    counts = np.zeros(t.sizes.shape[0], dtype=np.int64)
    for _ in range(size):
        available = left @ t.member
        short = t.mins - selected
        if (short > available).any():
            return None
        weights = left
        if (short > 0).any():
            ratio = np.where(short > 0, short / np.maximum(available, 1), -1.0)
            ties = np.flatnonzero(ratio == ratio.max())
            weights = left * t.member[:, ties[rng.integers(ties.size)]]
        total = int(weights.sum())
        if total == 0:
            return None
        kind = int(np.searchsorted(np.cumsum(weights), rng.integers(total), side="right"))
        counts[kind] += 1
        left[kind] -= 1
        left[list(t.mates[kind])] = 0
        selected += t.member[kind]
        full = selected >= t.maxs
        if full.any():
            left[t.member[:, full].any(axis=1)] = 0
    return tuple(int(c) for c in counts) if (selected >= t.mins).all() else None


def legacy_lottery(
    instance: Instance, rng: np.random.Generator, *, samples: int = SAMPLES
) -> Allocation:
    """The empirical lottery of ``samples`` LEGACY runs, as compositions over types."""
    ensure_feasible(instance)
    tables = _tables(instance)
    tally = Counter(_run(tables, instance.size, rng) for _ in range(samples))
    order = sorted(tally)
    dist = Distribution(instance.types, tuple(order), tuple(tally[c] / samples for c in order))
    return dist, {"samples": float(samples), "panels_generated": float(len(order))}


def legacy(instance: Instance, rng: np.random.Generator) -> Allocation:
    """Registry entry: the LEGACY lottery from the default number of runs."""
    return legacy_lottery(instance, rng)
