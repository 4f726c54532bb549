"""Queries of the field operation: volunteers, households, walk lists, contacts and coverage.

Contact records are inserted once by their device-made id; the per-household first-contact
times and the per-day totals that coverage reads are kept up to date in the same
transaction, so coverage never scans the records themselves.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from hustings.clock import uk_day
from hustings.domain import SPOKEN, Channel, ContactRecord, Outcome
from hustings.storage import schema as t
from hustings.storage.engine import json_in

__all__ = [
    "DAILY_COLUMNS",
    "FLAG_COLUMNS",
    "HouseholdRef",
    "SeatCounts",
    "assign_walk_list",
    "attendance",
    "create_walk_list",
    "daily_totals",
    "event_row",
    "existing_households",
    "existing_volunteers",
    "household_counts",
    "households_and_holders",
    "households_by_key",
    "insert_contacts",
    "insert_event",
    "insert_households",
    "insert_shift",
    "insert_volunteers",
    "list_events",
    "prepare_write_path",
    "rebuild_daily",
    "rebuild_totals",
    "set_signup",
    "shift_row",
    "stored_contacts",
    "upsert",
    "volunteer_by_contact",
    "volunteer_places",
    "walk_list_doors",
    "walk_list_id",
    "walk_lists_for",
]

FLAG_COLUMNS = ("knocked_at", "spoken_at", "phoned_at", "leafleted_at")
DAILY_COLUMNS = ("knocked", "spoken", "phoned", "leaflets")


def upsert(conn: Connection, table: sa.Table) -> Any:
    """The dialect's INSERT, which has ``on_conflict_do_nothing`` and ``on_conflict_do_update``."""
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)


def existing_volunteers(conn: Connection, emails: list[str], phones: list[str]) -> set[str]:
    """Which of these emails and phones already belong to a volunteer."""
    v = t.volunteers.c
    found: set[str] = set()
    for column, values in ((v.email, emails), (v.phone, phones)):
        for start in range(0, len(values), 900):
            chunk = values[start : start + 900]
            found.update(conn.execute(sa.select(column).where(column.in_(chunk))).scalars())
    return found


def insert_volunteers(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Add volunteers (already checked and de-duplicated)."""
    if rows:
        conn.execute(t.volunteers.insert(), rows)


def existing_households(conn: Connection, keys: list[str]) -> set[str]:
    """Which of these address keys are already households."""
    return set(households_by_key(conn, keys))


def insert_households(
    conn: Connection, rows: list[dict[str, Any]], *, source: dict[str, Any]
) -> int:
    """Record an import and add its households; returns the import's id."""
    import_id = int(
        conn.execute(
            t.household_imports.insert().values(**source).returning(t.household_imports.c.id)
        ).scalar_one()
    )
    for start in range(0, len(rows), 5000):
        chunk = [{**r, "import_id": import_id} for r in rows[start : start + 5000]]
        conn.execute(t.households.insert(), chunk)
    return import_id


@dataclass(frozen=True)
class HouseholdRef:
    """A household's id, seat and ward, as contact records need them; ``mine`` when it is on
    a walk list of the user the lookup was made for."""

    id: int
    seat: str
    ward: str
    mine: bool = False
    holders: frozenset[int] = frozenset()
    """With :func:`households_and_holders`: which of the users asked about hold it on a list."""


def households_by_key(
    conn: Connection, keys: Iterable[str], *, walk_lists_of: int | None = None
) -> dict[str, HouseholdRef]:
    """The households with these address keys (with ``walk_lists_of``, each marked by whether
    it is on that user's walk lists, in the same query)."""
    wanted = sorted(set(keys))
    found: dict[str, HouseholdRef] = {}
    h, w, wl = t.households.c, t.walk_list_households.c, t.walk_lists.c
    mine: Any = sa.false()
    if walk_lists_of is not None:
        mine = (
            sa.select(w.household_id)
            .join(t.walk_lists, wl.id == w.walk_list_id)
            .where(w.household_id == h.id, wl.assigned_to == walk_lists_of)
            .exists()
        )
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        query = sa.select(h.address_key, h.id, h.seat, h.ward, mine.label("mine")).where(
            h.address_key.in_(chunk)
        )
        for row in conn.execute(query):
            found[row.address_key] = HouseholdRef(row.id, row.seat, row.ward or "", bool(row.mine))
    return found


def households_and_holders(
    conn: Connection, keys: Iterable[str], users: Iterable[int]
) -> dict[str, HouseholdRef]:
    """The households with these address keys, each with which of ``users`` have it on one of
    their walk lists (one query for the batches of many canvassers)."""
    params = {"keys": _json(sorted(set(keys))), "users": _json(sorted(set(users)))}
    found: dict[str, tuple[int, str, str, set[int]]] = {}
    for key, hid, seat, ward, holder in conn.execute(_SQL[conn.dialect.name].holders, params):
        entry = found.setdefault(key, (hid, seat, ward or "", set()))
        if holder is not None:
            entry[3].add(int(holder))
    return {
        key: HouseholdRef(hid, seat, ward, holders=frozenset(users_))
        for key, (hid, seat, ward, users_) in found.items()
    }


def stored_contacts(conn: Connection, ids: Iterable[str]) -> dict[str, ContactRecord]:
    """The stored records with these ids (to tell a replay from a conflicting reuse of an id)."""
    c, h = t.contacts.c, t.households.c
    query = (
        sa.select(c.id, h.address_key, c.outcome, c.channel, c.at)
        .join(t.households, h.id == c.household_id)
        .where(c.id.in_(sorted(set(ids))))
    )
    return {
        r.id: ContactRecord(r.id, r.address_key, Outcome(r.outcome), r.at, Channel(r.channel))
        for r in conn.execute(query)
    }


def insert_contacts(
    conn: Connection,
    records: Sequence[ContactRecord],
    refs: Mapping[str, HouseholdRef],
    *,
    recorded_by: Mapping[str, int | None],
    received_at: datetime,
) -> list[ContactRecord]:
    """Insert the records whose ids are new (``recorded_by`` maps each id to the account that
    sent it); return those, with totals brought up to date.

    Each statement takes its rows as one JSON parameter, so its text is the same whatever the
    number of rows: the driver passes one string instead of converting every value, and
    PostgreSQL prepares the statement once per connection."""
    if not records:
        return []
    sql = _SQL[conn.dialect.name]
    rows = [
        [
            r.id,
            refs[r.household].id,
            r.outcome.value,
            r.channel.value,
            _stored(r.at),
            recorded_by.get(r.id),
        ]
        for r in sorted(records, key=lambda r: r.id)
    ]
    params = {"rows": _json(rows), "received_at": _stored(received_at)}
    new_ids = set(conn.execute(sql.insert_contacts, params).scalars())
    fresh = list({r.id: r for r in records if r.id in new_ids}.values())
    if not fresh:
        return fresh
    earliest, daily = _totals(fresh, refs)
    touched = sorted({hid for times in earliest.values() for hid in times})
    firsts = [
        [hid, *(_stored_or_none(earliest[f].get(hid)) for f in FLAG_COLUMNS)] for hid in touched
    ]
    days = [
        [seat, ward, day.isoformat(), *counts]
        for (seat, ward, day), counts in sorted(daily.items())
    ]
    if sql.totals is not None:
        conn.execute(sql.totals, {"firsts": _json(firsts), "days": _json(days)})
    else:
        conn.execute(sql.firsts, {"firsts": _json(firsts)})
        conn.execute(sql.daily, {"days": _json(days)})
    return fresh


def prepare_write_path(conn: Connection) -> None:
    """Run the contact write path's statements once with no rows (the caller rolls back), so
    that this connection's server process has read the tables it needs before real writes."""
    sql = _SQL[conn.dialect.name]
    conn.execute(sql.holders, {"keys": "[]", "users": "[]"})
    conn.execute(sql.insert_contacts, {"rows": "[]", "received_at": _stored(datetime.now(UTC))})
    if sql.totals is not None:
        conn.execute(sql.totals, {"firsts": "[]", "days": "[]"})
    else:
        conn.execute(sql.firsts, {"firsts": "[]"})
        conn.execute(sql.daily, {"days": "[]"})


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def _stored(at: datetime) -> str:
    """A time as the database keeps it: naive UTC, written as SQLAlchemy writes it on SQLite
    (which compares times as text) and as PostgreSQL reads a ``timestamp``."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _stored_or_none(at: datetime | None) -> str | None:
    return None if at is None else _stored(at)


def _flags(record: ContactRecord) -> list[str]:
    flags = []
    if record.channel is Channel.DOOR and record.outcome is not Outcome.LEAFLET:
        flags.append("knocked_at")
    if record.outcome in SPOKEN:
        flags.append("spoken_at")
    if record.channel is Channel.PHONE:
        flags.append("phoned_at")
    if record.outcome is Outcome.LEAFLET:
        flags.append("leafleted_at")
    return flags


def _totals(
    records: Sequence[ContactRecord], refs: Mapping[str, HouseholdRef]
) -> tuple[dict[str, dict[int, datetime]], dict[tuple[str, str, date], list[int]]]:
    """Each household's earliest time per flag, and the per-day counts, of these records."""
    earliest: dict[str, dict[int, datetime]] = {name: {} for name in FLAG_COLUMNS}
    daily: dict[tuple[str, str, date], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for record in records:
        ref = refs[record.household]
        flags = _flags(record)
        cell = daily[(ref.seat, ref.ward, uk_day(record.at))]
        for flag in flags:
            seen = earliest[flag].get(ref.id)
            if seen is None or record.at < seen:
                earliest[flag][ref.id] = record.at
            cell[FLAG_COLUMNS.index(flag)] += 1
    return earliest, daily


@dataclass(frozen=True)
class _WritePath:
    """The contact write path's statements in one dialect, each with fixed text (built once:
    building and hashing a statement per request cost more than running it)."""

    holders: Any
    insert_contacts: Any
    totals: Any
    firsts: Any
    daily: Any


def _elements(param: str, dialect: str) -> str:
    """SQL for the rows of the JSON array bound to ``param`` (each row as ``e``)."""
    if dialect == "postgresql":
        return f"json_array_elements(CAST(:{param} AS json)) AS x(e)"
    return f"json_each(:{param}) AS x"


def _cell(index: int, dialect: str, kind: str = "") -> str:
    """SQL for item ``index`` of a row of :func:`_elements` (cast to ``kind`` on PostgreSQL)."""
    if dialect == "postgresql":
        return f"CAST(e->>{index} AS {kind})" if kind else f"e->>{index}"
    return f"json_extract(x.value, '$[{index}]')"


def _holders_sql(dialect: str) -> str:
    """Each household and who among ``users`` holds it on a walk list (NULL: nobody). On
    PostgreSQL the lists are looked up household by household (``LATERAL``, kept apart from
    the outer query by ``OFFSET 0``), through the index on ``household_id``, whatever the
    planner guesses about the size of the JSON arrays."""
    users = json_in("wl.assigned_to", "users", dialect, cast="integer")
    held = f"""SELECT wl.assigned_to FROM walk_list_households AS w
        JOIN walk_lists AS wl ON wl.id = w.walk_list_id
        WHERE w.household_id = h.id AND {users}"""
    join = (
        f"LEFT OUTER JOIN LATERAL ({held} OFFSET 0) AS held ON true"
        if dialect == "postgresql"
        else f"""LEFT OUTER JOIN walk_list_households AS w ON w.household_id = h.id
        LEFT OUTER JOIN walk_lists AS held ON held.id = w.walk_list_id
            AND {users.replace("wl.", "held.")}"""
    )
    return f"""SELECT h.address_key, h.id, h.seat, h.ward, held.assigned_to
        FROM households AS h {join}
        WHERE {json_in("h.address_key", "keys", dialect)}"""


def _write_path(dialect: str) -> _WritePath:
    pg = dialect == "postgresql"
    rows, c = _elements("rows", dialect), functools.partial(_cell, dialect=dialect)
    insert = sa.text(
        f"""INSERT INTO contacts (id, household_id, outcome, channel, at, recorded_by, received_at)
        SELECT {c(0)}, {c(1, kind="integer")}, {c(2)}, {c(3)}, {c(4, kind="timestamp")},
               {c(5, kind="integer")}, {"CAST(:received_at AS timestamp)" if pg else ":received_at"}
        FROM {rows} WHERE true
        {"ORDER BY 1" if pg else ""}
        ON CONFLICT (id) DO NOTHING
        RETURNING id"""
    )
    names = [f.removesuffix("_at") for f in FLAG_COLUMNS]
    picked = ", ".join(f"{c(i + 1, kind='timestamp')} AS {name}" for i, name in enumerate(names))
    changes = {
        f: f"LEAST(h.{f}, v.{n})"
        if pg
        else f"CASE WHEN v.{n} IS NULL OR (h.{f} IS NOT NULL AND h.{f} <= v.{n}) "
        f"THEN h.{f} ELSE v.{n} END"
        for f, n in zip(FLAG_COLUMNS, names, strict=True)
    }
    touched = (
        f" AND h.id = ANY(ARRAY(SELECT CAST(e->>0 AS integer) FROM {_elements('firsts', dialect)}))"
        if pg
        else ""
    )
    firsts = f"""UPDATE households AS h SET {", ".join(f"{f} = {e}" for f, e in changes.items())}
        FROM (SELECT {c(0, kind="integer")} AS hid, {picked}
              FROM {_elements("firsts", dialect)} {"ORDER BY 1" if pg else ""}) AS v
        WHERE h.id = v.hid{touched}"""
    counted = ", ".join(c(3 + i, kind="integer") for i in range(len(DAILY_COLUMNS)))
    daily = f"""INSERT INTO contact_daily (seat, ward, day, {", ".join(DAILY_COLUMNS)})
        SELECT {c(0)}, {c(1)}, {c(2, kind="date")}, {counted}
        FROM {_elements("days", dialect)} WHERE true
        {"ORDER BY 1, 2, 3" if pg else ""}
        ON CONFLICT (seat, ward, day) DO UPDATE SET
        {", ".join(f"{n} = contact_daily.{n} + excluded.{n}" for n in DAILY_COLUMNS)}"""
    return _WritePath(
        holders=sa.text(_holders_sql(dialect)),
        insert_contacts=insert,
        totals=sa.text(f"WITH firsts AS ({firsts} RETURNING h.id) {daily}") if pg else None,
        firsts=sa.text(firsts),
        daily=sa.text(daily),
    )


_SQL = {name: _write_path(name) for name in ("postgresql", "sqlite")}


def _conditions() -> dict[str, Any]:
    c = t.contacts.c
    return {
        "knocked_at": sa.and_(c.channel == "door", c.outcome != "leaflet"),
        "spoken_at": c.outcome.in_(["answered", "spoke"]),
        "phoned_at": c.channel == "phone",
        "leafleted_at": c.outcome == "leaflet",
    }


def rebuild_totals(conn: Connection) -> None:
    """Recompute first-contact times and per-day totals from the records themselves."""
    c, h = t.contacts.c, t.households.c
    conditions = _conditions()
    firsts = (
        sa.select(
            c.household_id,
            *(
                sa.func.min(sa.case((condition, c.at))).label(name)
                for name, condition in conditions.items()
            ),
        )
        .group_by(c.household_id)
        .subquery()
    )
    conn.execute(t.households.update().values(dict.fromkeys(FLAG_COLUMNS)))
    conn.execute(
        t.households.update()
        .where(h.id == firsts.c.household_id)
        .values({name: firsts.c[name] for name in FLAG_COLUMNS})
    )
    rebuild_daily(conn)


def _utc_hour(conn: Connection, column: Any) -> Any:
    if conn.dialect.name == "sqlite":
        return sa.func.strftime("%Y-%m-%d %H:00:00", column)
    return sa.func.date_trunc("hour", column)


def rebuild_daily(conn: Connection) -> None:
    """Recompute the per-day totals from the records, by London day (:func:`uk_day`).

    The database groups the records by UTC hour and each hour gets its London day here:
    British clocks change by whole hours on the hour, so no hour straddles two London days,
    and both back-ends follow the same time-zone rules (Python's)."""
    c, h = t.contacts.c, t.households.c
    conditions = _conditions()
    hour = _utc_hour(conn, c.at)
    ward = sa.func.coalesce(h.ward, sa.literal(""))
    totals = (
        sa.select(
            h.seat,
            ward,
            hour,
            *(sa.func.sum(sa.case((conditions[f], 1), else_=0)) for f in FLAG_COLUMNS),
        )
        .join(t.households, h.id == c.household_id)
        .group_by(h.seat, ward, hour)
    )
    daily: dict[tuple[str, str, date], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for seat, ward_code, start, *counts in conn.execute(totals):
        when = start if isinstance(start, datetime) else datetime.fromisoformat(start)
        cell = daily[(seat, ward_code, uk_day(when.replace(tzinfo=UTC)))]
        for i, n in enumerate(counts):
            cell[i] += int(n or 0)
    conn.execute(t.contact_daily.delete())
    rows = [
        {"seat": s, "ward": w, "day": day, **dict(zip(DAILY_COLUMNS, v, strict=True))}
        for (s, w, day), v in sorted(daily.items())
    ]
    for start in range(0, len(rows), 5000):
        conn.execute(t.contact_daily.insert(), rows[start : start + 5000])


@dataclass(frozen=True)
class SeatCounts:
    """Household counts of one seat or ward, straight from the store."""

    seat: str
    ward: str
    households: int
    knocked: int
    spoken: int
    phoned: int
    leafleted: int


def household_counts(
    conn: Connection, *, seats: Sequence[str] | None, by_ward: bool
) -> list[SeatCounts]:
    """Households and households reached, per seat (and ward)."""
    h = t.households.c
    keys: list[Any] = [h.seat, h.ward] if by_ward else [h.seat]
    query = sa.select(
        *keys,
        sa.func.count(),
        *(sa.func.count(h[name]) for name in FLAG_COLUMNS),
    ).group_by(*keys)
    if seats:
        query = query.where(h.seat.in_(seats))
    out = []
    for row in conn.execute(query):
        ward = (row[1] or "") if by_ward else ""
        counts = row[2:] if by_ward else row[1:]
        out.append(SeatCounts(row[0], ward, *(int(v) for v in counts)))
    return out


def daily_totals(
    conn: Connection, *, seats: Sequence[str] | None, by_ward: bool, per_seat: bool = True
) -> list[tuple[str, str, date, int, int, int, int]]:
    """Per-day totals: (seat, ward or '', day, knocked, spoken, phoned, leaflets); without
    ``per_seat``, one row a day over all the seats (seat and ward empty)."""
    d = t.contact_daily.c
    keys: list[Any] = [d.seat, d.ward, d.day] if by_ward else [d.seat, d.day]
    if not per_seat:
        keys = [sa.literal(""), sa.literal(""), d.day]
    grouped = keys if per_seat else [d.day]
    query = (
        sa.select(*keys, *(sa.func.sum(d[name]) for name in DAILY_COLUMNS))
        .group_by(*grouped)
        .order_by(*grouped)
    )
    if seats:
        query = query.where(d.seat.in_(seats))
    out = []
    for row in conn.execute(query):
        wide = by_ward or not per_seat
        seat, ward, rest = (row[0], row[1], row[2:]) if wide else (row[0], "", row[1:])
        day = rest[0] if isinstance(rest[0], date) else date.fromisoformat(str(rest[0]))
        out.append((seat, ward, day, *(int(v or 0) for v in rest[1:])))
    return out


def attendance(
    conn: Connection, *, seats: Sequence[str] | None
) -> list[tuple[str, date, int, float]]:
    """Volunteers who attended and their hours, per seat and day: (seat, day, volunteer, hours)."""
    s, sh, e = t.signups.c, t.shifts.c, t.events.c
    query = (
        sa.select(e.seat, sh.starts_at, s.volunteer_id, s.hours)
        .join(t.shifts, sh.id == s.shift_id)
        .join(t.events, e.id == sh.event_id)
        .where(s.status == "attended")
    )
    if seats:
        query = query.where(e.seat.in_(seats))
    return [
        (r.seat, uk_day(r.starts_at), int(r.volunteer_id), float(r.hours or 0.0))
        for r in conn.execute(query)
    ]


def create_walk_list(
    conn: Connection,
    *,
    name: str,
    seat: str,
    ward: str | None,
    limit: int | None,
    assigned_to: int | None,
    created_at: datetime,
) -> tuple[int, int]:
    """A walk list of the seat's (or ward's) households on no other list, first by address,
    made in one statement; returns its id and size."""
    h, w = t.households.c, t.walk_list_households.c
    list_id = int(
        conn.execute(
            t.walk_lists.insert()
            .values(name=name, seat=seat, assigned_to=assigned_to, created_at=created_at)
            .returning(t.walk_lists.c.id)
        ).scalar_one()
    )
    taken = sa.select(w.household_id).where(w.household_id == h.id).exists()
    free = (
        sa.select(sa.literal(list_id), h.id).where(h.seat == seat, ~taken).order_by(h.address_key)
    )
    if ward:
        free = free.where(h.ward == ward)
    if limit:
        free = free.limit(limit)
    insert = t.walk_list_households.insert().from_select([w.walk_list_id, w.household_id], free)
    added = conn.execute(insert, execution_options={"preserve_rowcount": True})
    return list_id, int(added.rowcount)


def walk_list_id(conn: Connection, name: str) -> int | None:
    """The id of the named walk list."""
    found = conn.execute(sa.select(t.walk_lists.c.id).where(t.walk_lists.c.name == name)).scalar()
    return None if found is None else int(found)


def assign_walk_list(conn: Connection, list_id: int, user_id: int | None) -> None:
    """Give a walk list to a canvasser (or take it back with ``None``)."""
    conn.execute(
        t.walk_lists.update().where(t.walk_lists.c.id == list_id).values(assigned_to=user_id)
    )


def walk_lists_for(conn: Connection, user_id: int | None) -> list[dict[str, Any]]:
    """Walk lists with their sizes (one user's, or all with ``None``)."""
    wl, w = t.walk_lists.c, t.walk_list_households.c
    query = (
        sa.select(wl.id, wl.name, wl.seat, wl.assigned_to, sa.func.count(w.household_id))
        .outerjoin(t.walk_list_households, w.walk_list_id == wl.id)
        .group_by(wl.id, wl.name, wl.seat, wl.assigned_to)
        .order_by(wl.name)
    )
    if user_id is not None:
        query = query.where(wl.assigned_to == user_id)
    return [
        {"id": r[0], "name": r[1], "seat": r[2], "assigned_to": r[3], "households": int(r[4])}
        for r in conn.execute(query)
    ]


def walk_list_doors(conn: Connection, list_id: int) -> list[dict[str, Any]]:
    """The households of a walk list, with what has happened there so far."""
    h, w = t.households.c, t.walk_list_households.c
    query = (
        sa.select(h.address_key, h.ward, h.knocked_at, h.spoken_at, h.leafleted_at)
        .join(t.walk_list_households, w.household_id == h.id)
        .where(w.walk_list_id == list_id)
        .order_by(h.address_key)
    )
    return [
        {
            "household": r.address_key,
            "ward": r.ward,
            "knocked": r.knocked_at is not None,
            "spoken": r.spoken_at is not None,
            "leafleted": r.leafleted_at is not None,
        }
        for r in conn.execute(query)
    ]


def insert_event(conn: Connection, values: dict[str, Any]) -> int:
    """Add an event; returns its id."""
    return int(
        conn.execute(t.events.insert().values(**values).returning(t.events.c.id)).scalar_one()
    )


def insert_shift(conn: Connection, values: dict[str, Any]) -> int:
    """Add a shift; returns its id."""
    return int(
        conn.execute(t.shifts.insert().values(**values).returning(t.shifts.c.id)).scalar_one()
    )


def event_row(conn: Connection, event_id: int) -> Any:
    """One event, or ``None``."""
    return conn.execute(sa.select(t.events).where(t.events.c.id == event_id)).first()


def shift_row(conn: Connection, shift_id: int) -> Any:
    """One shift with its event's seat, and how many have signed up, or ``None``."""
    sh, s, e = t.shifts.c, t.signups.c, t.events.c
    taken = sa.select(sa.func.count()).where(s.shift_id == shift_id).scalar_subquery()
    query = (
        sa.select(sh.id, sh.starts_at, sh.ends_at, sh.capacity, e.seat, taken.label("taken"))
        .join(t.events, e.id == sh.event_id)
        .where(sh.id == shift_id)
    )
    return conn.execute(query).first()


def volunteer_by_contact(conn: Connection, text: str) -> Any:
    """The volunteer with this email or phone (normalised by the caller), or ``None``."""
    v = t.volunteers.c
    return conn.execute(
        sa.select(t.volunteers).where(sa.or_(v.email == text, v.phone == text))
    ).first()


def set_signup(conn: Connection, shift_id: int, volunteer_id: int, values: dict[str, Any]) -> None:
    """Create or update a volunteer's sign-up to a shift."""
    insert = upsert(conn, t.signups)
    conn.execute(
        insert.values(shift_id=shift_id, volunteer_id=volunteer_id, **values).on_conflict_do_update(
            index_elements=["shift_id", "volunteer_id"],
            set_={k: insert.excluded[k] for k in values if k != "created_at"},
        )
    )


def list_events(conn: Connection, seat: str | None) -> list[dict[str, Any]]:
    """Events with their shifts and sign-up counts."""
    e, sh, s = t.events.c, t.shifts.c, t.signups.c
    query = sa.select(t.events).order_by(e.starts_at)
    if seat:
        query = query.where(e.seat == seat)
    events = [dict(r._mapping) for r in conn.execute(query)]
    for event in events:
        shifts = conn.execute(
            sa.select(
                sh.id,
                sh.starts_at,
                sh.ends_at,
                sh.capacity,
                sa.func.count(s.volunteer_id).label("signed_up"),
                sa.func.count(sa.case((s.status == "attended", 1))).label("attended"),
            )
            .outerjoin(t.signups, s.shift_id == sh.id)
            .where(sh.event_id == event["id"])
            .group_by(sh.id, sh.starts_at, sh.ends_at, sh.capacity)
            .order_by(sh.starts_at)
        )
        event["shifts"] = [dict(r._mapping) for r in shifts]
    return events


def volunteer_places(conn: Connection) -> list[dict[str, Any]]:
    """Every volunteer's id, home seat and grid point, travel range, availability and skills."""
    v = t.volunteers.c
    query = sa.select(
        v.id, v.seat, v.easting, v.northing, v.max_travel_km, v.availability, v.skills
    ).order_by(v.id)
    return [dict(row._mapping) for row in conn.execute(query)]
