"""The web app: server-rendered pages and a versioned JSON API over the hustings library."""

from __future__ import annotations

from hustings.web.app import create_app

__all__ = ["create_app"]
