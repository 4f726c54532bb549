"""Checks run on every sync before the new store replaces the old one.

Each check is a plain function on the connection that raises :class:`DataError` naming the
election, the seat and the value; ``CHECKS`` lists them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hustings.errors import DataError

if TYPE_CHECKING:
    import duckdb

# Official seat totals (House of Commons Library; the Speaker separate).
OFFICIAL_SEATS: dict[str, dict[str, int]] = {
    "2010": {"CON": 306, "LAB": 258, "LD": 57, "SPK": 1},
    "2015": {"CON": 330, "LAB": 232, "SNP": 56, "LD": 8, "SPK": 1},
    "2017": {"CON": 317, "LAB": 262, "SNP": 35, "LD": 12, "SPK": 1},
    "2019": {"CON": 365, "LAB": 202, "SNP": 48, "LD": 11, "SPK": 1},
    "2024": {"LAB": 411, "CON": 121, "LD": 72, "SNP": 9, "RUK": 5, "SPK": 1},
    "2019-notional": {"CON": 372, "LAB": 200, "SNP": 48, "LD": 8, "SPK": 1},
}

Check = Callable[["duckdb.DuckDBPyConnection"], None]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple[object, ...]]:
    return con.execute(sql, list(params)).fetchall()


def seats_per_election(con: duckdb.DuckDBPyConnection) -> None:
    """General elections and notionals have 650 seats, each a known constituency."""
    for election, n in _rows(
        con,
        "SELECT e.election, count(r.gss) FROM elections e LEFT JOIN results r USING (election) "
        "WHERE e.kind IN ('general', 'notional') GROUP BY 1",
    ):
        if n != 650:
            raise DataError(f"election {election}: {n} seats, expected 650", election=election)
    for election, gss in _rows(
        con,
        "SELECT r.election, r.gss FROM results r JOIN elections e USING (election) "
        "LEFT JOIN constituencies c ON c.gss = r.gss AND c.boundary_set = e.boundary_set "
        "WHERE c.gss IS NULL AND e.kind IN ('general', 'notional') LIMIT 1",
    ):
        raise DataError(f"election {election}: seat {gss} is not a known constituency")


def votes_add_up(con: duckdb.DuckDBPyConnection) -> None:
    """Candidate votes sum to the seat's valid votes."""
    for election, gss, total, valid in _rows(
        con,
        "SELECT r.election, r.gss, sum(c.votes), any_value(r.valid_votes) FROM results r "
        "JOIN candidates c USING (election, gss) GROUP BY 1, 2 "
        "HAVING sum(c.votes) <> any_value(r.valid_votes) LIMIT 1",
    ):
        raise DataError(
            f"election {election}, seat {gss}: candidate votes sum to {total}, "
            f"valid votes are {valid}",
            election=election,
            gss=gss,
        )


def one_winner(con: duckdb.DuckDBPyConnection) -> None:
    """Exactly one candidate elected per seat, and the majority is first minus second."""
    for election, gss, n in _rows(
        con,
        "SELECT election, gss, count(*) FILTER (WHERE elected) AS n FROM candidates "
        "GROUP BY 1, 2 HAVING n <> 1 LIMIT 1",
    ):
        raise DataError(f"election {election}, seat {gss}: {n} winners", election=election)
    for election, gss, majority, gap in _rows(
        con,
        "WITH top AS (SELECT election, gss, "
        "max(votes) FILTER (WHERE rank = 1) - coalesce(max(votes) FILTER (WHERE rank = 2), 0) "
        "AS gap FROM candidates GROUP BY 1, 2) "
        "SELECT r.election, r.gss, r.majority, t.gap FROM results r JOIN top t "
        "USING (election, gss) WHERE r.majority <> t.gap LIMIT 1",
    ):
        raise DataError(
            f"election {election}, seat {gss}: majority {majority} is not first minus "
            f"second ({gap})",
            election=election,
            gss=gss,
        )


def official_totals(con: duckdb.DuckDBPyConnection) -> None:
    """Party seat totals equal the official ones."""
    loaded = {str(e) for (e,) in _rows(con, "SELECT election FROM elections")}
    for election, expected in OFFICIAL_SEATS.items():
        if election not in loaded:
            continue
        got: dict[object, object] = {
            w: n
            for w, n in _rows(
                con, "SELECT winner, count(*) FROM results WHERE election = ? GROUP BY 1", election
            )
        }
        for party, seats in expected.items():
            if got.get(party, 0) != seats:
                raise DataError(
                    f"election {election}: {party} won {got.get(party, 0)} seats, "
                    f"the official total is {seats}",
                    election=election,
                    party=party,
                )


def postcodes_in_2024_seats(con: duckdb.DuckDBPyConnection) -> None:
    """Postcodes, sectors and districts name 2024 seats; each unit's shares sum to 1."""
    for table in ("postcodes", "postcode_sectors", "postcode_districts"):
        for (gss,) in _rows(
            con,
            f"SELECT t.gss FROM (SELECT DISTINCT gss FROM {table}) t "
            "LEFT JOIN seat_centroids c USING (gss) WHERE c.gss IS NULL LIMIT 1",
        ):
            raise DataError(f"table {table}: seat {gss} is not a 2024 constituency", gss=gss)
    for table, unit in (("postcode_sectors", "sector"), ("postcode_districts", "district")):
        for name, total in _rows(
            con,
            f"SELECT {unit}, sum(share) FROM {table} GROUP BY 1 "
            "HAVING abs(sum(share) - 1) > 1e-9 LIMIT 1",
        ):
            raise DataError(f"{unit} {name}: seat shares sum to {total}, not 1", value=str(name))


CHECKS: tuple[Check, ...] = (
    seats_per_election,
    votes_add_up,
    one_winner,
    official_totals,
    postcodes_in_2024_seats,
)


def validate(con: duckdb.DuckDBPyConnection) -> None:
    """Run every check; the first failure raises."""
    for check in CHECKS:
        check(con)
