"""``hustings serve``: the web app and JSON API under uvicorn."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from hustings.cli._common import handle_errors, print_json


@handle_errors
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    mirror: Path | None = typer.Option(
        None, "--mirror", help="Data mirror to build the store from when there is none yet."
    ),
    workers: int = typer.Option(1, "--workers", min=1, max=16, help="uvicorn worker processes."),
    as_json: bool = typer.Option(False, "--json", help="Print the address as JSON on start."),
    access_log: bool = typer.Option(
        False,
        "--access-log/--no-access-log",
        help="Log each request (method, path, status, bytes, ms; never the address or query).",
    ),
) -> None:
    """Serve the map, seat pages, swingometer, tactical lookup and the /api/v1 JSON API."""
    from hustings.errors import NoStoreError, require
    from hustings.settings import Settings, find_mirror

    uvicorn = require("uvicorn", "web")
    require("fastapi", "web")
    check_port(host, port)
    settings = Settings(mirror=find_mirror(mirror))
    if not settings.store_path.is_file():
        if settings.mirror is None:
            raise NoStoreError(
                f"no data store at {settings.store_path}",
                hint="build it with: hustings data sync (or pass --mirror FOLDER)",
            )
        from hustings.data.store import sync

        sys.stderr.write(f"no store yet: building it from {settings.mirror} ...\n")
        sync(settings)
    url = f"http://{host}:{port}/"
    if as_json:
        print_json({"url": url, "store": str(settings.store_path), "docs": url + "docs"})
    else:
        sys.stderr.write(f"serving {settings.store_path} at {url} (API docs at {url}docs)\n")
    from hustings.web.server import uvicorn_options

    log_config = _log_config(access_log)
    options = uvicorn_options()
    if workers > 1:
        uvicorn.run("hustings.web.app:create_app", factory=True, host=host, port=port,
                    workers=workers, log_config=log_config, **options)  # fmt: skip
        return
    from hustings.web import create_app

    uvicorn.run(create_app(settings), host=host, port=port, log_config=log_config, **options)


def check_port(host: str, port: int) -> None:
    """Refuse, before any work, an address the server could not listen on (a port in use,
    a privileged port, an unknown host), in one line naming it and the fix."""
    import errno
    import socket

    from hustings.errors import InvalidInputError

    try:
        family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError):
        raise InvalidInputError(
            f"cannot listen on host '{host}': no such address",
            hint="give an address such as 127.0.0.1 or 0.0.0.0",
        ) from None
    with socket.socket(family, kind) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                other = port + 1 if port < 65535 else 8000
                raise InvalidInputError(
                    f"port {port} on {host} is in use by another program",
                    hint=f"stop it or pass another port, e.g. --port {other}",
                    port=port,
                ) from None
            raise InvalidInputError(
                f"cannot listen on {host}:{port} ({exc.strerror})",
                hint="pass another --host or --port (ports below 1024 need root)",
                port=port,
            ) from None


def _log_config(access_log: bool) -> dict[str, object]:
    """uvicorn's warnings and the app's access log (one line per request) on standard error."""
    handler = {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(message)s"}},
        "handlers": {"stderr": handler},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
            "hustings.web": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
            "hustings.web.access": {
                "handlers": ["stderr"],
                "level": "INFO" if access_log else "WARNING",
                "propagate": False,
            },
        },
    }


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve_command)
