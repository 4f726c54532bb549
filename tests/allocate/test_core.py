"""The allocator's numeric core on small hand-made instances."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hustings.allocate import (
    Effects,
    InfeasibleError,
    Seats,
    Volunteers,
    build,
    describe,
    nearest_marginal,
    optimise,
    solve,
)
from hustings.allocate.carpool import carpool
from hustings.allocate.effects import BREAKS, canvass_curves
from hustings.allocate.race import check_bloc
from hustings.errors import InvalidInputError

pytest.importorskip("highspy", reason="needs HiGHS (the allocate extra)")


def seats(value: list[float], *, x: list[float], headroom: list[float] | None = None,
          households: float = 1e9, p: float = 0.5) -> Seats:  # fmt: skip
    n = len(value)
    return Seats(
        tuple(f"S{i}" for i in range(n)), tuple(f"Seat {i}" for i in range(n)),
        np.array(value, dtype=float), np.full(n, p), np.full(n, 10_000.0),
        np.full(n, households), np.full(n, 2 * households),
        np.array(headroom if headroom is not None else [1e6] * n, dtype=float),
        np.array(x, dtype=float) * 1000, np.zeros(n), np.zeros(n),
        ("LAB",) * n, ("CON",) * n,
    )  # fmt: skip


def people(x: list[float], km: list[float], hours: float = 3.0) -> Volunteers:
    n = len(x)
    return Volunteers(
        tuple(f"v{i}" for i in range(n)), np.array(x, dtype=float) * 1000, np.zeros(n),
        np.full(n, hours), np.array(km, dtype=float), np.full(n, -1), ("",) * n,
    )  # fmt: skip


def test_one_volunteer_by_hand() -> None:
    """3 hours at 6 contacts an hour and 1/28 votes a contact, on the first segment of the
    curve (its secant over the first tenth of the scale is (1 - e^-0.1) / 0.1 of the initial
    slope): 0.6117 votes; pivotality 2 per unit share over 10,000 votes cast."""
    plan = optimise(build(seats([2.0], x=[0]), people([0], [5]), Effects(), 0.0))
    votes = 3 * 6 / 28 * (1 - np.exp(-0.1)) / 0.1
    assert plan.votes[0] == pytest.approx(votes, rel=1e-9)
    assert plan.expected_seats == pytest.approx(0.5 + 2.0 * votes / 10_000, rel=1e-9)


def test_goes_past_the_nearest_marginal_to_the_closer_race() -> None:
    """Seat 0 is nearer (2 km) but barely moves; seat 1 (8 km, in range) moves 10 times more.
    The rule sends the volunteer to seat 0, the optimiser to seat 1 (travel paid from GBP 100)."""
    model = build(seats([0.1, 1.0], x=[2, 8]), people([0], [10]), Effects(), 100.0)
    rule = nearest_marginal(model, marginals=2)
    plan = optimise(model)
    assert rule.seat_of.tolist() == [0]
    assert plan.seat_of.tolist() == [1]
    assert plan.expected_seats > rule.expected_seats


def test_never_beyond_travel_range() -> None:
    """The valuable seat is 30 km away and the volunteer goes at most 20: not sent there
    (travel unpaid here, so nothing else competes with the nearer seat)."""
    free = Effects(travel_pounds_per_km=0.0)
    plan = optimise(build(seats([0.01, 5.0], x=[1, 30]), people([0], [20]), free, 0.0))
    assert plan.seat_of.tolist() == [0]


def test_spend_within_headroom_and_budget() -> None:
    """Seat 0 may take GBP 100 more, seat 1 GBP 50,000; the budget is GBP 10,000."""
    model = build(seats([5.0, 1.0], x=[0, 50], headroom=[100, 50_000]), people([0], [1]),
                  Effects(), 10_000.0)  # fmt: skip
    plan = optimise(model)
    assert plan.spend[0] + plan.travel[0] <= 100 + 1e-6
    assert plan.cost <= 10_000 + 1e-6
    assert plan.spend[1] == pytest.approx(10_000 - plan.spend[0] - plan.travel.sum(), abs=1e-3)


def test_curves_are_concave_and_capped() -> None:
    curve = canvass_curves(Effects(), np.array([1000.0, 40_000.0]))
    assert (np.diff(curve.slope, axis=1) <= 1e-12).all()
    ceiling = np.array([1000.0, 40_000.0]) * 0.5 / 28
    huge = curve.votes(np.array([1e9, 1e9]))
    assert (huge <= ceiling + 1e-9).all()
    assert huge == pytest.approx(ceiling * (1 - np.exp(-BREAKS[-1])))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: build(seats([1.0], x=[0]), people([0], [5]), Effects(), -1.0), "budget is -1"),
        (lambda: people([], []), "no volunteers"),
        (lambda: build(seats([0.0], x=[0]), people([0], [5]), Effects(), 0.0),
         "no contested seats"),
        (lambda: check_bloc(["LAB", "CON"], "con"), "includes the opponent CON"),
        (lambda: Effects(votes_per_contact=-0.1), "votes_per_contact is -0.1"),
    ],
)  # fmt: skip
def test_bad_input(make: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        make()  # type: ignore[operator]


def test_volunteer_without_location() -> None:
    vols = people([0, 1], [5, 5])
    lost = Volunteers(vols.ids, np.array([0.0, np.nan]), vols.northing, vols.hours,
                      vols.max_km, vols.home, vols.shift)  # fmt: skip
    with pytest.raises(InvalidInputError, match="volunteer v1 has no location"):
        build(seats([1.0], x=[0]), lost, Effects(), 0.0)


def test_nothing_possible_names_the_binding_limit() -> None:
    with pytest.raises(InfeasibleError, match="within travel range"):
        solve(seats([1.0], x=[100]), people([0], [5]), Effects(), 0.0)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.floats(0.0, 5.0), min_size=1, max_size=6),
    st.lists(st.tuples(st.floats(0, 60), st.floats(0, 40), st.floats(0.5, 8)),
             min_size=1, max_size=12),
    st.floats(0, 50_000),
    st.lists(st.floats(0, 20_000), min_size=6, max_size=6),
)  # fmt: skip
def test_plan_facts(value: list[float], vols: list[tuple[float, float, float]], budget: float,
                    room: list[float]) -> None:  # fmt: skip
    """On any instance: the plan is never worse than the rule under the same model, sends no
    one beyond their range, and spends within each headroom and the budget."""
    if max(value) == 0:
        value = [*value[:-1], 1.0]
    n = len(value)
    s = seats(value, x=[10.0 * i for i in range(n)], headroom=room[:n], households=5_000)
    v = Volunteers(tuple(f"v{i}" for i in range(len(vols))),
                   np.array([a for a, _, _ in vols]) * 1000, np.zeros(len(vols)),
                   np.array([h for _, _, h in vols]), np.array([k for _, k, _ in vols]),
                   np.full(len(vols), -1), ("",) * len(vols))  # fmt: skip
    model = build(s, v, Effects(), budget)
    rule = nearest_marginal(model, marginals=n)
    try:
        _, plan, _, _ = solve(s, v, Effects(), budget, marginals=n)
    except InfeasibleError:
        assert rule.expected_seats <= s.win_probability.sum() + 1e-9
        return
    assert plan.expected_seats >= rule.expected_seats - 1e-9
    going = np.flatnonzero(plan.seat_of >= 0)
    assert (model.km[going, plan.seat_of[going]] <= v.max_km[going] + 1e-6).all()
    assert (plan.spend + plan.travel <= s.headroom + 1e-6).all()
    assert plan.cost <= budget + 1e-6
    assert plan.bound is not None and plan.expected_seats <= plan.bound + 1e-9


def test_drivers_carry_the_people_near_them() -> None:
    """Ann drives; Ben (1 km away, same range) rides with her; Cat (3 km away) and Dan (1 km,
    but will travel only 10 km) do not. The car's range is Ann's 20 km less nothing, and
    Ben's 20 km less his 1 km to Ann: 19 km."""
    vols = Volunteers(("ann", "ben", "cat", "dan"), np.array([0.0, 1000, 3000, -1000]),
                      np.zeros(4), np.array([3.0, 2, 4, 1]), np.array([20.0, 20, 20, 10]),
                      np.full(4, -1), ("",) * 4, (True, False, False, False))  # fmt: skip
    pooled = carpool(vols)
    assert pooled.members == ((0, 1), (2,), (3,))
    assert pooled.units.hours.tolist() == [5.0, 4.0, 1.0]
    assert pooled.units.max_km.tolist() == [19.0, 20.0, 10.0]


def test_one_paid_trip_takes_a_whole_car() -> None:
    """The budget pays one 10 km return trip (GBP 5.60): the car of three goes, together."""
    vols = Volunteers(("ann", "ben", "cat"), np.array([0.0, 500, 800]), np.zeros(3),
                      np.full(3, 3.0), np.full(3, 20.0), np.full(3, -1), ("",) * 3,
                      (True, False, False))  # fmt: skip
    model, plan, rule, pooled = solve(seats([1.0], x=[10]), vols, Effects(), 5.6)
    found = describe(model, plan, rule, scenario={}, pooled=pooled)
    assert [(s.volunteer, s.driver) for s in found.assignments] == [
        ("ann", ""),
        ("ben", "ann"),
        ("cat", "ann"),
    ]
    assert found.unassigned == 0 and plan.hours[0] == 9.0
    assert plan.travel[0] == pytest.approx(5.6)


def test_a_bad_grid_reference_is_not_told_to_default_to_nan() -> None:
    import math

    from hustings.allocate.sources import _number
    from hustings.errors import InvalidInputError

    with pytest.raises(InvalidInputError) as caught:
        _number("99999999", "easting", 2, math.nan, 700_000)
    assert caught.value.hint == "write easting as a number"
    with pytest.raises(InvalidInputError) as caught:
        _number("-3", "hours", 2, 3.0, 168)
    assert caught.value.hint == "write hours as a number, or leave it blank for 3"
