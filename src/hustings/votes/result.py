"""Turnout while a ballot is open, the count after it closes, and publication for recount.

The count reads the sealed papers into the counting engine's :class:`Election` and runs the
ballot's method from the engine's registry. Publication writes the anonymised ballots as BLT
(identical papers merged, in a fixed order), the round-by-round table, the list of receipt
digests, the declared result with the command that recounts it, and the SHA-256 of each file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from hustings._io import read_text
from hustings.ballots.audit import AUDIT_COLUMNS, audit_rows
from hustings.ballots.blt import format_blt, parse_blt
from hustings.ballots.methods import count
from hustings.ballots.model import CountResult, Election, build_election
from hustings.clock import uk_time
from hustings.errors import DataError, InvalidInputError, NotFoundError, WriteError
from hustings.storage import audit
from hustings.storage import votes as q
from hustings.storage.accounts import SYSTEM, Principal
from hustings.storage.engine import Database
from hustings.votes.ballot import get_ballot, load_ballot
from hustings.votes.credentials import receipt_digest
from hustings.votes.model import (
    SMALLEST_GROUP,
    Ballot,
    Declared,
    NotYetError,
    Publication,
    ReceiptCheck,
    RegionTurnout,
    Status,
    Turnout,
)

SMALL_REGIONS = "(regions of fewer than 5 electors)"
FILES = ("ballots.blt", "receipts.txt", "rounds.csv", "result.json")


def election_of(ballot: Ballot, papers: list[str]) -> Election:
    """The counting engine's election from stored papers (identical ones merged, sorted)."""
    merged = Counter(tuple(int(p) for p in paper.split()) for paper in papers)
    ballots = [(weight, list(prefs)) for prefs, weight in sorted(merged.items())]
    return build_election(ballot.names, ballot.seats, ballots, title=ballot.title)


def turnout(db: Database, slug: str) -> Turnout:
    """Electors and votes cast, overall and by region (small groups pooled or hidden)."""
    with db.read() as conn:
        ballot = load_ballot(conn, slug)
        if ballot.status is Status.DRAFT:
            raise NotYetError(f"ballot '{slug}' has not opened", hint="open it first")
        rows = q.turnout(conn, ballot.id)
    regions: list[RegionTurnout] = []
    pooled = [0, 0]
    for region, electors, voted in rows:
        if electors < SMALLEST_GROUP:
            pooled[0] += electors
            pooled[1] += voted
            continue
        regions.append(RegionTurnout(region or "(no region)", electors, _shown(voted)))
    if pooled[0]:
        regions.append(RegionTurnout(SMALL_REGIONS, pooled[0], _shown(pooled[1])))
    total = sum(e for _, e, _ in rows)
    voted = sum(v for _, _, v in rows)
    return Turnout(slug, ballot.status, total, voted, _unrecoverable(regions))


def _unrecoverable(regions: list[RegionTurnout]) -> tuple[RegionTurnout, ...]:
    """The regions with a second count hidden where only one is: the total less the counts
    shown would otherwise give the hidden one."""
    hidden = [r for r in regions if r.voted is None]
    shown = [r for r in regions if r.voted is not None]
    if len(hidden) != 1 or not shown:
        return tuple(regions)
    second = min(shown, key=lambda r: (r.voted, r.electors))
    return tuple(replace(r, voted=None) if r is second else r for r in regions)


def _shown(voted: int) -> int | None:
    return None if 0 < voted < SMALLEST_GROUP else voted


def _papers(db: Database, ballot: Ballot) -> list[tuple[str, str]]:
    with db.read() as conn:
        return q.papers_of(conn, ballot.id)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def declare(db: Database, slug: str, *, actor: Principal = SYSTEM) -> Declared:
    """Count a closed ballot with its method and store the result (counted once)."""
    ballot = get_ballot(db, slug)
    if ballot.status is Status.COUNTED:
        return result(db, slug)
    if ballot.status is not Status.CLOSED:
        raise NotYetError(
            f"ballot '{slug}' is {ballot.status.value}: results come only after it closes",
            hint=f"it closes at {uk_time(ballot.closes_at)}; then run `hustings vote close`",
        )
    papers = [p for _, p in _papers(db, ballot)]
    if not papers:
        raise InvalidInputError(f"ballot '{slug}' has no papers to count")
    election = election_of(ballot, papers)
    counted = count(election, ballot.method, ballot.count_options())
    digest = _digest(format_blt(election))
    with db.write() as conn:
        again = load_ballot(conn, slug, lock=True)
        if again.status is not Status.CLOSED:
            raise InvalidInputError(f"ballot '{slug}' changed while it was being counted")
        q.update_ballot(
            conn,
            ballot.id,
            status=Status.COUNTED.value,
            result=json.dumps(counted.to_json()),
            digest=digest,
        )
        audit.append(
            conn,
            actor=actor.actor,
            action="ballot.count",
            subject=f"ballot#{ballot.id}",
            detail={"papers": len(papers), "ballots_sha256": digest},
        )
    return result(db, slug)


def result(db: Database, slug: str) -> Declared:
    """The declared result; :class:`NotYetError` before the ballot has been counted."""
    with db.read() as conn:
        ballot = load_ballot(conn, slug)
        row = q.ballot_row(conn, slug)
        papers = q.paper_count(conn, ballot.id) if ballot.status is Status.COUNTED else 0
    if ballot.status is not Status.COUNTED or row.result is None or ballot.digest is None:
        raise NotYetError(
            f"ballot '{slug}' has no result yet ({ballot.status.value})",
            hint="results are declared after the ballot closes and is counted",
        )
    return Declared(ballot, json.loads(row.result), papers, ballot.digest)


def _rounds_csv(counted: CountResult) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=AUDIT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(audit_rows(counted, file="ballots.blt"))
    return out.getvalue()


def publication_texts(db: Database, slug: str) -> dict[str, str]:
    """The published files' contents, checked against the declared result."""
    declared = result(db, slug)
    ballot = declared.ballot
    rows = _papers(db, ballot)
    election = election_of(ballot, [p for _, p in rows])
    blt = format_blt(election)
    if _digest(blt) != declared.digest:
        raise DataError(
            f"the papers of '{slug}' no longer match the digest declared with the result",
            hint="the ballot box was changed after the count; check the audit log",
        )
    counted = count(election, ballot.method, ballot.count_options())
    if counted.to_json() != declared.count:
        raise DataError(f"a recount of '{slug}' differs from the declared result")
    return {
        "ballots.blt": blt,
        "receipts.txt": "".join(f"{digest}\n" for digest, _ in rows),
        "rounds.csv": _rounds_csv(counted),
        "result.json": json.dumps(declared.to_json(), indent=2, ensure_ascii=False) + "\n",
    }


def publish(db: Database, slug: str, folder: Path, *, actor: Principal = SYSTEM) -> Publication:
    """Write the files that let anyone recount into ``folder`` (a new folder, made whole)."""
    if folder.exists():
        raise InvalidInputError(f"'{folder}' exists already", hint="give a new folder")
    texts = publication_texts(db, slug)
    sums = {name: _digest(text) for name, text in texts.items()}
    texts["SHA256SUMS"] = "".join(f"{sums[n]}  {n}\n" for n in FILES)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    try:
        for name, text in texts.items():
            (aside / name).write_text(text, encoding="utf-8")
        os.replace(aside, folder)
    except BaseException as exc:
        shutil.rmtree(aside, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _cannot_write(folder, exc) from None
        raise
    ballot = get_ballot(db, slug)
    with db.write() as conn:
        audit.append(
            conn,
            actor=actor.actor,
            action="ballot.publish",
            subject=f"ballot#{ballot.id}",
            detail={"ballots_sha256": sums["ballots.blt"], "at": datetime.now(UTC).date()},
        )
    papers = texts["receipts.txt"].count("\n")
    return Publication(slug, str(folder), sums, papers)


def _cannot_write(folder: Path, exc: OSError) -> WriteError:
    return WriteError(
        f"cannot write the publication folder '{folder}': {exc.strerror or type(exc).__name__}",
        hint="choose a new folder in a place you can write to",
        path=str(folder),
    )


def check_published(folder: Path, receipt: str) -> ReceiptCheck:
    """Check a receipt against a published folder, after checking the folder is intact."""
    files = {}
    for name in (*FILES, "SHA256SUMS"):
        path = folder / name
        if not path.is_file():
            raise NotFoundError(f"'{folder}' has no {name}", hint="give a published ballot folder")
        files[name] = read_text(path, what="published")
    for line in files["SHA256SUMS"].splitlines():
        digest, _, name = line.partition("  ")
        if name not in files or _digest(files[name]) != digest:
            raise DataError(f"{name} in '{folder}' does not match SHA256SUMS")
    try:
        declared = json.loads(files["result.json"])
    except json.JSONDecodeError:
        declared = None
    if not isinstance(declared, dict) or "ballot" not in declared:
        raise DataError(f"result.json in '{folder}' is not a declared result")
    if declared.get("ballots_sha256") != _digest(files["ballots.blt"]):
        raise DataError("ballots.blt is not the ballot list the result was declared on")
    receipts = set(files["receipts.txt"].split())
    papers = parse_blt(files["ballots.blt"]).n_voters
    if papers != len(receipts):
        raise DataError(f"{len(receipts)} receipts but {papers} ballots in '{folder}'")
    digest = receipt_digest(receipt)
    return ReceiptCheck(str(declared["ballot"]), digest, digest in receipts, papers, str(folder))


__all__ = [
    "check_published",
    "declare",
    "election_of",
    "publication_texts",
    "publish",
    "result",
    "turnout",
]
