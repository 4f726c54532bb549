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
def store_home(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A HUSTINGS_HOME with a freshly synced store."""
    from hustings.data.store import sync

    home = tmp_path_factory.mktemp("tactics-home")
    sync(Settings(home=home, mirror=mirror))
    return home


@pytest.fixture(scope="session")
def store(store_home: Path, mirror: Path) -> Iterator[Store]:
    """A read-only store on the mirror's data."""
    s = Store(Settings(home=store_home, mirror=mirror))
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
