"""Back-tests learn only from elections before the one they score: a spy store records every
election whose results or shares are read while error sizes and model fits are made."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest

from hustings.data.api import Store
from hustings.projection.history import History
from hustings.settings import Settings

pytestmark = pytest.mark.mirror


class SpyStore(Store):
    """A store that notes every election it is asked about."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.asked: set[str] = set()

    def national(self, election: str, **kw: Any) -> Any:
        self.asked.add(self.election(election).id)
        return super().national(election, **kw)

    def vote_matrix(self, election: str, **kw: Any) -> Any:
        self.asked.add(self.election(election).id)
        return super().vote_matrix(election, **kw)


@pytest.fixture
def spy(store_home: Path, mirror: Path) -> SpyStore:
    return SpyStore(Settings(home=store_home, mirror=mirror))


def _later(spy: SpyStore, target: str) -> set[str]:
    day = spy.election(target).date
    return {e for e in spy.asked if (spy.election(e).date or day) >= day}


@pytest.mark.parametrize("target", ["2017", "2019", "2024"])
@pytest.mark.parametrize("model", ["uns", "ours"])
def test_error_sizes_use_only_earlier_elections(spy: SpyStore, target: str, model: str) -> None:
    errors = History(spy).errors(model, target)
    assert spy.asked, "the error model read no election at all"
    assert not _later(spy, target)
    assert all(int(y) < int(target) for y in errors.national_from + errors.residuals_from)


def test_model_fit_uses_only_earlier_elections(spy: SpyStore) -> None:
    History(spy).coefficients("2019")
    assert spy.asked and not _later(spy, "2019")


def test_tactical_backtest_board_uses_only_earlier_elections(spy: SpyStore) -> None:
    from hustings.tactics.board import load_board

    shares = {"LAB": 0.39, "CON": 0.21, "LD": 0.11, "RUK": 0.16, "GRN": 0.07}
    load_board(spy, "2019-notional", shares, sims=200, seed=0, before="2024")
    assert not _later(spy, "2024")


def test_the_spy_sees_a_leak(spy: SpyStore) -> None:
    History(spy).errors("uns", None)
    assert "2024" in _later(spy, "2024")


def test_a_store_has_one_history_that_does_not_keep_it_alive(
    store_home: Path, mirror: Path
) -> None:
    store = Store(Settings(home=store_home, mirror=mirror))
    history = History.of(store)
    assert History.of(store) is history and History.of(history) is history
    assert history.coefficients("2019") is history.coefficients("2019")  # fitted once
    gone = weakref.ref(store)
    store.close()
    del store
    gc.collect()
    assert gone() is None
