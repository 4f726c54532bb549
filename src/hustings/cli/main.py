"""The ``hustings`` command: each capability registers its own commands from its CLI module."""

from __future__ import annotations

import importlib

import typer

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


def run() -> None:
    """Entry point of the ``hustings`` console script."""
    app()
