"""The swingometer: national shares in, seats out."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from hustings.web.adapter.maps import (
    DEFAULT_BASE,
    SWING_PARTIES,
    base_shares,
    form_scenario,
    party_names,
    projection_map,
    shares_text,
    verdict,
)
from hustings.web.adapter.projection import (
    MAJORITY,
    available_models,
    base_gb_seats,
    check_model,
    nation_shares,
    page_scenario,
    share_caps,
)
from hustings.web.adapter.tactics import scenario_key
from hustings.web.pages._common import general_elections, map_svg, render, state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/swingometer", response_class=HTMLResponse)
def swingometer(
    request: Request,
    base: str = Query(DEFAULT_BASE, max_length=60),
    model: str = Query("uns", max_length=40),
    shares: str | None = Query(None, max_length=300, description="e.g. final-polls-2024"),
    scotland: str | None = Query(None, max_length=300, description="Scotland's own shares"),
    wales: str | None = Query(None, max_length=300, description="Wales's own shares"),
) -> HTMLResponse:
    """Sliders for national shares; the map and totals follow (through the API with JS)."""
    st = state(request)
    store = st.store()
    base_id = store.election(base).id
    check_model(model)
    text = form_scenario(dict(request.query_params)) or shares
    if text is None:
        text = shares_text(st.cached(("base-shares", base_id), lambda: base_shares(store, base_id)))
    chosen, note = page_scenario(store, text)
    nations = nation_shares(store, scotland=scotland, wales=wales)
    caps = st.cached(("share-caps", base_id), lambda: share_caps(store, base_id))
    for party, cap in caps.items():
        nation = "Scotland" if party == "SNP" else "Wales"
        if nation not in nations and 100 * chosen.get(party, 0.0) > cap:
            chosen = {**chosen, party: cap / 100}
            note = (f"{party} stands only in {nation}, so it can have at most {cap:g}% of the "
                    "Great Britain vote; its share was lowered to that.")  # fmt: skip
    view = projection_map(store, base_id, chosen, model, nations)
    key = ("projection", base_id, model, scenario_key(chosen),
           tuple((n, scenario_key(v)) for n, v in sorted(nations.items())))  # fmt: skip
    svg = map_svg(st, view, None, key)
    sliders = {p: chosen.get(p, 0.0) for p in SWING_PARTIES}
    return render(
        request,
        "swingometer.html",
        view=view,
        svg=svg,
        base=base_id,
        model=model,
        models=available_models(),
        shares=sliders,
        others=max(0.0, 1.0 - sum(sliders.values())),
        bases=general_elections(store),
        note=note,
        base_seats=st.cached(("base-seats", base_id), lambda: base_gb_seats(store, base_id)),
        majority=MAJORITY,
        caps=caps,
        verdict=verdict(view.seats, MAJORITY, party_names()),
        scotland=scotland or "",
        wales=wales or "",
    )
