"""LEXIMIN, MAXIMIN and LEGACY on hand-made instances, against a brute-force LEXIMIN."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hustings import lot
from hustings.errors import InvalidInputError
from hustings.lot.feasibility import ensure_feasible
from hustings.lot.instance import type_sizes
from hustings.lot.leximin import _Columns, _cover, _Pricer
from hustings.lot.model import Instance, Person, Pool, Quota, Quotas
from hustings.lot.relaxed import FaceWalk, relaxed_levels
from hustings.lot.select import composition_problems

from .reference import brute_leximin, feasible_panels


def _per_person(result: lot.SelectionResult) -> np.ndarray:
    probs = result.probabilities
    return np.array([probs[p.id] for p in result.instance.people])


def test_leximin_matches_brute_force_on_the_hand_made_pool(tiny: Instance) -> None:
    result = lot.select(tiny, seed="1", method="leximin")
    assert _per_person(result) == pytest.approx(brute_leximin(tiny), abs=1e-6)
    assert sum(result.probabilities.values()) == pytest.approx(4.0)


def test_every_panel_in_the_support_meets_quotas_and_households(tiny: Instance) -> None:
    for method in lot.METHODS:
        dist = lot.select(tiny, seed="1", method=method).distribution
        assert all(not composition_problems(tiny, c) for c in dist.compositions)
        assert sum(dist.weights) == pytest.approx(1.0)


def test_types_do_not_change_the_answer(lot_dir: Path) -> None:
    quotas = lot.read_quotas(lot_dir / "quotas.csv", size=4)
    pool = lot.read_pool(lot_dir / "pool.csv", features=quotas.features)
    grouped = lot.build_instance(pool, quotas, 4)
    single = lot.build_instance(pool, quotas, 4, group_types=False)
    assert len(grouped.types) < len(single.types) == 10
    a = lot.select(grouped, seed="x").probabilities
    b = lot.select(single, seed="x").probabilities
    assert a == pytest.approx(b, abs=1e-6)


def test_leximin_is_at_least_as_fair_as_maximin_and_legacy(tiny: Instance) -> None:
    lex = lot.select(tiny, seed="s", method="leximin")
    mm = lot.select(tiny, seed="s", method="maximin")
    legacy = lot.select(tiny, seed="s", method="legacy")
    assert lex.min_probability >= mm.min_probability - 1e-6
    assert lex.min_probability >= legacy.min_probability - 1e-6
    rounded = [sorted(np.round(_per_person(r), 6)) for r in (lex, mm)]
    assert rounded[0] >= rounded[1]


def test_infeasible_quotas_name_the_conflict_and_the_smallest_relaxation(lot_dir: Path) -> None:
    quotas = lot.read_quotas(lot_dir / "conflicting_quotas.csv", size=4)
    pool = lot.read_pool(lot_dir / "pool.csv", features=quotas.features)
    instance = lot.build_instance(pool, quotas, 4)
    relaxation = lot.diagnose(instance)
    assert relaxation.total == 1 and relaxation.within_flex
    assert set(relaxation.to_json()["conflicting"]) <= {"gender=female", "gender=male"}
    with pytest.raises(InvalidInputError) as info:
        lot.select(instance, seed="1")
    assert info.value.message.startswith("no panel of 4 meets every quota: conflicting gender=")
    assert info.value.hint is not None
    assert info.value.hint.startswith("smallest relaxation: gender=")


FEATURES = ("f", "g")


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    n = draw(st.integers(5, 8))
    rows = [(draw(st.sampled_from("ab")), draw(st.sampled_from("xyz"))) for _ in range(n)]
    size = draw(st.integers(2, 4))
    people = tuple(
        Person(str(i), {"f": f, "g": g}, i + 2, household=str(draw(st.integers(0, n))))
        for i, (f, g) in enumerate(rows)
    )
    items = []
    for feature, values in (("f", "ab"), ("g", "xyz")):
        for v in values:
            lo = draw(st.integers(0, 1))
            items.append(Quota(feature, v, lo, lo + draw(st.integers(1, size))))
    return lot.build_instance(
        Pool(people), Quotas(tuple(items)), size, one_per_household=draw(st.booleans())
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_leximin_equals_brute_force_on_random_small_instances(instance: Instance) -> None:
    try:
        result = lot.select(instance, seed="h")
    except InvalidInputError as exc:  # infeasible quotas are diagnosed, not solved
        assert exc.message.startswith("no panel of")
        event("infeasible")
        return
    event("relaxation split" if result.stats.get("relaxation_exact") else "column generation")
    assert _per_person(result) == pytest.approx(brute_leximin(instance), abs=1e-5)
    assert all(not composition_problems(instance, c) for c in result.distribution.compositions)
    assert not lot.panel_problems(instance, result.panel)


def test_maximin_maximises_the_minimum_over_those_who_can_be_selected(lot_dir: Path) -> None:
    # no middle-class seat: Cat, Eve, Gus and Hal can never be selected; MAXIMIN must still
    # maximise the lowest probability among the other six (as LEXIMIN's second level does)
    items = [
        Quota("gender", "female", 2, 2),
        Quota("gender", "male", 2, 2),
        Quota("age", "young", 1, 3),
        Quota("age", "old", 1, 3),
        Quota("class", "working", 0, 4),
        Quota("class", "middle", 0, 0),
    ]
    pool = lot.read_pool(lot_dir / "pool.csv", features=("gender", "age", "class"))
    instance = lot.build_instance(pool, Quotas(tuple(items)), 4)
    best = brute_leximin(instance)
    never = {"a3", "a5", "a7", "a8"}
    selectable = [i for i, p in enumerate(instance.people) if p.id not in never]
    assert best[[i for i in range(10) if i not in selectable]] == pytest.approx(0.0, abs=1e-9)
    for method in ("maximin", "leximin"):
        got = _per_person(lot.select(instance, seed="1", method=method))
        assert got[selectable].min() == pytest.approx(best[selectable].min(), abs=1e-6), method


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_cover_puts_every_selectable_type_in_a_panel_and_names_the_rest(
    instance: Instance,
) -> None:
    try:
        ensure_feasible(instance)
    except InvalidInputError:
        return
    pricer = _Pricer(instance)
    columns = _Columns(type_sizes(instance))
    never = _cover(pricer, columns)
    held = {instance.type_of[i] for panel in feasible_panels(instance) for i in panel}
    event("some never selected" if never else "all selectable")
    assert set(never) == set(range(len(instance.types))) - held
    in_columns = set(np.flatnonzero(columns.array().sum(axis=0) > 0).tolist())
    assert in_columns == held
    assert all(not composition_problems(instance, c) for c in columns.counts)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_relaxation_bounds_leximin_and_a_finished_walk_reaches_it(instance: Instance) -> None:
    try:
        ensure_feasible(instance)
    except InvalidInputError:
        return
    never = _cover(_Pricer(instance), _Columns(type_sizes(instance)))
    bound = relaxed_levels(instance, never)
    assert bound is not None
    best = np.array(brute_leximin(instance))
    per_person = bound[list(instance.type_of)]
    # the relaxation's LEXIMIN is at least the panels' LEXIMIN, compared sorted (leximin order)
    gaps = np.sort(per_person) - np.sort(best)
    first = np.flatnonzero(np.abs(gaps) > 1e-7)
    assert not first.size or gaps[first[0]] > 0
    lottery = FaceWalk(instance, never).split(bound, max_steps=1000)
    event("split" if lottery is not None else "no split")
    if lottery is None:
        return
    weights = np.array([w for w, _ in lottery])
    panels = np.array([c for _, c in lottery], dtype=np.float64)
    assert weights.min() > 0 and weights.sum() == pytest.approx(1.0, abs=1e-9)
    assert all(not composition_problems(instance, c) for _, c in lottery)
    assert weights @ panels / type_sizes(instance) == pytest.approx(bound, abs=1e-9)
    assert per_person == pytest.approx(best, abs=1e-6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_column_generation_alone_equals_brute_force(instance: Instance) -> None:
    # the path taken when the relaxation's point does not split into panels
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FaceWalk, "split", lambda *_, **__: None)
        try:
            result = lot.select(instance, seed="h")
        except InvalidInputError:
            return
    assert not result.stats.get("relaxation_exact")
    assert _per_person(result) == pytest.approx(brute_leximin(instance), abs=1e-5)


def test_a_relaxation_point_outside_the_panels_hull_falls_back_to_the_exact_lottery() -> None:
    # Panel of 2. A and B share z; C and D share a home, so only {A,B}, {B,C}, {B,D} meet
    # every rule. The relaxation gives everyone 1/2; the true LEXIMIN is B = 1, the rest 1/3.
    rows = [("A", "a", "z", "q", None), ("B", "b", "z", "p", None)]
    rows += [("C", "a", "x", "p", "H"), ("D", "b", "x", "q", "H")]
    people = tuple(
        Person(pid, {"f": f, "g": g, "h": h}, i + 2, household=home)
        for i, (pid, f, g, h, home) in enumerate(rows)
    )
    quotas = Quotas(
        (
            Quota("f", "a", 0, 1),
            Quota("f", "b", 1, 2),
            Quota("g", "x", 0, 1),
            Quota("g", "z", 1, 2),
            Quota("h", "p", 1, 2),
            Quota("h", "q", 0, 2),
        )
    )
    instance = lot.build_instance(Pool(people), quotas, 2, one_per_household=True)
    relaxed = relaxed_levels(instance, [])
    assert relaxed is not None
    assert relaxed == pytest.approx([0.5, 0.5, 0.5, 0.5])
    result = lot.select(instance, seed="1")
    assert result.stats.get("relaxation_exact", 0.0) == 0.0
    assert result.probabilities == pytest.approx({"A": 1 / 3, "B": 1.0, "C": 1 / 3, "D": 1 / 3})
    assert sorted(sorted(p) for p in feasible_panels(instance)) == [[0, 1], [1, 2], [1, 3]]


def test_households_alone_making_a_panel_impossible_are_named() -> None:
    people = tuple(Person(pid, {"f": "a"}, i, household="H") for i, pid in enumerate("ABC"))
    instance = lot.build_instance(
        Pool(people), Quotas((Quota("f", "a", 0, 3),)), 2, one_per_household=True
    )
    with pytest.raises(InvalidInputError, match="at most one person per home"):
        lot.select(instance, seed="1")
