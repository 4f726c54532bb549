"""Who is asking: the one place pages and API routes learn the current user.

Scripts and phones send ``Authorization: Bearer <token>``; the web pages use a session cookie
set at login, and every request that changes something with that cookie must carry the
session's CSRF token (header ``X-CSRF-Token`` or form field ``csrf``). A route that wants the
user declares ``user: CurrentUser``; one that must refuse strangers depends on
:func:`require_user`. Authorisation of each object stays in the library, which is given the
:class:`~hustings.storage.accounts.Principal`.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from hustings.errors import AuthError, HustingsError
from hustings.storage.accounts import Principal
from hustings.web.state import AppState

__all__ = [
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "CurrentUser",
    "NotSignedInError",
    "csrf_token",
    "current_user",
    "require_user",
]

SESSION_COOKIE = "hustings_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class NotSignedInError(HustingsError):
    """The page or endpoint is for signed-in users only."""

    code = "not_signed_in"
    http_status = 401


def _state(request: Request) -> AppState:
    found: AppState = request.app.state.hustings
    return found


def current_user(request: Request) -> Principal | None:
    """The signed-in user of this request, or ``None``; a bad token or session is a 401."""
    cached: Principal | None = getattr(request.state, "user", None)
    if cached is not None:
        return cached
    header = request.headers.get("authorization", "")
    cookie = request.cookies.get(SESSION_COOKIE)
    if not header and not cookie:
        return None
    from hustings.storage import accounts

    db = _state(request).database()
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("the Authorization header must be 'Bearer <token>'")
        user = accounts.principal_for_token(db, token.strip())
    else:
        assert cookie is not None
        user, csrf = accounts.principal_for_session(db, cookie)
        request.state.csrf = csrf
        if request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER, "") or getattr(request.state, "form_csrf", "")
            if not hmac.compare_digest(sent.encode(), csrf.encode()):
                raise AuthError("this form has expired", hint="reload the page and try again")
    request.state.user = user
    return user


CurrentUser = Annotated[Principal | None, Depends(current_user)]
"""The parameter type a route declares to receive the current user (or ``None``)."""


async def require_user(user: CurrentUser) -> Principal:
    """The current user, or :class:`NotSignedInError` when nobody is signed in (a coroutine:
    it does no I/O, so it needs no worker thread)."""
    if user is None:
        raise NotSignedInError("sign in to see this", hint="sign in, then open the page again")
    return user


def csrf_token(request: Request) -> str:
    """The CSRF token of the request's session ('' when there is none)."""
    return str(getattr(request.state, "csrf", ""))
