"""The app factory: one :class:`AppState` (store connection and caches) per app.

Routes are found, not listed: every module of :mod:`hustings.web.api` and
:mod:`hustings.web.pages` contributes its ``router``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from hustings import __version__
from hustings.domain import PARTIES
from hustings.settings import Settings
from hustings.web import api, errors, pages
from hustings.web.contact_sync import ContactSync
from hustings.web.pages.docs import ASSETS, assets_folder
from hustings.web.server import Hardening
from hustings.web.state import AppState

HERE = Path(__file__).parent

DESCRIPTION = (
    "Election data, seat projections, targets and tactical advice for Westminster seats. "
    "Every error has one shape: `{error: {code, message, hint?, details?}}`."
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app reading the store named by ``settings`` (default: the user's store)."""
    app_state = AppState(settings or Settings())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        app_state.warm()
        yield
        app_state.close()

    app = FastAPI(
        title="hustings",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.hustings = app_state
    app.state.templates = _templates()
    app.add_middleware(GZipMiddleware, minimum_size=2000)
    app.add_middleware(ContactSync)
    app.add_middleware(Hardening)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount(ASSETS, StaticFiles(directory=assets_folder()), name="docs-assets")
    for router in [*api.routers(), *pages.routers()]:
        app.include_router(router)
    errors.install(app)
    return app


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    env: Any = templates.env
    env.globals["parties"] = PARTIES
    env.globals["version"] = __version__
    env.filters["pct"] = lambda v, d=1: "" if v is None else f"{100 * float(v):.{d}f}%"
    env.filters["thousands"] = lambda v: "" if v is None else f"{int(v):,}"
    env.filters["party_name"] = lambda c: PARTIES[c].name if c in PARTIES else str(c)
    env.filters["uk_time"] = _uk_time
    return templates


def _uk_time(at: datetime, fmt: str = "%d %B %Y %H:%M") -> str:
    """A time as read in the UK, with zone and offset: ``01 July 2027 09:00 BST (UTC+01:00)``."""
    from hustings.clock import UK_ZONE

    local = at.astimezone(UK_ZONE)
    return f"{local.strftime(fmt)} {local.tzname()} (UTC{local.isoformat()[-6:]})"
