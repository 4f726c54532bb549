"""Queries of campaign money: spending and where it had effect, donors, donations and their
permissibility checks, crowdfunds and pledges. Sums are done here, in the database, so a check
over a hundred thousand items reads a few thousand rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hustings.storage import money_tables as m

CHUNK = 900
ANALYZE_AFTER = 1000
"""PostgreSQL's statistics are refreshed in the write that adds this many items or more: until
autovacuum gets to it, the planner takes a freshly loaded table to be nearly empty and reads a
seat's items by a loop over every item (seconds instead of milliseconds)."""


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def existing_refs(conn: Connection, table: sa.Table, refs: Sequence[str]) -> set[str]:
    """Which of these external references a table already holds."""
    found: set[str] = set()
    for chunk in _chunks(sorted(set(refs))):
        found.update(conn.execute(sa.select(table.c.ref).where(table.c.ref.in_(chunk))).scalars())
    return found


def insert_spend(
    conn: Connection, rows: Sequence[dict[str, Any]], seats: dict[str, tuple[str, ...]]
) -> dict[str, int]:
    """Add spending items and the seats each had effect in, and bring the running totals up
    to date in the same transaction; returns the items' ids by reference."""
    ids: dict[str, int] = {}
    for start in range(0, len(rows), 5000):
        chunk = rows[start : start + 5000]
        statement = m.money_spend.insert().returning(
            m.money_spend.c.id, m.money_spend.c.ref, sort_by_parameter_order=True
        )
        ids.update({ref: int(i) for i, ref in conn.execute(statement, list(chunk))})
    by_ref = {r["ref"]: r for r in rows}
    links = [
        {"spend_id": ids[ref], "seat": seat,
         "share_pence": by_ref[ref]["pence"] // by_ref[ref]["seat_count"]}
        for ref, codes in seats.items()
        for seat in codes
    ]  # fmt: skip
    for start in range(0, len(links), 10_000):
        conn.execute(m.money_spend_seats.insert(), links[start : start + 10_000])
    _add_totals(conn, rows, seats)
    if conn.dialect.name == "postgresql" and len(rows) >= ANALYZE_AFTER:
        conn.exec_driver_sql("ANALYZE money_spend, money_spend_seats, money_totals")
    return ids


def _add_totals(
    conn: Connection, rows: Sequence[dict[str, Any]], seats: dict[str, tuple[str, ...]]
) -> None:
    deltas: dict[tuple[str, int, str, bool], list[int]] = {}
    for row in rows:
        key_rest = (row["seat_count"], row["targeted_party"] or "", row["candidate"] is not None)
        places = seats.get(row["ref"]) or (
            ("uk",) if row["scope"] == "uk" else (f"part:{row['part']}",)
        )
        for place in places:
            found = deltas.setdefault((place, *key_rest), [0, 0])
            found[0] += row["pence"]
            found[1] += 1
    if not deltas:
        return
    from hustings.storage.field import upsert

    insert = upsert(conn, m.money_totals)
    statement = insert.on_conflict_do_update(
        index_elements=["place", "split", "party", "named"],
        set_={
            "pence": m.money_totals.c.pence + insert.excluded.pence,
            "items": m.money_totals.c["items"] + insert.excluded["items"],
        },
    )
    values = [
        {"place": k[0], "split": k[1], "party": k[2], "named": k[3], "pence": v[0], "items": v[1]}
        for k, v in sorted(deltas.items())
    ]
    conn.execute(statement, values)


def running_totals(conn: Connection) -> list[tuple[str, int, str | None, bool, int]]:
    """Every running total: (place, n, party or None, named candidate, pence)."""
    t = m.money_totals.c
    return [
        (r.place, int(r.split), r.party or None, bool(r.named), int(r.pence))
        for r in conn.execute(sa.select(t.place, t.split, t.party, t.named, t.pence))
    ]


def outside_sums(
    conn: Connection, first: date, last: date
) -> list[tuple[str, int, str | None, bool, int]]:
    """The same sums for the items dated before ``first`` or after ``last``, to take away from
    the running totals. The items are found first, by two ranges of the date index (an OR of
    the two ranges would be read as a scan of every item), and only they are joined."""
    s, ss = m.money_spend.c, m.money_spend_seats.c
    columns = (s.id, s.scope, s.part, s.seat_count, s.targeted_party, s.candidate, s.pence)
    outside = sa.union_all(
        sa.select(*columns).where(s.spent_on < first),
        sa.select(*columns).where(s.spent_on > last),
    ).subquery("outside")
    o = outside.c
    named = o.candidate.is_not(None).label("named")
    seat_query = (
        sa.select(ss.seat, o.seat_count, o.targeted_party, named, sa.func.sum(o.pence))
        .select_from(outside)
        .join(m.money_spend_seats, ss.spend_id == o.id)
        .group_by(ss.seat, o.seat_count, o.targeted_party, named)
    )
    wide_query = (
        sa.select(o.scope, o.part, o.seat_count, o.targeted_party, sa.func.sum(o.pence))
        .where(o.scope.in_(("part", "uk")))
        .group_by(o.scope, o.part, o.seat_count, o.targeted_party)
    )
    out = [(r[0], int(r[1]), r[2], bool(r[3]), int(r[4])) for r in conn.execute(seat_query)]
    for scope, part, n, party, pence in conn.execute(wide_query):
        place = "uk" if scope == "uk" else f"part:{part}"
        out.append((place, int(n), party, False, int(pence)))
    return out


def _in_period(first: date, last: date) -> Any:
    return m.money_spend.c.spent_on.between(first, last)


def seat_items(
    conn: Connection, seats: Sequence[str], first: date, last: date, *, candidate: bool, top: int
) -> list[dict[str, Any]]:
    """The ``top`` largest shares of seat-scoped items in each of these seats (one short
    query per seat through the (seat, share) index)."""
    s, ss = m.money_spend.c, m.money_spend_seats.c
    chosen = s.candidate.is_not(None) if candidate else s.candidate.is_(None)
    query = (
        sa.select(ss.seat, s.id, s.ref, s.pence, s.seat_count, s.spent_on, s.category)
        .join(m.money_spend, s.id == ss.spend_id)
        .where(ss.seat == sa.bindparam("seat"), _in_period(first, last), chosen)
        .order_by(ss.share_pence.desc(), s.id)
        .limit(top)
    )
    out: list[dict[str, Any]] = []
    for seat in sorted(set(seats)):
        out.extend(dict(r._mapping) for r in conn.execute(query, {"seat": seat}))
    return out


def wide_items(conn: Connection, first: date, last: date, *, limit: int) -> list[dict[str, Any]]:
    """The largest part- or UK-wide items."""
    s = m.money_spend.c
    query = (
        sa.select(s.id, s.ref, s.pence, s.seat_count, s.scope, s.part, s.spent_on, s.category)
        .where(_in_period(first, last), s.scope.in_(("part", "uk")))
        .order_by(s.pence.desc(), s.id)
        .limit(limit)
    )
    return [dict(r._mapping) for r in conn.execute(query)]


def spend_rows(conn: Connection, first: date, last: date) -> list[dict[str, Any]]:
    """Every item of the period with its seats (for the return), oldest first."""
    s, ss = m.money_spend.c, m.money_spend_seats.c
    rows = [
        dict(r._mapping)
        for r in conn.execute(
            sa.select(m.money_spend).where(_in_period(first, last)).order_by(s.spent_on, s.id)
        )
    ]
    seats: dict[int, list[str]] = {}
    query = (
        sa.select(ss.spend_id, ss.seat)
        .join(m.money_spend, s.id == ss.spend_id)
        .where(_in_period(first, last))
    )
    for spend_id, seat in conn.execute(query):
        seats.setdefault(int(spend_id), []).append(seat)
    for row in rows:
        row["seats"] = sorted(seats.get(row["id"], []))
    return rows


def category_seat_sums(
    conn: Connection, first: date, last: date
) -> list[tuple[str, str, int, int]]:
    """Seat-scoped spending per seat, category and split: (seat, category, n, pence)."""
    s, ss = m.money_spend.c, m.money_spend_seats.c
    query = (
        sa.select(ss.seat, s.category, s.seat_count, sa.func.sum(s.pence))
        .join(m.money_spend_seats, ss.spend_id == s.id)
        .where(_in_period(first, last), s.candidate.is_(None))
        .group_by(ss.seat, s.category, s.seat_count)
    )
    return [(r[0], r[1], int(r[2]), int(r[3])) for r in conn.execute(query)]


# --- donors and donations -------------------------------------------------------------------
def donors_by_ref(conn: Connection, refs: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The donors with these references."""
    found: dict[str, dict[str, Any]] = {}
    d = m.money_donors.c
    for chunk in _chunks(sorted(set(refs))):
        for row in conn.execute(sa.select(m.money_donors).where(d.ref.in_(chunk))):
            found[row.ref] = dict(row._mapping)
    return found


def insert_donor(conn: Connection, values: dict[str, Any]) -> int:
    """Add a donor; returns the id."""
    statement = m.money_donors.insert().values(**values).returning(m.money_donors.c.id)
    return int(conn.execute(statement).scalar_one())


def insert_donations(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Add donations."""
    if rows:
        conn.execute(m.money_donations.insert(), list(rows))


def insert_check(conn: Connection, values: dict[str, Any]) -> int:
    """Record a permissibility check of a donor; returns its id."""
    statement = m.money_donor_checks.insert().values(**values).returning(m.money_donor_checks.c.id)
    return int(conn.execute(statement).scalar_one())


def donations(conn: Connection) -> list[dict[str, Any]]:
    """Every donation with its donor's reference and kind, oldest first."""
    dn, d = m.money_donations.c, m.money_donors.c
    query = (
        sa.select(dn.id, dn.ref, dn.pence, dn.received_on, dn.accepted_on, dn.returned_on,
                  dn.purpose, d.id.label("donor_id"), d.ref.label("donor_ref"), d.kind)
        .join(m.money_donors, d.id == dn.donor_id)
        .order_by(dn.received_on, dn.id)
    )  # fmt: skip
    return [dict(r._mapping) for r in conn.execute(query)]


def donor_details(conn: Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Name, address and kind of these donors, each with every permissibility check recorded
    (oldest first): what the return's statement of donations shows."""
    d, c = m.money_donors.c, m.money_donor_checks.c
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(sorted(set(ids))):
        for row in conn.execute(sa.select(d.id, d.ref, d.name, d.address, d.kind)
                                .where(d.id.in_(chunk))):  # fmt: skip
            found[int(row.id)] = {**row._mapping, "checks": []}
        query = (
            sa.select(c.donor_id, c.check_name, c.passed, c.evidence, c.checked_on)
            .where(c.donor_id.in_(chunk))
            .order_by(c.checked_on, c.id)
        )
        for row in conn.execute(query):
            found[int(row.donor_id)]["checks"].append(
                {"check": row.check_name, "passed": bool(row.passed), "evidence": row.evidence,
                 "checked_on": row.checked_on.isoformat()}
            )  # fmt: skip
    return found


def passed_checks(conn: Connection) -> dict[int, set[str]]:
    """The checks each donor has passed."""
    c = m.money_donor_checks.c
    found: dict[int, set[str]] = {}
    for donor_id, name in conn.execute(
        sa.select(c.donor_id, c.check_name).where(c.passed.is_(True))
    ):
        found.setdefault(int(donor_id), set()).add(name)
    return found


# --- crowdfunds and pledges -----------------------------------------------------------------
def crowdfund_id(conn: Connection, name: str) -> int | None:
    """The id of the named crowdfund."""
    c = m.money_crowdfunds.c
    found = conn.execute(sa.select(c.id).where(c.name == name)).scalar()
    return None if found is None else int(found)


def insert_crowdfund(conn: Connection, values: dict[str, Any]) -> int:
    """Add a crowdfund; returns its id."""
    statement = m.money_crowdfunds.insert().values(**values).returning(m.money_crowdfunds.c.id)
    return int(conn.execute(statement).scalar_one())


def crowdfunds_by_name(conn: Connection) -> dict[str, int]:
    """Every crowdfund's id by name."""
    c = m.money_crowdfunds.c
    return {r.name: int(r.id) for r in conn.execute(sa.select(c.id, c.name))}


def insert_pledges(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Add pledges."""
    if rows:
        conn.execute(m.money_pledges.insert(), list(rows))


def crowdfund_totals(conn: Connection) -> list[dict[str, Any]]:
    """Each crowdfund with the count and the pledged and paid sums of its pledges that stand,
    and apart, the count and the paid-back sum of its refunded pledges."""
    c, p = m.money_crowdfunds.c, m.money_pledges.c
    back = p.refunded_on.is_not(None)

    def total(value: Any, *, refunded: bool) -> Any:
        chosen = sa.case((back if refunded else ~back, value), else_=0)
        return sa.func.coalesce(sa.func.sum(chosen), 0)

    query = (
        sa.select(
            c.id, c.name, c.target_pence, c.seat, c.all_or_nothing, c.closes_on,
            total(sa.case((p.id.is_not(None), 1), else_=0), refunded=False).label("pledges"),
            total(p.pence, refunded=False).label("pledged"),
            total(p.paid_pence, refunded=False).label("paid"),
            total(1, refunded=True).label("refunded_pledges"),
            total(p.paid_pence, refunded=True).label("refunded"),
        )
        .outerjoin(m.money_pledges, p.crowdfund_id == c.id)
        .group_by(c.id, c.name, c.target_pence, c.seat, c.all_or_nothing, c.closes_on)
        .order_by(c.name)
    )  # fmt: skip
    return [dict(r._mapping) for r in conn.execute(query)]


__all__ = [
    "category_seat_sums",
    "crowdfund_id",
    "crowdfund_totals",
    "crowdfunds_by_name",
    "donations",
    "donor_details",
    "donors_by_ref",
    "existing_refs",
    "insert_check",
    "insert_crowdfund",
    "insert_donations",
    "insert_donor",
    "insert_pledges",
    "insert_spend",
    "outside_sums",
    "passed_checks",
    "running_totals",
    "seat_items",
    "spend_rows",
    "wide_items",
]
