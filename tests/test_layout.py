"""SQL lives in the data layer (public election data) and the storage layer (what users
create); every other package asks those layers by name."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import hustings

ROOT = Path(hustings.__file__).parent
SQL_LAYERS = ("data", "storage")
STATEMENT = re.compile(
    r"^\s*(SELECT\s.*\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s"
    r"|CREATE\s+(TABLE|INDEX|VIEW)\s|ALTER\s+TABLE\s)",
    re.S,
)


def _outside_sql_layers() -> list[Path]:
    return [p for p in sorted(ROOT.rglob("*.py")) if p.relative_to(ROOT).parts[0] not in SQL_LAYERS]


def _sql_texts(tree: ast.AST) -> list[tuple[int, str]]:
    return [
        (node.lineno, node.value[:60])
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and STATEMENT.match(node.value)
    ]


def test_no_sql_statement_outside_the_data_and_storage_layers() -> None:
    found = {
        str(p.relative_to(ROOT)): hits
        for p in _outside_sql_layers()
        if (hits := _sql_texts(ast.parse(p.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_check_sees_a_statement() -> None:
    tree = ast.parse('rows = store.query(\n    "SELECT gss FROM results WHERE election = ?"\n)')
    assert _sql_texts(tree) == [(2, "SELECT gss FROM results WHERE election = ?")]
