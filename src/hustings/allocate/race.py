"""Pivotality from the projection's simulations: in each simulated election, by how much the
bloc's backed party leads or trails its strongest rival in every seat, and from that how
fast the bloc's chance of winning the seat rises as the backed party gains share.

The bloc wins a seat when any bloc party comes first. Effort goes to the bloc party with the
largest projected share there (the one the campaign backs). With ``m`` the backed party's
simulated lead over the best non-bloc party and ``g`` the best other bloc party's lead, the
bloc wins with extra share ``d`` when ``m + d > 0`` or ``g > 0``; the pivotality is the
symmetric difference quotient of that probability over +-``WINDOW`` (a box-kernel density),
from the same simulations for every seat.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hustings.allocate.model import Array
from hustings.errors import InvalidInputError

WINDOW = 0.01
CHUNK = 256


@dataclass(frozen=True, eq=False)
class Race:
    """Simulated leads per seat (sims x seats, float32) and what they imply."""

    backed: npt.NDArray[np.int64]
    rival_central: npt.NDArray[np.int64]
    lead: npt.NDArray[np.float32]
    other: npt.NDArray[np.float32]
    opponent_wins: Array

    def win_probability(self, extra: Array | None = None) -> Array:
        """The bloc's chance of winning each seat with ``extra`` share for its backed party."""
        lead = self.lead if extra is None else self.lead + extra[None, :].astype(np.float32)
        won = (lead > 0) | (self.other > 0)
        return np.asarray(won.mean(axis=0), dtype=np.float64)

    def pivotality(self) -> Array:
        """The rise in the bloc's chance of winning per unit of share (a fraction)."""
        n = self.lead.shape[1]
        up = self.win_probability(np.full(n, WINDOW))
        down = self.win_probability(np.full(n, -WINDOW))
        value = (up - down) / (2 * WINDOW)
        value[self.backed < 0] = 0.0
        return np.asarray(value, dtype=np.float64)


def parties_index(parties: Sequence[str], names: Sequence[str], what: str) -> list[int]:
    """Column numbers of ``names`` (one-line error for one the base does not have)."""
    out = []
    for name in names:
        code = name.strip().upper()
        if code not in parties:
            raise InvalidInputError(
                f"no party '{name}' in the projection ({what})",
                hint="use party codes such as " + ", ".join(parties[:8]),
            )
        out.append(parties.index(code))
    return out


def check_bloc(bloc: Sequence[str], against: str) -> None:
    """A bloc must be named and must not include the opponent."""
    codes = [b.strip().upper() for b in bloc if b.strip()]
    if not codes:
        raise InvalidInputError("no bloc parties given", hint="pass --bloc LAB,LD,GRN")
    if against.strip().upper() in codes:
        raise InvalidInputError(
            f"the bloc {','.join(codes)} includes the opponent {against.strip().upper()}",
            hint="leave the opponent out of --bloc",
        )


def simulate_race(
    central: Array,
    sample: Callable[[int, np.random.Generator], Array],
    bloc: Sequence[int],
    against: int,
    *,
    sims: int,
    rng: np.random.Generator,
) -> Race:
    """Leads of the backed bloc party over the best non-bloc party in ``sims`` elections drawn
    by ``sample(n, rng)`` (n x seats x parties)."""
    in_bloc = np.zeros(central.shape[1], dtype=bool)
    in_bloc[list(bloc)] = True
    bloc_shares = np.where(in_bloc[None, :] & (central > 0), central, -np.inf)
    backed = np.where(np.isfinite(bloc_shares.max(axis=1)), bloc_shares.argmax(axis=1), -1)
    others = np.where(~in_bloc[None, :] & (central > 0), central, -np.inf)
    rival = others.argmax(axis=1)
    nseats = central.shape[0]
    lead = np.empty((sims, nseats), dtype=np.float32)
    other = np.empty((sims, nseats), dtype=np.float32)
    opp = np.zeros(nseats)
    rows = np.arange(nseats)
    for lo in range(0, sims, CHUNK):
        n = min(CHUNK, sims - lo)
        shares = sample(n, rng)
        best_out = np.where(in_bloc[None, None, :], -np.inf, shares).max(axis=2)
        mine = shares[:, rows, np.maximum(backed, 0)]
        rest = np.where(in_bloc[None, None, :], shares, -np.inf)
        rest[:, rows, np.maximum(backed, 0)] = -np.inf
        with np.errstate(invalid="ignore"):
            ahead = np.where(backed >= 0, mine - best_out, -np.inf)
            second = rest.max(axis=2) - best_out
        lead[lo : lo + n] = np.where(np.isnan(ahead), -np.inf, ahead)
        other[lo : lo + n] = np.where(np.isnan(second), -np.inf, second)
        opp += (shares.argmax(axis=2) == against).sum(axis=0)
    return Race(backed.astype(np.int64), rival.astype(np.int64), lead, other, opp / sims)


__all__ = ["WINDOW", "Race", "check_bloc", "parties_index", "simulate_race"]
