"""The versioned JSON API under ``/api/v1``: thin calls into the library, cached where pure."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from hustings.data.profile import seat_profile
from hustings.data.registry import all_datasets
from hustings.web import services
from hustings.web.state import AppState
from hustings.web.views import DEFAULT_BASE, election_map, seat_list

router = APIRouter(prefix="/api/v1", tags=["api v1"])

ERROR_SHAPE = {
    "description": "Every error: {error: {code, message, hint?, details?}}",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["code", "message"],
                        "properties": {
                            "code": {"type": "string"},
                            "message": {"type": "string"},
                            "hint": {"type": "string"},
                            "details": {"type": "object"},
                        },
                    }
                },
            }
        }
    },
}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: ERROR_SHAPE,
    404: ERROR_SHAPE,
    422: ERROR_SHAPE,
    503: ERROR_SHAPE,
}
GSS = Path(
    ...,
    pattern=r"^[EeNnSsWw][0-9]{8}$",
    description="ONS/GSS constituency code, e.g. E14001170",
    examples=["E14001170"],
)
ELECTION = Path(..., max_length=60, description="2010, 2015, 2017, 2019, 2019-notional or 2024")


def state(request: Request) -> AppState:
    """The app's state."""
    app_state: AppState = request.app.state.hustings
    return app_state


def json_bytes(payload: Any) -> bytes:
    """Compact JSON bytes."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def raw(body: bytes, status: int = 200) -> Response:
    """A JSON response from pre-serialised bytes."""
    return Response(body, status_code=status, media_type="application/json")


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


@router.get("/seats", responses=ERRORS, summary="Constituencies, optionally filtered")
def seats(
    request: Request,
    boundary_set: str | None = Query(None, pattern="^(2010|2024)$"),
    q: str | None = Query(None, max_length=100, description="name fragment or GSS code"),
) -> Response:
    """Constituencies on one boundary set or both, filtered by a name fragment."""
    st = state(request)
    return raw(
        st.cached(
            ("seats", boundary_set, q),
            lambda: json_bytes(seat_list(st.store(), boundary_set, q)),
            few=q is not None,
        )
    )


@router.get("/seats/{gss}", responses=ERRORS, summary="One seat's profile")
async def seat(request: Request, gss: str = GSS) -> Response:
    """Every result since 2010, the notional result, Leave estimate and census summary."""
    st = state(request)
    key = ("seat", gss.upper())
    body = st.peek(key)
    if body is None:
        body = await run_in_threadpool(
            st.cached, key, lambda: json_bytes(seat_profile(st.store(), gss.upper()).to_json())
        )
    return raw(body)


@router.get("/results/{election}", responses=ERRORS, summary="National result of an election")
def results(
    request: Request,
    election: str = ELECTION,
    by: str = Query("party", pattern="^(party|nation|region)$"),
) -> Response:
    """Seats, votes and shares per party, UK and GB, optionally by nation or region."""
    st = state(request)
    return raw(
        st.cached(
            ("results", election, by),
            lambda: json_bytes(st.store().national(election, by=by).to_json()),
        )
    )


@router.get("/map/{election}", responses=ERRORS, summary="Winner of every seat in an election")
def election_winners(request: Request, election: str = ELECTION) -> Response:
    """Winners by GSS code with seat totals and shares (what the national map draws)."""
    st = state(request)
    return raw(
        st.cached(
            ("map", election), lambda: json_bytes(election_map(st.store(), election).to_json())
        )
    )


@router.get("/project", responses=ERRORS, summary="Project seats from national shares")
def project(
    request: Request,
    shares: str = Query(
        ...,
        max_length=300,
        description="LAB=33.7,CON=23.7,... (percent) or a named scenario such as final-polls-2024",
    ),
    base: str = Query(DEFAULT_BASE, max_length=60, description="the election swung from"),
    model: str = Query("uns", max_length=40),
    sims: int = Query(0, ge=0, le=2000, description="Monte Carlo runs (0: none)"),
    detail: bool = Query(True, description="include each seat's shares (false: winners only)"),
) -> Response:
    """Seat-by-seat projection: winners, seat totals and, with sims, win probabilities."""
    st = state(request)
    key = ("project", base, shares, model, sims, detail)
    return raw(
        st.cached(
            key,
            lambda: json_bytes(
                services.projection_json(st.store(), base, shares, model, sims, detail=detail)
            ),
            few=True,
        )
    )


@router.get("/datasets", responses=ERRORS, summary="Every dataset with its publisher and licence")
def datasets() -> list[dict[str, Any]]:
    """The data behind hustings with the credit each publisher asks for."""
    return [d.to_json() for d in all_datasets()]
