"""What every ``/api/v1`` module shares: the error shape, parameters and JSON responses."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Path, Request
from fastapi.responses import Response

from hustings.web.state import AppState

__all__ = ["ELECTION", "ERRORS", "GSS", "PREFIX", "TAG", "json_bytes", "raw", "state"]

PREFIX = "/api/v1"
TAG = "api v1"

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
