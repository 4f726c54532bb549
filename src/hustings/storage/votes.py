"""Queries of member votes: the register, ballots, the frozen electorate, credentials and papers.

Casting touches two tables in one transaction and never writes anything that both share: the
elector's row gets its ``voted`` flag (no time), and a paper with a random id is added.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hustings.settings import Settings
from hustings.storage import votes_tables as vt
from hustings.storage.engine import open_database
from hustings.storage.field import upsert
from hustings.storage.schema import UTCDateTime

CHUNK = 900


class Spend(StrEnum):
    """What happened when a credential was presented."""

    FIRST = "first"
    AGAIN = "again"
    SPENT = "spent"
    UNKNOWN = "unknown"


def _lengths(table: sa.Table) -> dict[str, int]:
    return {
        c.name: int(c.type.length)
        for c in table.columns
        if isinstance(c.type, sa.String) and c.type.length
    }


MEMBER_LENGTHS = _lengths(vt.vote_members)
"""The longest text each register column keeps (longer values are refused, never cut)."""
BALLOT_LENGTHS = {**_lengths(vt.vote_ballots), "candidate": _lengths(vt.vote_candidates)["name"]}
"""The longest ballot title, slug and candidate name kept."""


def members_by_no(conn: Connection, numbers: Sequence[str]) -> dict[str, int]:
    """The ids of the members with these membership numbers."""
    m = vt.vote_members.c
    found: dict[str, int] = {}
    for start in range(0, len(numbers), CHUNK):
        chunk = list(numbers[start : start + CHUNK])
        for row in conn.execute(sa.select(m.member_no, m.id).where(m.member_no.in_(chunk))):
            found[row.member_no] = int(row.id)
    return found


def emails_taken(conn: Connection, emails: Sequence[str]) -> dict[str, str]:
    """Which of these emails belong to a member already: email -> membership number."""
    m = vt.vote_members.c
    found: dict[str, str] = {}
    for start in range(0, len(emails), CHUNK):
        chunk = list(emails[start : start + CHUNK])
        for row in conn.execute(sa.select(m.email, m.member_no).where(m.email.in_(chunk))):
            found[str(row.email)] = str(row.member_no)
    return found


def save_members(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert new members and update known ones (matched by membership number)."""
    if not rows:
        return
    insert = upsert(conn, vt.vote_members)
    statement = insert.on_conflict_do_update(
        index_elements=["member_no"],
        set_={k: insert.excluded[k] for k in rows[0] if k != "member_no"},
    )
    for start in range(0, len(rows), 2000):
        conn.execute(statement, list(rows[start : start + 2000]))


def member_count(conn: Connection) -> int:
    """How many members the register holds."""
    return int(conn.execute(sa.select(sa.func.count()).select_from(vt.vote_members)).scalar_one())


def insert_ballot(
    conn: Connection, values: dict[str, Any], candidates: Sequence[tuple[str, str]]
) -> int:
    """Add a ballot and its candidates (name, statement) in order; returns its id."""
    ballot_id = int(
        conn.execute(
            vt.vote_ballots.insert().values(**values).returning(vt.vote_ballots.c.id)
        ).scalar_one()
    )
    conn.execute(
        vt.vote_candidates.insert(),
        [
            {"ballot_id": ballot_id, "position": i, "name": name, "statement": statement}
            for i, (name, statement) in enumerate(candidates)
        ],
    )
    return ballot_id


def ballot_row(conn: Connection, slug: str, *, lock: bool = False, share: bool = False) -> Any:
    """One ballot by its slug, or ``None``. ``lock`` holds it against every other transaction
    until this one ends (opening, closing, counting); ``share`` only against those that
    ``lock`` it, so votes are cast side by side but never while the ballot box is sealed."""
    query = sa.select(vt.vote_ballots).where(vt.vote_ballots.c.slug == slug)
    if lock or share:
        query = query.with_for_update(read=not lock)
    return conn.execute(query).first()


def ballot_rows(conn: Connection) -> list[Any]:
    """Every ballot, newest first."""
    b = vt.vote_ballots.c
    return list(conn.execute(sa.select(vt.vote_ballots).order_by(b.created_at.desc(), b.id)))


def candidates_of(conn: Connection, ballot_id: int) -> list[tuple[str, str]]:
    """A ballot's candidates (name, statement) in ballot-paper order."""
    c = vt.vote_candidates.c
    query = sa.select(c.name, c.statement).where(c.ballot_id == ballot_id).order_by(c.position)
    return [(r.name, r.statement) for r in conn.execute(query)]


def update_ballot(conn: Connection, ballot_id: int, **values: Any) -> None:
    """Change a ballot's columns."""
    conn.execute(vt.vote_ballots.update().where(vt.vote_ballots.c.id == ballot_id).values(**values))


def eligible_members(
    conn: Connection, *, joined_before: date | None, dues: Sequence[str]
) -> list[tuple[int, str, str, str | None, str]]:
    """Members meeting the rule: (id, region, name, email, membership number), by number."""
    m = vt.vote_members.c
    query = sa.select(m.id, m.region, m.name, m.email, m.member_no).order_by(m.member_no)
    if joined_before is not None:
        query = query.where(m.joined.is_not(None), m.joined < joined_before)
    if dues:
        query = query.where(sa.func.lower(m.dues).in_([d.lower() for d in dues]))
    return [(int(r.id), r.region, r.name, r.email, r.member_no) for r in conn.execute(query)]


def insert_electors(conn: Connection, ballot_id: int, rows: Sequence[tuple[int, str, str]]) -> None:
    """Freeze the electorate: (member id, region, credential digest) per elector."""
    values = [
        {"ballot_id": ballot_id, "member_id": m, "region": r, "credential_hash": h, "voted": False}
        for m, r, h in rows
    ]
    for start in range(0, len(values), 5000):
        conn.execute(vt.vote_electors.insert(), values[start : start + 5000])


def unvoted_electors(
    conn: Connection, ballot_id: int, member_ids: Sequence[int] | None
) -> list[tuple[int, str, str | None, str]]:
    """Electors who have not voted (all, or those of ``member_ids``): (id, name, email,
    membership number)."""
    e, m = vt.vote_electors.c, vt.vote_members.c
    query = (
        sa.select(m.id, m.name, m.email, m.member_no)
        .join(vt.vote_members, m.id == e.member_id)
        .where(e.ballot_id == ballot_id, e.voted.is_(False))
        .order_by(m.member_no)
    )
    if member_ids is not None:
        query = query.where(m.id.in_(list(member_ids)))
    return [(int(r.id), r.name, r.email, r.member_no) for r in conn.execute(query)]


def voted_flags(conn: Connection, ballot_id: int, member_ids: Sequence[int]) -> dict[int, bool]:
    """Whether each of these members, if an elector of the ballot, has voted."""
    e = vt.vote_electors.c
    query = sa.select(e.member_id, e.voted).where(
        e.ballot_id == ballot_id, e.member_id.in_(list(member_ids))
    )
    return {int(r.member_id): bool(r.voted) for r in conn.execute(query)}


def replace_credentials(conn: Connection, ballot_id: int, digests: dict[int, str]) -> None:
    """Give these electors new credential digests (the old codes stop working)."""
    if not digests:
        return
    e = vt.vote_electors.c
    statement = (
        vt.vote_electors.update()
        .where(e.ballot_id == ballot_id, e.member_id == sa.bindparam("mid"), e.voted.is_(False))
        .values(credential_hash=sa.bindparam("h"))
    )
    conn.execute(statement, [{"mid": k, "h": v} for k, v in digests.items()])


def spend_credential(
    conn: Connection, ballot_id: int, credential_hash: str, *, allow_revote: bool
) -> Spend:
    """Mark the credential's elector as having voted, atomically; say what the state was."""
    e = vt.vote_electors.c
    mine = sa.and_(e.ballot_id == ballot_id, e.credential_hash == credential_hash)
    done = conn.execute(
        vt.vote_electors.update().where(mine, e.voted.is_(False)).values(voted=True)
    ).rowcount
    if done:
        return Spend.FIRST
    known = conn.execute(sa.select(e.voted).where(mine).with_for_update()).first()
    if known is None:
        return Spend.UNKNOWN
    return Spend.AGAIN if allow_revote else Spend.SPENT


_CAST_POSTGRES = sa.text(
    """
    WITH open_ballot AS (
        SELECT id FROM vote_ballots
        WHERE id = :ballot AND created_at = :created AND status = 'open'
          AND opens_at <= :now AND closes_at > :now
        FOR SHARE
    ), spent AS (
        UPDATE vote_electors SET voted = true
        FROM open_ballot
        WHERE vote_electors.ballot_id = open_ballot.id
          AND vote_electors.credential_hash = :credential AND NOT vote_electors.voted
        RETURNING vote_electors.ballot_id
    )
    INSERT INTO vote_papers (id, ballot_id, preferences, receipt_hash)
    SELECT :paper, ballot_id, :preferences, :receipt FROM spent
    """
).bindparams(sa.bindparam("now", type_=UTCDateTime), sa.bindparam("created", type_=UTCDateTime))
"""A vote in one statement: the ballot row is share-locked (closing waits for it, and it waits
for closing, then sees the ballot closed), the elector marked if not yet voted (a second
request with the same code waits for the first, then finds it voted) and the paper added only
if the elector was marked. Run on its own it commits on its own: one round trip."""

_SPEND_SQLITE = sa.text(
    """
    UPDATE vote_electors SET voted = 1
    WHERE ballot_id = :ballot AND credential_hash = :credential AND voted = 0
      AND EXISTS (
        SELECT 1 FROM vote_ballots
        WHERE id = :ballot AND created_at = :created AND status = 'open'
          AND opens_at <= :now AND closes_at > :now
      )
    """
).bindparams(sa.bindparam("now", type_=UTCDateTime), sa.bindparam("created", type_=UTCDateTime))
_PAPER = sa.text(
    "INSERT INTO vote_papers (id, ballot_id, preferences, receipt_hash) "
    "VALUES (:paper, :ballot, :preferences, :receipt)"
)


def cast_paper(conn: Connection, **values: Any) -> bool:
    """Mark the elector of ``credential`` as having voted and add their paper, if the ballot
    (``ballot`` id, ``created`` time) is open at ``now`` and the elector has not voted; says
    whether it was done. Values: ballot, created, now, credential, paper, preferences, receipt.

    On PostgreSQL this is one statement (run it on a connection without a transaction, see
    :meth:`hustings.storage.engine.Database.single`); on SQLite two, in a write transaction,
    which holds the database's write lock from its start."""
    if conn.dialect.name == "postgresql":
        return bool(conn.execute(_CAST_POSTGRES, values).rowcount)
    if not conn.execute(_SPEND_SQLITE, values).rowcount:
        return False
    conn.execute(_PAPER, values)
    return True


def credential_voted(conn: Connection, ballot_id: int, credential_hash: str) -> bool | None:
    """Whether the elector of a credential has voted (``None``: no such credential)."""
    e = vt.vote_electors.c
    query = sa.select(e.voted).where(e.ballot_id == ballot_id, e.credential_hash == credential_hash)
    found = conn.execute(query).first()
    return None if found is None else bool(found.voted)


def insert_paper(
    conn: Connection,
    *,
    paper_id: str,
    ballot_id: int,
    preferences: str,
    receipt_hash: str,
    replace_key: str | None,
) -> bool:
    """Add a paper, first removing the one it replaces; says whether one was replaced."""
    replaced = False
    if replace_key is not None:
        gone = conn.execute(
            vt.vote_papers.delete().where(vt.vote_papers.c.replace_key == replace_key)
        ).rowcount
        replaced = bool(gone)
    conn.execute(
        vt.vote_papers.insert().values(
            id=paper_id,
            ballot_id=ballot_id,
            preferences=preferences,
            receipt_hash=receipt_hash,
            replace_key=replace_key,
        )
    )
    return replaced


def seal_papers(conn: Connection, ballot_id: int, rng: random.Random) -> int:
    """At close: drop the re-vote keys and rewrite the papers in a random order with new ids,
    so neither their ids nor where they sit in storage follow the order they were cast."""
    p = vt.vote_papers.c
    rows = [
        (r.preferences, r.receipt_hash)
        for r in conn.execute(
            sa.select(p.preferences, p.receipt_hash).where(p.ballot_id == ballot_id)
        )
    ]
    rng.shuffle(rows)
    conn.execute(vt.vote_papers.delete().where(p.ballot_id == ballot_id))
    values = [
        {
            "id": secrets.token_hex(16),
            "ballot_id": ballot_id,
            "preferences": prefs,
            "receipt_hash": receipt,
            "replace_key": None,
        }
        for prefs, receipt in rows
    ]
    for start in range(0, len(values), 5000):
        conn.execute(vt.vote_papers.insert(), values[start : start + 5000])
    return len(values)


def papers_of(conn: Connection, ballot_id: int) -> list[tuple[str, str]]:
    """Every paper of a ballot as (receipt digest, preferences), by receipt digest."""
    p = vt.vote_papers.c
    query = (
        sa.select(p.receipt_hash, p.preferences)
        .where(p.ballot_id == ballot_id)
        .order_by(p.receipt_hash)
    )
    return [(r.receipt_hash, r.preferences) for r in conn.execute(query)]


def paper_count(conn: Connection, ballot_id: int) -> int:
    """How many papers the ballot box holds."""
    p = vt.vote_papers.c
    query = sa.select(sa.func.count()).where(p.ballot_id == ballot_id)
    return int(conn.execute(query).scalar_one())


def has_receipt(conn: Connection, ballot_id: int, receipt_hash: str) -> bool:
    """Whether a paper with this receipt digest is in the ballot box."""
    p = vt.vote_papers.c
    query = sa.select(p.id).where(p.ballot_id == ballot_id, p.receipt_hash == receipt_hash)
    return conn.execute(query).first() is not None


def turnout(conn: Connection, ballot_id: int) -> list[tuple[str, int, int]]:
    """Electors and how many have voted, per region: (region, electors, voted)."""
    e = vt.vote_electors.c
    query = (
        sa.select(e.region, sa.func.count(), sa.func.count(sa.case((e.voted.is_(True), 1))))
        .where(e.ballot_id == ballot_id)
        .group_by(e.region)
        .order_by(e.region)
    )
    return [(r[0], int(r[1]), int(r[2])) for r in conn.execute(query)]


def member_ballots(conn: Connection, member_ids: Iterable[int]) -> list[str]:
    """Slugs of ballots whose electorate includes any of these members."""
    e, b = vt.vote_electors.c, vt.vote_ballots.c
    query = (
        sa.select(b.slug)
        .join(vt.vote_electors, e.ballot_id == b.id)
        .where(e.member_id.in_(list(member_ids)))
        .distinct()
    )
    return sorted(conn.execute(query).scalars())


def never_set_up(settings: Settings) -> bool:
    """Whether the database ``settings`` name holds no schema at all (``field init`` was never
    run), as opposed to one that cannot be reached."""
    db = open_database(settings)
    try:
        return not db.current()
    except sa.exc.SQLAlchemyError:
        return False
    finally:
        db.dispose()


__all__ = [
    "BALLOT_LENGTHS",
    "MEMBER_LENGTHS",
    "Spend",
    "ballot_row",
    "ballot_rows",
    "candidates_of",
    "cast_paper",
    "credential_voted",
    "eligible_members",
    "emails_taken",
    "has_receipt",
    "insert_ballot",
    "insert_electors",
    "insert_paper",
    "member_ballots",
    "member_count",
    "members_by_no",
    "never_set_up",
    "paper_count",
    "papers_of",
    "replace_credentials",
    "save_members",
    "seal_papers",
    "spend_credential",
    "turnout",
    "unvoted_electors",
    "update_ballot",
    "voted_flags",
]
