"""Read emails (.eml, .mbox, plain text with headers) and meeting notes into rows.

Meeting notes are text or Markdown. A contribution is a paragraph; its speaker is named by
an attribution line of the form ``-- Member, Stoke on Trent`` (``—``/``--``/``~`` accepted)
right after it, or by a prefix ``[Member, Stoke on Trent] what they said``. Headings
(``# ...``) and paragraphs without an attribution are kept with an empty attribution.
"""

from __future__ import annotations

import email
import email.policy
import mailbox
import re
from email.message import EmailMessage, Message
from pathlib import Path

from hustings.listening.tabular import Row, read_text

_QUOTED = re.compile(r"^\s*>")
_SIGNOFF = re.compile(
    r"^\s*(--\s*|best( wishes| regards)?,?|kind regards,?|thanks,?|cheers,?)\s*$", re.I
)
_ATTRIB_AFTER = re.compile(r"^\s*(?:--|\u2014|\u2013|~)\s*(?P<who>.+?)\s*$")
_ATTRIB_BEFORE = re.compile(r"^\s*\[(?P<who>[^\]]+)\]\s*:?\s*(?P<text>.+)$", re.S)


def read_eml(path: Path) -> list[Row]:
    """One row for an ``.eml`` file (or a plain-text email with headers)."""
    raw = path.read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    return [_email_row(message, path.stem)]


def read_mbox(path: Path) -> list[Row]:
    """One row per message of an mbox file."""
    box = mailbox.mbox(str(path), create=False)
    rows = []
    try:
        for number, message in enumerate(box, start=1):
            parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
            rows.append(_email_row(parsed, f"{path.stem}-{number}"))
    finally:
        box.close()
    return rows


def looks_like_email(text: str) -> bool:
    """True when the text opens with RFC 822 headers (From/Subject/Date)."""
    head = text.lstrip()[:2000].split("\n\n", 1)[0]
    return bool(re.search(r"^From:", head, re.M)) and bool(
        re.search(r"^(Subject|Date):", head, re.M)
    )


SKIPPED = "_skipped"
"""Key of a row standing for a message that could not be read (its value says why)."""


def _email_row(message: Message, fallback_id: str) -> Row:
    try:
        body = _body(message)
    except (LookupError, UnicodeError) as exc:
        charset = message.get_content_charset() or "unknown"
        reason = f"unknown charset '{charset}'" if isinstance(exc, LookupError) else str(exc)
        return {SKIPPED: f"message {fallback_id}: {reason}"}
    subject = str(message.get("Subject", "") or "")
    return {
        "id": str(message.get("Message-ID", "") or fallback_id).strip("<>"),
        "text": body,
        "subject": subject,
        "date": str(message.get("Date", "") or ""),
    }


def _body(message: Message) -> str:
    if isinstance(message, EmailMessage):
        part = message.get_body(preferencelist=("plain",))
        if part is not None and isinstance(part, EmailMessage):
            return strip_reply(str(part.get_content()))
    payload = message.get_payload(decode=True)
    if isinstance(payload, bytes):
        return strip_reply(payload.decode(message.get_content_charset() or "utf-8", "replace"))
    return strip_reply(str(message.get_payload()))


def strip_reply(body: str) -> str:
    """The new text of an email: quoted replies and the sign-off onwards are dropped."""
    kept: list[str] = []
    for line in body.splitlines():
        if _QUOTED.match(line) or re.match(r"^On .+ wrote:\s*$", line):
            break
        if _SIGNOFF.match(line):
            break
        kept.append(line)
    return " ".join(" ".join(kept).split())


def read_notes(path: Path, encoding: str | None = None) -> list[Row]:
    """One row per attributed contribution of a meeting-notes file."""
    text = read_text(path, encoding)
    rows: list[Row] = []
    for block in re.split(r"\n\s*\n", text):
        row = _contribution(block)
        if row is not None:
            row["id"] = f"{path.stem}-{len(rows) + 1}"
            rows.append(row)
    return rows


def _contribution(block: str) -> Row | None:
    lines = [ln for ln in block.strip().splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        return None
    who = ""
    after = _ATTRIB_AFTER.match(lines[-1])
    if after and len(lines) > 1:
        who, lines = after.group("who"), lines[:-1]
    body = " ".join(ln.strip().lstrip("-*").strip() for ln in lines)
    before = _ATTRIB_BEFORE.match(body)
    if before and not who:
        who, body = before.group("who"), before.group("text")
    role, _, area = (part.strip() for part in who.partition(","))
    return {"text": " ".join(body.split()), "role": role, "area": area}
