"""The web package is organised by kind: API routes, pages, and one adapter to the library."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from fastapi import APIRouter, Depends, FastAPI
from fastapi.testclient import TestClient

import hustings.web
from hustings.web import api, auth, errors, pages

WEB = Path(hustings.web.__file__).parent


def _paths(routers: list[APIRouter]) -> list[str]:
    return [getattr(r, "path", "") for router in routers for r in router.routes]


def test_every_api_route_is_under_api_v1_and_no_page_is() -> None:
    api_paths = _paths(api.routers())
    page_paths = _paths(pages.routers())
    assert "/api/v1/seats/{gss}" in api_paths and "/api/v1/tactical" in api_paths
    assert all(p.startswith("/api/v1/") for p in api_paths)
    assert "/seats/{gss}" in page_paths and "/tactical" in page_paths
    assert not any(p.startswith("/api/") for p in page_paths)


def test_the_adapter_does_not_know_about_http_or_templates() -> None:
    for module in (WEB / "adapter").glob("*.py"):
        tree = ast.parse(module.read_text())
        imported = {
            (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        leaks = {m for m in imported if m.split(".")[0] in {"fastapi", "starlette", "jinja2"}}
        assert not leaks, f"{module.name} imports {leaks}"


def test_routes_only_for_signed_in_users_refuse_strangers() -> None:
    app = FastAPI()
    errors.install(app)

    @app.get("/api/v1/mine", dependencies=[Depends(auth.require_user)])
    def mine() -> dict[str, str]:
        return {"ok": "yes"}

    @app.get("/api/v1/who")
    def who(user: auth.CurrentUser) -> dict[str, str | None]:
        return {"user": user}

    with TestClient(app) as client:
        refused = client.get("/api/v1/mine")
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "not_signed_in"
        assert client.get("/api/v1/who").json() == {"user": None}


@pytest.mark.parametrize("package", [api, pages])
def test_each_public_module_brings_one_router_and_helpers_none(package: object) -> None:
    folder = Path(package.__file__).parent  # type: ignore[attr-defined]
    public = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    assert len(package.routers()) == len(public)  # type: ignore[attr-defined]
