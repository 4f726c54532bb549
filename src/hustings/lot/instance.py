"""Check a pool against quotas, apply exclusions and group interchangeable people into types.

Types make the optimisation small: people with the same features (and no shared household)
are interchangeable, so a panel is a vector of counts per type and every member of a type
gets the same selection probability.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from hustings.errors import InvalidInputError
from hustings.lot.model import Exclusions, Instance, Person, PersonType, Pool, Quotas
from hustings.lot.solver import FloatArray


def build_instance(
    pool: Pool,
    quotas: Quotas,
    size: int,
    *,
    exclusions: Exclusions | None = None,
    one_per_household: bool = False,
    group_types: bool = True,
) -> Instance:
    """Validate and prepare a selection; ``group_types=False`` keeps one type per person."""
    _check_values(pool, quotas)
    people, excluded = _eligible(pool, exclusions or Exclusions())
    if size <= 0 or size > len(people):
        raise InvalidInputError(
            f"panel size {size} is not between 1 and the {len(people)} eligible people"
            + (f" ({len(excluded)} excluded)" if excluded else ""),
            hint="choose a smaller panel or a larger pool",
            size=size,
        )
    households = _households(people) if one_per_household else ()
    shared = {i for group in households for i in group}
    types = _types(people, quotas, shared, group_types)
    return Instance(tuple(people), quotas, size, types, households, tuple(excluded))


def _check_values(pool: Pool, quotas: Quotas) -> None:
    allowed = {f: set(quotas.values(f)) for f in quotas.features}
    for person in pool.people:
        for feature, values in allowed.items():
            value = person.features.get(feature, "")
            if value not in values:
                raise InvalidInputError(
                    f"pool {pool.source} line {person.row}: {feature} '{value}' "
                    f"(person {person.id}) has no quota",
                    hint=f"add a quota row for {feature}={value} or fix the value",
                    line=person.row,
                    value=value,
                )


def _eligible(pool: Pool, rules: Exclusions) -> tuple[list[Person], list[str]]:
    columns = set(pool.people[0].attributes) if pool.people else set()
    for column, _ in rules.rules:
        if column not in columns:
            raise InvalidInputError(
                f"exclusion rule column '{column}' is not in pool {pool.source}",
                hint=f"columns are: {', '.join(sorted(columns))}",
                column=column,
            )
    keep: list[Person] = []
    dropped: list[Person] = []
    for person in pool.people:
        hit = person.id in rules.ids or any(
            person.attributes.get(c, "").lower() == v.lower() for c, v in rules.rules
        )
        (dropped if hit else keep).append(person)
    return keep, [p.id for p in dropped]


def _households(people: list[Person]) -> tuple[tuple[int, ...], ...]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, person in enumerate(people):
        if person.household:
            groups[person.household].append(i)
    return tuple(tuple(g) for g in groups.values() if len(g) > 1)


def _types(
    people: list[Person], quotas: Quotas, shared: set[int], group: bool
) -> tuple[PersonType, ...]:
    groups: dict[tuple[str, ...], list[int]] = {}
    keyed: list[tuple[tuple[str, ...], str | None]] = []
    for i, person in enumerate(people):
        features = tuple(person.features[f] for f in quotas.features)
        tag = f"#{i}" if (i in shared or not group) else ""
        groups.setdefault((*features, tag), []).append(i)
        keyed.append((features, person.household if i in shared else None))
    return tuple(PersonType(keyed[m[0]][0], tuple(m), keyed[m[0]][1]) for m in groups.values())


def panel_constraints(instance: Instance) -> tuple[FloatArray, FloatArray, FloatArray, list[str]]:
    """Rows over type counts: panel size, each quota, each shared household (at most one)."""
    quotas = instance.quotas
    features = quotas.features
    n = len(instance.types)
    rows, lo, hi, labels = [np.ones(n)], [instance.size], [instance.size], ["size"]
    for quota in quotas.items:
        col = features.index(quota.feature)
        rows.append(
            np.array([1.0 if t.features[col] == quota.value else 0.0 for t in instance.types])
        )
        lo.append(quota.min)
        hi.append(quota.max)
        labels.append(quota.label)
    type_of = instance.type_of
    for group in instance.households:
        row = np.zeros(n)
        row[[type_of[i] for i in group]] = 1.0
        rows.append(row)
        lo.append(0)
        hi.append(1)
        labels.append(f"household {instance.people[group[0]].household}")
    return np.vstack(rows), np.array(lo, float), np.array(hi, float), labels


def type_sizes(instance: Instance) -> FloatArray:
    """How many people each type has."""
    return np.array([t.size for t in instance.types], dtype=np.float64)
