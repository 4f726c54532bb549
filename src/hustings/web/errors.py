"""One error shape for every failure: ``HustingsError.to_json()`` for the API, a page otherwise.

Validation errors, unknown routes and internal failures are converted into the same
``{"error": {"code", "message", "hint"?, "details"?}}`` body; no stack trace reaches a client.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from hustings.errors import (
    HustingsError,
    InvalidInputError,
    MissingExtraError,
    NoStoreError,
    NotFoundError,
)

log = logging.getLogger("hustings.web")


class InternalError(HustingsError):
    """An unexpected failure inside the app (details go to the server log, not the client)."""

    code = "internal"
    http_status = 500


class MethodNotAllowedError(HustingsError):
    """The route exists but not for this HTTP method."""

    code = "method_not_allowed"
    http_status = 405


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".csv") or path.endswith(".json")


_COMMAND_LINE = re.compile(r"(?<![\w-])--[a-z][a-z-]*|`hustings [a-z]|\bhustings [a-z]+ [a-z-]+")
WEB_HINTS = {
    "total": "change the shares so that they add up to 100% or less",
}
"""Hints for web users where the library's hint speaks of the command line, by detail key."""


def web_hint(error: HustingsError) -> str | None:
    """The error's hint in words a web user can act on: a hint naming a command or a
    command-line flag is replaced (or dropped), since neither means anything on a page."""
    hint = error.hint
    if hint is None or not _COMMAND_LINE.search(hint):
        return hint
    for key, text in WEB_HINTS.items():
        if key in error.details:
            return text
    if isinstance(error, (NoStoreError, MissingExtraError)):
        return "the server is not set up yet: please tell whoever runs it"
    return None


def error_json(error: HustingsError) -> dict[str, Any]:
    """The API's JSON body for an error, with the hint in words a web user can act on."""
    body = error.to_json()
    hint = web_hint(error)
    if hint is None:
        body["error"].pop("hint", None)
    else:
        body["error"]["hint"] = hint
    return body


def render_error(request: Request, error: HustingsError) -> Response:
    """The error as JSON (API) or as a page, with its HTTP status; hints are for web users."""
    if _wants_json(request):
        return JSONResponse(error_json(error), status_code=error.http_status)
    hint = web_hint(error)
    templates = request.app.state.templates
    return HTMLResponse(
        templates.get_template("error.html").render(request=request, error=error, hint=hint),
        status_code=error.http_status,
    )


def _validation(request: Request, exc: RequestValidationError) -> Response:
    problems = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    first = problems[0] if problems else {"where": "request", "problem": "invalid"}
    error = InvalidInputError(
        f"invalid {first['where']}: {first['problem']}",
        hint="see /docs for the parameters each endpoint takes",
        problems=[f"{p['where']}: {p['problem']}" for p in problems],
    )
    return render_error(request, error)


def _http(request: Request, exc: StarletteHTTPException) -> Response:
    error: HustingsError
    if exc.status_code == 404:
        error = NotFoundError(
            f"no page or endpoint at {request.url.path}",
            hint="the API lives under /api/v1; see /docs",
        )
    elif exc.status_code == 405:
        error = MethodNotAllowedError(f"{request.method} is not allowed on {request.url.path}")
    else:
        error = HustingsError(str(exc.detail))
        error.http_status = exc.status_code
    return render_error(request, error)


def _hustings(request: Request, exc: HustingsError) -> Response:
    return render_error(request, exc)


def _internal(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s", request.url.path)
    return render_error(
        request,
        InternalError(
            "internal error", hint="the server log has the details; please report the request"
        ),
    )


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    handlers: dict[Any, Any] = {
        HustingsError: _hustings,
        RequestValidationError: _validation,
        StarletteHTTPException: _http,
        Exception: _internal,
    }
    for kind, handler in handlers.items():
        app.add_exception_handler(kind, handler)
