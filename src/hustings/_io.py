"""Reading user files and writing outputs, the same honest way everywhere.

Every file hustings writes goes through :func:`write_text` or :func:`atomic_writer`: the bytes
go to a hidden file beside the target, which is renamed over it only once complete, so a full
disk or a kill leaves the old file or nothing. :func:`check_output` refuses an output path
before any work starts; :func:`read_text` reads an input file or says, in one line, why not.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from hustings.errors import HustingsError, InvalidInputError, NotFoundError, WriteError

ENCODING_HINT = "re-save the file as UTF-8, or pass --encoding (e.g. --encoding cp1252)"


def check_output(path: str | Path, *, what: str = "output") -> Path:
    """``path`` as a :class:`Path` if a file can be written there, else a one-line error."""
    path = Path(path)
    if path.is_dir():
        raise InvalidInputError(
            f"{what} '{path}' is a folder", hint="give a file name inside it", path=str(path)
        )
    folder = path.parent
    if not folder.is_dir():
        raise InvalidInputError(
            f"no folder '{folder}' to write the {what} in",
            hint="create it first or choose another path",
            path=str(path),
        )
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise WriteError(
            f"cannot write the {what} '{path}': permission denied",
            hint="choose a folder you can write to",
            path=str(path),
        )
    return path


@contextmanager
def atomic_writer(
    path: str | Path, *, what: str = "output", encoding: str = "utf-8", mode: int | None = None
) -> Iterator[IO[str]]:
    """A stream to a hidden file beside ``path``, renamed over it when the block ends cleanly.

    The file gets the permissions a plain ``open`` would give (umask applied), or ``mode``
    (e.g. ``0o600`` for personal data). Nothing is left behind when the block raises;
    ``OSError`` becomes :class:`WriteError` naming the path.
    """
    path = check_output(path, what=what)
    try:
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise _write_error(exc, path, what) from None
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        raise _write_error(exc, path, what) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def write_text(
    path: str | Path,
    text: str,
    *,
    what: str = "output",
    encoding: str = "utf-8",
    mode: int | None = None,
) -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_writer`); returns the path."""
    with atomic_writer(path, what=what, encoding=encoding, mode=mode) as stream:
        stream.write(text)
    return Path(path)


def _write_error(exc: OSError, path: Path, what: str) -> WriteError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason, hint = "the disk is full", "free some space and run the command again"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason, hint = "permission denied", "choose a folder you can write to"
    else:
        reason, hint = exc.strerror or type(exc).__name__, "choose another path"
    return WriteError(
        f"cannot write the {what} '{path}': {reason}; the previous file, if any, is unchanged",
        hint=hint,
        path=str(path),
    )


def os_error(exc: OSError) -> HustingsError | None:
    """A one-line error for an operating-system failure a user can fix (a full disk, no
    permission, a read-only file system), naming the file; ``None`` for any other."""
    if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS):
        return None
    where = f" '{exc.filename}'" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return WriteError(f"the disk is full{where and ' writing' + where}",
                          hint="free some space and run the command again")  # fmt: skip
    return WriteError(
        f"permission denied{where and ' on' + where} ({exc.strerror})",
        hint="choose a file or folder you can write to, or fix its permissions",
    )


def read_text(path: str | Path, *, what: str = "input", encoding: str | None = None) -> str:
    """The text of an input file (UTF-8, BOM or not, unless ``encoding``), or a one-line error
    naming the file: missing, a folder, unreadable, or not in the expected encoding."""
    path = Path(path)
    data = read_bytes(path, what=what)
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise InvalidInputError(
                f"unknown encoding '{encoding}'", hint="e.g. utf-8, cp1252, utf-16"
            ) from None
        except UnicodeDecodeError as exc:
            raise InvalidInputError(
                f"{what} file {path}: cannot decode as {encoding} ({exc.reason} at offset "
                f"{exc.start})",
                hint=ENCODING_HINT,
                path=str(path),
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = guess_encoding(data)
        raise InvalidInputError(
            f"{what} file {path}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start})" + (f"; it looks like {guess}" if guess else ""),
            hint=ENCODING_HINT,
            path=str(path),
        ) from None


def read_bytes(path: str | Path, *, what: str = "input") -> bytes:
    """The bytes of an input file, or a one-line error (missing, a folder, unreadable)."""
    path = Path(path)
    if path.is_dir():
        raise InvalidInputError(
            f"{what} '{path}' is a folder, not a file", hint="give the file inside it"
        )
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(
            f"no {what} file '{path}'", hint="check the path", path=str(path)
        ) from None
    except OSError as exc:
        raise InvalidInputError(
            f"cannot read the {what} file '{path}': {exc.strerror or type(exc).__name__}",
            hint="check its permissions",
            path=str(path),
        ) from None


def guess_encoding(data: bytes) -> str:
    """A plausible name for the encoding of bytes that are not UTF-8 ('' when no guess)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and b"\x00" in data[:64]):
        return "UTF-16"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return "Windows-1252 (cp1252)"


__all__ = [
    "ENCODING_HINT",
    "Rejected",
    "atomic_writer",
    "check_output",
    "guess_encoding",
    "os_error",
    "read_bytes",
    "read_rows",
    "read_text",
    "write_text",
]


@dataclass(frozen=True)
class Rejected:
    """A row of an input file that was not taken, and why."""

    row: int
    reason: str

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {"row": self.row, "reason": self.reason}


def _header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def _spellings(name: str, synonyms: Sequence[str], ours: bool) -> list[str]:
    words = [w.replace("_", " ") for w in ([*synonyms, name] if ours else [name, *synonyms])]
    return list(dict.fromkeys(words))


def read_rows(
    path: str | Path,
    columns: Mapping[str, Sequence[str]],
    *,
    required: Sequence[str],
    encoding: str = "utf-8",
    labels: Mapping[str, str] | None = None,
) -> list[dict[str, str]]:
    """A CSV's rows as dicts keyed by our column names (``columns`` maps each name to the
    headers accepted for it, matched without case or punctuation); a blank row is ``{}``.
    A missing required column is named by its entry in ``labels`` (how the docs call it, when
    the name is ours alone), with the headers accepted for it."""
    path = Path(path)
    chosen = None if encoding.lower().replace("-", "") == "utf8" else encoding
    reader = csv.reader(io.StringIO(read_text(path, encoding=chosen), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInputError(f"'{path.name}' is empty", path=str(path)) from None
    except csv.Error as exc:
        raise InvalidInputError(f"'{path.name}' is not a readable CSV: {exc}") from None
    keys = [_header_key(h) for h in header]
    where: dict[str, int] = {}
    for name, synonyms in columns.items():
        for i, key in enumerate(keys):
            if key == name or key in synonyms:
                where.setdefault(name, i)
    missing = [c for c in required if c not in where]
    if missing:
        labels = labels or {}
        named = [f"{labels[m]} column" if m in labels else f"column '{m}'" for m in missing]
        accepted = [
            f"{labels.get(m, m)}: " + ", ".join(_spellings(m, columns[m], m in labels))
            for m in missing
        ]
        apart = next((d for d in (";", "\t", "|") if len(header) == 1 and d in header[0]), "")
        if apart:
            raise InvalidInputError(
                f"'{path.name}' has its columns separated by {apart!r}, not commas",
                hint="save it as CSV with commas (in a spreadsheet: CSV UTF-8, comma delimited)",
                path=str(path),
            )
        raise InvalidInputError(
            f"'{path.name}' has no {' or '.join(named)}",
            hint=f"headers accepted for {'; '.join(accepted)} (case and punctuation do not "
            f"matter); its header is: {', '.join(header)}",
            path=str(path),
        )
    rows: list[dict[str, str]] = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                rows.append({})
                continue
            rows.append(
                {name: values[i].strip() if i < len(values) else "" for name, i in where.items()}
            )
    except csv.Error as exc:
        raise InvalidInputError(f"'{path.name}' line {reader.line_num}: {exc}") from None
    return rows


def parse_day(text: str | None, name: str) -> date | None:
    """An ISO date (YYYY-MM-DD) given as ``name``, None when empty, or a one-line error."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(
            f"{name} '{text}' is not a date", hint="write YYYY-MM-DD, e.g. 2026-01-31"
        ) from None
