"""Every server-rendered page, one module per capability (each module's ``router``).

Pages work without JavaScript; ``static/app.js`` only adds interactivity. A capability adds
``pages/<capability>.py`` with ``router = APIRouter(include_in_schema=False)`` and its templates;
:func:`routers` picks it up, so nothing else changes.
"""

from __future__ import annotations

from fastapi import APIRouter

from hustings.web._discover import routers as _routers

__all__ = ["routers"]


def routers() -> list[APIRouter]:
    """The page routers of every capability."""
    return _routers(__name__, list(__path__))
