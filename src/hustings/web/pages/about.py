"""Where the data comes from."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from hustings.data.registry import all_datasets
from hustings.web.pages._common import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/about", response_class=HTMLResponse)
def about(request: Request) -> HTMLResponse:
    """Where the data comes from, its licences and the credit each publisher asks for."""
    return render(request, "about.html", datasets=all_datasets())
