"""The board a tactical or alliance question is played on: a base result per seat (with any
later by-election), and the scenario's shares and win probabilities when a projection is used."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from hustings.projection import project

if TYPE_CHECKING:
    from hustings.data.api import Store

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Board:
    """Seats x parties arrays for one base election and, optionally, a projected scenario.

    ``votes``/``valid`` are the last result per seat (``source`` names the election it came
    from: the base or a later by-election); ``shares`` are the scenario's shares (the base
    shares when nothing is projected); ``win_probability`` comes from the projection, blended
    with the published seat forecasts named in ``forecasts`` when any were given.
    """

    base: str
    base_label: str
    gss: tuple[str, ...]
    names: tuple[str, ...]
    nations: tuple[str, ...]
    regions: tuple[str, ...]
    parties: tuple[str, ...]
    votes: Array
    valid: Array
    source: tuple[str, ...]
    shares: Array
    win_probability: Array | None = None
    scenario: dict[str, float] | None = None
    forecasts: tuple[str, ...] = ()

    @property
    def base_shares(self) -> Array:
        """Shares of the last result in each seat."""
        return self.votes / np.maximum(self.valid, 1.0)[:, None]

    @property
    def projected(self) -> bool:
        """Whether ``shares`` come from a projection rather than the base result."""
        return self.scenario is not None

    def column(self, party: str) -> int | None:
        """The column of ``party``, or None when it stood nowhere."""
        return self.parties.index(party) if party in self.parties else None

    def with_parties(self, extra: tuple[str, ...]) -> Board:
        """The same board with zero columns added for parties that stood nowhere."""
        missing = tuple(p for p in extra if p not in self.parties)
        if not missing:
            return self
        pad = np.zeros((len(self.gss), len(missing)))
        wp = self.win_probability
        return Board(
            self.base, self.base_label, self.gss, self.names, self.nations, self.regions,
            self.parties + missing, np.hstack([self.votes, pad]), self.valid, self.source,
            np.hstack([self.shares, pad]), None if wp is None else np.hstack([wp, pad]),
            self.scenario, self.forecasts,
        )  # fmt: skip


def load_board(
    store: Store,
    base: str,
    shares: dict[str, float] | None = None,
    *,
    model: str = "uns",
    sims: int = 0,
    seed: int | None = None,
    by_elections: bool = True,
    before: str | None = None,
) -> Board:
    """The board for ``base``; with ``shares``, the projection's seat shares under them
    (model and error sizes fitted only on elections before ``before`` when given)."""
    election = store.election(base)
    matrix = store.vote_matrix(election.id)
    votes = matrix.votes.copy()
    valid = matrix.valid_votes.copy()
    source = [election.id] * len(matrix.gss)
    if by_elections:
        _apply_by_elections(store, election.id, matrix.gss, matrix.parties, votes, valid, source)
    board = Board(
        election.id, _label(election.id, election.kind), matrix.gss, matrix.names,
        matrix.nations, matrix.regions, matrix.parties, votes, valid, tuple(source),
        votes / np.maximum(valid, 1.0)[:, None],
    )  # fmt: skip
    if shares is None:
        return board
    return _projected(store, board, shares, model=model, sims=sims, seed=seed, before=before)


def _label(election: str, kind: str) -> str:
    if kind == "notional":
        return f"{election[:4]} (notional result on the new boundaries)"
    return election


def _apply_by_elections(
    store: Store,
    base: str,
    gss: tuple[str, ...],
    parties: tuple[str, ...],
    votes: Array,
    valid: Array,
    source: list[str],
) -> None:
    rows = store.later_by_elections(base)
    index = {g: i for i, g in enumerate(gss)}
    column = {p: j for j, p in enumerate(parties)}
    seen: dict[int, str] = {}
    for election, seat, party, count, total in rows:
        i = index.get(seat)
        if i is None:
            continue
        if seen.get(i) != election:
            seen[i] = election
            votes[i] = 0.0
            valid[i] = float(total)
            source[i] = election
        votes[i, column.get(party, column.get("OTH", 0))] += float(count)


def _projected(
    store: Store,
    board: Board,
    shares: dict[str, float],
    *,
    model: str,
    sims: int,
    seed: int | None,
    before: str | None,
) -> Board:
    result = project(
        store, base=board.base, shares=shares, model=model, sims=sims, seed=seed, before=before
    )
    parties = tuple(dict.fromkeys([*board.parties, *result.parties]))
    board = board.with_parties(parties)
    where = {g: i for i, g in enumerate(result.gss)}
    rows = [where[g] for g in board.gss]
    cols = [board.parties.index(p) for p in result.parties]
    projected = np.zeros_like(board.shares)
    projected[:, cols] = np.asarray(result.shares)[rows]
    wp = None
    if result.win_probability is not None:
        wp = np.zeros_like(board.shares)
        wp[:, cols] = np.asarray(result.win_probability)[rows]
    return Board(
        board.base, board.base_label, board.gss, board.names, board.nations, board.regions,
        board.parties, board.votes, board.valid, board.source, projected, wp, dict(shares),
    )  # fmt: skip
