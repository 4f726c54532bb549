"""Published seat-by-seat forecasts (the ``predictions`` table) as calls per seat."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hustings.data.api import Store

# Published national record of 2024 forecasters who have no seat-by-seat file here
# (GB seats called right of 631; PRODUCT.md and the issue, from their own post-election notes).
PUBLISHED_2024: dict[str, tuple[int | None, float]] = {
    "YouGov MRP": (573, 90.8),
    "The Economist (published)": (None, 88.0),
    "Exit poll": (None, 87.5),
    "Britain Predicts (published)": (None, 87.3),
    "Electoral Calculus": (None, 85.3),
}


def published_calls(store: Store, election: str) -> dict[str, dict[str, str]]:
    """Forecaster -> seat GSS -> called party, for ``election`` (empty when none stored)."""
    rows = store.query(
        "SELECT forecaster, gss, party FROM predictions WHERE election = ? AND is_call "
        "ORDER BY forecaster, gss",
        [election],
    )
    out: dict[str, dict[str, str]] = {}
    for forecaster, gss, party in rows:
        out.setdefault(str(forecaster), {})[str(gss)] = str(party)
    return out
