"""Swing models: the pure numeric core of projection.

Every model has one signature::

    model(base, base_area, target_area, context) -> shares

``base`` is a seats x parties array of vote shares (rows sum to 1); ``base_area`` and
``target_area`` hold, for every seat, the shares of the area it is projected from (Great
Britain, its nation or its region) at the base election and in the target (arrays that
broadcast to ``base``'s shape). The result has the same shape, every share in [0, 1] and every
row summing to 1: votes are conserved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from hustings.errors import InvalidInputError

Array = npt.NDArray[np.float64]

# Strong supporters are a party's vote above this fraction of its area share (transition model).
WEAK_FRACTION = 0.5


@dataclass(frozen=True)
class ModelContext:
    """What a model may know besides shares: seat features and fitted coefficients.

    ``features`` is seats x k (standardised seat characteristics, see ``features.py``);
    ``coefficients`` are those of the ``ours`` model, fitted on earlier elections only;
    ``stands`` marks where a party stood at the base election (seats x parties, bool).
    """

    features: Array | None = None
    coefficients: Array | None = None
    stands: npt.NDArray[np.bool_] | None = None
    extra: dict[str, Array] = field(default_factory=dict)


Model = Callable[[Array, Array, Array, ModelContext], Array]


def normalise_rows(shares: Array) -> Array:
    """Clip shares to [0, 1] and rescale every row to sum to 1 (an empty row stays empty)."""
    clipped = np.clip(shares, 0.0, None)
    totals = clipped.sum(axis=1, keepdims=True)
    safe = np.where(totals > 0, totals, 1.0)
    return np.asarray(np.where(totals > 0, clipped / safe, clipped), dtype=np.float64)


def uns(base: Array, base_area: Array, target_area: Array, context: ModelContext) -> Array:
    """Uniform national swing: every seat moves by the area's change in share."""
    moved = base + (target_area - base_area)
    return normalise_rows(_keep_absent(moved, base, context))


def proportional(base: Array, base_area: Array, target_area: Array, context: ModelContext) -> Array:
    """Proportional swing: every seat's share scales by the area's ratio of shares.

    A party with no base vote in the area gains its target share uniformly.
    """
    ratio = np.divide(target_area, base_area, out=np.zeros(np.broadcast(base, base_area).shape),
                      where=base_area > 0)  # fmt: skip
    fresh = np.where(base_area > 0, 0.0, target_area)
    return normalise_rows(_keep_absent(base * ratio + fresh, base, context))


def transition(base: Array, base_area: Array, target_area: Array, context: ModelContext) -> Array:
    """A strong-transition model: losers shed strong supporters first, gainers share the pool.

    A party's seat vote splits into weak supporters (up to ``WEAK_FRACTION`` of its area share,
    the same in every seat) and strong supporters (the rest). A party losing share loses the
    same fraction of its strong supporters in every seat of the area; if that is not enough it
    then loses weak supporters in proportion. The votes shed in a seat go to the gaining parties
    in proportion to their area gains, so every seat's row still sums to 1.
    """
    shape = np.broadcast(base, base_area).shape
    b_area = np.broadcast_to(base_area, shape)
    change = np.broadcast_to(target_area - base_area, shape)
    weak = np.minimum(base, WEAK_FRACTION * b_area)
    strong = base - weak
    strong_area = _area_mean(strong, b_area, base)
    loss_wanted = np.clip(-change, 0.0, None)
    strong_frac = np.divide(loss_wanted, strong_area, out=np.zeros(shape), where=strong_area > 0)
    strong_loss = strong * np.minimum(strong_frac, 1.0)
    rest = np.clip(loss_wanted - strong_area * np.minimum(strong_frac, 1.0), 0.0, None)
    weak_area = np.where(b_area - strong_area > 0, b_area - strong_area, 1.0)
    weak_loss = weak * np.minimum(rest / weak_area, 1.0)
    shed = strong_loss + weak_loss
    gains = np.clip(change, 0.0, None)
    gain_total = gains.sum(axis=1, keepdims=True)
    split = np.divide(gains, gain_total, out=np.zeros(shape), where=gain_total > 0)
    moved = base - shed + shed.sum(axis=1, keepdims=True) * split
    return normalise_rows(_keep_absent(moved, base, context))


def _area_mean(part: Array, b_area: Array, base: Array) -> Array:
    """A party's area share of ``part`` (e.g. strong supporters): its area share times the
    ratio of ``part`` to the whole vote over all seats."""
    mean_base = base.mean(axis=0)
    ratio = np.divide(part.mean(axis=0), mean_base, out=np.zeros(base.shape[1]),
                      where=mean_base > 0)  # fmt: skip
    return np.asarray(b_area * ratio, dtype=np.float64)


def ours(base: Array, base_area: Array, target_area: Array, context: ModelContext) -> Array:
    """Our model: uniform swing with three corrections whose sizes are fitted on earlier
    elections only (``features.fit``), given as ``context.coefficients = (w, t, v)``:

    * **collapse** ``w``: a party losing share loses ``w`` of it in proportion to its vote in the
      seat (more where it was strong) and ``1 - w`` uniformly;
    * **tactical consolidation** ``t``: where the seat's winner at the base falls, the
      best-placed challenger (the largest other party after the swing) takes from the parties
      behind it ``t`` times the winner's fall (in proportion to their shares), as
      anti-incumbent voters gather behind it;
    * **Leave tilt** ``v``: a gaining party gains ``1 + v * z`` times its area gain, ``z`` the
      seat's standardised Leave estimate (``context.features[:, 0]``).

    ``(0, 0, 0)`` is uniform swing. Rows are clipped and rescaled to sum to 1.
    """
    if context.coefficients is None or context.features is None:
        raise InvalidInputError(
            "the 'ours' model needs seat features and fitted coefficients",
            hint="call project() with a store, which fits them on earlier elections",
        )
    w, t, v = (float(c) for c in np.ravel(context.coefficients)[:3])
    shape = base.shape
    b_area = np.broadcast_to(base_area, shape)
    change = np.broadcast_to(target_area, shape) - b_area
    ratio = np.divide(target_area, b_area, out=np.ones(shape), where=b_area > 0)
    losing = change < 0
    moved = np.where(losing, w * base * ratio + (1.0 - w) * (base + change), base + change)
    leave = context.features[:, :1]
    moved = moved + np.where(losing, 0.0, v * change * leave)
    moved = np.clip(_keep_absent(moved, base, context), 0.0, None)
    if t:
        moved = _consolidate(base, moved, t)
    return normalise_rows(moved)


def _consolidate(base: Array, moved: Array, t: float) -> Array:
    """The best-placed challenger (the largest party other than the base's winner after the
    swing) takes ``t`` times the base winner's fall from the parties behind it (in proportion
    to their shares, never below zero)."""
    rows = np.arange(base.shape[0])
    winner = np.argmax(base, axis=1)
    rivals = moved.copy()
    rivals[rows, winner] = -1.0
    runner = rivals.argmax(axis=1)
    fall = np.clip(base[rows, winner] - moved[rows, winner], 0.0, None)
    others = moved.copy()
    others[rows, winner] = 0.0
    others[rows, runner] = 0.0
    pool = others.sum(axis=1)
    take = np.minimum(t * fall, pool)
    scale = np.divide(take, pool, out=np.zeros_like(pool), where=pool > 0)
    out = moved - others * scale[:, None]
    out[rows, runner] += take
    return np.asarray(out, dtype=np.float64)


def match_area_totals(shares: Array, target_area: Array, base: Array, context: ModelContext,
                      rounds: int = 4) -> Array:  # fmt: skip
    """Shift shares uniformly within each area until the seat means meet the area targets."""
    target = np.broadcast_to(target_area, shares.shape)
    keys = np.ascontiguousarray(target).view(
        np.dtype((np.void, target.dtype.itemsize * target.shape[1]))
    )
    _, groups = np.unique(keys.ravel(), return_inverse=True)
    for _ in range(rounds):
        for g in np.unique(groups):
            rows = groups == g
            gap = target[rows][0] - shares[rows].mean(axis=0)
            shares[rows] = shares[rows] + gap
        shares = normalise_rows(_keep_absent(shares, base, context))
    return shares


def _keep_absent(moved: Array, base: Array, context: ModelContext) -> Array:
    """Parties that did not stand in a seat at the base election stay at zero there."""
    if context.stands is None:
        return moved
    return np.where(context.stands, moved, 0.0)


MODELS: dict[str, Model] = {
    "uns": uns,
    "proportional": proportional,
    "transition": transition,
    "ours": ours,
}


def get_model(name: str) -> Model:
    """A swing model by name, or :class:`InvalidInputError` naming the known ones."""
    if name not in MODELS:
        raise InvalidInputError(
            f"no swing model '{name}'", hint="known models: " + ", ".join(MODELS), model=name
        )
    return MODELS[name]
