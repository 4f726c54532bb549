"""Transfer arithmetic on a hand-made board, and the sensitivity table's ends."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hustings.tactics.alliance import apply_transfers, parse_stand_down, simulate_alliance
from hustings.tactics.board import Board


def test_green_stand_down_by_hand(tiny_board: Board) -> None:
    spec = parse_stand_down(tiny_board, "GRN:all")
    assert spec.seats == ("S1",)  # the Greens do not stand in S2
    after = apply_transfers(tiny_board, [spec], {"GRN": {"LAB": 0.5, "LD": 0.25}})
    # 10 points move: 5 to LAB, 2.5 to LD, 2.5 pro rata over CON 40 / LAB 35 / LD 15 (of 90).
    expected = [
        0.40 + 0.025 * 40 / 90,
        0.35 + 0.05 + 0.025 * 35 / 90,
        0.15 + 0.025 + 0.025 * 15 / 90,
    ]
    assert after[0, :3] == pytest.approx(expected)
    assert after[0, 3] == 0.0
    assert after[1] == pytest.approx(tiny_board.shares[1])


def test_abstention_leaves_the_count(tiny_board: Board) -> None:
    spec = parse_stand_down(tiny_board, "GRN:S1")
    after = apply_transfers(tiny_board, [spec], {"GRN": {"LAB": 0.5, "ABSTAIN": 0.5}})
    assert after[0, 1] == pytest.approx(0.40 / 0.95)  # LAB 35 + 5 of the remaining 95
    assert after[0].sum() == pytest.approx(1.0)


def test_seat_changes_hands(tiny_board: Board) -> None:
    result = simulate_alliance(
        None,  # type: ignore[arg-type]
        stand_down=["GRN:all-where-LAB-or-LD-best"],
        transfers={"GRN": {"LAB": 0.9}},
        board=tiny_board,
        sims=2000,
    )
    assert [(c.gss, c.before, c.after) for c in result.changes] == [("S1", "CON", "LAB")]
    assert result.net == {"LAB": 1, "CON": -1}
    assert result.sensitivity[0].changed == 0  # nobody follows the matrix: nothing changes
    assert result.sensitivity[-1].changed == 1
    assert 0.0 < (result.changes[0].probability or 0.0) < 1.0


@settings(max_examples=50, deadline=None)
@given(
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0, 1),
    st.lists(st.floats(0.01, 1), min_size=4, max_size=4),
)
def test_shares_stay_a_distribution(
    lab: float, ld: float, abstain: float, raw: list[float]
) -> None:
    total = lab + ld + abstain
    if total > 1:
        lab, ld, abstain = lab / total, ld / total, abstain / total
    votes = np.array([raw])
    board = Board(
        "t", "t", ("S",), ("S",), ("England",), ("X",), ("CON", "LAB", "LD", "GRN"),
        votes, votes.sum(axis=1), ("t",), votes / votes.sum(),
    )  # fmt: skip
    spec = parse_stand_down(board, "GRN:all")
    after = apply_transfers(board, [spec], {"GRN": {"LAB": lab, "LD": ld, "ABSTAIN": abstain}})
    assert after.sum() == pytest.approx(1.0)
    assert after[0, 3] == 0.0
    kept = 1.0 - board.shares[0, 3] * abstain  # the abstainers leave the count
    assert (after[0, :3] * kept >= board.shares[0, :3] - 1e-9).all()
