"""Who is asking: the one place pages and API routes learn the current user.

Nobody signs in yet, so :func:`current_user` answers ``None`` unless something earlier in the
request (an accounts middleware or dependency) has put a user on ``request.state.user``. A route
that needs to know takes ``user: CurrentUser``; one that must refuse strangers depends on
:func:`require_user`. When accounts arrive, only this module changes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from hustings.errors import AuthError

__all__ = ["CurrentUser", "current_user", "require_user"]


def current_user(request: Request) -> Any | None:
    """The signed-in user of this request, or ``None``."""
    return getattr(request.state, "user", None)


CurrentUser = Annotated[Any | None, Depends(current_user)]
"""The parameter type a route declares to receive the current user (or ``None``)."""


def require_user(user: CurrentUser) -> Any:
    """The current user, or :class:`~hustings.errors.AuthError` when nobody is signed in."""
    if user is None:
        raise AuthError("sign in to see this", hint="sign in, then open the page again")
    return user
