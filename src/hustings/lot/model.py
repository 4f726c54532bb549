"""Domain types of selection by lot: pool, quotas, instance, distribution, draw and result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Person:
    """One row of the pool: its id, quota features, household key and every raw column."""

    id: str
    features: Mapping[str, str]
    row: int
    household: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Pool:
    """Everyone who could be selected, in file order."""

    people: tuple[Person, ...]
    source: str = ""

    def __len__(self) -> int:
        return len(self.people)


@dataclass(frozen=True)
class Quota:
    """Bounds on how many panel members may have ``feature == value``.

    ``min_flex``/``max_flex`` (Sortition Foundation shape) bound how far a relaxation may go.
    """

    feature: str
    value: str
    min: int
    max: int
    min_flex: int | None = None
    max_flex: int | None = None

    @property
    def label(self) -> str:
        return f"{self.feature}={self.value}"

    def to_json(self) -> dict[str, Any]:
        return {"feature": self.feature, "value": self.value, "min": self.min, "max": self.max}


@dataclass(frozen=True)
class Quotas:
    """All quotas of one selection, in file order."""

    items: tuple[Quota, ...]
    source: str = ""

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q.feature for q in self.items))

    def values(self, feature: str) -> tuple[str, ...]:
        return tuple(q.value for q in self.items if q.feature == feature)


@dataclass(frozen=True)
class Exclusions:
    """People who may not be selected: by id, or by a rule ``column == value``."""

    ids: frozenset[str] = frozenset()
    rules: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PersonType:
    """Pool members who are interchangeable: same features (and, for members of a shared
    household, the same household). ``members`` index ``Instance.people``.
    """

    features: tuple[str, ...]
    members: tuple[int, ...]
    household: str | None = None

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Instance:
    """A checked selection problem: eligible people grouped into types, quotas, panel size."""

    people: tuple[Person, ...]
    quotas: Quotas
    size: int
    types: tuple[PersonType, ...]
    households: tuple[tuple[int, ...], ...]
    excluded: tuple[str, ...] = ()

    @property
    def type_of(self) -> tuple[int, ...]:
        out = [0] * len(self.people)
        for t, kind in enumerate(self.types):
            for i in kind.members:
                out[i] = t
        return tuple(out)


@dataclass(frozen=True)
class Distribution:
    """A lottery over panel compositions: ``compositions[j][t]`` people of type ``t`` are
    drawn (uniformly within the type) with probability ``weights[j]``.
    """

    types: tuple[PersonType, ...]
    compositions: tuple[tuple[int, ...], ...]
    weights: tuple[float, ...]

    def type_probabilities(self) -> tuple[float, ...]:
        """Selection probability of each member of each type."""
        out = []
        for t, kind in enumerate(self.types):
            expected = sum(w * c[t] for c, w in zip(self.compositions, self.weights, strict=True))
            out.append(expected / kind.size)
        return tuple(out)

    def to_json(self, people: tuple[Person, ...]) -> dict[str, Any]:
        return {
            "types": [
                {"features": list(k.features), "members": [people[i].id for i in k.members]}
                for k in self.types
            ],
            "panels": [
                {"probability": w, "composition": {str(t): c for t, c in enumerate(comp) if c}}
                for comp, w in zip(self.compositions, self.weights, strict=True)
            ],
        }


@dataclass(frozen=True)
class Draw:
    """A seeded draw anyone can repeat: the seed, its SHA-256, the uniform number it gave,
    the composition it picked and the panel.
    """

    seed: str
    digest: str
    uniform: float
    composition: int
    panel: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "sha256": self.digest,
            "uniform": self.uniform,
            "composition": self.composition,
            "panel": list(self.panel),
        }


@dataclass(frozen=True)
class SelectionResult:
    """The outcome of ``select``: the drawn panel, everyone's probability and the lottery."""

    method: str
    instance: Instance
    distribution: Distribution
    draw: Draw
    stats: Mapping[str, float] = field(default_factory=dict)

    @property
    def panel(self) -> tuple[str, ...]:
        return self.draw.panel

    @property
    def probabilities(self) -> dict[str, float]:
        by_type = self.distribution.type_probabilities()
        out: dict[str, float] = {}
        for t, kind in enumerate(self.distribution.types):
            for i in kind.members:
                out[self.instance.people[i].id] = by_type[t]
        return {p.id: out[p.id] for p in self.instance.people}

    @property
    def min_probability(self) -> float:
        return min(self.distribution.type_probabilities())

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "size": self.instance.size,
            "panel": list(self.panel),
            "probabilities": self.probabilities,
            "min_probability": self.min_probability,
            "excluded": list(self.instance.excluded),
            "draw": self.draw.to_json(),
            "distribution": self.distribution.to_json(self.instance.people),
            "stats": dict(self.stats),
        }
