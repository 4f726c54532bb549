"""Selection methods behind one registry, the top-level ``select`` and the audit checks."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from hustings.errors import InvalidInputError
from hustings.lot.draw import draw
from hustings.lot.instance import panel_constraints
from hustings.lot.legacy import legacy
from hustings.lot.leximin import leximin, maximin
from hustings.lot.model import Distribution, Instance, PersonType, SelectionResult

Method = Callable[[Instance, np.random.Generator], tuple[Distribution, dict[str, float]]]
METHODS: dict[str, Method] = {"leximin": leximin, "maximin": maximin, "legacy": legacy}


def select(
    instance: Instance, *, seed: str, method: str = "leximin", estimate_seed: int = 0
) -> SelectionResult:
    """Compute the lottery of ``method`` and draw one panel from it with ``seed``.

    ``estimate_seed`` drives only the runs LEGACY uses to estimate its lottery.
    """
    if method not in METHODS:
        raise InvalidInputError(
            f"unknown method '{method}'", hint=f"choose one of: {', '.join(METHODS)}"
        )
    start = time.perf_counter()
    distribution, stats = METHODS[method](instance, np.random.default_rng(estimate_seed))
    stats["seconds"] = time.perf_counter() - start
    return SelectionResult(
        method, instance, distribution, draw(distribution, instance.people, seed), stats
    )


def panel_problems(instance: Instance, ids: tuple[str, ...]) -> list[str]:
    """Every way the panel ``ids`` breaks the size, a quota, a household or an exclusion."""
    index = {p.id: i for i, p in enumerate(instance.people)}
    problems = [f"{pid} is not eligible" for pid in ids if pid not in index]
    counts = np.zeros(len(instance.types))
    type_of = instance.type_of
    for pid in ids:
        if pid in index:
            counts[type_of[index[pid]]] += 1
    return problems + composition_problems(instance, tuple(int(c) for c in counts))


def composition_problems(instance: Instance, counts: tuple[int, ...]) -> list[str]:
    """Every constraint row (size, quota, household) that ``counts`` per type breaks."""
    a, lo, hi, labels = panel_constraints(instance)
    totals = a @ np.array(counts, dtype=np.float64)
    out = [
        f"{label}: {int(v)} not in [{int(low)}, {int(high)}]"
        for label, v, low, high in zip(labels, totals, lo, hi, strict=True)
        if not low <= v <= high
    ]
    sizes = [t.size for t in instance.types]
    out += [
        f"type {t}: {c} > {s} people"
        for t, (c, s) in enumerate(zip(counts, sizes, strict=True))
        if c > s
    ]
    return out


@dataclass(frozen=True)
class Audit:
    """The checks on a published result: each is (name, passed, detail)."""

    checks: tuple[tuple[str, bool, str], ...]

    @property
    def ok(self) -> bool:
        return all(passed for _, passed, _ in self.checks)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checks": [{"check": n, "passed": p, "detail": d} for n, p, d in self.checks],
        }


def audit_result(instance: Instance, published: Mapping[str, Any]) -> Audit:
    """Check a published result JSON against the pool and quotas: every panel of its lottery
    meets the quotas, the probabilities follow from the lottery, and its seed gives its panel.
    """
    _check_shape(published)
    dist = _distribution(instance, published)
    bad = [
        f"panel {j}: {'; '.join(p)}"
        for j, c in enumerate(dist.compositions)
        if (p := composition_problems(instance, c))
    ]
    by_type = dist.type_probabilities()
    claimed = published.get("probabilities", {})
    worst = max(
        (
            abs(by_type[t] - float(claimed.get(instance.people[i].id, -1)))
            for t, k in enumerate(dist.types)
            for i in k.members
        ),
        default=0.0,
    )
    redraw = draw(dist, instance.people, str(published["draw"]["seed"]))
    same = list(redraw.panel) == list(published.get("panel", []))
    return Audit(
        (
            (
                "every panel meets the quotas",
                not bad,
                "; ".join(bad[:3]) or f"{len(dist.weights)} panels",
            ),
            ("probabilities follow from the lottery", worst < 1e-9, f"largest gap {worst:.2e}"),
            ("weights sum to 1", abs(sum(dist.weights) - 1) < 1e-9, f"{sum(dist.weights):.12f}"),
            ("the seed gives the published panel", same, f"seed '{redraw.seed}'"),
            ("the panel meets the quotas", not panel_problems(instance, redraw.panel), ""),
        )
    )


def _check_shape(published: Any) -> None:
    shapes = (("draw", Mapping), ("probabilities", Mapping), ("panel", list))
    for key, kind in shapes:
        if not isinstance(published, Mapping) or not isinstance(published.get(key), kind):
            raise InvalidInputError(
                f"the result file does not hold a lottery: no valid '{key}'",
                hint="pass the JSON written by 'hustings lot select --json'",
            )
    if "seed" not in published["draw"]:
        raise InvalidInputError(
            "the result file does not hold a lottery: no draw seed",
            hint="pass the JSON written by 'hustings lot select --json'",
        )


def _distribution(instance: Instance, published: Mapping[str, Any]) -> Distribution:
    index = {p.id: i for i, p in enumerate(instance.people)}
    try:
        body = published["distribution"]
        types = tuple(
            PersonType(tuple(t["features"]), tuple(index[m] for m in t["members"]))
            for t in body["types"]
        )
        comps = tuple(
            tuple(int(p["composition"].get(str(t), 0)) for t in range(len(types)))
            for p in body["panels"]
        )
        weights = tuple(float(p["probability"]) for p in body["panels"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInputError(
            f"the result file does not hold a lottery: missing or bad {exc}",
            hint="pass the JSON written by 'hustings lot select --json'",
        ) from None
    return Distribution(types, comps, weights)
