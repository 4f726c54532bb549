"""Every command and option of the CLI, given wrong values: exit 0 or 2, never an internal error.

The walk introspects the Typer app, so a new command is covered the day it is registered.
For each option (and argument) it takes the wrong values of the option's type from ``WRONG``
and runs the command with everything else valid, asserting that it either accepts the value
(exit 0) or refuses it in one line naming the problem (exit 2), never ``internal error``.

How to declare what the walk needs (for authors of new commands):
- An output path: ``typer.Option(..., writable=True)``; the walk then gives it
  a folder, a path in a missing folder and an unwritable place. Any other ``Path`` is an input
  and gets a missing path, a folder, a UTF-16 file, a binary file and an empty file.
- A command that needs valid arguments to reach its options: add them to ``BASELINES``
  (argument and option names as in the Python signature). Without one, required values are
  filled with a one-line CSV, ``1`` or ``x``.
- A command that never returns (a server) or rewrites the shared store: ``NOT_WALKED`` with the
  reason, and a dedicated test of its bad input elsewhere.
"""

from __future__ import annotations

import contextlib
import io
import signal
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from hustings.cli.main import app, run
from hustings.settings import Settings, find_mirror

pytestmark = pytest.mark.mirror

FIXTURES = Path(__file__).parent / "fixtures"
SECONDS = 120
POLIS = (find_mirror() or FIXTURES) / "listening/polis-opendata/brexit-consensus/comments.csv"

NOT_WALKED = {
    "serve": "runs until stopped; bad addresses are tested in tests/web/test_serve_port.py",
    "data sync": "rebuilds the store; a missing or wrong mirror is tested in tests/data",
    "listen evaluate": "scores models for minutes on the mirror; it takes no file or number",
    "ballot verify": "recounts 351 wards; its one option, --mirror, is tested in tests/ballots",
}

SHARES = "LAB=33.7,CON=23.7,RUK=14.3,LD=12.2,GRN=6.7,SNP=2.5,PC=0.7"
LOT = FIXTURES / "lot"
BASELINES: dict[str, dict[str, Any]] = {
    "project": {"shares": SHARES},
    "backtest": {"election": "2024", "inputs": "actual", "model": "uns", "sims": "0"},
    "targets": {"party": "LAB", "top": "5"},
    "tactical": {"sims": "0", "policy": "previous-result"},
    "alliance": {"stand_down": ["GRN:all"]},
    "seat": {"name": "Chorley"},
    "results": {"election": "2024"},
    "ballot count": {"paths": [str(FIXTURES / "ballots" / "worked_example.blt")]},
    "lot select": {
        "pool": LOT / "pool.csv",
        "quotas": LOT / "quotas.csv",
        "size": "4",
        "seed": "1",
    },
    "lot audit": {"pool": LOT / "pool.csv", "quotas": LOT / "quotas.csv", "size": "4"},
    "listen report": {"inputs": [str(POLIS)], "embedder": "hashing"},
    "listen themes": {"inputs": [str(POLIS)], "embedder": "hashing"},
    "allocate": {
        "scenario": SHARES,
        "bloc": "LAB,LD,GRN",
        "against": "RUK",
        "volunteers": FIXTURES.parent.parent / "docs" / "examples" / "allocate" / "volunteers.csv",
        "budget": "1000",
        "sims": "100",
    },
    "listen code": {
        "input_file": FIXTURES / "listening" / "survey.csv",
        "codebook": FIXTURES / "listening" / "codebook.json",
        "embedder": "hashing",
    },
}

NUMBERS = ["-1", "0", "1000000000000", "nan", ""]
WRONG: dict[str, list[str]] = {
    "int": NUMBERS,
    "float": [*NUMBERS, "inf", "-inf"],
    "text": ["", " ", "nan", "-1", "x" * 300],
    "input": ["<missing>", "<folder>", "<utf16>", "<binary>", "<empty>"],
    "output": ["<folder>", "<missing-folder>", "<unwritable>"],
}


def _kind(param: Any) -> str | None:
    """The row of ``WRONG`` for a parameter (``None`` for flags: nothing wrong to give)."""
    described = param.type_descriptor
    annotation = described.annotation
    inner = typing.get_args(annotation)
    if typing.get_origin(annotation) is list and inner:
        annotation = inner[0]
    if getattr(param, "is_flag", False) or annotation is bool:
        return None
    if annotation is Path:
        return "output" if getattr(described.parameter_info, "writable", False) else "input"
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    return "text"


def _root() -> Any:
    return typer.main.get_command(app)


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands(command, path)
        else:
            yield " ".join(path), command


def _cases() -> Iterator[Any]:
    for name, command in _commands(_root()):
        if name in NOT_WALKED:
            continue
        for param in command.params:
            kind = _kind(param)
            if kind is None or param.name in ("as_json", "json_"):
                continue
            for value in WRONG[kind]:
                yield pytest.param(name, param.name, value, id=f"{name}:{param.name}={value!r}")


def test_every_command_is_walked() -> None:
    """Commands skipped by the walk are few and each says why; the walk has cases."""
    names = {name for name, _ in _commands(_root())}
    assert set(NOT_WALKED) <= names, set(NOT_WALKED) - names
    assert set(BASELINES) <= names, set(BASELINES) - names
    assert len(list(_cases())) > 200


def _materialise(value: str, tmp: Path) -> str:
    made = {
        "<missing>": tmp / "missing.csv",
        "<folder>": tmp,
        "<missing-folder>": tmp / "no-such-folder" / "out.csv",
        "<unwritable>": Path("/sys/hustings-walk-out.csv"),
    }
    if value in made:
        return str(made[value])
    contents = {
        "<utf16>": "name,votes\nAlice,1\n".encode("utf-16"),
        "<binary>": b"\xff\xfe\x00\x81\x9c garbage \x00\x01",
        "<empty>": b"",
    }
    if value in contents:
        target = tmp / f"bad{value.strip('<>')}.csv"
        target.write_bytes(contents[value])
        return str(target)
    return value


def _filler(param: Any, tmp: Path) -> list[str]:
    kind = _kind(param)
    if kind == "input":
        filler = tmp / "filler.csv"
        filler.write_text("a,b\n1,2\n", encoding="utf-8")
        return [str(filler)]
    if kind == "output":
        return [str(tmp / "out.csv")]
    return ["1" if kind in ("int", "float") else "x"]


def _argv(command: Any, name: str, bad: tuple[str, str], tmp: Path) -> list[str]:
    argv = name.split()
    baseline = BASELINES.get(name, {})
    for param in command.params:
        if param.name == bad[0]:
            values = [_materialise(bad[1], tmp)]
        elif param.name in baseline:
            given = baseline[param.name]
            values = [str(v) for v in given] if isinstance(given, list) else [str(given)]
        elif param.required:
            values = _filler(param, tmp)
        else:
            continue
        if param.param_type_name == "option":
            flag = max(param.opts, key=len)
            for value in values:
                argv += [flag, value]
        else:
            argv += values
    return argv


@contextlib.contextmanager
def _deadline(seconds: int, what: str) -> Iterator[None]:
    def expire(*_: Any) -> None:
        raise TimeoutError(f"{what} ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def walk_home(synced: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder of the walk's own, sharing the read-only store: whatever state the
    commands keep beside it (accounts, field records) stays out of other tests."""
    home = tmp_path_factory.mktemp("walk-home")
    (home / synced.store_path.name).symlink_to(synced.store_path)
    return home


@pytest.mark.parametrize(("command", "option", "value"), list(_cases()))
def test_wrong_value(
    command: str,
    option: str,
    value: str,
    walk_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A wrong value is accepted or refused in one line (exit 2); never an internal error."""
    target = _root()
    for part in command.split():
        target = target.commands[part]
    argv = _argv(target, command, (option, value), tmp_path)
    monkeypatch.setenv("HUSTINGS_HOME", str(walk_home))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["hustings", *argv])
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with _deadline(SECONDS, " ".join(argv)), pytest.raises(SystemExit) as exit_:
        run()
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    code = exit_.value.code
    assert code in (0, 2), f"hustings {' '.join(argv)} exited {code}: {err}"
    assert "internal error" not in err
    if code == 2:
        assert len(lines) == 1, f"hustings {' '.join(argv)}:\n{err}"
        assert lines[0].startswith("error: ")


@pytest.mark.parametrize("command", [name for name, _ in _commands(_root())])
def test_help_shows_flags_plainly(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--help`` lists ``--json`` as a flag, without a ``<bool>`` value, at 80 columns."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(sys, "argv", ["hustings", *command.split(), "--help"])
    with pytest.raises(SystemExit) as exit_:
        run()
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert "--help" in out and "<bool>" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("command", sorted(BASELINES))
def test_baseline_runs_and_fits_80_columns(
    command: str,
    walk_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each baseline is valid (so the walk reaches the value it tries), and its tables are
    readable at 80 columns: wrapped, or columns left out with a note, never cut with '…'."""
    target = _root()
    for part in command.split():
        target = target.commands[part]
    argv = _argv(target, command, ("", ""), tmp_path)
    monkeypatch.setenv("HUSTINGS_HOME", str(walk_home))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["hustings", *argv])
    with _deadline(SECONDS, " ".join(argv)), pytest.raises(SystemExit) as exit_:
        run()
    captured = capsys.readouterr()
    assert exit_.value.code == 0, f"hustings {' '.join(argv)}: {captured.err}"
    assert "…" not in captured.out
