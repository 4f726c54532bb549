"""Tactical advice for every seat: whom a bloc's supporters should back against an opponent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from hustings.tactics import evidence
from hustings.tactics.bloc import check_bloc
from hustings.tactics.board import Board, load_board
from hustings.tactics.forecasts import Forecast, blend
from hustings.tactics.model import SeatAdvice, TacticalAdvice
from hustings.tactics.policies import PolicyInput, get_policy
from hustings.tactics.uncertainty import difference_sd, top_probability

if TYPE_CHECKING:
    from hustings.data.api import Store

DEFAULT_SIMS = 10_000


def advise(
    store: Store,
    *,
    base: str = "2024",
    bloc: str | Sequence[str] = ("LAB", "LD", "GRN", "SNP", "PC"),
    against: str = "CON",
    shares: dict[str, float] | None = None,
    policy: str = "projection",
    sims: int = DEFAULT_SIMS,
    seed: int | None = 0,
    model: str = "uns",
    board: Board | None = None,
    forecasts: Sequence[Forecast] = (),
) -> TacticalAdvice:
    """Advice for every GB seat of ``base`` (projected under ``shares`` when given).

    ``sims`` is the simulation budget of the projection's win probabilities and of the
    bloc-race probabilities; a prepared ``board`` may be passed to score several policies.
    Published seat ``forecasts`` are blended with the projection's win probabilities, each
    counting as much as the projection (:mod:`hustings.tactics.forecasts`).
    """
    parties, opponent = check_bloc(bloc, against)
    rule = get_policy(policy)
    rng = np.random.default_rng(seed)
    if board is None:
        board = load_board(store, base, shares, model=model, sims=sims, seed=seed)
    board = blend(board, forecasts)
    board = board.with_parties((*parties, opponent))
    cols = tuple(board.parties.index(p) for p in parties)
    opp = board.column(opponent)
    choice = rule(PolicyInput(board, cols, opp, sims, rng))
    shares_now = board.shares if policy != "previous-result" else board.base_shares
    opp_win = _opponent_win(
        board, shares_now, opp, sims, rng, use_projection=policy != "previous-result"
    )
    h2h = evidence.head_to_head(shares_now, choice.recommended, opp, difference_sd())
    rows = []
    for i in range(len(board.gss)):
        party = int(choice.recommended[i])
        prob = float(choice.probability[i])
        tag = evidence.label(prob, float(opp_win[i]), float(h2h[i]))
        text = evidence.sentences(board, i, party, cols, opp, prob, tag, float(opp_win[i]))
        rows.append(SeatAdvice(board.gss[i], board.names[i], board.parties[party], prob, tag, text))
    return TacticalAdvice(
        board.base, parties, opponent, policy, tuple(rows), board.scenario, sims, tuple(forecasts)
    )


def _opponent_win(
    board: Board,
    shares: np.ndarray,
    opp: int | None,
    sims: int,
    rng: np.random.Generator,
    *,
    use_projection: bool,
) -> np.ndarray:
    if opp is None:
        return np.zeros(len(board.gss))
    if use_projection and board.win_probability is not None:
        return board.win_probability[:, opp]
    everyone = shares > 0
    return top_probability(shares, everyone, sims=sims, rng=rng)[:, opp]
