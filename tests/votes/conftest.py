"""Member-vote fixtures: a register of 14 members (3 not eligible) and an open STV ballot."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from hustings.storage.engine import Database
from hustings.votes import (
    BallotSpec,
    Candidate,
    CredentialMessage,
    Eligibility,
    FileOutbox,
    create_ballot,
    import_register,
    open_ballot,
    read_outbox,
)

OPENS = datetime(2026, 3, 1, 9, tzinfo=UTC)
CLOSES = datetime(2026, 3, 8, 17, tzinfo=UTC)
DURING = datetime(2026, 3, 2, 12, tzinfo=UTC)
AFTER = datetime(2026, 3, 8, 17, 30, tzinfo=UTC)
CANDIDATES = ("Asha Patel", "Ben Okoro", "Cara Jones", "Dev Shah")

REGISTER = """Membership number,Full name,Email,Branch,Region,Joined,Dues status
M001,Ann Able,ann@example.org,Leeds,North,2024-01-10,paid
M002,Bob Baker,bob@example.org,Leeds,North,2024-02-11,Paid
M003,Cat Cole,cat@example.org,York,North,15/03/2024,paid
M004,Dan Dunn,dan@example.org,York,North,2024-04-01,paid
M005,Eve Ess,eve@example.org,Hull,North,2024-05-01,paid
M006,Fay Ford,fay@example.org,Bristol,South,2024-06-01,paid
M007,Gus Gray,gus@example.org,Bristol,South,2024-07-01,paid
M008,Hal Hill,hal@example.org,Bath,South,2024-08-01,paid
M009,Ivy Ives,ivy@example.org,Bath,South,2024-09-01,paid
M010,Jon Jay,,Exeter,South,2024-10-01,paid
M011,Kim Kay,kim@example.org,Cardiff,Wales,2024-11-01,paid
M012,Lee Lane,lee@example.org,Leeds,North,2024-01-01,lapsed
M013,Mo Moss,mo@example.org,York,North,2026-02-20,paid
M014,Ned Nash,ned@example.org,Hull,North,,paid
"""
ELIGIBLE = 11
"""M001-M011: M012 is lapsed, M013 joined after the cut-off, M014 has no joining date."""


def write(path: Path, text: str) -> Path:
    """Write a small fixture file."""
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def register(db: Database, tmp_path: Path) -> Database:
    """The register above, imported."""
    import_register(db, write(tmp_path / "members.csv", REGISTER))
    return db


def spec(slug: str = "committee", **changes: object) -> BallotSpec:
    """A two-seat Scottish STV election among four candidates."""
    values: dict[str, object] = {
        "slug": slug,
        "title": "National committee 2026",
        "candidates": tuple(Candidate(n, f"{n} will listen.") for n in CANDIDATES),
        "opens_at": OPENS,
        "closes_at": CLOSES,
        "method": "scottish-stv",
        "seats": 2,
        "eligibility": Eligibility(joined_before=date(2026, 1, 1), dues=("paid",)),
        "seed": 7,
    }
    values.update(changes)
    return BallotSpec(**values)  # type: ignore[arg-type]


def open_with_codes(
    db: Database, outbox: Path, ballot: BallotSpec | None = None
) -> dict[int, CredentialMessage]:
    """Create and open a ballot; the codes the sender got, by member id."""
    chosen = ballot or spec()
    create_ballot(db, chosen, now=OPENS)
    opened = open_ballot(db, chosen.slug, FileOutbox(outbox), now=OPENS)
    return {m.member: m for m in read_outbox(Path(opened.delivered_to))}


@pytest.fixture
def codes(register: Database, tmp_path: Path) -> dict[int, CredentialMessage]:
    """The open committee ballot's codes."""
    return open_with_codes(register, tmp_path / "outbox")
