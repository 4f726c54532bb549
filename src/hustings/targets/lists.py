"""Attack, defence and jeopardy lists for a party from a base result or a projected scenario."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from hustings.errors import InvalidInputError
from hustings.tactics.bloc import party_code
from hustings.tactics.board import Board, load_board

if TYPE_CHECKING:
    from hustings.data.api import Store

MODES = ("attack", "defence", "jeopardy")
RANKINGS = ("swing", "probability")
Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class TargetRow:
    """One seat of a list. ``majority`` is the lead of the holder over the party (attack) or of
    the party over the runner-up (defence), in votes at the base result; ``swing_needed`` is
    half that lead in percentage points (two-party swing)."""

    gss: str
    name: str
    holder: str
    majority: int
    majority_pct: float
    swing_needed: float
    win_probability: float | None
    leave: float | None
    region: str
    projected_winner: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return asdict(self)


@dataclass(frozen=True)
class TargetList:
    """A ranked list of seats for ``party``."""

    party: str
    base: str
    mode: str
    ranked_by: str
    rows: tuple[TargetRow, ...]
    scenario: dict[str, float] | None = None

    def to_json(self) -> dict[str, Any]:
        """``{party, base, mode, ranked_by, scenario, rows: [...]}``."""
        return {
            "party": self.party,
            "base": self.base,
            "mode": self.mode,
            "ranked_by": self.ranked_by,
            "scenario": self.scenario,
            "rows": [r.to_json() for r in self.rows],
        }

    def to_csv(self) -> str:
        """The rows as CSV text with a header line."""
        out = io.StringIO()
        fields = list(TargetRow.__dataclass_fields__)
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in self.rows:
            writer.writerow(row.to_json())
        return out.getvalue()


def target_list(
    store: Store,
    *,
    party: str,
    base: str = "2024",
    shares: dict[str, float] | None = None,
    mode: str = "attack",
    top: int | None = None,
    rank_by: str | None = None,
    sims: int = 0,
    seed: int | None = 0,
    model: str = "uns",
) -> TargetList:
    """Seats ``party`` should attack, defend, or stands to lose under ``shares`` (jeopardy)."""
    code = party_code(party)
    _check(mode, rank_by, shares, top, sims)
    board = load_board(store, base, shares, model=model, sims=sims, seed=seed, by_elections=False)
    board = board.with_parties((code,))
    j = board.parties.index(code)
    stood = board.votes[:, j] > 0
    if not stood.any():
        raise InvalidInputError(
            f"{code} stood in none of the {len(stood)} seats of the {board.base} base",
            hint="choose a party that stood in Great Britain at that election",
            party=code,
        )
    rows = _rows(board, j, _leave(store, board))
    holder = board.votes.argmax(axis=1)
    keep = {
        "attack": (holder != j) & stood,
        "defence": holder == j,
        "jeopardy": (holder == j) & (board.shares.argmax(axis=1) != j),
    }[mode]
    chosen = [rows[i] for i in np.flatnonzero(keep)]
    ranked = rank_by or ("probability" if board.win_probability is not None else "swing")
    chosen.sort(key=_sort_key(mode, ranked))
    return TargetList(code, board.base, mode, ranked, tuple(chosen[:top]), board.scenario)


def _check(
    mode: str, rank_by: str | None, shares: dict[str, float] | None, top: int | None, sims: int
) -> None:
    if mode not in MODES:
        raise InvalidInputError(f"unknown list '{mode}'", hint="use " + ", ".join(MODES))
    if rank_by is not None and rank_by not in RANKINGS:
        raise InvalidInputError(f"cannot rank by '{rank_by}'", hint="use swing or probability")
    if mode == "jeopardy" and shares is None:
        raise InvalidInputError(
            "seats in jeopardy need a scenario", hint="pass shares, e.g. --shares final-polls-2024"
        )
    if shares is None and (sims or rank_by == "probability"):
        raise InvalidInputError(
            "win probabilities need a scenario"
            + (f" (--sims {sims} was given)" if sims else " (--rank-by probability was given)"),
            hint="pass shares, e.g. --shares final-polls-2024, or rank by swing",
        )
    if rank_by == "probability" and sims <= 0:
        raise InvalidInputError(
            "ranking by probability needs simulations", hint="pass --sims, e.g. --sims 10000"
        )
    if sims < 0:
        raise InvalidInputError(f"sims is {sims}, below zero", hint="use 0 for no simulation")
    if top is not None and top < 1:
        raise InvalidInputError(f"--top is {top}", hint="give a positive number of seats")


def _sort_key(mode: str, ranked: str) -> Any:
    def key(row: TargetRow) -> tuple[float, str]:
        if ranked == "probability" and row.win_probability is not None:
            sign = -1.0 if mode == "attack" else 1.0
            return (sign * row.win_probability, row.name)
        return (row.swing_needed, row.name)

    return key


def _rows(board: Board, j: int, leave: dict[str, float]) -> list[TargetRow]:
    votes, valid = board.votes, np.maximum(board.valid, 1.0)
    order = np.argsort(-votes, axis=1, kind="stable")
    seats = np.arange(len(votes))
    holder, runner = order[:, 0], order[:, 1]
    rival = np.where(holder == j, runner, holder)
    lead = np.abs(votes[seats, rival] - votes[:, j])
    projected = board.shares.argmax(axis=1) if board.projected else None
    wp = board.win_probability
    return [
        TargetRow(
            gss=board.gss[i],
            name=board.names[i],
            holder=board.parties[holder[i]],
            majority=round(float(lead[i])),
            majority_pct=round(float(lead[i] / valid[i] * 100), 2),
            swing_needed=round(float(lead[i] / valid[i] * 50), 2),
            win_probability=None if wp is None else round(float(wp[i, j]), 4),
            leave=leave.get(board.gss[i]),
            region=board.regions[i],
            projected_winner=None if projected is None else board.parties[projected[i]],
        )
        for i in range(len(votes))
    ]


def _leave(store: Store, board: Board) -> dict[str, float]:
    seats = store.seat_characteristics(store.election(board.base).boundary_set, ())
    return {g: round(v["leave_share"], 4) for g, v in seats.items() if "leave_share" in v}
