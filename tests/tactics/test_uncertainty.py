"""Probabilities that a party tops a group: invariants and determinism."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hustings.tactics.uncertainty import top_probability


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.floats(0.0, 0.6), min_size=4, max_size=4), min_size=1, max_size=6))
def test_rows_sum_to_one_over_the_group(rows: list[list[float]]) -> None:
    shares = np.array(rows)
    group = np.ones_like(shares, dtype=bool)
    group[:, 0] = False
    p = top_probability(shares, group, sims=2000, rng=np.random.default_rng(1))
    assert p[:, 0] == pytest.approx(0.0)
    assert p.sum(axis=1) == pytest.approx(1.0)
    assert ((p >= 0) & (p <= 1)).all()


def test_two_way_tie_is_even_and_leader_is_favoured() -> None:
    shares = np.array([[0.3, 0.3, 0.4], [0.35, 0.25, 0.4]])
    group = np.array([[True, True, False]] * 2)
    p = top_probability(shares, group, sims=0, rng=np.random.default_rng(0))
    assert p[0, :2] == pytest.approx([0.5, 0.5])
    assert p[1, 0] == pytest.approx(0.9132, abs=1e-4)  # 10 points over sd(diff) 7.3: Phi(1.36)


def test_same_seed_same_answer() -> None:
    shares = np.array([[0.30, 0.28, 0.27, 0.15]])
    group = np.ones_like(shares, dtype=bool)
    a = top_probability(shares, group, sims=5000, rng=np.random.default_rng(7))
    b = top_probability(shares, group, sims=5000, rng=np.random.default_rng(7))
    c = top_probability(shares, group, sims=5000, rng=np.random.default_rng(8))
    assert (a == b).all()
    assert not (a == c).all()
