"""Coded responses as CSV: one row per response with its (scrubbed) text, its themes and a
stance per theme. Written aside and renamed, with the destination checked before any work."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from hustings.errors import InvalidInputError
from hustings.listening.model import CodedResponse, Response, Theme

COLUMNS = ("response_id", "source", "text", "theme_ids", "themes", "stances")


def check_writable(out: Path) -> None:
    """Raise unless ``out`` can be created or replaced (called before the work starts)."""
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise InvalidInputError(f"'{out}' is a folder", hint="give a file name such as coded.csv")
    if not folder.is_dir():
        raise InvalidInputError(
            f"no folder '{folder}' to write '{out.name}' in",
            hint="create it first or choose another path",
        )
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise InvalidInputError(f"cannot write to '{out}'", hint="choose a path you can write")


def coded_csv(
    responses: Sequence[Response], coded: Sequence[CodedResponse], themes: Sequence[Theme]
) -> str:
    """The CSV text; several themes or stances in one cell are joined with '; '."""
    labels = {t.id: t.label for t in themes}
    by_id = {c.response_id: c for c in coded}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in responses:
        c = by_id.get(r.id)
        ids = c.labels if c else ()
        stances = [s for s in c.stances if s] if c else []
        writer.writerow(
            [r.id, r.source, r.text, "; ".join(ids),
             "; ".join(labels.get(i, i) for i in ids), "; ".join(stances)]
        )  # fmt: skip
    return buffer.getvalue()


def write_csv(text: str, out: Path) -> Path:
    """Write ``text`` to ``out`` atomically (a temporary file in the same folder, renamed)."""
    check_writable(out)
    handle, tmp = tempfile.mkstemp(dir=out.parent, prefix=".coded-", suffix=".csv")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return out
