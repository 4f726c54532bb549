"""One-time voting codes, receipt codes, and how codes reach members (a pluggable sender).

Codes are 128 random bits written as 26 letters and digits in groups of four. The database
keeps only their SHA-256 digests (a code is random, so a digest cannot be reversed by trying
guesses), so a copy of the database lets nobody vote. The sender is any object with
``send(messages) -> description``; :class:`FileOutbox` writes the messages to a JSON-lines
file (for tests, and for a mail-merge or a printed letter run).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from hustings._io import write_text
from hustings.errors import WriteError

CODE_BYTES = 16


def new_code() -> str:
    """A fresh random code, e.g. ``K3PQ-7ZQA-...``."""
    text = base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise(code: str) -> str:
    """A code as typed (any case, spaces or dashes) in its canonical form."""
    return "".join(filter(str.isalnum, code.upper()))


def _digest(purpose: str, *parts: str) -> str:
    return hashlib.sha256("|".join(("hustings", purpose, *parts)).encode()).hexdigest()


def credential_digest(code: str) -> str:
    """What the database keeps of a voting code."""
    return _digest("credential", normalise(code))


def receipt_digest(code: str) -> str:
    """What the ballot box and the published list keep of a receipt code."""
    return _digest("receipt", normalise(code))


def revote_key(slug: str, code: str) -> str:
    """The key that lets the holder of a voting code replace their own paper (and nobody else
    find it: it is a different digest of the code from the one the electorate keeps)."""
    return _digest("revote", slug, normalise(code))


@dataclass(frozen=True)
class CredentialMessage:
    """One member's voting code for one ballot, ready to send."""

    member: int
    to: str | None
    name: str
    ballot: str
    title: str
    code: str
    link: str
    closes: str
    member_no: str = ""
    """The membership number, to match a letter to the member's address in the register."""


class Sender(Protocol):
    """Delivers voting codes; returns where they went (for the officer's report)."""

    def send(self, messages: Sequence[CredentialMessage]) -> str: ...


class FileOutbox:
    """Writes each batch of messages to ``folder/<ballot>-<n>.jsonl`` (written aside, then
    renamed, so a half-written outbox is never seen)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, messages: Sequence[CredentialMessage]) -> str:
        """Write the batch (readable by its owner only: it holds codes in clear); returns the
        file's path."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(
                f"cannot make the outbox folder '{self.folder}': "
                f"{exc.strerror or type(exc).__name__}",
                hint="give --outbox a folder you can write to",
                path=str(self.folder),
            ) from None
        ballot = messages[0].ballot if messages else "empty"
        number = 1
        while (self.folder / f"{ballot}-{number}.jsonl").exists():
            number += 1
        target = self.folder / f"{ballot}-{number}.jsonl"
        lines = "".join(json.dumps(m.__dict__, ensure_ascii=False) + "\n" for m in messages)
        write_text(target, lines, what="outbox", mode=0o600)
        return str(target)


def read_outbox(path: Path) -> list[CredentialMessage]:
    """The messages of an outbox file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [CredentialMessage(**json.loads(line)) for line in lines if line.strip()]


__all__ = [
    "CredentialMessage",
    "FileOutbox",
    "Sender",
    "credential_digest",
    "new_code",
    "normalise",
    "read_outbox",
    "receipt_digest",
    "revote_key",
]
