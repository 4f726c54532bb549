"""Published seat forecasts as extra evidence for tactical advice.

A forecast names each seat's predicted winner: one stored in the data layer (the GE2024
forecasts of The Economist, ElectionMapsUK, New Statesman and Principal Fish, credited as the
``predictions-2024`` dataset asks) or a CSV a campaign brings (columns ``gss`` and ``party``).

The rule was fixed before any scoring and nothing in it is tuned on a result: the projection's
win probabilities and each forecast count equally. In each seat a forecast's call is a
probability of 1 for the party called; where a forecast makes no call (or calls a party not on
the board), the projection's probabilities stand in for it, so that seat is the projection's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from hustings._io import read_rows
from hustings.errors import InvalidInputError
from hustings.tactics.bloc import party_code
from hustings.tactics.board import Board

if TYPE_CHECKING:
    from hustings.data.api import Store

MIN_MATCHED = 0.5  # share of the board's seats a forecast must name, or it is the wrong map


@dataclass(frozen=True)
class Forecast:
    """One forecast's calls (seat GSS -> party code) and where they come from."""

    name: str
    calls: dict[str, str]
    source: str

    def to_json(self) -> dict[str, object]:
        """``{name, seats, source}``."""
        return {"name": self.name, "seats": len(self.calls), "source": self.source}


def _stored_source() -> str:
    from hustings.data.registry import all_datasets

    for dataset in all_datasets():
        if "predictions" in dataset.tables:
            return f"{dataset.credit} ({dataset.url}; {dataset.licence})"
    return "the predictions table"


def stored(store: Store, election: str, name: str) -> Forecast:
    """The stored forecast ``name`` of ``election``, or an InvalidInputError naming those
    there are."""
    calls = store.published_calls(election)
    if name not in calls:
        known = ", ".join(calls) or "none"
        raise InvalidInputError(
            f"no stored seat forecast '{name}' for {election}",
            hint=f"stored for {election}: {known}; or give a CSV file with gss,party columns",
            forecast=name,
        )
    return Forecast(name, dict(calls[name]), _stored_source())


def read_forecast(path: str | Path) -> Forecast:
    """A forecast from a CSV with a seat code (``gss``, ``ons_id`` or ``constituency_code``)
    and the party called (``party``, ``prediction`` or ``winner``) on each row."""
    path = Path(path)
    rows = read_rows(
        path,
        {"gss": ("ons_id", "constituency_code", "code"), "party": ("prediction", "winner")},
        required=("gss", "party"),
    )
    calls: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        if not row or not row["gss"]:
            continue
        if row["gss"] in calls:
            raise InvalidInputError(
                f"'{path.name}' line {line}: seat {row['gss']} is called twice",
                hint="give one row per seat",
                path=str(path),
            )
        if not row["party"]:
            raise InvalidInputError(
                f"'{path.name}' line {line}: no party for seat {row['gss']}",
                hint="name the party called in every row",
                path=str(path),
            )
        calls[row["gss"]] = party_code(row["party"], what=f"party on line {line} of {path.name}")
    if not calls:
        raise InvalidInputError(f"'{path.name}' calls no seat", path=str(path))
    return Forecast(path.stem, calls, f"file {path.name}")


def resolve(store: Store, specs: Sequence[str], election: str | None) -> tuple[Forecast, ...]:
    """Each spec as a CSV file when one exists at that path, else a stored forecast of
    ``election`` (None: no stored forecast is of the election advised on)."""
    out = []
    for spec in specs:
        if _is_file(spec):
            out.append(read_forecast(spec))
        elif election is None:
            raise InvalidInputError(
                f"'{spec}' is not a file, and no stored seat forecast is of the next election",
                hint="give a CSV file with gss,party columns (stored forecasts serve --backtest)",
                forecast=spec,
            )
        else:
            out.append(stored(store, election, spec))
    names = [f.name for f in out]
    if len(set(names)) < len(names):
        raise InvalidInputError("the same forecast is given twice", hint="give each one once")
    return tuple(out)


def _is_file(spec: str) -> bool:
    try:
        return Path(spec).is_file()
    except (OSError, ValueError):  # a name too long for a path, or with a NUL in it
        return False


def blend(board: Board, forecasts: Sequence[Forecast]) -> Board:
    """``board`` with its win probabilities averaged, with equal weight, with each
    forecast's calls (see the module's rule)."""
    if not forecasts:
        return board
    if board.win_probability is None:
        raise InvalidInputError(
            "published forecasts are blended with simulated win probabilities",
            hint="project under shares with --sims 1 or more",
        )
    ours = board.win_probability
    total = ours.copy()
    for forecast in forecasts:
        matched = sum(1 for g in board.gss if g in forecast.calls)
        if matched < MIN_MATCHED * len(board.gss):
            raise InvalidInputError(
                f"forecast '{forecast.name}' names {matched} of the {len(board.gss)} seats of "
                f"{board.base}",
                hint="give GSS codes of the base's boundaries",
                forecast=forecast.name,
            )
        calls = ours.copy()
        for i, gss in enumerate(board.gss):
            party = forecast.calls.get(gss)
            if party in board.parties:
                calls[i] = 0.0
                calls[i, board.parties.index(party)] = 1.0
        total += calls
    names = tuple(f.name for f in forecasts)
    return replace(board, win_probability=total / (1 + len(forecasts)), forecasts=names)
