"""Walk lists: households on no other list, first by address, handed to canvassers only."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hustings.errors import InvalidInputError, NotFoundError
from hustings.field.organise import assign_walk_list, create_walk_list, walk_lists
from hustings.storage import accounts
from hustings.storage import schema as t
from hustings.storage.accounts import Role
from hustings.storage.engine import Database

from .conftest import CHORLEY, HENDON


def doors(db: Database, list_id: int) -> list[str]:
    h, w = t.households.c, t.walk_list_households.c
    with db.read() as conn:
        query = (
            sa.select(h.address_key)
            .join(t.walk_list_households, w.household_id == h.id)
            .where(w.walk_list_id == list_id)
            .order_by(h.address_key)
        )
        return list(conn.execute(query).scalars())


def test_lists_take_the_next_free_doors_by_address(households: Database) -> None:
    first = create_walk_list(households, "a", CHORLEY, limit=4)
    second = create_walk_list(households, "b", CHORLEY, limit=4)
    rest = create_walk_list(households, "c", CHORLEY)
    assert (first.households, second.households, rest.households) == (4, 4, 2)
    assert doors(households, first.id) == ["CH-0", "CH-1", "CH-2", "CH-3"]
    assert doors(households, second.id) == ["CH-4", "CH-5", "CH-6", "CH-7"]
    assert doors(households, rest.id) == ["CH-8", "CH-9"]
    with pytest.raises(InvalidInputError, match=f"no households left to walk in {CHORLEY}"):
        create_walk_list(households, "d", CHORLEY)
    assert [w.name for w in walk_lists(households, accounts.SYSTEM)] == ["a", "b", "c"]


def test_a_ward_list_holds_only_that_ward(households: Database) -> None:
    made = create_walk_list(households, "w2", CHORLEY, ward="W2")
    assert doors(households, made.id) == ["CH-6", "CH-7", "CH-8", "CH-9"]
    assert create_walk_list(households, "hendon", HENDON).households == 5


def test_only_an_existing_canvasser_is_handed_a_list(households: Database) -> None:
    accounts.create_user(households, "ann", Role.CANVASSER)
    accounts.create_user(households, "olga", Role.ORGANISER, seats=[CHORLEY])
    with pytest.raises(InvalidInputError, match="'olga' is an organiser, not a canvasser"):
        create_walk_list(households, "a", CHORLEY, assign_to="olga")
    with pytest.raises(NotFoundError, match="no account named 'nobody'"):
        create_walk_list(households, "a", CHORLEY, assign_to="nobody")
    made = create_walk_list(households, "a", CHORLEY, assign_to="ann")
    assert made.households == 10
    with pytest.raises(NotFoundError, match="no account named 'nobody'"):
        assign_walk_list(households, "a", "nobody")
    assert [(u.name, u.role, sorted(u.seats)) for u in accounts.list_users(households)] == [
        ("ann", Role.CANVASSER, []),
        ("olga", Role.ORGANISER, [CHORLEY]),
    ]
