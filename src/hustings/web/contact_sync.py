"""The lean path for ``POST /api/v1/field/contacts``, the one endpoint that polling day loads.

:class:`ContactSync` is plain ASGI middleware that answers this endpoint before the app's
routing: it reads the credential from the headers, parses and checks the body itself, and hands
the batch with its credential to the worker's group commit, where the credential is looked up
in the transaction that stores the records (one query for the whole group, so a token revoked
before that transaction began is refused). Everything else goes on to the app.

The answers are those of the documented route in :mod:`hustings.web.api.field` (which the tests
compare it with): 200 ``{"accepted", "duplicates"}`` after the commit; 401 without a valid
token or session (and a session's CSRF token); 403 for a door outside the caller's walk lists
or seats; 422 naming the first bad record as ``body.N.field`` with nothing stored. A stranger
learns nothing about a body: a bad body is reported only once the credential has been checked.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import cookie_parser

from hustings.errors import AuthError, HustingsError, InvalidInputError
from hustings.field.canvass import MAX_BATCH
from hustings.field.model import Channel, ContactRecord, Outcome, parse_channel
from hustings.storage.accounts import Credential, principals_for
from hustings.web.auth import CSRF_HEADER, SESSION_COOKIE, NotSignedInError
from hustings.web.errors import InternalError, error_json
from hustings.web.state import AppState

__all__ = ["PATH", "ContactSync", "credential_of", "parse_batch", "phone_time"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PATH = "/api/v1/field/contacts"
HOUSEHOLD_MAX = 200
OUTCOMES = {o.value: o for o in Outcome}
CHANNELS = {c.value: c for c in Channel}
HINT = "see /docs for the parameters each endpoint takes"
JSON_HEADERS = [(b"content-type", b"application/json")]
AT_NOT_TEXT = "Input should be an ISO-8601 time as text"

log = logging.getLogger("hustings.web")


class ContactSync:
    """Answers ``POST`` :data:`PATH` without the app's routing, dependencies or models."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        answer = await _answer(scope["app"].state.hustings, scope, receive)
        if answer is None:
            return
        status, body = answer
        headers = [*JSON_HEADERS, (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _answer(state: AppState, scope: Scope, receive: Receive) -> tuple[int, bytes] | None:
    """The status and body to send (``None`` when the client went away mid-request)."""
    try:
        credential = credential_of(scope["headers"])
        raw = await _body(receive)
        if raw is None:
            return None
        try:
            records = parse_batch(raw, json_body=_is_json(scope["headers"]))
        except InvalidInputError:
            await run_in_threadpool(_check, state, credential)
            raise
        result = await state.contact_writer().submit((credential, records))
    except HustingsError as error:
        return error.http_status, _json(error_json(error))
    except Exception:
        log.exception("internal error on %s", PATH)
        internal = InternalError(
            "internal error", hint="the server log has the details; please report the request"
        )
        return internal.http_status, _json(error_json(internal))
    return 200, _json(result.to_json())


def credential_of(headers: Sequence[tuple[bytes, bytes]]) -> Credential:
    """The bearer token, or else the session cookie with the CSRF header, a request carries;
    :class:`NotSignedInError` when it has neither, :class:`AuthError` for a malformed header."""
    authorization = cookie = csrf = ""
    for name, value in headers:
        if name == b"authorization" and not authorization:
            authorization = value.decode("latin-1")
        elif name == b"cookie":
            cookie = cookie_parser(value.decode("latin-1")).get(SESSION_COOKIE) or cookie
        elif name == CSRF_HEADER.encode() and not csrf:
            csrf = value.decode("latin-1")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("the Authorization header must be 'Bearer <token>'")
        return Credential(token=token.strip())
    if cookie:
        return Credential(session=cookie, csrf=csrf)
    raise NotSignedInError("sign in to see this", hint="sign in, then open the page again")


def _check(state: AppState, credential: Credential) -> None:
    """Raise the :class:`AuthError` that refuses ``credential``, if any."""
    with state.database().read() as conn:
        found = principals_for(conn, [credential])[credential]
    if isinstance(found, AuthError):
        raise found


async def _body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _json(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _invalid(where: str, problem: str) -> InvalidInputError:
    problems = [f"{where}: {problem}"]
    return InvalidInputError(f"invalid {where}: {problem}", hint=HINT, problems=problems)


def _is_json(headers: Sequence[tuple[bytes, bytes]]) -> bool:
    """Whether the body is declared as JSON (``application/json`` or ``application/*+json``)."""
    for name, value in headers:
        if name == b"content-type":
            kind = value.split(b";", 1)[0].strip().lower()
            return kind == b"application/json" or (
                kind.startswith(b"application/") and kind.endswith(b"+json")
            )
    return False


def parse_batch(raw: bytes, *, json_body: bool = True) -> list[ContactRecord]:
    """The records of a request body (a JSON list of ``{id, household, outcome, at, channel?}``);
    the first bad one is named as ``body.N.field`` in an :class:`InvalidInputError` worded as
    the documented route's validation words it. A body not declared as JSON (``json_body``) is
    not read, as there. Unlike there, a body that is not JSON at all is not given a position:
    a phone would take ``body.N`` for its record ``N``."""
    if not raw.strip():
        raise _invalid("body", "Field required")
    if not json_body:
        raise _invalid("body", "Input should be a valid list")
    try:
        items = json.loads(raw)
    except ValueError:
        raise _invalid("body", "JSON decode error") from None
    if not isinstance(items, list):
        raise _invalid("body", "Input should be a valid list")
    if len(items) > MAX_BATCH:
        raise _invalid(
            "body", f"List should have at most {MAX_BATCH} items after validation, not {len(items)}"
        )
    return [_record(index, item) for index, item in enumerate(items)]


def _one_of(names: dict[str, Any]) -> str:
    quoted = [f"'{name}'" for name in names]
    return f"Input should be {', '.join(quoted[:-1])} or {quoted[-1]}"


def _record(index: int, item: Any) -> ContactRecord:
    where = f"body.{index}"
    if not isinstance(item, dict):
        raise _invalid(where, "Input should be a valid dictionary or object to extract fields from")
    for name in ("id", "household", "outcome", "at"):
        if name not in item:
            raise _invalid(f"{where}.{name}", "Field required")
    given, household, outcome, at, channel = (
        item["id"],
        item["household"],
        item["outcome"],
        item["at"],
        item.get("channel"),
    )
    try:
        record_id = str(uuid.UUID(given))
    except (TypeError, ValueError, AttributeError):
        raise _invalid(f"{where}.id", "Input should be a valid UUID") from None
    if not isinstance(household, str):
        raise _invalid(f"{where}.household", "Input should be a valid string")
    if not 0 < len(household) <= HOUSEHOLD_MAX:
        raise _invalid(
            f"{where}.household",
            f"String should have at most {HOUSEHOLD_MAX} characters"
            if household
            else "String should have at least 1 character",
        )
    if not isinstance(outcome, str) or outcome not in OUTCOMES:
        raise _invalid(f"{where}.outcome", _one_of(OUTCOMES))
    if channel is not None and (not isinstance(channel, str) or channel not in CHANNELS):
        raise _invalid(f"{where}.channel", _one_of(CHANNELS))
    try:
        when = phone_time(at)
    except ValueError as exc:
        raise _invalid(f"{where}.at", str(exc)) from None
    kind = OUTCOMES[outcome]
    return ContactRecord(record_id, household, kind, when, parse_channel(channel, kind))


def phone_time(value: object) -> datetime:
    """The ``at`` of a record from a phone: ISO-8601 text, UTC when it names no zone. A number
    is refused (``ValueError``), not guessed to be Unix seconds or milliseconds; this is the one
    rule for the lean path and the documented route."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(AT_NOT_TEXT)
    if not isinstance(value, str):
        raise ValueError(f"{AT_NOT_TEXT}, not a number (Unix times are not accepted)")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{AT_NOT_TEXT}, such as 2026-12-05T11:02:00Z") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
