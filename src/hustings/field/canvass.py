"""Households, walk lists, contact records from phones and paper, and coverage per seat."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.engine import Connection

from hustings._io import read_rows
from hustings.clock import parse_uk_time
from hustings.errors import ForbiddenError, HustingsError, InvalidInputError, NotFoundError
from hustings.field.model import (
    Channel,
    ContactRecord,
    CoverageRow,
    DayCoverage,
    ImportReport,
    Outcome,
    Rejected,
    SyncResult,
    parse_channel,
    parse_outcome,
)
from hustings.storage import audit
from hustings.storage import field as q
from hustings.storage.accounts import SYSTEM, Credential, Principal, Role, principals_for
from hustings.storage.engine import Database

SeatResolver = Callable[[str], str]
"""Turns a 2024 GSS code or seat name into its GSS code, or raises a one-line error."""

MAX_BATCH = 5000
HOUSEHOLD_COLUMNS = {
    "address_key": ("address", "key", "uprn", "address_id"),
    "seat": ("constituency", "pcon24cd", "gss", "seat_code"),
    "ward": ("ward_code", "wd23cd"),
    "easting": ("x",),
    "northing": ("y",),
}
CONTACT_COLUMNS = {
    "id": ("record_id", "uuid"),
    "household": ("address_key", "address"),
    "outcome": ("result",),
    "at": ("time", "when", "timestamp", "date"),
    "channel": ("method", "how"),
}
PURPOSES = ("canvassing", "leafleting", "phone_banking", "get_out_the_vote")


def import_households(
    db: Database,
    path: Path,
    resolve_seat: SeatResolver,
    *,
    register_purposes: Sequence[str] | None = None,
    encoding: str = "utf-8",
    actor: Principal = SYSTEM,
) -> ImportReport:
    """Add a household list; any bad row refuses the whole file (nothing is written).

    An electoral-register extract (``register_purposes`` given) is recorded with the
    purposes it may be used for.
    """
    purposes = _purposes(register_purposes)
    rows = read_rows(path, HOUSEHOLD_COLUMNS, required=("address_key", "seat"), encoding=encoding)
    seats: dict[str, str] = {}
    ready: list[dict[str, object]] = []
    first_row: dict[str, int] = {}
    duplicates: list[Rejected] = []
    now = datetime.now(UTC)
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        key = row["address_key"]
        if not key or len(key) > 200:
            raise InvalidInputError(
                f"{path.name} row {number}: address_key must be 1-200 characters"
            )
        seat_text = row["seat"]
        if seat_text not in seats:
            try:
                seats[seat_text] = resolve_seat(seat_text)
            except (NotFoundError, InvalidInputError) as exc:
                raise InvalidInputError(f"{path.name} row {number}: {exc.one_line()}") from None
        if key in first_row:
            duplicates.append(Rejected(number, f"address_key '{key}' repeats row {first_row[key]}"))
            continue
        first_row[key] = number
        ready.append(
            {
                "address_key": key,
                "seat": seats[seat_text],
                "ward": row.get("ward") or None,
                "easting": _int(row.get("easting", ""), "easting", path.name, number),
                "northing": _int(row.get("northing", ""), "northing", path.name, number),
                "created_at": now,
            }
        )
    with db.write() as conn:
        existing = q.existing_households(conn, [str(r["address_key"]) for r in ready])
        fresh = [r for r in ready if r["address_key"] not in existing]
        duplicates += [
            Rejected(first_row[str(r["address_key"])], "already imported")
            for r in ready
            if r["address_key"] in existing
        ]
        source = {
            "source": path.name,
            "is_register": purposes is not None,
            "purposes": ",".join(purposes or ()),
            "rows": len(fresh),
            "actor": actor.actor,
            "created_at": now,
        }
        q.insert_households(conn, fresh, source=source)
        audit.append(
            conn,
            actor=actor.actor,
            action="import.households",
            subject=path.name,
            detail={"imported": len(fresh), "register": purposes is not None, "purposes": purposes},
        )
    duplicates.sort(key=lambda d: d.row)
    return ImportReport("households", path.name, len(fresh), duplicates, [])


def _purposes(given: Sequence[str] | None) -> list[str] | None:
    if given is None:
        return None
    chosen = [p.strip().lower().replace("-", "_") for p in given if p.strip()]
    unknown = [p for p in chosen if p not in PURPOSES]
    if unknown or not chosen:
        raise InvalidInputError(
            "an electoral-register extract needs its permitted purposes"
            + (f" (no purpose '{unknown[0]}')" if unknown else ""),
            hint=f"pass --purpose with one or more of: {', '.join(PURPOSES)}",
        )
    return chosen


def _int(text: str, name: str, source: str, number: int) -> int | None:
    if not text:
        return None
    try:
        return round(float(text))
    except ValueError:
        raise InvalidInputError(f"{source} row {number}: {name} '{text}' is not a number") from None


def record_contacts(
    db: Database, principal: Principal, records: Sequence[ContactRecord]
) -> SyncResult:
    """Store a batch of records once each, all or nothing, after checking the caller may.

    A replayed record (same id, same content) counts as a duplicate; the same id with
    different content is refused, since records are never overwritten.
    """
    (outcome,) = record_contact_batches(db, [(principal, records)])
    if isinstance(outcome, HustingsError):
        raise outcome
    return outcome


ContactBatch = tuple[Principal | Credential, Sequence[ContactRecord]]
"""One sender's batch of records: the sender's account, or the credential that names it (checked
in the transaction that stores the batch)."""


class _Conflict(Exception):
    """A record reuses a stored id with different content (the group must be rolled back)."""

    def __init__(self, batch: int, record: ContactRecord) -> None:
        super().__init__(record.id)
        self.batch, self.record = batch, record


def record_contact_batches(
    db: Database, batches: Sequence[ContactBatch]
) -> list[SyncResult | HustingsError]:
    """Store several senders' batches in one transaction (group commit); each batch is still
    all or nothing, and its result exists only once the transaction has committed.

    Senders given by a :class:`~hustings.storage.accounts.Credential` are looked up in the same
    transaction (one query for the group), so a token revoked before it began is refused.
    A batch that fails its checks gets its error in place of a result and stores nothing;
    the others are committed together. Should a record reuse a stored id with different
    content, the group is rolled back and its batches are stored one at a time, so that only
    the batch at fault is refused.
    """
    outcomes: list[SyncResult | HustingsError | None] = [None] * len(batches)
    senders: list[Principal | None] = [None] * len(batches)
    known = [i for i, (sender, _) in enumerate(batches) if isinstance(sender, Principal)]
    _prechecked(batches, known, outcomes)
    live: list[int] = []
    if all(outcome is not None for outcome in outcomes):
        return [o if o is not None else SyncResult(0, 0) for o in outcomes]
    try:
        with db.write() as conn:
            _identify(conn, batches, senders, outcomes)
            named = [i for i, sender in enumerate(senders) if i not in known and sender is not None]
            _prechecked(list(zip(senders, (b[1] for b in batches), strict=True)), named, outcomes)
            live = [i for i, outcome in enumerate(outcomes) if outcome is None]
            if live:
                _store_group(conn, senders, batches, live, outcomes)
    except _Conflict as conflict:
        if len(live) > 1:
            for index in live:
                outcomes[index] = _one_batch(db, (_sender(senders[index]), batches[index][1]))
        else:
            outcomes[conflict.batch] = _changed(conflict.record)
    return [o if o is not None else SyncResult(0, 0) for o in outcomes]


def prepare_contact_path(conn: Connection) -> None:
    """Run, with nothing to find or store, the statements a group of contact batches runs
    (for :meth:`~hustings.storage.engine.Database.warm`)."""
    principals_for(conn, [Credential(token="")])
    q.prepare_write_path(conn)


def _prechecked(
    batches: Sequence[tuple[Principal | Credential | None, Sequence[ContactRecord]]],
    indexes: list[int],
    outcomes: list[SyncResult | HustingsError | None],
) -> None:
    """The checks that need no database (role, size, ids), for the batches at ``indexes``."""
    for index in indexes:
        sender, records = batches[index]
        assert isinstance(sender, Principal)
        try:
            _precheck(sender, records)
        except HustingsError as exc:
            outcomes[index] = exc


def _identify(
    conn: Connection,
    batches: Sequence[ContactBatch],
    senders: list[Principal | None],
    outcomes: list[SyncResult | HustingsError | None],
) -> None:
    """Each batch's sender: given, or looked up from its credential (a refusal is its outcome)."""
    credentials = {b[0] for b in batches if isinstance(b[0], Credential)}
    found = principals_for(conn, credentials) if credentials else {}
    for index, (sender, _) in enumerate(batches):
        who = found[sender] if isinstance(sender, Credential) else sender
        if isinstance(who, Principal):
            senders[index] = who
        else:
            outcomes[index] = who


def _sender(principal: Principal | None) -> Principal:
    assert principal is not None
    return principal


def _one_batch(db: Database, batch: ContactBatch) -> SyncResult | HustingsError:
    (outcome,) = record_contact_batches(db, [batch])
    return outcome


def _changed(record: ContactRecord) -> InvalidInputError:
    return InvalidInputError(
        f"record {record.id} was stored before with different content; records are never changed",
        hint="send a correction as a new record with a new id",
        id=record.id,
    )


def _precheck(principal: Principal, records: Sequence[ContactRecord]) -> None:
    if principal.role is Role.VIEWER:
        raise ForbiddenError("a viewer cannot record contacts")
    if len(records) > MAX_BATCH:
        raise InvalidInputError(f"a batch holds at most {MAX_BATCH} records, not {len(records)}")
    _check_ids(records)


def _store_group(
    conn: Connection,
    senders: Sequence[Principal | None],
    batches: Sequence[ContactBatch],
    live: list[int],
    outcomes: list[SyncResult | HustingsError | None],
) -> None:
    principals = {i: _sender(senders[i]) for i in live}
    canvassers = {p.user_id for p in principals.values() if p.role is Role.CANVASSER}
    keys = {r.household for i in live for r in batches[i][1]}
    refs = q.households_and_holders(conn, keys, canvassers)
    claimed: dict[str, tuple[ContactRecord, int]] = {}
    for index in live:
        principal, records = principals[index], batches[index][1]
        try:
            _check_households(records, refs)
            _authorise(principal, records, refs)
            _check_claims(records, claimed)
        except HustingsError as exc:
            outcomes[index] = exc
            continue
        for record in records:
            claimed.setdefault(record.id, (record, index))
    authors = {rid: principals[i].user_id or None for rid, (_, i) in claimed.items()}
    fresh = q.insert_contacts(
        conn,
        [record for record, _ in claimed.values()],
        refs,
        recorded_by=authors,
        received_at=datetime.now(UTC),
    )
    new_ids = {r.id for r in fresh}
    replayed = [rid for rid in claimed if rid not in new_ids]
    if replayed:
        stored = q.stored_contacts(conn, replayed)
        for rid in replayed:
            record, index = claimed[rid]
            if not record.same_as(stored[rid]):
                raise _Conflict(index, record)
    accepted: dict[int, int] = defaultdict(int)
    for rid in new_ids:
        accepted[claimed[rid][1]] += 1
    for index in live:
        if outcomes[index] is None:
            size = len(batches[index][1])
            outcomes[index] = SyncResult(accepted[index], size - accepted[index])


def _check_households(records: Sequence[ContactRecord], refs: dict[str, q.HouseholdRef]) -> None:
    for index, record in enumerate(records):
        if record.household not in refs:
            raise InvalidInputError(
                f"record {index} ({record.id}): no household '{record.household}'",
                index=index,
            )


def _check_claims(
    records: Sequence[ContactRecord], claimed: dict[str, tuple[ContactRecord, int]]
) -> None:
    """A record whose id an earlier batch of the group holds must say the same thing."""
    for record in records:
        earlier = claimed.get(record.id)
        if earlier is not None and not record.same_as(earlier[0]):
            raise _changed(record)


def _check_ids(records: Sequence[ContactRecord]) -> None:
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        if record.id in seen and not record.same_as(records[seen[record.id]]):
            raise InvalidInputError(
                f"record {index}: id {record.id} is used twice in the batch", index=index
            )
        seen.setdefault(record.id, index)


def _authorise(
    principal: Principal, records: Sequence[ContactRecord], refs: dict[str, q.HouseholdRef]
) -> None:
    if principal.role is Role.ADMIN:
        return
    if principal.role is Role.ORGANISER:
        outside = [r for r in records if refs[r.household].seat not in principal.seats]
    else:
        outside = [r for r in records if principal.user_id not in refs[r.household].holders]
    if outside:
        raise ForbiddenError(
            f"household '{outside[0].household}' is not on your walk lists"
            if principal.role is Role.CANVASSER
            else f"household '{outside[0].household}' is outside your seats",
            household=outside[0].household,
        )


def import_contacts(
    db: Database,
    path: Path,
    *,
    principal: Principal = SYSTEM,
    encoding: str = "utf-8",
) -> SyncResult:
    """Paper sheets and phone banks: the same records by CSV (all or nothing, replay-safe).

    A row without an id gets one derived from its content, so importing a file twice
    stores it once.
    """
    rows = read_rows(
        path, CONTACT_COLUMNS, required=("household", "outcome", "at"), encoding=encoding
    )
    records = []
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        where = f"{path.name} row {number}"
        try:
            outcome = parse_outcome(row["outcome"])
            channel = parse_channel(row.get("channel"), outcome)
        except InvalidInputError as exc:
            raise InvalidInputError(f"{where}: {exc.one_line()}") from None
        at = parse_uk_time(row["at"], where=where)
        given = row.get("id", "")
        record_id = (
            _uuid(given, where) if given else _content_id(row["household"], outcome, channel, at)
        )
        records.append(ContactRecord(record_id, row["household"], outcome, at, channel))
    if not records:
        raise InvalidInputError(f"'{path.name}' holds no records")
    result = SyncResult(0, 0)
    for start in range(0, len(records), MAX_BATCH):
        part = record_contacts(db, principal, records[start : start + MAX_BATCH])
        result = SyncResult(result.accepted + part.accepted, result.duplicates + part.duplicates)
    with db.write() as conn:
        audit.append(
            conn,
            actor=principal.actor,
            action="import.contacts",
            subject=path.name,
            detail=result.to_json(),
        )
    return result


_NAMESPACE = uuid.UUID("6f1f5c1e-8f0a-4d43-9a55-6e7d3c2b1a00")


def _content_id(household: str, outcome: Outcome, channel: Channel, at: datetime) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{household}|{outcome}|{channel}|{at.isoformat()}"))


def _uuid(text: str, where: str) -> str:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise InvalidInputError(f"{where}: id '{text}' is not a UUID") from None


def coverage(
    db: Database,
    seat_names: Callable[[str], str],
    *,
    seats: Sequence[str] | None = None,
    by_ward: bool = False,
    by_day: bool = False,
) -> list[CoverageRow]:
    """Households, households reached, volunteers and hours, per seat (or ward); with
    ``by_day``, each row's activity day by day."""
    with db.read() as conn:
        counts = q.household_counts(conn, seats=seats, by_ward=by_ward)
        daily = q.daily_totals(conn, seats=seats, by_ward=by_ward) if by_day else []
        present = q.attendance(conn, seats=seats)
    days: dict[tuple[str, str], dict[date, list[float]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0, 0, 0, 0, 0.0])
    )
    for seat, ward, day, knocked, spoken, phoned, leaflets in daily:
        days[(seat, ward)][day][:4] = [knocked, spoken, phoned, leaflets]
    people: dict[str, set[int]] = defaultdict(set)
    hours: dict[str, float] = defaultdict(float)
    day_people: dict[tuple[str, date], set[int]] = defaultdict(set)
    for seat, day, volunteer, spent in present:
        people[seat].add(volunteer)
        hours[seat] += spent
        day_people[(seat, day)].add(volunteer)
        days[(seat, "")][day][5] += spent
    rows = []
    for c in sorted(counts, key=lambda c: (seat_names(c.seat), c.ward)):
        whole_seat = not c.ward
        days_of = tuple(
            DayCoverage(
                d,
                int(v[0]),
                int(v[1]),
                int(v[2]),
                int(v[3]),
                len(day_people[(c.seat, d)]) if whole_seat else 0,
                float(v[5]) if whole_seat else 0.0,
            )
            for d, v in sorted(days[(c.seat, c.ward)].items())
            if by_day
        )
        rows.append(
            CoverageRow(
                c.seat,
                seat_names(c.seat),
                c.ward,
                c.households,
                c.knocked,
                c.spoken,
                c.phoned,
                c.leafleted,
                len(people[c.seat]) if whole_seat else 0,
                hours[c.seat] if whole_seat else 0.0,
                days_of,
            )
        )
    return rows


def campaign_days(db: Database, *, seats: Sequence[str] | None = None) -> list[DayCoverage]:
    """Doors knocked, people spoken to, calls and leaflets per day, over the seats given."""
    with db.read() as conn:
        rows = q.daily_totals(conn, seats=seats, by_ward=False, per_seat=False)
    return [DayCoverage(day, k, s, p, leaf, 0, 0.0) for _, _, day, k, s, p, leaf in rows]


def records_from_json(items: Iterable[dict[str, object]]) -> list[ContactRecord]:
    """Contact records from already-validated API items (id, household, outcome, at, channel)."""
    out = []
    for item in items:
        outcome = parse_outcome(str(item["outcome"]))
        channel = parse_channel(str(item.get("channel") or "") or None, outcome)
        at = item["at"]
        if not isinstance(at, datetime):
            raise InvalidInputError(f"record {item.get('id')}: 'at' is not a time")
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
        out.append(ContactRecord(str(item["id"]), str(item["household"]), outcome, at, channel))
    return out


__all__ = [
    "PURPOSES",
    "ContactBatch",
    "SeatResolver",
    "campaign_days",
    "coverage",
    "import_contacts",
    "import_households",
    "prepare_contact_path",
    "record_contact_batches",
    "record_contacts",
    "records_from_json",
]
