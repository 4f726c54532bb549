"""Several phones' batches in one transaction: each still all or nothing, each stored once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TypeVar

import pytest
import sqlalchemy as sa

from hustings.errors import ForbiddenError, HustingsError, InvalidInputError
from hustings.field.canvass import coverage, record_contact_batches, record_contacts
from hustings.field.model import Channel, ContactRecord, Outcome, SyncResult
from hustings.field.organise import create_walk_list
from hustings.storage import accounts
from hustings.storage import schema as t
from hustings.storage.accounts import SYSTEM, Role
from hustings.storage.engine import Database
from hustings.web.grouping import GroupCommit

from .conftest import CHORLEY

T = TypeVar("T")


def _run_apart(coroutine: Coroutine[object, object, T]) -> T:
    """Run a coroutine on a fresh loop in a thread of its own (the browser keeps a loop running)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=60)


SAT = datetime(2026, 12, 5, 11, 0, tzinfo=UTC)


def rec(household: str, outcome: Outcome = Outcome.SPOKE) -> ContactRecord:
    return ContactRecord(str(uuid.uuid4()), household, outcome, SAT, Channel.DOOR)


def stored(db: Database) -> dict[str, str]:
    c, h = t.contacts.c, t.households.c
    query = sa.select(c.id, h.address_key).join(t.households, h.id == c.household_id)
    with db.read() as conn:
        return {row.id: row.address_key for row in conn.execute(query)}


def test_a_bad_batch_is_refused_alone_and_the_rest_commit_together(households: Database) -> None:
    ann, _ = accounts.create_user(households, "ann", Role.CANVASSER)
    ben, _ = accounts.create_user(households, "ben", Role.CANVASSER)
    create_walk_list(households, "a", CHORLEY, limit=5, assign_to="ann")
    create_walk_list(households, "b", CHORLEY, assign_to="ben")
    good_ann, good_ben = [rec("CH-0"), rec("CH-1")], [rec("CH-5")]
    outcomes = record_contact_batches(
        households,
        [
            (ann, good_ann),
            (ann, [rec("CH-2"), rec("XX-9")]),
            (ben, [rec("CH-6"), rec("CH-3")]),
            (ben, good_ben),
        ],
    )
    assert outcomes[0] == SyncResult(2, 0) and outcomes[3] == SyncResult(1, 0)
    assert isinstance(outcomes[1], InvalidInputError) and "no household 'XX-9'" in str(outcomes[1])
    assert isinstance(outcomes[2], ForbiddenError) and "'CH-3'" in str(outcomes[2])
    assert sorted(stored(households).values()) == ["CH-0", "CH-1", "CH-5"]
    (row,) = coverage(households, str, seats=[CHORLEY])
    assert (row.households_knocked, row.households_spoken) == (3, 3)


def test_one_record_in_two_batches_of_a_group_is_stored_once(households: Database) -> None:
    shared = rec("CH-0")
    outcomes = record_contact_batches(
        households, [(SYSTEM, [shared, rec("CH-1")]), (SYSTEM, [shared])]
    )
    assert outcomes == [SyncResult(2, 0), SyncResult(0, 1)]
    assert len(stored(households)) == 2


def test_a_batch_changing_a_record_of_its_group_is_refused(households: Database) -> None:
    first = rec("CH-0", Outcome.NOT_IN)
    changed = ContactRecord(first.id, "CH-0", Outcome.SPOKE, SAT, Channel.DOOR)
    outcomes = record_contact_batches(
        households, [(SYSTEM, [first]), (SYSTEM, [rec("CH-4"), changed])]
    )
    assert outcomes[0] == SyncResult(1, 0)
    assert isinstance(outcomes[1], InvalidInputError) and "different content" in str(outcomes[1])
    assert list(stored(households).values()) == ["CH-0"]


def test_a_batch_changing_a_stored_record_leaves_its_group_stored(households: Database) -> None:
    first = rec("CH-0", Outcome.NOT_IN)
    record_contacts(households, SYSTEM, [first])
    changed = ContactRecord(first.id, "CH-0", Outcome.SPOKE, SAT, Channel.DOOR)
    good = [rec("CH-1"), rec("CH-2")]
    outcomes = record_contact_batches(
        households, [(SYSTEM, good), (SYSTEM, [rec("CH-3"), changed]), (SYSTEM, [first])]
    )
    assert outcomes[0] == SyncResult(2, 0) and outcomes[2] == SyncResult(0, 1)
    assert isinstance(outcomes[1], InvalidInputError)
    assert sorted(stored(households).values()) == ["CH-0", "CH-1", "CH-2"]


def test_requests_arriving_together_share_a_transaction() -> None:
    groups: list[list[int]] = []

    def write(items: list[int]) -> list[int | BaseException]:
        groups.append(items)
        return [HustingsError("odd") if i % 2 else i * 10 for i in items]

    async def run() -> list[int | BaseException]:
        writer = GroupCommit(write, lanes=1, most=3)
        return await asyncio.gather(*(writer.submit(i) for i in range(7)), return_exceptions=True)

    answers = _run_apart(run())
    assert [a if isinstance(a, int) else "odd" for a in answers] == [
        0, "odd", 20, "odd", 40, "odd", 60
    ]  # fmt: skip
    assert groups == [[0, 1, 2], [3, 4, 5], [6]]


def test_a_failed_transaction_fails_every_request_of_its_group() -> None:
    def write(items: list[int]) -> list[int | BaseException]:
        raise RuntimeError("database gone")

    async def run() -> list[int | BaseException]:
        writer = GroupCommit(write, lanes=2, most=10)
        return await asyncio.gather(*(writer.submit(i) for i in range(4)), return_exceptions=True)

    assert all(isinstance(a, RuntimeError) for a in _run_apart(run()))


def test_records_of_a_viewer_are_refused_and_none_is_stored(households: Database) -> None:
    viewer, _ = accounts.create_user(households, "vic", Role.VIEWER)
    (outcome,) = record_contact_batches(households, [(viewer, [rec("CH-0")])])
    assert isinstance(outcome, ForbiddenError)
    with pytest.raises(ForbiddenError):
        record_contacts(households, viewer, [rec("CH-0")])
    assert stored(households) == {}
