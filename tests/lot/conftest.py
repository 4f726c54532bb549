"""Helpers shared by the lot tests: the hand-made pool and its quotas."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings import lot
from hustings.lot.model import Instance


@pytest.fixture
def lot_dir(fixtures: Path) -> Path:
    return fixtures / "lot"


@pytest.fixture
def tiny(lot_dir: Path) -> Instance:
    """Ten people, panel of four, two households of two, one office holder."""
    quotas = lot.read_quotas(lot_dir / "quotas.csv", size=4)
    pool = lot.read_pool(
        lot_dir / "pool.csv", features=quotas.features, household_columns=["address"]
    )
    return lot.build_instance(
        pool, quotas, 4, exclusions=lot.exclusions(rules=["office=yes"]), one_per_household=True
    )
