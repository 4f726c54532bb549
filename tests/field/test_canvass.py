"""Households, contact records (authorised, replay-safe, append-only) and coverage."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from hustings.errors import ForbiddenError, InvalidInputError
from hustings.field.canvass import (
    campaign_days,
    coverage,
    import_contacts,
    import_households,
    record_contacts,
)
from hustings.field.model import Channel, ContactRecord, Outcome
from hustings.field.organise import create_walk_list
from hustings.storage import accounts, audit
from hustings.storage import field as q
from hustings.storage import schema as t
from hustings.storage.accounts import SYSTEM, Role
from hustings.storage.engine import Database

from .conftest import CHORLEY, HENDON, resolve, write

SAT = datetime(2026, 12, 5, 11, 0, tzinfo=UTC)


def rec(household: str, outcome: Outcome, *, at: datetime = SAT, channel: Channel | None = None):  # type: ignore[no-untyped-def]
    chosen = channel or (Channel.LEAFLET if outcome is Outcome.LEAFLET else Channel.DOOR)
    return ContactRecord(str(uuid.uuid4()), household, outcome, at, chosen)


def count(db: Database, table: sa.Table) -> int:
    with db.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_an_unknown_seat_refuses_the_whole_file(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "h.csv", "address_key,seat\nA1,Chorley\nA2,Chorly\n")
    with pytest.raises(InvalidInputError, match=r"h.csv row 3: no constituency 'Chorly'"):
        import_households(db, path, resolve)
    assert count(db, t.households) == 0


def test_a_register_extract_needs_its_purposes(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "reg.csv", "address_key,seat\nA1,Chorley\n")
    with pytest.raises(InvalidInputError, match="permitted purposes"):
        import_households(db, path, resolve, register_purposes=[])
    report = import_households(db, path, resolve, register_purposes=["canvassing"])
    assert report.imported == 1
    with db.read() as conn:
        row = conn.execute(sa.select(t.household_imports)).one()
    assert row.is_register and row.purposes == "canvassing"


def test_repeated_households_are_reported_not_doubled(households: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path / "again.csv", "address_key,seat\nCH-1,Chorley\nNEW,Chorley\nNEW,Chorley\n"
    )
    report = import_households(households, path, resolve)
    assert report.imported == 1
    assert [(d.row, d.reason) for d in report.duplicates] == [
        (2, "already imported"),
        (4, "address_key 'NEW' repeats row 3"),
    ]
    assert count(households, t.households) == 16


def test_a_replayed_batch_is_stored_once(households: Database) -> None:
    batch = [rec("CH-0", Outcome.SPOKE), rec("CH-1", Outcome.NOT_IN)]
    assert record_contacts(households, SYSTEM, batch).to_json() == {"accepted": 2, "duplicates": 0}
    again = record_contacts(households, SYSTEM, [*batch, rec("CH-2", Outcome.REFUSED)])
    assert again.to_json() == {"accepted": 1, "duplicates": 2}
    assert count(households, t.contacts) == 3


def test_a_record_sent_twice_in_one_batch_counts_once(households: Database) -> None:
    record = rec("CH-0", Outcome.SPOKE)
    assert record_contacts(households, SYSTEM, [record, record]).to_json() == {
        "accepted": 1,
        "duplicates": 1,
    }
    assert [(d.knocked, d.spoken) for d in campaign_days(households)] == [(1, 1)]


def test_a_reused_id_with_other_content_refuses_the_batch(households: Database) -> None:
    first = rec("CH-0", Outcome.NOT_IN)
    record_contacts(households, SYSTEM, [first])
    changed = ContactRecord(first.id, "CH-0", Outcome.SPOKE, first.at, Channel.DOOR)
    with pytest.raises(InvalidInputError, match="stored before with different content") as err:
        record_contacts(households, SYSTEM, [rec("CH-3", Outcome.SPOKE), changed])
    assert err.value.details["id"] == first.id
    assert count(households, t.contacts) == 1


def test_an_id_used_twice_in_a_batch_names_the_second(households: Database) -> None:
    first = rec("CH-0", Outcome.NOT_IN)
    changed = ContactRecord(first.id, "CH-1", Outcome.SPOKE, first.at, Channel.DOOR)
    with pytest.raises(InvalidInputError, match=r"record 2: id .* is used twice") as err:
        record_contacts(households, SYSTEM, [first, rec("CH-3", Outcome.SPOKE), changed])
    assert err.value.details["index"] == 2
    assert count(households, t.contacts) == 0


def test_an_unknown_household_names_the_record_and_stores_nothing(households: Database) -> None:
    with pytest.raises(InvalidInputError, match=r"record 1 .*no household 'XX-9'"):
        record_contacts(
            households, SYSTEM, [rec("CH-0", Outcome.SPOKE), rec("XX-9", Outcome.SPOKE)]
        )
    assert count(households, t.contacts) == 0


def test_records_cannot_be_edited_in_the_database(households: Database) -> None:
    record_contacts(households, SYSTEM, [rec("CH-0", Outcome.SPOKE)])
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), households.write() as conn:
        conn.execute(t.contacts.update().values(outcome="refused"))


def test_a_canvasser_writes_only_to_their_own_walk_list(households: Database) -> None:
    ann, _ = accounts.create_user(households, "ann", Role.CANVASSER)
    accounts.create_user(households, "ben", Role.CANVASSER)
    made = create_walk_list(households, "chorley-w1", CHORLEY, ward="W1", assign_to="ann")
    assert made.households == 6
    assert record_contacts(households, ann, [rec("CH-5", Outcome.SPOKE)]).accepted == 1
    with pytest.raises(ForbiddenError, match="'CH-6' is not on your walk lists"):
        record_contacts(households, ann, [rec("CH-6", Outcome.SPOKE)])
    viewer, _ = accounts.create_user(households, "vic", Role.VIEWER)
    with pytest.raises(ForbiddenError):
        record_contacts(households, viewer, [rec("CH-5", Outcome.SPOKE)])


def test_an_organiser_writes_only_in_their_seats(households: Database) -> None:
    org, _ = accounts.create_user(households, "olu", Role.ORGANISER, seats=[HENDON])
    assert record_contacts(households, org, [rec("HE-0", Outcome.SPOKE)]).accepted == 1
    with pytest.raises(ForbiddenError, match="outside your seats"):
        record_contacts(households, org, [rec("CH-0", Outcome.SPOKE)])


def test_coverage_counts_households_not_records(households: Database) -> None:
    later = SAT + timedelta(days=1)
    batch = [
        rec("CH-0", Outcome.SPOKE),
        rec("CH-0", Outcome.NOT_IN, at=later),  # a second visit: one household knocked
        rec("CH-1", Outcome.NOT_IN),
        rec("CH-2", Outcome.ANSWERED),
        rec("CH-3", Outcome.REFUSED),
        rec("CH-4", Outcome.SPOKE, channel=Channel.PHONE),
        rec("CH-5", Outcome.LEAFLET),
        rec("CH-6", Outcome.LEAFLET),
        rec("HE-0", Outcome.MOVED, at=later),
    ]
    record_contacts(households, SYSTEM, batch)
    names = {CHORLEY: "Chorley", HENDON: "Hendon"}
    rows = {r.seat: r for r in coverage(households, names.get, by_day=True)}  # type: ignore[arg-type]
    chorley = rows[CHORLEY]
    assert (chorley.households, chorley.households_knocked) == (10, 4)
    assert (chorley.households_spoken, chorley.households_phoned) == (3, 1)
    assert chorley.households_leafleted == 2
    assert chorley.to_json()["share_knocked"] == 0.4
    assert [(d.day.isoformat(), d.knocked) for d in chorley.by_day] == [
        ("2026-12-05", 4),
        ("2026-12-06", 1),
    ]
    assert (rows[HENDON].households, rows[HENDON].households_knocked) == (5, 1)


def test_coverage_by_ward(households: Database) -> None:
    record_contacts(households, SYSTEM, [rec("CH-0", Outcome.SPOKE), rec("CH-7", Outcome.SPOKE)])
    rows = coverage(households, str, seats=[CHORLEY], by_ward=True)
    assert [(r.ward, r.households, r.households_knocked) for r in rows] == [
        ("W1", 6, 1),
        ("W2", 4, 1),
    ]


def test_totals_kept_on_the_fly_equal_totals_rebuilt_from_records(households: Database) -> None:
    import random

    rng = random.Random(7)
    keys = [f"CH-{i}" for i in range(10)] + [f"HE-{i}" for i in range(5)]
    for _ in range(6):
        batch = [
            rec(
                rng.choice(keys),
                rng.choice(list(Outcome)),
                at=SAT + timedelta(hours=rng.randrange(200)),
            )
            for _ in range(rng.randrange(1, 30))
        ]
        record_contacts(households, SYSTEM, batch)
    before = [r.to_json() for r in coverage(households, str, by_day=True, by_ward=True)]
    with households.write() as conn:
        q.rebuild_totals(conn)
    assert [r.to_json() for r in coverage(households, str, by_day=True, by_ward=True)] == before
    assert sum(d.knocked for d in campaign_days(households)) == sum(
        d["knocked"] for r in before for d in r["by_day"]
    )


def test_days_are_london_days_in_summer_and_in_winter(households: Database) -> None:
    summer_evening = datetime(2026, 7, 4, 22, 59, tzinfo=UTC)  # 23:59 BST on Saturday 4 July
    after_midnight = datetime(2026, 7, 4, 23, 30, tzinfo=UTC)  # 00:30 BST on Sunday 5 July
    winter_night = datetime(2026, 12, 5, 23, 30, tzinfo=UTC)  # 23:30 GMT on Saturday 5 December
    clocks_back = datetime(2026, 10, 25, 0, 59, tzinfo=UTC)  # 01:59 BST, Sunday 25 October
    batch = [
        rec("CH-0", Outcome.SPOKE, at=summer_evening),
        rec("CH-1", Outcome.NOT_IN, at=after_midnight),
        rec("CH-2", Outcome.SPOKE, at=after_midnight),
        rec("CH-3", Outcome.NOT_IN, at=winter_night),
        rec("CH-4", Outcome.NOT_IN, at=clocks_back),
        rec("CH-5", Outcome.NOT_IN, at=clocks_back + timedelta(minutes=2)),  # 01:01 GMT
    ]
    record_contacts(households, SYSTEM, batch)
    expected = [
        ("2026-07-04", 1, 1),
        ("2026-07-05", 2, 1),
        ("2026-10-25", 2, 0),
        ("2026-12-05", 1, 0),
    ]
    chorley = coverage(households, str, seats=[CHORLEY], by_day=True)[0]
    assert [(d.day.isoformat(), d.knocked, d.spoken) for d in chorley.by_day] == expected
    with households.write() as conn:
        conn.execute(t.contact_daily.delete())
        stale = {"seat": CHORLEY, "ward": "W1", "day": SAT.date(), "knocked": 9}
        conn.execute(t.contact_daily.insert(), [{**stale, "spoken": 9, "phoned": 0, "leaflets": 0}])
        q.rebuild_daily(conn)
    days = [(d.day.isoformat(), d.knocked, d.spoken) for d in campaign_days(households)]
    assert days == expected


def test_paper_returns_import_once_and_are_audited(households: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path / "sheet.csv",
        "household,outcome,at,channel\nCH-0,spoke,2026-12-05T10:15,door\n"
        "CH-1,Not in,2026-12-05T10:20,\nHE-1,spoke,2026-12-05 18:00,phone\n",
    )
    assert import_contacts(households, path).to_json() == {"accepted": 3, "duplicates": 0}
    assert import_contacts(households, path).to_json() == {"accepted": 0, "duplicates": 3}
    assert [e.action for e in audit.entries(households, action="import.contacts")] == [
        "import.contacts",
        "import.contacts",
    ]
    bad = write(tmp_path / "bad.csv", "household,outcome,at\nCH-0,voted tory,2026-12-05T10:00\n")
    with pytest.raises(InvalidInputError, match=r"bad\.csv row 2: no outcome 'voted tory'"):
        import_contacts(households, bad)


def test_a_paper_sheet_time_without_a_zone_is_uk_local_time(
    households: Database, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "late.csv",
        "household,outcome,at\nCH-0,spoke,2026-07-04T23:30\nCH-1,spoke,2026-12-05T23:30\n",
    )
    assert import_contacts(households, path).accepted == 2
    with households.read() as conn:
        rows = conn.execute(
            sa.select(t.households.c.address_key, t.contacts.c.at).join(
                t.households, t.households.c.id == t.contacts.c.household_id
            )
        )
        stored = {key: at for key, at in rows}
    # 23:30 in July is British Summer Time (UTC+1); in December it is GMT.
    assert stored["CH-0"] == datetime(2026, 7, 4, 22, 30, tzinfo=UTC)
    assert stored["CH-1"] == datetime(2026, 12, 5, 23, 30, tzinfo=UTC)
    days = [d.day.isoformat() for d in campaign_days(households)]
    assert days == ["2026-07-04", "2026-12-05"]


def test_a_non_utf8_file_is_refused_with_the_byte(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("address_key,seat\nCaf\xe9,Chorley\n".encode("latin-1"))
    with pytest.raises(InvalidInputError, match=r"not UTF-8 \(byte 0xe9 at offset 20\)"):
        import_households(db, path, resolve)
    assert import_households(db, path, resolve, encoding="latin-1").imported == 1


def test_first_contact_times_are_the_earliest_records(households: Database) -> None:
    def first(key: str) -> tuple[object, object]:
        with households.read() as conn:
            row = conn.execute(
                sa.select(t.households.c.knocked_at, t.households.c.spoken_at).where(
                    t.households.c.address_key == key
                )
            ).one()
        return row.knocked_at, row.spoken_at

    record_contacts(households, SYSTEM, [rec("CH-0", Outcome.NOT_IN)])
    assert first("CH-0") == (SAT, None)
    record_contacts(households, SYSTEM, [rec("CH-0", Outcome.SPOKE, at=SAT + timedelta(hours=2))])
    assert first("CH-0") == (SAT, SAT + timedelta(hours=2))
    earlier = SAT - timedelta(days=1)
    record_contacts(households, SYSTEM, [rec("CH-0", Outcome.ANSWERED, at=earlier)])
    assert first("CH-0") == (earlier, earlier)
