"""Swing models: worked examples and the vote-conservation property."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from hustings.errors import InvalidInputError
from hustings.projection.features import NFEATURES, NREG, prior
from hustings.projection.models import MODELS, ModelContext, get_model, transition, uns


def test_uns_moves_every_seat_by_the_national_change() -> None:
    base = np.array([[0.5, 0.3, 0.2], [0.2, 0.6, 0.2]])
    out = uns(base, np.array([0.35, 0.45, 0.2]), np.array([0.30, 0.50, 0.2]), ModelContext())
    assert out == pytest.approx(np.array([[0.45, 0.35, 0.2], [0.15, 0.65, 0.2]]))


def test_uns_clips_a_negative_share_and_renormalises() -> None:
    base = np.array([[0.05, 0.75, 0.2]])
    out = uns(base, np.array([0.3, 0.5, 0.2]), np.array([0.2, 0.6, 0.2]), ModelContext())
    assert out[0, 0] == 0.0
    assert out.sum() == pytest.approx(1.0)
    assert out[0] == pytest.approx(np.array([0.0, 0.85, 0.2]) / 1.05)


def test_transition_takes_losses_from_strong_seats_first() -> None:
    # CON (area share 40) loses 10 points: its strong supporters (above 20 in a seat) go first,
    # so the seat where it has none (20) keeps its vote and the other loses 20.
    base = np.array([[0.6, 0.3, 0.1], [0.2, 0.5, 0.3]])
    base_area = base.mean(axis=0)
    target = base_area + np.array([-0.1, 0.1, 0.0])
    out = transition(base, base_area, target, ModelContext())
    loss = base[:, 0] - out[:, 0]
    assert loss == pytest.approx([0.2, 0.0])
    assert out.sum(axis=1) == pytest.approx(1.0)
    assert (base[:, 0] - out[:, 0]).mean() == pytest.approx(0.1)


def test_consolidation_goes_to_the_best_placed_challenger_after_the_swing() -> None:
    # LAB held the seat (50/30/20 over CON and RUK); nationally LAB falls 20 points and RUK
    # gains 20: after the swing RUK (40) leads CON (30), so with t = 0.5 RUK, not the base's
    # runner-up CON, takes half of LAB's 20-point fall from the parties behind it (CON).
    base = np.array([[0.5, 0.3, 0.2]])
    area, target = np.array([0.5, 0.3, 0.2]), np.array([0.3, 0.3, 0.4])
    context = ModelContext(features=np.zeros((1, NFEATURES)), coefficients=np.array([0, 0.5, 0]))
    shares = MODELS["ours"](base, area, target, context)
    assert shares == pytest.approx(np.array([[0.3, 0.2, 0.5]]))


def test_unknown_model_names_the_known_ones() -> None:
    with pytest.raises(InvalidInputError, match="no swing model 'mrp'") as err:
        get_model("mrp")
    assert err.value.hint == "known models: uns, proportional, transition, ours"


def test_ours_needs_its_fitted_context() -> None:
    base = np.array([[0.5, 0.5]])
    with pytest.raises(InvalidInputError, match="needs seat features"):
        MODELS["ours"](base, base, base, ModelContext())


def _rows(seats: int, parties: int) -> st.SearchStrategy[np.ndarray]:
    return arrays(np.float64, (seats, parties), elements=st.floats(0.0, 1.0)).map(
        lambda a: (a + 1e-9) / (a + 1e-9).sum(axis=1, keepdims=True)
    )


@settings(max_examples=60, deadline=None)
@given(
    base=_rows(7, 5),
    target=_rows(1, 5),
    name=st.sampled_from(sorted(MODELS)),
    noise=arrays(np.float64, (NREG,), elements=st.floats(0.0, 1.0)),
)
def test_every_model_conserves_votes(base: np.ndarray, target: np.ndarray, name: str,
                                     noise: np.ndarray) -> None:  # fmt: skip
    features = np.linspace(-1.5, 1.5, 7 * NFEATURES).reshape(7, NFEATURES)
    context = ModelContext(features=features, coefficients=prior() + noise)
    out = MODELS[name](base, base.mean(axis=0), target[0], context)
    assert out.shape == base.shape
    assert np.all(out >= 0.0) and np.all(out <= 1.0)
    assert out.sum(axis=1) == pytest.approx(np.ones(7))
