"""The API's interactive documentation, served from this server alone (no CDN)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from hustings.errors import require
from hustings.web.pages._common import render

__all__ = ["ASSETS", "assets_folder", "router"]

ASSETS = "/docs-assets"
"""Where Swagger UI's script and style are served from."""

router = APIRouter(include_in_schema=False)


def assets_folder() -> Path:
    """Swagger UI's files as the ``fastapi-offline`` package installs them."""
    package = require("fastapi_offline", "web")
    return Path(package.__file__).parent / "static"


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI over ``/api/v1/openapi.json``."""
    return render(request, "docs.html", assets=ASSETS, openapi_url=request.app.openapi_url)
