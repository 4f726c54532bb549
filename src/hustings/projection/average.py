"""The polling average: recency-weighted, corrected for each pollster's house effect, with its
uncertainty.

For a date ``as_of`` only polls whose fieldwork ended by then are used (MRPs left out):

1. **House effects.** Over the ``HOUSE_DAYS`` before ``as_of``, each poll is compared with a
   smooth consensus of every poll (a Gaussian kernel in time, ``SMOOTH_DAYS`` wide, of the
   house-corrected polls); a pollster's house effect for a party is its mean difference from
   the consensus, shrunk towards zero as if it had ``SHRINK`` more polls at zero difference, and
   centred so that the effects average zero over the polls. Three rounds.
2. **Average.** Each pollster's corrected polls are averaged with weights halving every
   ``HALF_LIFE_DAYS`` of age; pollsters are then averaged with the weight of their newest poll,
   so a pollster that publishes daily counts once. Polls older than ``WINDOW_DAYS`` are left out.
3. **Uncertainty.** ``spread`` is the standard error from the disagreement between pollsters
   (weighted, with the effective number of pollsters); ``polling_error`` is the historical size
   of the polls' miss on polling day, ``k * sqrt(share)`` with ``k`` from the final polls of the
   elections before ``as_of``. The 90% interval combines both.

The settings are fixed, not fitted on the results the average is compared with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from hustings.errors import InvalidInputError
from hustings.projection.finals import POLL_YEARS, poll_error_k

if TYPE_CHECKING:
    from hustings.data.api import PollTable, Store

Array = npt.NDArray[np.float64]

HALF_LIFE_DAYS = 14.0
WINDOW_DAYS = 60
HOUSE_DAYS = 365
SMOOTH_DAYS = 10.0
SHRINK = 3.0
ROUNDS = 3
Z90 = 1.6449
PARTIES = ("CON", "LAB", "LD", "GRN", "RUK", "SNP")
OTHERS = "OTH"
TREND_STEP_DAYS = 7


@dataclass(frozen=True)
class PollAverage:
    """The average on ``as_of`` (shares sum to 1, ``OTH`` the rest), its uncertainty and the
    house effects used (pollster -> party -> fraction; positive: the pollster shows more)."""

    as_of: date
    newest_poll: date
    shares: dict[str, float]
    spread: dict[str, float]
    polling_error: dict[str, float]
    house_effects: dict[str, dict[str, float]]
    polls: int
    pollsters: tuple[str, ...]
    error_from: tuple[str, ...] = ()

    def interval(self, party: str) -> tuple[float, float]:
        """The 90% interval of the party's share on polling day, were it today."""
        sd = float(np.hypot(self.spread.get(party, 0.0), self.polling_error.get(party, 0.0)))
        share = self.shares[party]
        return max(0.0, share - Z90 * sd), min(1.0, share + Z90 * sd)

    def to_json(self) -> dict[str, Any]:
        """``{as_of, newest_poll, shares, interval_90, spread, polling_error, ...}``."""
        return {
            "as_of": self.as_of.isoformat(),
            "newest_poll": self.newest_poll.isoformat(),
            "shares": {p: round(v, 5) for p, v in self.shares.items()},
            "interval_90": {p: [round(v, 4) for v in self.interval(p)] for p in self.shares},
            "spread": {p: round(v, 5) for p, v in self.spread.items()},
            "polling_error": {p: round(v, 5) for p, v in self.polling_error.items()},
            "polling_error_from": list(self.error_from),
            "polls": self.polls,
            "pollsters": list(self.pollsters),
            "house_effects": {
                k: {p: round(v, 4) for p, v in e.items()} for k, e in self.house_effects.items()
            },
            "settings": {
                "half_life_days": HALF_LIFE_DAYS,
                "window_days": WINDOW_DAYS,
                "house_days": HOUSE_DAYS,
                "shrink_polls": SHRINK,
            },
        }


@dataclass(frozen=True)
class PollTrend:
    """The average week by week (house effects as estimated on the last date)."""

    dates: tuple[date, ...]
    shares: dict[str, tuple[float | None, ...]]

    def to_json(self) -> dict[str, Any]:
        """``{dates: [...], shares: {party: [...]}}``."""
        return {
            "dates": [d.isoformat() for d in self.dates],
            "shares": {
                p: [None if v is None else round(v, 4) for v in vals]
                for p, vals in self.shares.items()
            },
        }


@dataclass(frozen=True)
class _Polls:
    days: Array
    pollster: npt.NDArray[np.intp]
    names: tuple[str, ...]
    y: Array  # polls x PARTIES, NaN where not given


def _prepare(table: PollTable, as_of: date, first: date) -> _Polls:
    end = np.asarray(table.fieldwork_end, dtype="datetime64[D]")
    keep = (~table.mrp) & (end <= np.datetime64(as_of)) & (end >= np.datetime64(first))
    names, index = np.unique(np.array(table.pollster, dtype=object)[keep], return_inverse=True)
    y = np.full((int(keep.sum()), len(PARTIES)), np.nan)
    for j, party in enumerate(PARTIES):
        if party in table.parties:
            y[:, j] = table.shares[keep, table.parties.index(party)]
    days = (end[keep] - np.datetime64(as_of)).astype(float)
    return _Polls(days, index.astype(np.intp), tuple(str(n) for n in names), y)


def house_effects(polls: _Polls) -> Array:
    """Pollsters x parties house effects (fractions), see the module docstring."""
    h = np.zeros((len(polls.names), len(PARTIES)))
    given = ~np.isnan(polls.y)
    y0 = np.where(given, polls.y, 0.0)
    gap = polls.days[:, None] - polls.days[None, :]
    kernel = np.exp(-0.5 * (gap / SMOOTH_DAYS) ** 2)
    counts = np.zeros((len(polls.names), len(PARTIES)))
    np.add.at(counts, polls.pollster, given.astype(float))
    for _ in range(ROUNDS):
        adjusted = y0 - h[polls.pollster]
        weight = kernel @ given
        consensus = np.divide(kernel @ (adjusted * given), weight, out=np.zeros_like(y0),
                              where=weight > 0)  # fmt: skip
        residual = np.where(given, y0 - consensus, 0.0)
        sums = np.zeros_like(h)
        np.add.at(sums, polls.pollster, residual)
        h = sums / (counts + SHRINK)
        per_poll = np.where(given, h[polls.pollster], 0.0)
        centre = per_poll.sum(axis=0) / np.maximum(given.sum(axis=0), 1)
        h = np.where(counts > 0, h - centre, 0.0)
    return h


def _average_at(polls: _Polls, h: Array, day: float) -> tuple[Array, Array, int, Array]:
    """Shares, spread, polls used and pollster weights at ``day`` (days from ``as_of``)."""
    use = (polls.days <= day) & (polls.days > day - WINDOW_DAYS)
    y = polls.y[use] - h[polls.pollster[use]]
    given = ~np.isnan(y)
    age = day - polls.days[use]
    w = 0.5 ** (age / HALF_LIFE_DAYS)
    k = len(polls.names)
    shares = np.full(len(PARTIES), np.nan)
    spread = np.zeros(len(PARTIES))
    pollster_w = np.zeros(k)
    np.maximum.at(pollster_w, polls.pollster[use], w)
    for j in range(len(PARTIES)):
        g = given[:, j]
        if not g.any():
            continue
        num = np.zeros(k)
        den = np.zeros(k)
        np.add.at(num, polls.pollster[use][g], w[g] * y[g, j])
        np.add.at(den, polls.pollster[use][g], w[g])
        has = den > 0
        means = num[has] / den[has]
        weights = pollster_w[has]
        shares[j] = float((weights * means).sum() / weights.sum())
        var = float((weights * (means - shares[j]) ** 2).sum() / weights.sum())
        n_eff = weights.sum() ** 2 / (weights**2).sum()
        spread[j] = np.sqrt(var / max(n_eff - 1.0, 1.0))
    return shares, spread, int(use.sum()), pollster_w


def _complete(shares: Array) -> dict[str, float]:
    """Named shares with ``OTH`` as the rest (named ones rescaled if they pass 1)."""
    named = {p: max(0.0, float(v)) for p, v in zip(PARTIES, shares, strict=True) if np.isfinite(v)}
    total = sum(named.values())
    if total > 1.0:
        named = {p: v / total for p, v in named.items()}
        total = 1.0
    return {**named, OTHERS: 1.0 - total}


def poll_average(
    table: PollTable,
    as_of: date | None = None,
    *,
    error_k: tuple[float, tuple[str, ...]] = (0.0, ()),
) -> PollAverage:
    """The polling average on ``as_of`` (default: the newest poll's date).

    ``error_k`` is the historical final-poll error scale and the elections it came from.
    """
    newest = date.fromisoformat(str(np.asarray(table.fieldwork_end).max()))
    day = as_of or newest
    polls = _prepare(table, day, day - timedelta(days=HOUSE_DAYS))
    recent = polls.days > -WINDOW_DAYS
    if not recent.any():
        raise InvalidInputError(
            f"no polls in the {WINDOW_DAYS} days to {day.isoformat()}",
            hint=f"the polls run from {np.asarray(table.fieldwork_end).min()} to {newest}",
        )
    h = house_effects(polls)
    shares, spread, used, weights = _average_at(polls, h, 0.0)
    complete = _complete(shares)
    k, years = error_k
    named = [p for p in complete if p != OTHERS]
    return PollAverage(
        day,
        date.fromisoformat(str(np.datetime64(day) + int(polls.days[recent].max()))),
        complete,
        {p: float(spread[PARTIES.index(p)]) for p in named},
        {p: k * float(np.sqrt(complete[p])) for p in complete},
        {
            polls.names[i]: {p: float(h[i, j]) for j, p in enumerate(PARTIES) if h[i, j] != 0}
            for i in np.flatnonzero(weights > 0)
        },
        used,
        tuple(polls.names[i] for i in np.flatnonzero(weights > 0)),
        years,
    )


def poll_trend(table: PollTable, since: date, until: date | None = None) -> PollTrend:
    """The average each week from ``since`` to ``until`` (default: the newest poll)."""
    newest = date.fromisoformat(str(np.asarray(table.fieldwork_end).max()))
    end = until or newest
    if since > end:
        raise InvalidInputError(
            f"--since {since.isoformat()} is after the newest poll ({end.isoformat()})",
            hint="give an earlier date",
        )
    first = since - timedelta(days=HOUSE_DAYS)
    polls = _prepare(table, end, first)
    h = house_effects(_prepare(table, end, end - timedelta(days=HOUSE_DAYS)))
    h_all = _reindex(h, _prepare(table, end, end - timedelta(days=HOUSE_DAYS)).names, polls.names)
    steps = list(range(-((end - since).days), 1, TREND_STEP_DAYS))
    if steps[-1] != 0:
        steps.append(0)
    rows = [_complete(_average_at(polls, h_all, float(s))[0]) for s in steps]
    parties = [p for p in (*PARTIES, OTHERS) if any(p in r for r in rows)]
    return PollTrend(
        tuple(end + timedelta(days=s) for s in steps),
        {p: tuple(r.get(p) for r in rows) for p in parties},
    )


def _reindex(h: Array, names: tuple[str, ...], wanted: tuple[str, ...]) -> Array:
    """House effects for ``wanted`` pollsters (zero for those not seen in ``names``)."""
    where = {n: i for i, n in enumerate(names)}
    out = np.zeros((len(wanted), h.shape[1]))
    for i, name in enumerate(wanted):
        if name in where:
            out[i] = h[where[name]]
    return out


def latest_average(store: Store, as_of: date | None = None) -> PollAverage:
    """The polling average from the store's polls, its polling error sized on the final polls
    of the elections before ``as_of`` (or before the newest poll)."""
    table = store.polls()
    day = as_of or date.fromisoformat(str(np.asarray(table.fieldwork_end).max()))
    years = tuple(y for y in POLL_YEARS if (store.election(y).date or date.max) < day)
    k = poll_error_k(store, years) if years else 0.0
    return poll_average(table, day, error_k=(k, years))
