"""The ``hustings`` command: each capability registers its own commands from its CLI module."""

from __future__ import annotations

import importlib
from typing import Any

import typer
import typer.main

app = typer.Typer(
    name="hustings",
    help=(
        "hustings: election data, seat projections, tactical voting, alliances, member "
        "ballots, selection by lot and listening exercises for first-past-the-post campaigns."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Each module exposes ``register(app)``; heavy imports stay inside the command bodies.
COMMAND_MODULES = (
    "hustings.cli.data",
    "hustings.cli.projection",
    "hustings.cli.tactics",
    "hustings.cli.web",
    "hustings.cli.ballots",
    "hustings.cli.lot",
    "hustings.cli.listening",
    "hustings.cli.field",
    "hustings.cli.money",
    "hustings.cli.votes",
    "hustings.cli.allocate",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        from hustings import __version__

        typer.echo(__version__)
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def _flags_without_type(command: Any) -> None:
    """Show flags in ``--help`` as ``--json``, not ``--json <bool>``."""
    for param in command.params:
        if getattr(param, "is_flag", False):
            param.display_type_rich = lambda ctx: None
    make_help = command.get_help_option

    def help_option(ctx: Any) -> Any:
        option = make_help(ctx)
        if option is not None:
            option.display_type_rich = lambda ctx: None
        return option

    command.get_help_option = help_option
    for sub in getattr(command, "commands", {}).values():
        _flags_without_type(sub)


EXIT_PIPE = 128 + 13
"""The status of a command whose reader closed its output (``| head``): that of a process
ended by SIGPIPE, as other Unix tools report it."""


def _from_broken_pipe(exc: BaseException) -> bool:
    """Whether an exit was raised while handling a closed output (Click and Rich end with
    ``SystemExit(1)`` from inside their handler of the ``BrokenPipeError``)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, BrokenPipeError):
            return True
        seen = seen.__context__
    return False


def _stdout_closed() -> None:
    """Exit quietly with :data:`EXIT_PIPE`: output still buffered goes nowhere, no traceback."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    except (OSError, ValueError):
        pass
    sys.exit(EXIT_PIPE)


def run() -> None:
    """Entry point of the ``hustings`` console script.

    Usage errors (a missing argument, a flag that does not exist, a value of the wrong type)
    get the same one-line or JSON error shape as every other bad input, and exit 2. When the
    reader of the output goes away (``hustings seat X | head -1``) the command stops quietly
    with :data:`EXIT_PIPE`.
    """
    import sys

    command = typer.main.get_command(app)
    _flags_without_type(command)
    try:
        code = command(standalone_mode=False, prog_name="hustings")
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_closed()
    except SystemExit as exc:
        if _from_broken_pipe(exc):
            _stdout_closed()
        raise
    except typer.Abort:
        sys.stderr.write("aborted\n")
        sys.exit(1)
    except typer.TyperException as exc:
        message = (exc.format_message() if hasattr(exc, "format_message") else str(exc)).rstrip(".")
        if "--json" in sys.argv[1:]:
            from hustings.cli._common import print_json

            print_json({"error": {"code": "usage", "message": message, "hint": "see --help"}})
        else:
            sys.stderr.write(f"error: {message}; see 'hustings --help'\n")
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
