"""Calls into the projection library shaped for the web (JSON and map views)."""

from __future__ import annotations

from typing import Any

from hustings.data.api import Store
from hustings.web.views import check_model, parse_scenario, run_projection


def projection_json(
    store: Store, base: str, shares_text: str, model: str, sims: int, *, detail: bool = True
) -> Any:
    """The projection's own JSON plus winners keyed by GSS code (for recolouring a map)."""
    check_model(model)
    base_id = store.election(base).id
    shares = parse_scenario(store, shares_text)
    result = run_projection(store, base_id, shares, model, sims=sims)
    body: dict[str, Any] = dict(result.to_json())
    if not detail:
        body.pop("seat_results", None)
    body["winners_by_gss"] = dict(zip(result.gss, result.winners, strict=True))
    body["scenario"] = {"base": base_id, "model": model, "shares": shares, "sims": sims}
    return body
