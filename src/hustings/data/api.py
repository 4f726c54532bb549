"""Reading the store: elections, seats, results and national totals as domain objects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from hustings.data.store import connect
from hustings.domain import (
    GB_NATIONS,
    CandidateResult,
    Constituency,
    Election,
    SeatResult,
)
from hustings.errors import InvalidInputError, NotFoundError
from hustings.settings import Settings

if TYPE_CHECKING:
    import duckdb
    import numpy as np
    import numpy.typing as npt

ELECTION_ALIASES = {"notional": "2019-notional", "2019notional": "2019-notional"}


@dataclass(frozen=True)
class NationalResult:
    """Seats, votes and shares per party for an election, UK-wide and for Great Britain,
    optionally broken down by nation or region."""

    election: str
    seats: dict[str, int]
    votes: dict[str, int]
    shares: dict[str, float]
    gb_seats: dict[str, int]
    gb_votes: dict[str, int]
    gb_shares: dict[str, float]
    by: str = "party"
    breakdown: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form (the documented ``hustings results --json`` shape)."""
        body: dict[str, Any] = {
            "election": self.election,
            "seats": self.seats,
            "votes": self.votes,
            "shares": self.shares,
            "gb": {"seats": self.gb_seats, "votes": self.gb_votes, "shares": self.gb_shares},
        }
        if self.breakdown:
            body["by"] = self.by
            body["breakdown"] = self.breakdown
        return body


@dataclass(frozen=True, eq=False)
class VoteMatrix:
    """Votes of one election as arrays: ``votes[i, j]`` is seat ``gss[i]``, party ``parties[j]``."""

    election: str
    gss: tuple[str, ...]
    names: tuple[str, ...]
    nations: tuple[str, ...]
    regions: tuple[str, ...]
    parties: tuple[str, ...]
    votes: npt.NDArray[np.float64]
    valid_votes: npt.NDArray[np.float64]
    electorate: npt.NDArray[np.float64]

    @cached_property
    def shares(self) -> npt.NDArray[np.float64]:
        """Row-normalised vote shares."""
        return self.votes / self.valid_votes[:, None]

    def area_shares(self, rows: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.float64]:
        """Vote-weighted shares over the seats in ``rows`` (all seats by default)."""
        import numpy as np

        votes = self.votes if rows is None else self.votes[rows]
        total = votes.sum()
        return np.asarray(
            votes.sum(axis=0) / total if total else votes.sum(axis=0), dtype=np.float64
        )

    def rows_in(self, area: str) -> npt.NDArray[np.bool_]:
        """Seats whose nation or region is ``area``."""
        import numpy as np

        return np.array(
            [n == area or r == area for n, r in zip(self.nations, self.regions, strict=True)]
        )


@dataclass(frozen=True, eq=False)
class PollTable:
    """Every voting-intention poll, one row per poll: ``shares`` is polls x ``parties``
    (fractions; NaN where a poll gives no figure for the party)."""

    poll_id: npt.NDArray[np.int64]
    pollster: tuple[str, ...]
    fieldwork_end: npt.NDArray[np.datetime64]
    sample: npt.NDArray[np.float64]
    mrp: npt.NDArray[np.bool_]
    source: tuple[str, ...]
    final_poll_for: tuple[str | None, ...]
    parties: tuple[str, ...]
    shares: npt.NDArray[np.float64]


class Store:
    """A read-only view of the embedded store."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._con: duckdb.DuckDBPyConnection | None = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open read-only connection (opened on first use)."""
        if self._con is None:
            self._con = connect(self.settings)
        return self._con

    def close(self) -> None:
        """Close the connection."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Rows of a parameterised SQL query."""
        return self.con.execute(sql, params or []).fetchall()

    @cached_property
    def elections(self) -> dict[str, Election]:
        """Every election in the store by id."""
        rows = self.query(
            "SELECT election, kind, boundary_set, label, date FROM elections "
            "ORDER BY date, election"
        )
        return {r[0]: Election(r[0], r[1], r[2], r[3], r[4]) for r in rows}

    def election(self, name: str) -> Election:
        """An election by id (``2019``, ``2019-notional``, ``by-2018-lewisham-east``)."""
        key = ELECTION_ALIASES.get(name.strip().lower(), name.strip())
        if key.startswith("ge") and key[2:].isdigit():
            key = key[2:]
        if key not in self.elections:
            general = [e for e, v in self.elections.items() if v.kind != "by-election"]
            raise NotFoundError(
                f"no election '{name}'",
                hint="known elections: " + ", ".join(general) + " (and by-elections)",
                election=name,
            )
        return self.elections[key]

    def constituencies(self, boundary_set: str | None = None) -> list[Constituency]:
        """Constituencies, on one boundary set or both."""
        sql = "SELECT gss, name, nation, region, boundary_set, seat_type FROM constituencies"
        params: list[Any] = []
        if boundary_set:
            sql += " WHERE boundary_set = ?"
            params.append(boundary_set)
        return [Constituency(*r) for r in self.query(sql + " ORDER BY name", params)]

    def seat_results(self, gss: str) -> list[SeatResult]:
        """Every result of a seat (general, notional and by-elections), oldest first."""
        rows = self.query(
            "SELECT r.election, r.gss, c.name, r.winner, r.majority, r.valid_votes, "
            "r.electorate, r.turnout FROM results r JOIN elections e USING (election) "
            "JOIN constituencies c ON c.gss = r.gss AND c.boundary_set = e.boundary_set "
            "WHERE r.gss = ? ORDER BY e.date, r.election",
            [gss],
        )
        cands = self.query(
            "SELECT election, party, party_name, votes, share, elected, candidate "
            "FROM candidates WHERE gss = ? ORDER BY election, rank",
            [gss],
        )
        by_election: dict[str, list[CandidateResult]] = {}
        for e, *rest in cands:
            by_election.setdefault(e, []).append(CandidateResult(*rest))
        return [
            SeatResult(
                election=r[0],
                gss=r[1],
                name=r[2],
                winner=r[3],
                majority=r[4],
                valid_votes=r[5],
                electorate=r[6],
                turnout=r[7],
                candidates=tuple(by_election.get(r[0], [])),
            )
            for r in rows
        ]

    def national(self, election: str, *, by: str = "party") -> NationalResult:
        """Seats, votes and shares per party, UK and GB, optionally by nation or region."""
        if by not in ("party", "nation", "region"):
            raise InvalidInputError(
                f"cannot break results down by '{by}'", hint="use party, nation or region"
            )
        e = self.election(election)
        rows = self.query(
            "SELECT c.party, k.nation, k.region, sum(c.votes), "
            "count(*) FILTER (WHERE c.elected) FROM candidates c "
            "JOIN constituencies k ON k.gss = c.gss AND k.boundary_set = ? "
            "WHERE c.election = ? GROUP BY 1, 2, 3",
            [e.boundary_set, e.id],
        )
        return _national(e.id, rows, by)

    def seat_characteristics(
        self, boundary_set: str, measures: Sequence[str]
    ) -> dict[str, dict[str, float]]:
        """Per seat of ``boundary_set``: its Leave estimate (``leave_share``) and the census
        ``measures`` asked for, where known."""
        out: dict[str, dict[str, float]] = {}
        for gss, leave in self.query(
            "SELECT gss, leave_share FROM euref WHERE boundary_set = ?", [boundary_set]
        ):
            if leave is not None:
                out.setdefault(str(gss), {})["leave_share"] = float(leave)
        if measures:
            marks = ", ".join("?" for _ in measures)
            for gss, measure, value in self.query(
                "SELECT gss, measure, value FROM census WHERE boundary_set = ? "
                f"AND measure IN ({marks})",
                [boundary_set, *measures],
            ):
                if value is not None:
                    out.setdefault(str(gss), {})[str(measure)] = float(value)
        return out

    def published_calls(self, election: str) -> dict[str, dict[str, str]]:
        """Forecaster -> seat GSS -> the party it called, for ``election`` (empty when none
        is stored)."""
        rows = self.query(
            "SELECT forecaster, gss, party FROM predictions WHERE election = ? AND is_call "
            "ORDER BY forecaster, gss",
            [election],
        )
        out: dict[str, dict[str, str]] = {}
        for forecaster, gss, party in rows:
            out.setdefault(str(forecaster), {})[str(gss)] = str(party)
        return out

    def later_by_elections(self, base: str) -> list[tuple[str, str, str, int, int]]:
        """Candidate votes at the by-elections held on ``base``'s boundaries after it and
        before the next general election, oldest first: (election, gss, party, votes, valid
        votes)."""
        rows = self.query(
            "SELECT r.election, r.gss, c.party, c.votes, r.valid_votes FROM results r "
            "JOIN elections e USING (election) JOIN candidates c USING (election, gss) "
            "JOIN elections b ON b.election = ? "
            "WHERE e.kind = 'by-election' AND e.boundary_set = b.boundary_set "
            "AND e.date > b.date AND NOT EXISTS (SELECT 1 FROM elections g "
            "WHERE g.kind = 'general' AND g.date > b.date AND g.date <= e.date) ORDER BY e.date",
            [base],
        )
        return [(str(e), str(g), str(p), int(v), int(t)) for e, g, p, v, t in rows]

    def tactical_calls(self, election: str) -> list[tuple[str, str, str]]:
        """The tactical-voting sites' recommendations for ``election``: (site, gss,
        recommended), by site and seat."""
        rows = self.query(
            "SELECT site, gss, recommended FROM tactical_sites WHERE election = ? "
            "ORDER BY site, gss",
            [election],
        )
        return [(str(s), str(g), str(r)) for s, g, r in rows]

    def seat_winners(self, election: str) -> list[tuple[str, str, int, float]]:
        """Each seat's winner at ``election``: (gss, winner, majority, majority as a share of
        valid votes)."""
        rows = self.query(
            "SELECT gss, winner, majority, coalesce(majority::DOUBLE / nullif(valid_votes, 0), 0) "
            "FROM results WHERE election = ?",
            [election],
        )
        return [(str(g), str(w), int(m), float(s)) for g, w, m, s in rows]

    def winners_by_region(self, election: str) -> list[tuple[str, str, str, str]]:
        """(region, gss, seat name, winner) for every seat of ``election``, by region and name."""
        e = self.election(election)
        rows = self.query(
            "SELECT c.region, r.gss, c.name, r.winner FROM results r JOIN constituencies c "
            "ON c.gss = r.gss AND c.boundary_set = ? WHERE r.election = ? "
            "ORDER BY c.region, c.name",
            [e.boundary_set, e.id],
        )
        return [(str(reg), str(g), str(n), str(w)) for reg, g, n, w in rows]

    def gb_seats_won(self, election: str) -> dict[str, int]:
        """Seats each party won in Great Britain at ``election``."""
        rows = self.query(
            "SELECT winner, count(*) FROM results WHERE election = ? AND gss NOT LIKE 'N%' "
            "GROUP BY winner",
            [election],
        )
        return {str(p): int(n) for p, n in rows}

    def party_names_used(self, election: str, codes: Sequence[str]) -> list[tuple[str, str]]:
        """(code, name as printed on the ballot) for the parties ``codes`` at ``election``;
        per code the most used name first."""
        rows = self.query(
            "SELECT party, party_name FROM candidates WHERE election = ? "
            "AND party IN (SELECT unnest(?::VARCHAR[])) "
            "GROUP BY party, party_name ORDER BY party, count(*) DESC, party_name",
            [election, list(codes)],
        )
        return [(str(p), str(n or "")) for p, n in rows]

    def predecessor_shares(
        self, gss_2024: str, *, least: float = 0.005
    ) -> list[tuple[str, float, int]]:
        """The 2010-2019 seats overlapping a 2024 seat by at least ``least`` of its population:
        (gss, population share, 2019 electorate or 0)."""
        rows = self.query(
            "SELECT o.gss_2010, o.pop_share, coalesce(r.electorate, 0) FROM seat_overlaps o "
            "LEFT JOIN results r ON r.gss = o.gss_2010 AND r.election = '2019' "
            "WHERE o.gss_2024 = ? AND o.pop_share >= ?",
            [gss_2024, least],
        )
        return [(str(g), float(s), int(e)) for g, s, e in rows]

    def seat_table(
        self, boundary_set: str, election: str
    ) -> list[tuple[str, str, str, str | None, int | None]]:
        """Every seat on ``boundary_set``: (gss, name, nation, seat type, electorate at
        ``election`` or None), by code."""
        rows = self.query(
            "SELECT c.gss, c.name, c.nation, c.seat_type, r.electorate FROM constituencies c "
            "LEFT JOIN results r ON r.gss = c.gss AND r.election = ? "
            "WHERE c.boundary_set = ? ORDER BY c.gss",
            [election, boundary_set],
        )
        return [
            (str(g), str(n), str(nat), None if k is None else str(k), None if e is None else int(e))
            for g, n, nat, k, e in rows
        ]

    def hex_layouts(self) -> dict[str, tuple[str, str]]:
        """Every hex layout: name -> (boundary set, orientation)."""
        rows = self.query(
            "SELECT layout, any_value(boundary_set), any_value(orientation) FROM hexes "
            "GROUP BY layout ORDER BY layout"
        )
        return {str(r[0]): (str(r[1]), str(r[2])) for r in rows}

    def widest_hex_layout(self, boundary_set: str) -> str | None:
        """The layout covering most seats of ``boundary_set`` (BBC-style ones last on a tie,
        then by name), or None when there is none."""
        rows = self.query(
            "SELECT layout FROM hexes WHERE boundary_set = ? GROUP BY layout "
            "ORDER BY count(*) DESC, (layout ILIKE '%bbc%'), layout LIMIT 1",
            [boundary_set],
        )
        return str(rows[0][0]) if rows else None

    def hex_cells(self, layout: str) -> list[tuple[str, str, int, int]]:
        """The hexagons of ``layout``: (gss, seat name, q, r), by code."""
        rows = self.query(
            "SELECT h.gss, coalesce(c.name, h.name, h.gss), h.q, h.r FROM hexes h "
            "LEFT JOIN constituencies c ON c.gss = h.gss AND c.boundary_set = h.boundary_set "
            "WHERE h.layout = ? ORDER BY h.gss",
            [layout],
        )
        return [(str(g), str(n), int(q), int(r)) for g, n, q, r in rows]

    def synced_at(self) -> dict[str, datetime]:
        """When each dataset was last loaded into the store."""
        rows = self.query("SELECT dataset, max(synced_at) FROM datasets GROUP BY 1")
        return {str(d): t for d, t in rows}

    def polls(self) -> PollTable:
        """Every poll in the ``polls`` table, oldest first (see :class:`PollTable`); read once
        per store (the store is read-only)."""
        return self._poll_table

    @cached_property
    def _poll_table(self) -> PollTable:
        import numpy as np

        meta = self.query(
            "SELECT poll_id, any_value(pollster), any_value(fieldwork_end), any_value(sample), "
            "any_value(mrp), any_value(source), any_value(final_poll_for) FROM polls "
            "GROUP BY 1 ORDER BY 3, 1"
        )
        cells = self.query("SELECT poll_id, party, share FROM polls")
        parties = tuple(sorted({str(p) for _, p, _ in cells}))
        row = {int(m[0]): i for i, m in enumerate(meta)}
        column = {p: j for j, p in enumerate(parties)}
        shares = np.full((len(meta), len(parties)), np.nan)
        for poll, party, share in cells:
            shares[row[int(poll)], column[str(party)]] = share
        return PollTable(
            np.array([m[0] for m in meta], dtype=np.int64),
            tuple(str(m[1]) for m in meta),
            np.array([m[2] for m in meta], dtype="datetime64[D]"),
            np.array([np.nan if m[3] is None else m[3] for m in meta], dtype=float),
            np.array([bool(m[4]) for m in meta], dtype=bool),
            tuple(str(m[5]) for m in meta),
            tuple(None if m[6] is None else str(m[6]) for m in meta),
            parties,
            shares,
        )

    def vote_matrix(self, election: str, *, gb_only: bool = True) -> VoteMatrix:
        """The election's votes as a seats x parties array (Great Britain only by default)."""
        import numpy as np

        e = self.election(election)
        seats = self.query(
            "SELECT r.gss, k.name, k.nation, k.region, r.valid_votes, r.electorate "
            "FROM results r JOIN constituencies k ON k.gss = r.gss AND k.boundary_set = ? "
            "WHERE r.election = ? ORDER BY r.gss",
            [e.boundary_set, e.id],
        )
        if gb_only:
            seats = [s for s in seats if s[2] in GB_NATIONS]
        index = {s[0]: i for i, s in enumerate(seats)}
        votes = self.query(
            "SELECT gss, party, sum(votes) FROM candidates WHERE election = ? GROUP BY 1, 2",
            [e.id],
        )
        parties = tuple(sorted({p for g, p, _ in votes if g in index}))
        column = {p: j for j, p in enumerate(parties)}
        matrix = np.zeros((len(seats), len(parties)))
        for g, p, v in votes:
            if g in index:
                matrix[index[g], column[p]] = v
        return VoteMatrix(
            e.id,
            tuple(s[0] for s in seats),
            tuple(s[1] for s in seats),
            tuple(s[2] for s in seats),
            tuple(s[3] for s in seats),
            parties,
            matrix,
            np.array([s[4] for s in seats], dtype=float),
            np.array([s[5] or 0 for s in seats], dtype=float),
        )


def _national(election: str, rows: list[tuple[Any, ...]], by: str) -> NationalResult:
    def totals(keep: Any) -> tuple[dict[str, int], dict[str, int], dict[str, float]]:
        seats: dict[str, int] = {}
        votes: dict[str, int] = {}
        for party, nation, region, v, s in rows:
            if keep(nation, region):
                votes[party] = votes.get(party, 0) + int(v)
                seats[party] = seats.get(party, 0) + int(s)
        total = sum(votes.values()) or 1
        order = sorted(votes, key=lambda p: (-seats[p], -votes[p]))
        return (
            {p: seats[p] for p in order if seats[p]},
            {p: votes[p] for p in order},
            {p: round(votes[p] / total, 5) for p in order},
        )

    uk = totals(lambda n, r: True)
    gb = totals(lambda n, r: n in GB_NATIONS)
    breakdown: dict[str, dict[str, dict[str, float]]] = {}
    if by != "party":
        keys = sorted({(row[1] if by == "nation" else row[2]) for row in rows})
        for key in keys:
            s, v, sh = totals(lambda n, r, k=key: (n if by == "nation" else r) == k)
            breakdown[key] = {"seats": dict(s), "votes": dict(v), "shares": sh}
    return NationalResult(election, *uk, *gb, by=by, breakdown=breakdown)
