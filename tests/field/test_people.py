"""Volunteers, events and shifts, and the data-protection duties (both back-ends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from hustings.errors import ForbiddenError, HustingsError, InvalidInputError, NotFoundError
from hustings.field.canvass import coverage, record_contacts
from hustings.field.model import ContactRecord, Outcome
from hustings.field.organise import add_event, add_shift, attend, sign_up
from hustings.field.people import Located, import_volunteers, normalise_phone, normalise_postcode
from hustings.field.privacy import (
    erase_person,
    export_person,
    purge,
    record_intention,
    set_lawful_basis,
)
from hustings.settings import Settings
from hustings.storage import audit
from hustings.storage import schema as t
from hustings.storage.accounts import SYSTEM
from hustings.storage.engine import Database
from hustings.storage.field import households_by_key

from .conftest import CHORLEY, write

SAT = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
CONSENTED = datetime(2026, 11, 28, 18, 30, tzinfo=UTC)
GRID = {"PR7 1AA": (CHORLEY, 358_000, 417_000)}


def locate(postcode: str) -> Located:
    """A one-postcode stand-in for the data store's postcode lookup."""
    if postcode not in GRID:
        raise NotFoundError(f"'{postcode}' is not a known GB postcode")
    seat, easting, northing = GRID[postcode]
    return Located(postcode, seat, easting, northing)


SIGNUPS = (
    "Full name,Email address,Mobile,Home postcode,Skills,Travel km\n"
    "Asha Patel,asha@example.org,07700 900123,pr71aa,Driver; Welsh,25\n"
    "Asha P,ASHA@example.org,,PR7 1AA,,\n"
    "Ben Ode,,+44 7700 900456,ZZ9 9ZZ,,\n"
    "Cat Lee,cat@example,,PR7 1AA,,\n"
    "Dev Rao,,0044 7700 900789,,phone,\n"
)


def count(db: Database, table: sa.Table) -> int:
    with db.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_postcodes_and_phones_are_normalised() -> None:
    assert normalise_postcode(" pr71aa ") == "PR7 1AA"
    assert normalise_postcode("sw1a 1aa") == "SW1A 1AA"
    assert normalise_phone("0044 7700 900123") == normalise_phone("+44 (7700) 900-123")
    for bad in ("PR7", "12345", ""):
        with pytest.raises(ValueError):
            normalise_postcode(bad)


def test_a_signup_sheet_imports_with_duplicates_and_rejects_named(
    db: Database, tmp_path: Path
) -> None:
    report = import_volunteers(db, write(tmp_path / "signups.csv", SIGNUPS), locate)
    assert report.imported == 2
    assert [(d.row, d.reason) for d in report.duplicates] == [(3, "same email or phone as row 2")]
    assert [(r.row, r.reason) for r in report.rejected] == [
        (4, "'ZZ9 9ZZ' is not a known GB postcode"),
        (5, "email 'cat@example' is not an email address"),
    ]
    with db.read() as conn:
        asha = conn.execute(
            sa.select(t.volunteers).where(t.volunteers.c.email == "asha@example.org")
        ).one()
    assert (asha.seat, asha.skills, asha.max_travel_km) == (CHORLEY, "driver,welsh", 25.0)
    again = import_volunteers(db, write(tmp_path / "signups.csv", SIGNUPS), locate)
    assert again.imported == 0 and len(again.duplicates) == 3


def test_shifts_sign_ups_and_hours_reach_coverage(households: Database, tmp_path: Path) -> None:
    import_volunteers(households, write(tmp_path / "s.csv", SIGNUPS), locate)
    with pytest.raises(InvalidInputError, match=r"ends .* before it starts"):
        add_event(households, title="x", seat=CHORLEY, starts=SAT, ends=SAT - timedelta(hours=1))
    event = add_event(
        households, title="Saturday", seat=CHORLEY, starts=SAT, ends=SAT + timedelta(hours=4)
    )
    with pytest.raises(InvalidInputError, match="outside event"):
        add_shift(households, event, starts=SAT, ends=SAT + timedelta(hours=5))
    shift = add_shift(households, event, starts=SAT, ends=SAT + timedelta(hours=2), capacity=1)
    sign_up(households, shift, "asha@example.org")
    with pytest.raises(InvalidInputError, match="is full"):
        sign_up(households, shift, "07700 900789")
    assert attend(households, shift, "asha@example.org") == 2.0
    assert attend(households, shift, "+447700900789", hours=1.5) == 1.5
    record_contacts(
        households,
        SYSTEM,
        [ContactRecord("3f1c0a52-6c1e-4f7e-9a51-1f2d3c4b5a60", "CH-0", Outcome.SPOKE, SAT)],
    )
    chorley = next(r for r in coverage(households, str, by_day=True) if r.seat == CHORLEY)
    assert (chorley.volunteers, chorley.hours) == (2, 3.5)
    assert [(d.volunteers, d.hours, d.knocked) for d in chorley.by_day] == [(2, 3.5, 1)]


def test_an_evening_shift_counts_on_its_london_day(households: Database, tmp_path: Path) -> None:
    import_volunteers(households, write(tmp_path / "s.csv", SIGNUPS), locate)
    starts = datetime(2026, 7, 4, 23, 15, tzinfo=UTC)  # 00:15 BST on Sunday 5 July
    event = add_event(
        households, title="Late", seat=CHORLEY, starts=starts, ends=starts + timedelta(hours=2)
    )
    shift = add_shift(households, event, starts=starts, ends=starts + timedelta(hours=1))
    sign_up(households, shift, "asha@example.org")
    attend(households, shift, "asha@example.org")
    chorley = next(r for r in coverage(households, str, by_day=True) if r.seat == CHORLEY)
    assert [(d.day.isoformat(), d.volunteers, d.hours) for d in chorley.by_day] == [
        ("2026-07-05", 1, 1.0)
    ]


def test_intentions_need_a_lawful_basis_and_consent(households: Database) -> None:
    kwargs = {
        "name": "Jo Bloggs",
        "party": "GRN",
        "wording_version": "v3",
        "consent_given_at": CONSENTED,
        "email": "jo@example.org",
        "household": "CH-1",
    }
    with pytest.raises(ForbiddenError, match="household outcomes only"):
        record_intention(households, SYSTEM, **kwargs)  # type: ignore[arg-type]
    assert count(households, t.intentions) == 0
    set_lawful_basis(households, "explicit consent under UK GDPR Article 9(2)(a), notice v3")
    assert record_intention(households, SYSTEM, **kwargs) >= 1  # type: ignore[arg-type]
    with households.read() as conn:
        consent = conn.execute(sa.select(t.consents)).one()
    assert (consent.wording_version, consent.given_at) == ("v3", CONSENTED)


def test_export_and_erasure_cover_everything_and_log_no_identity(
    households: Database, tmp_path: Path
) -> None:
    import_volunteers(households, write(tmp_path / "s.csv", SIGNUPS), locate)
    set_lawful_basis(households, "explicit consent under UK GDPR Article 9(2)(a), notice v3")
    record_intention(
        households,
        SYSTEM,
        name="Asha Patel",
        party="LAB",
        wording_version="v3",
        consent_given_at=CONSENTED,
        email="asha@example.org",
    )
    export = export_person(households, "ASHA@example.org")
    assert sorted(export.records) == ["resident", "volunteer"]
    assert export.records["volunteer"][0]["phone"] == "07700900123"
    assert export.records["resident"][0]["intentions"][0]["party"] == "LAB"
    assert erase_person(households, "asha@example.org") == {"volunteer": 1, "resident": 1}
    assert count(households, t.intentions) == 0 and count(households, t.consents) == 0
    with pytest.raises(NotFoundError):
        export_person(households, "asha@example.org")
    with households.read() as conn:
        logged = " ".join(str(r) for r in conn.execute(sa.select(t.audit_log)))
    assert "asha" not in logged.lower() and "07700" not in logged
    assert audit.verify(households).ok


def test_a_resident_without_email_is_found_by_name_at_their_household(
    households: Database,
) -> None:
    set_lawful_basis(households, "explicit consent under UK GDPR Article 9(2)(a), notice v3")
    for name, household in (("Sam Okafor", "CH-2"), ("Sam Okafor", "CH-3")):
        record_intention(
            households,
            SYSTEM,
            name=name,
            party="GRN",
            wording_version="v3",
            consent_given_at=CONSENTED,
            household=household,
        )
    with pytest.raises(InvalidInputError, match="neither an email"):
        export_person(households, "Sam Okafor")
    export = export_person(households, " sam okafor ", household="CH-2")
    with households.read() as conn:
        at = households_by_key(conn, ["CH-2"])["CH-2"].id
    assert [r["household_id"] for r in export.records["resident"]] == [at]
    assert export.records["resident"][0]["intentions"][0]["party"] == "GRN"
    with pytest.raises(NotFoundError, match="no household 'CH-99'"):
        erase_person(households, "Sam Okafor", household="CH-99")
    assert erase_person(households, "Sam Okafor", household="CH-2") == {"resident": 1}
    assert count(households, t.residents) == 1 and count(households, t.intentions) == 1


def test_purge_deletes_old_records_and_recounts(households: Database) -> None:
    old = ContactRecord("0b0e7c3a-2f41-4d8e-8a63-5a8f1d9e2c10", "CH-0", Outcome.SPOKE, SAT)
    new = ContactRecord(
        "7d4f2b1e-9c3a-4e5f-b6a7-c8d9e0f1a2b3", "CH-1", Outcome.SPOKE, SAT + timedelta(days=800)
    )
    record_contacts(households, SYSTEM, [old, new])
    as_of = SAT + timedelta(days=801)
    dry = purge(households, as_of=as_of, dry_run=True)
    assert dry.deleted["canvassing"] == 1 and count(households, t.contacts) == 2
    done = purge(households, as_of=as_of)
    assert done.deleted["canvassing"] == 1 and count(households, t.contacts) == 1
    chorley = next(r for r in coverage(households, str) if r.seat == CHORLEY)
    assert chorley.households_knocked == 1
    with pytest.raises(HustingsError, match="no retention purpose 'forever'"):
        purge(households, days={"forever": 1})


def test_purging_intentions_leaves_no_resident_or_consent_behind(households: Database) -> None:
    set_lawful_basis(households, "explicit consent under UK GDPR Article 9(2)(a), notice v3")
    record_intention(
        households,
        SYSTEM,
        name="Jo Bloggs",
        party="GRN",
        wording_version="v3",
        consent_given_at=CONSENTED,
        email="jo@example.org",
    )
    done = purge(households, as_of=datetime.now(UTC) + timedelta(days=181))
    assert done.deleted["intentions"] == 1
    assert count(households, t.residents) == 0 and count(households, t.consents) == 0


def test_an_erased_person_is_not_left_in_the_sqlite_file(
    households: Database, tmp_path: Path
) -> None:
    if households.dialect != "sqlite":
        pytest.skip("reads the embedded SQLite file's bytes")
    import_volunteers(households, write(tmp_path / "s.csv", SIGNUPS), locate)
    erase_person(households, "asha@example.org")
    path = Path(str(households.engine.url.database))
    held = b"".join(f.read_bytes() for f in path.parent.glob(path.name + "*"))
    assert b"asha@example.org" not in held and b"07700900123" not in held


def test_the_audit_reference_cannot_be_recomputed_from_the_email(
    households: Database, tmp_path: Path
) -> None:
    import hashlib

    import_volunteers(households, write(tmp_path / "s.csv", SIGNUPS), locate)
    reference = export_person(households, "asha@example.org").reference
    guess = hashlib.sha256(b"asha@example.org").hexdigest()
    assert guess[:12] not in reference
    erase_person(households, "asha@example.org")
    with households.read() as conn:
        logged = " ".join(str(r) for r in conn.execute(sa.select(t.audit_log)))
    assert guess[:12] not in logged


def test_an_import_locates_its_postcodes_in_one_batch(db: Database, tmp_path: Path) -> None:
    batches: list[list[str]] = []
    report = import_volunteers(
        db, write(tmp_path / "signups.csv", SIGNUPS), locate, prefetch=batches.append
    )
    assert batches == [["PR7 1AA", "ZZ9 9ZZ"]]
    assert report.imported == 2


@pytest.mark.mirror
def test_places_locate_a_batch_as_they_locate_one(synced: Settings) -> None:
    from hustings.data.api import Store
    from hustings.field.places import places

    store = Store(synced)
    sample = [r[0] for r in store.con.execute("SELECT postcode FROM postcodes LIMIT 3").fetchall()]
    one_by_one = [places(store).locate(p) for p in sample]
    batched = places(store)
    batched.prefetch([*sample, "ZZ9 9ZZ"])
    assert [batched.locate(p) for p in sample] == one_by_one
    with pytest.raises(HustingsError):
        batched.locate("ZZ9 9ZZ")
