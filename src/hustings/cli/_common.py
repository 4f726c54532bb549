"""Helpers every CLI module shares: JSON output, one error shape, exit codes, TTY-aware Rich."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import typer

from hustings.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, HustingsError

P = ParamSpec("P")
R = TypeVar("R")

MAX_SIMS = 1_000_000
"""The most Monte Carlo simulations a command accepts (more would run for hours)."""

JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON instead of tables.")


def console(*, stderr: bool = False) -> Any:
    """A Rich console: colour and widths on a TTY, plain text in a pipe."""
    from rich.console import Console

    return Console(stderr=stderr, soft_wrap=not sys.stdout.isatty())


def print_json(payload: Any) -> None:
    """Write ``payload`` as JSON on stdout."""
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False, default=_default) + "\n")


def _default(value: Any) -> Any:
    if hasattr(value, "to_json"):
        return value.to_json()
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _wants_json(kwargs: dict[str, Any]) -> bool:
    return bool(kwargs.get("as_json") or kwargs.get("json_"))


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn :class:`HustingsError` into one line (or JSON) and exit 2; anything else into exit 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            try:
                return func(*args, **kwargs)
            except OSError as exc:
                from hustings._io import os_error

                raise (os_error(exc) or exc) from None
        except HustingsError as exc:
            if _wants_json(kwargs):
                print_json(exc.to_json())
            else:
                sys.stderr.write(f"error: {exc.one_line()}\n")
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:  # an internal failure: short message, no traceback by default
            if _wants_json(kwargs):
                print_json({"error": {"code": "internal", "message": str(exc)}})
            else:
                sys.stderr.write(
                    f"internal error: {type(exc).__name__}: {exc} "
                    "(set HUSTINGS_DEBUG=1 for the traceback)\n"
                )
            import os

            if os.environ.get("HUSTINGS_DEBUG"):
                raise
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


__all__ = ["EXIT_BAD_INPUT", "MAX_SIMS", "JsonOption", "console", "handle_errors", "print_json"]
