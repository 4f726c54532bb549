"""Labels and the sentences that explain a seat's advice to a voter, with real numbers."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hustings.tactics.bloc import spoken
from hustings.tactics.board import Board
from hustings.tactics.model import BLOC_SAFE, CLEAR, CLOSE, OPPONENT_SAFE

CLEAR_AT = 0.8  # best-placed probability from which the choice is clear
BLOC_SAFE_BELOW = 0.02  # opponent's win chance under which the bloc can vote as it likes
OPPONENT_SAFE_BELOW = 0.05  # recommended party's head-to-head chance under which it is hopeless
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def label(probability: float, opponent_win: float, head_to_head: float) -> str:
    """One of the four labels, safety first."""
    if opponent_win < BLOC_SAFE_BELOW:
        return BLOC_SAFE
    if head_to_head < OPPONENT_SAFE_BELOW:
        return OPPONENT_SAFE
    return CLEAR if probability >= CLEAR_AT else CLOSE


def percent(p: float) -> str:
    """A probability as a voter reads it (``>99%`` and ``<1%`` at the ends)."""
    if p > 0.995:
        return ">99%"
    if p < 0.005:
        return "<1%"
    return f"{p:.0%}"


def when(board: Board, i: int) -> str:
    """Which result a seat's evidence refers to."""
    source = board.source[i]
    if source.startswith("by-"):
        return f"at the {source[3:7]} by-election"
    if source.endswith("-notional"):
        return f"in {source[:4]} (notional result on the new boundaries)"
    return f"in {source}"


def standing(board: Board, i: int, party: int) -> str:
    """Where ``party`` finished at the base result, with the gap in votes."""
    votes = board.votes[i]
    order = np.argsort(-votes, kind="stable")
    rank = int(np.flatnonzero(order == party)[0])
    name = spoken(board.parties[party], capital=True)
    share = votes[party] / max(board.valid[i], 1.0)
    if rank == 0:
        second = int(order[1])
        margin = votes[party] - votes[second]
        return (
            f"{name} won here {when(board, i)} with {share:.0%}, "
            f"{margin:,.0f} votes ahead of {spoken(board.parties[second])}."
        )
    winner = int(order[0])
    gap = votes[winner] - votes[party]
    place = _ORDINALS[rank] if rank < len(_ORDINALS) else f"number {rank + 1}"
    return (
        f"{name} were {place} here {when(board, i)} with {share:.0%}, "
        f"{gap:,.0f} votes behind {spoken(board.parties[winner])}."
    )


def rival(board: Board, i: int, party: int, bloc: tuple[int, ...]) -> str:
    """The bloc's next party in the seat at the base result, if any stood."""
    votes = board.votes[i]
    others = [j for j in bloc if j != party and votes[j] > 0]
    if not others:
        return ""
    j = max(others, key=lambda k: votes[k])
    gap = votes[party] - votes[j]
    relation = "fewer" if gap >= 0 else "more"
    return (
        f"{spoken(board.parties[j], capital=True)} had "
        f"{votes[j] / max(board.valid[i], 1.0):.0%}, {abs(gap):,.0f} votes {relation}."
    )


def scenario(board: Board, i: int, party: int, opponent: int | None) -> str:
    """What the projection says about the seat under the scenario's shares."""
    if not board.projected:
        return ""
    text = f"On the scenario's national shares the projection puts {spoken(board.parties[party])}"
    text += f" on {board.shares[i, party]:.0%}"
    if opponent is not None and board.shares[i, opponent] > 0:
        text += f" and {spoken(board.parties[opponent])} on {board.shares[i, opponent]:.0%}"
    if board.win_probability is not None:
        chance = percent(board.win_probability[i, party])
        if board.forecasts:
            text += (
                f"; counting it and the published forecasts of {', '.join(board.forecasts)} "
                f"equally, {spoken(board.parties[party])} have a {chance} chance of winning"
            )
        else:
            text += f", and gives {spoken(board.parties[party])} a {chance} chance of winning"
    return text + "."


def verdict(
    board: Board, i: int, party: int, opponent: int | None, tag: str, opponent_win: float
) -> str:
    """The sentence that goes with the label."""
    against = spoken(board.parties[opponent]) if opponent is not None else "the opponent"
    if tag == BLOC_SAFE:
        if opponent is None or board.votes[i, opponent] <= 0:
            return f"{against[0].upper() + against[1:]} do not stand here: vote as you like."
        return (
            f"{against[0].upper() + against[1:]} have a {percent(opponent_win)} chance here, "
            "so the bloc's supporters can vote as they like."
        )
    if tag == OPPONENT_SAFE:
        ahead = opponent if opponent is not None else party
        lead = board.shares[i, ahead] - board.shares[i, party]
        return (
            f"{against[0].upper() + against[1:]} are {lead * 100:.0f} points ahead; a tactical "
            "vote is unlikely to change the result."
        )
    if tag == CLOSE:
        return "This is a close call: watch for local polls nearer polling day."
    return ""


def sentences(
    board: Board,
    i: int,
    party: int,
    bloc: tuple[int, ...],
    opponent: int | None,
    probability: float,
    tag: str,
    opponent_win: float,
) -> str:
    """The full evidence for one seat."""
    name = spoken(board.parties[party])
    parts = [
        standing(board, i, party),
        rival(board, i, party, bloc),
        scenario(board, i, party, opponent),
        f"Chance that {name} are the bloc's strongest candidate here: {percent(probability)}.",
        verdict(board, i, party, opponent, tag, opponent_win),
    ]
    return " ".join(p for p in parts if p)


def head_to_head(
    shares: npt.NDArray[np.float64], party: npt.NDArray[np.intp], opponent: int | None, sd: float
) -> npt.NDArray[np.float64]:
    """Probability that each seat's recommended party finishes ahead of the opponent."""
    from hustings.tactics.uncertainty import normal_cdf

    rows = np.arange(len(shares))
    if opponent is None:
        return np.ones(len(shares))
    return normal_cdf((shares[rows, party] - shares[:, opponent]) / sd)
