"""The projection package's modules import each other in one direction only, at the top of
each module: what is learnt from history lives in one object (``History``), not in imports
made inside functions to get round a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import hustings.projection

PACKAGE = Path(hustings.projection.__file__).parent
PREFIX = "hustings.projection."


def _modules() -> dict[str, ast.Module]:
    return {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in PACKAGE.glob("*.py")}


def _imported(node: ast.AST) -> set[str]:
    out = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.ImportFrom) and sub.module and sub.module.startswith(PREFIX):
            out.add(sub.module[len(PREFIX) :])
    return out


def test_no_import_of_the_package_inside_a_function() -> None:
    inside = {
        (name, sorted(_imported(fn)))
        for name, tree in _modules().items()
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and _imported(fn)
    }
    assert not inside


def test_modules_import_each_other_without_a_circle() -> None:
    graph = {name: _imported(tree) - {name} for name, tree in _modules().items()}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name in done:
            return
        for dep in graph.get(name, set()):
            visit(dep, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())
    assert {"history", "core", "backtest"} <= done
