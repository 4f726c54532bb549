"""Elections, national results, election maps and the datasets behind them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from hustings.data.registry import all_datasets
from hustings.web.adapter.maps import election_map
from hustings.web.api._common import ELECTION, ERRORS, PREFIX, TAG, json_bytes, raw, state

__all__ = ["router"]

router = APIRouter(prefix=PREFIX, tags=[TAG])


@router.get("/elections", responses=ERRORS, summary="Every election in the store")
def elections(request: Request) -> Response:
    """General elections, the notional 2019 result on 2024 boundaries and by-elections."""
    st = state(request)

    def build() -> bytes:
        return json_bytes(
            [
                {
                    "id": e.id,
                    "kind": e.kind,
                    "boundary_set": e.boundary_set,
                    "label": e.label,
                    "date": e.date.isoformat() if e.date else None,
                }
                for e in st.store().elections.values()
            ]
        )

    return raw(st.cached(("elections",), build))


@router.get("/results/{election}", responses=ERRORS, summary="National result of an election")
def results(
    request: Request,
    election: str = ELECTION,
    by: str = Query("party", pattern="^(party|nation|region)$"),
) -> Response:
    """Seats, votes and shares per party, UK and GB, optionally by nation or region."""
    st = state(request)
    store = st.store()
    e = store.election(election).id
    return raw(
        st.cached(("results", e, by), lambda: json_bytes(store.national(e, by=by).to_json()))
    )


@router.get("/map/{election}", responses=ERRORS, summary="Winner of every seat in an election")
def election_winners(request: Request, election: str = ELECTION) -> Response:
    """Winners by GSS code with seat totals and shares (what the national map draws)."""
    st = state(request)
    store = st.store()
    e = store.election(election).id
    return raw(st.cached(("map", e), lambda: json_bytes(election_map(store, e).to_json())))


@router.get("/datasets", responses=ERRORS, summary="Every dataset with its publisher and licence")
def datasets() -> list[dict[str, Any]]:
    """The data behind hustings with the credit each publisher asks for."""
    return [d.to_json() for d in all_datasets()]
