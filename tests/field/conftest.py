"""Field fixtures: a migrated database (both back-ends) with households in two seats."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.field.canvass import import_households
from hustings.storage.engine import Database

CHORLEY, HENDON = "E14001170", "E14001279"
SEATS = {"E14001170": CHORLEY, "Chorley": CHORLEY, "E14001279": HENDON, "Hendon": HENDON}


def resolve(text: str) -> str:
    """A two-seat stand-in for the data store's seat lookup."""
    from hustings.errors import NotFoundError

    if text not in SEATS:
        raise NotFoundError(f"no constituency '{text}'")
    return SEATS[text]


def write(path: Path, text: str) -> Path:
    """Write a small CSV fixture."""
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def households(db: Database, tmp_path: Path) -> Database:
    """Ten households in Chorley (wards W1 and W2) and five in Hendon."""
    rows = ["address_key,seat,ward"]
    rows += [f"CH-{i},Chorley,{'W1' if i < 6 else 'W2'}" for i in range(10)]
    rows += [f"HE-{i},E14001279," for i in range(5)]
    import_households(db, write(tmp_path / "h.csv", "\n".join(rows) + "\n"), resolve)
    return db
