"""Tactical policies: plain functions with one signature, chosen by name from ``POLICIES``.

A policy sees the board, the bloc's columns and the simulation budget, and returns for every
seat the bloc party to back and the probability that it is the bloc's best-placed candidate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hustings.errors import InvalidInputError
from hustings.tactics.board import Board
from hustings.tactics.uncertainty import top_probability

Array = npt.NDArray[np.float64]
WIN_FLOOR = 0.01  # below this the projection's win chances cannot separate bloc parties


@dataclass(frozen=True)
class PolicyInput:
    """What a policy may look at."""

    board: Board
    bloc: tuple[int, ...]
    opponent: int | None
    sims: int
    rng: np.random.Generator


@dataclass(frozen=True)
class Choice:
    """A policy's answer: recommended column and its best-placed probability per seat."""

    recommended: npt.NDArray[np.intp]
    probability: Array
    best_placed: Array


Policy = Callable[[PolicyInput], Choice]


def _bloc_mask(inp: PolicyInput, shares: Array) -> npt.NDArray[np.bool_]:
    mask = np.zeros(shares.shape, dtype=bool)
    mask[:, list(inp.bloc)] = True
    return mask & (inp.board.base_shares > 0)


def _choose(best: Array, score: Array, mask: npt.NDArray[np.bool_]) -> Choice:
    recommended = np.where(mask, score, -np.inf).argmax(axis=1)
    probability = best[np.arange(len(best)), recommended]
    return Choice(recommended, probability, best)


def previous_result(inp: PolicyInput) -> Choice:
    """tactical.vote's rule: back the bloc party best placed at the last election (a
    by-election where the seat had one since)."""
    shares = inp.board.base_shares
    mask = _bloc_mask(inp, shares)
    best = top_probability(shares, mask, sims=inp.sims, rng=inp.rng)
    return _choose(best, shares + best * 1e-9, mask)


def projection(inp: PolicyInput) -> Choice:
    """Back the bloc party with the best chance of winning under the scenario; where no bloc
    party has a real chance, the one most likely to be the bloc's best placed."""
    shares = inp.board.shares
    mask = _bloc_mask(inp, shares)
    best = top_probability(shares, mask, sims=inp.sims, rng=inp.rng)
    score = best + shares * 1e-9
    wp = inp.board.win_probability
    if wp is not None:
        contested = np.where(mask, wp, 0.0).max(axis=1, keepdims=True) >= WIN_FLOOR
        score = np.where(contested, wp + score * 1e-6, score)
    return _choose(best, score, mask)


POLICIES: dict[str, Policy] = {
    "projection": projection,
    "previous-result": previous_result,
}


def get_policy(name: str) -> Policy:
    """The policy registered as ``name``, or an InvalidInputError listing them."""
    if name not in POLICIES:
        raise InvalidInputError(
            f"unknown tactical policy '{name}'",
            hint="choose one of: " + ", ".join(POLICIES),
            policy=name,
        )
    return POLICIES[name]
