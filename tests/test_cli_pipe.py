"""A reader that closes the output early (``hustings ... | head -1``): the command stops quietly
with the status of a process ended by SIGPIPE (141), for every kind of output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import hustings
from hustings.cli.main import EXIT_PIPE
from hustings.settings import Settings

SRC = str(Path(hustings.__file__).resolve().parents[1])
BLT = Path(__file__).parent / "fixtures" / "ballots" / "worked_example.blt"


def run_into_closed_pipe(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the console entry point with its stdout a pipe whose reader has already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "100"}
    if home is not None:
        env["HUSTINGS_HOME"] = str(home)
    env.pop("HUSTINGS_DEBUG", None)
    try:
        return subprocess.run(
            [sys.executable, "-c", "from hustings.cli.main import run; run()", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),  # Click's own help, through Rich
        ("ballot", "count", str(BLT)),  # a command's Rich table
        ("ballot", "count", str(BLT), "--json"),  # a command's JSON
        ("--version",),  # a bare echo
    ],
)
def test_a_closed_output_ends_the_command_quietly_with_the_sigpipe_status(
    args: tuple[str, ...],
) -> None:
    done = run_into_closed_pipe(*args)
    assert EXIT_PIPE == 141
    assert (done.returncode, done.stderr) == (EXIT_PIPE, "")


def test_bad_input_still_exits_2_with_its_line_when_the_output_is_closed() -> None:
    done = run_into_closed_pipe("ballot", "count", str(BLT), "--method", "nonsense")
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1


@pytest.mark.mirror
def test_seat_into_head_ends_quietly(synced: Settings) -> None:
    done = run_into_closed_pipe("seat", "Chorley", home=synced.home)
    assert (done.returncode, done.stderr) == (EXIT_PIPE, "")
