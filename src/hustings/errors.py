"""One error family for the whole package.

Every failure a user can cause raises :class:`HustingsError` (or a subclass) with a stable
``code``, a message naming the culprit and, where there is one, the fix. The CLI and the web
app turn these into exit codes and one JSON error shape; nothing inside the library prints.
"""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


class HustingsError(Exception):
    """Base of every error hustings raises on purpose.

    ``code`` is stable (tests and API clients match on it); ``details`` carries the values
    that explain the error (file, row, column, value ...).
    """

    code: str = "error"
    exit_code: int = EXIT_BAD_INPUT
    http_status: int = 400

    def __init__(self, message: str, *, hint: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details

    def one_line(self) -> str:
        """The message and hint as one line for a terminal."""
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def to_json(self) -> dict[str, Any]:
        """The single JSON error shape shared by the CLI and the web API."""
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.hint:
            body["hint"] = self.hint
        if self.details:
            body["details"] = {k: _plain(v) for k, v in self.details.items()}
        return {"error": body}


def _plain(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


class NotFoundError(HustingsError):
    """Something named by the user does not exist (seat, election, party, file)."""

    code = "not_found"
    http_status = 404


class InvalidInputError(HustingsError):
    """An argument or input file is malformed or inconsistent."""

    code = "invalid_input"
    http_status = 422


class DataError(HustingsError):
    """A dataset failed validation, a checksum, or could not be read."""

    code = "data_error"


class NoStoreError(HustingsError):
    """The embedded store has not been built yet."""

    code = "no_store"
    http_status = 503


class WriteError(HustingsError):
    """An output could not be written (a full disk, no permission, a read-only folder)."""

    code = "write_error"
    http_status = 507


class OfflineError(HustingsError):
    """A dataset had to be downloaded but the network is unreachable."""

    code = "offline"
    http_status = 503


class MissingExtraError(HustingsError):
    """An optional dependency is not installed; the hint gives the exact install command."""

    code = "missing_extra"
    http_status = 501

    def __init__(self, extra: str, module: str) -> None:
        super().__init__(
            f"this feature needs the optional dependency '{module}'",
            hint=f"install it with: pip install 'hustings[{extra}]'",
            extra=extra,
            module=module,
        )


def require(module: str, extra: str) -> Any:
    """Import an optional dependency or raise :class:`MissingExtraError` with the install hint."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(extra, module) from exc


class AuthError(HustingsError):
    """No valid credentials: a missing, wrong, expired or revoked token, password or session."""

    code = "unauthorised"
    http_status = 401


class ForbiddenError(HustingsError):
    """Valid credentials, but the account may not see or change this object."""

    code = "forbidden"
    http_status = 403
