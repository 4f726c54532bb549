"""Money fixtures: the 2024 election's places from the real store, a resolver, and a helper
that builds spending items."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hustings.money.model import Category, Scope, SpendItem
from hustings.money.places import Places, SeatResolver, load_places
from hustings.settings import Settings

CHORLEY, HENDON = "E14001170", "E14001279"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "money"


@pytest.fixture(scope="session")
def places(synced: Settings) -> Places:
    from hustings.data.api import Store

    return load_places(Store(synced), "2024")


@pytest.fixture(scope="session")
def resolve(synced: Settings, places: Places) -> Callable[[str], str]:
    from hustings.data.api import Store

    return SeatResolver(Store(synced), places)


def spend(ref: str, pounds: int, *seats: str, **extra: Any) -> SpendItem:
    """An item of printed material in the given seats (or, with ``scope=``, wider)."""
    scope = extra.pop("scope", Scope.SEAT if len(seats) == 1 else Scope.SEATS)
    return SpendItem(
        ref=ref,
        spent_on=extra.pop("spent_on", date(2024, 5, 1)),
        pence=pounds * 100,
        supplier="Print Co",
        category=extra.pop("category", Category.MATERIAL),
        description="leaflets",
        scope=scope,
        seats=seats,
        **extra,
    )
