"""Every ``/api/v1`` route, one module per capability (each module's ``router``).

A capability adds ``api/<capability>.py`` with ``router = APIRouter(prefix=PREFIX, tags=[TAG])``
and its routes; :func:`routers` picks it up, so nothing else changes.
"""

from __future__ import annotations

from fastapi import APIRouter

from hustings.web._discover import routers as _routers

__all__ = ["routers"]


def routers() -> list[APIRouter]:
    """The API routers of every capability."""
    return _routers(__name__, list(__path__))
