"""Finding the routers of a package: one module per capability, each with a ``router``."""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter

__all__ = ["routers"]


def routers(package: str, path: list[str]) -> list[APIRouter]:
    """The ``router`` of every public module of ``package`` (modules named ``_x`` are helpers),
    in module-name order."""
    found: list[APIRouter] = []
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        router = getattr(module, "router", None)
        if not isinstance(router, APIRouter):
            raise TypeError(f"{module.__name__} has no APIRouter named router")
        found.append(router)
    return found
