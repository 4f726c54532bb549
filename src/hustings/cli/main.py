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


def run() -> None:
    """Entry point of the ``hustings`` console script.

    Usage errors (a missing argument, a flag that does not exist, a value of the wrong type)
    get the same one-line or JSON error shape as every other bad input, and exit 2.
    """
    import sys

    command = typer.main.get_command(app)
    _flags_without_type(command)
    try:
        code = command(standalone_mode=False, prog_name="hustings")
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
