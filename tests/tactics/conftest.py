"""A store built once per session from the mirror, and a hand-made board for arithmetic."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from hustings.data.api import Store
from hustings.settings import Settings
from hustings.tactics.board import Board


@pytest.fixture(scope="session")
def store_home(synced: Settings) -> Path:
    """A HUSTINGS_HOME with a freshly synced store (the session's shared one)."""
    return synced.home


@pytest.fixture(scope="session")
def store(synced: Settings) -> Iterator[Store]:
    """A read-only store on the mirror's data."""
    s = Store(synced)
    yield s
    s.close()


@pytest.fixture
def tiny_board() -> Board:
    """Two seats: CON 40 / LAB 35 / LD 15 / GRN 10, and LAB 50 / CON 30 / LD 20 (no Greens)."""
    votes = np.array([[400.0, 350.0, 150.0, 100.0], [300.0, 500.0, 200.0, 0.0]])
    valid = votes.sum(axis=1)
    return Board(
        "test", "test", ("S1", "S2"), ("One", "Two"), ("England",) * 2, ("X",) * 2,
        ("CON", "LAB", "LD", "GRN"), votes, valid, ("test", "test"), votes / valid[:, None],
    )  # fmt: skip
