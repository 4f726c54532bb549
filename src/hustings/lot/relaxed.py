"""LEXIMIN through the LP relaxation of the panel rules, used when it is exact.

Any lottery's expected count of each type lies in the relaxation ``Q``: the size, quota and
household rows with ``0 <= count <= type size``, read over real numbers. So the LEXIMIN over
``Q`` (a few compact LPs over types, no panels) bounds every level from above. Its point is then
split into quota-feasible panels by walking down the faces of ``Q`` (Caratheodory's argument):
at each step a panel on the point's smallest face (a MILP holding every tight row and bound),
then the point moves straight away from that panel to the boundary of the face, one dimension
lower, and the panel takes the weight that movement frees. If the walk ends on a panel, the
lottery it built reaches every upper bound, so it is the LEXIMIN. A face may hold no panel (the
point can lie outside the panels' hull); the walk then rebuilds a recent point of the walk
from the panels found on its face (a small LP), going further back if that fails, and
otherwise reports failure so the caller can use column generation instead.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from hustings.lot.instance import panel_constraints, type_sizes
from hustings.lot.model import Instance
from hustings.lot.solver import FloatArray, LiveModel, Problem, solve

DUAL_EPS = 1e-6
FACE_TOL = 1e-7
STEP_EPS = 1e-9
BACK_MAX = 256
FACE_ROUNDS = 400
MIX_TOL = 1e-9
PRICE_EPS = 1e-7
FACE_NODES = 5_000
"""Branch-and-bound nodes a face MILP may take (a count, not seconds, so a slower or busier
machine does not find another lottery); a face that needs more is taken to hold no panel."""

BoolArray = NDArray[np.bool_]
Lottery = list[tuple[float, tuple[int, ...]]]


def relaxed_levels(instance: Instance, never: list[int]) -> FloatArray | None:
    """Each type's LEXIMIN probability over the relaxation (types in ``never`` held at 0);
    None if an LP does not solve."""
    a, lo, hi, _ = panel_constraints(instance)
    sizes = type_sizes(instance)
    n, m = len(sizes), a.shape[0]
    fixed = np.full(n, np.nan)
    fixed[never] = 0.0
    upper = np.append(sizes, np.inf)
    upper[never] = 0.0
    cost = np.append(np.zeros(n), 1.0)
    while np.isnan(fixed).any():
        free = np.isnan(fixed)
        rows = np.vstack(
            [np.hstack([a, np.zeros((m, 1))]), np.hstack([np.eye(n), -(sizes * free)[:, None]])]
        )
        row_lo = np.concatenate([lo, np.where(free, 0.0, np.nan_to_num(fixed) * sizes)])
        row_hi = np.concatenate([hi, np.full(n, np.inf)])
        sol = solve(Problem(cost, rows, row_lo, row_hi, np.zeros(n + 1), upper, False, True))
        if not sol.optimal:
            return None
        weight = np.abs(sol.row_dual[m:]) * sizes
        tight = free & (weight > DUAL_EPS)
        if not tight.any():
            tight = free & (weight >= weight[free].max())
        fixed[tight] = sol.objective
    return fixed


class FaceWalk:
    """Splits a point of the relaxation into panels by walking down its faces."""

    def __init__(self, instance: Instance, never: list[int]) -> None:
        self.a, self.lo, self.hi, _ = panel_constraints(instance)
        self.sizes = type_sizes(instance)
        self.upper = self.sizes.copy()
        self.upper[never] = 0.0
        n = len(self.sizes)
        self.index = np.arange(n, dtype=np.int32)
        self.rows = np.arange(len(self.lo), dtype=np.int32)
        problem = Problem(np.zeros(n), self.a, self.lo, self.hi, np.zeros(n), self.upper, True)
        self.model = LiveModel(problem)
        self.model.highs.setOptionValue("mip_max_nodes", FACE_NODES)
        highspy = self.model.highs
        self.sense_max = type(highspy.getLp().sense_).kMaximize
        self.sense_min = type(highspy.getLp().sense_).kMinimize
        self.steps = 0
        self.found: dict[tuple[int, ...], None] = {}

    def split(self, target: FloatArray, max_steps: int) -> Lottery | None:
        """Weights and panels whose mixture has probabilities ``target`` (None if the walk
        meets a face without a panel and no mixture of the panels found so far rebuilds an
        earlier point of the walk, or if it takes over ``max_steps``)."""
        x = np.clip(target * self.sizes, 0.0, self.upper)
        mass = 1.0
        out: Lottery = []
        trail: list[tuple[FloatArray, float]] = []
        while self.steps < max_steps:
            self.steps += 1
            panel = self._panel_on_face(x)
            if panel is None:
                return self._back_up(out, trail)
            self.found[tuple(int(v) for v in panel)] = None
            away = x - panel
            if np.abs(away).max() <= FACE_TOL:
                out.append((mass, tuple(int(v) for v in panel)))
                return out
            theta = self._room(x, away)
            trail.append((x, mass))
            out.append((mass * theta / (1.0 + theta), tuple(int(v) for v in panel)))
            mass /= 1.0 + theta
            x = self._snap(x + theta * away)
        return None

    def _back_up(self, out: Lottery, trail: list[tuple[FloatArray, float]]) -> Lottery | None:
        """Rebuild the point ``back`` steps ago (1, 4, 16, ...) as a mixture of panels on its
        face, by column generation confined to that face; the walk from there on is replaced."""
        back = 1
        while back <= min(len(trail), BACK_MAX):
            x, mass = trail[-back]
            mix = self._mixture(x)
            if mix is not None:
                return out[: len(out) - back] + [(mass * w, c) for w, c in mix]
            back *= 4
        return None

    def _mixture(self, x: FloatArray) -> Lottery | None:
        """Panels on the face of ``x`` and weights averaging to ``x`` (None if none do: the
        pricing MILP finds no panel that lowers the distance, which is then above 0)."""
        self._face(x)
        at_top, at_zero, _, _ = self._tight(x)
        moving = ~(at_top | at_zero)
        rows_of = self._face_rows(x)
        panels = [np.array(c, dtype=np.float64) for c in self.found if rows_of(np.array(c))]
        n, m = len(x), int(moving.sum())
        for _ in range(FACE_ROUNDS):
            k = len(panels)
            block = np.array(panels).reshape(k, n)[:, moving].T if k else np.zeros((m, 0))
            rows = np.vstack(
                [
                    np.concatenate([np.ones(k), np.zeros(2 * m)]),
                    np.hstack([block, np.eye(m), -np.eye(m)]),
                ]
            )
            want = np.concatenate([[1.0], x[moving]])
            cost = np.concatenate([np.zeros(k), np.ones(2 * m)])
            sol = solve(
                Problem(cost, rows, want, want, np.zeros(k + 2 * m), np.full(k + 2 * m, np.inf))
            )
            if not sol.optimal:
                return None
            if sol.objective <= MIX_TOL:
                weights = np.clip(sol.x[:k], 0.0, None)
                weights /= weights.sum()
                return [
                    (float(w), tuple(int(v) for v in c))
                    for w, c in zip(weights, panels, strict=True)
                    if w > 0
                ]
            price = np.zeros(n)
            price[moving] = sol.row_dual[1:]
            self.model.set_cost(price)
            self.model.highs.changeObjectiveSense(self.sense_max)
            best = self.model.solve()
            self.model.highs.changeObjectiveSense(self.sense_min)
            if not best.optimal:
                return None
            panel = np.round(best.x)
            if sol.row_dual[0] + float(price @ panel) <= PRICE_EPS:
                return None
            self.found[tuple(int(v) for v in panel)] = None
            panels.append(panel)
        return None

    def _face(self, x: FloatArray) -> None:
        """Hold the MILP's bounds and rows that are tight at ``x``."""
        at_top, at_zero, full, low = self._tight(x)
        h = self.model.highs
        n = len(x)
        h.changeColsBounds(
            n, self.index, np.where(at_top, self.upper, 0.0), np.where(at_zero, 0.0, self.upper)
        )
        h.changeRowsBounds(
            len(self.rows),
            self.rows,
            np.where(full, self.hi, self.lo),
            np.where(low, self.lo, self.hi),
        )

    def _face_rows(self, x: FloatArray) -> Callable[[FloatArray], bool]:
        at_top, at_zero, full, low = self._tight(x)

        def on_face(c: FloatArray) -> bool:
            totals = self.a @ c
            return bool(
                (c[at_top] == self.upper[at_top]).all()
                and (c[at_zero] == 0).all()
                and (totals[full] == self.hi[full]).all()
                and (totals[low] == self.lo[low]).all()
            )

        return on_face

    def _tight(self, x: FloatArray) -> tuple[BoolArray, BoolArray, BoolArray, BoolArray]:
        totals = self.a @ x
        return (
            x >= self.upper - FACE_TOL,
            x <= FACE_TOL,
            totals >= self.hi - FACE_TOL,
            totals <= self.lo + FACE_TOL,
        )

    def _panel_on_face(self, x: FloatArray) -> FloatArray | None:
        """A panel meeting every row and bound that is tight at ``x`` with equality."""
        self._face(x)
        self.model.set_cost(np.zeros(len(x)))
        sol = self.model.solve()
        if not sol.optimal:
            return None
        return np.round(sol.x)

    def _room(self, x: FloatArray, away: FloatArray) -> float:
        """How far ``x`` can move along ``away`` before a bound or row binds."""
        limits = [np.inf]
        down, up = away < -STEP_EPS, away > STEP_EPS
        limits += list(x[down] / -away[down]) + list((self.upper[up] - x[up]) / away[up])
        totals, change = self.a @ x, self.a @ away
        down, up = change < -STEP_EPS, change > STEP_EPS
        limits += list((totals[down] - self.lo[down]) / -change[down])
        limits += list((self.hi[up] - totals[up]) / change[up])
        return max(0.0, min(limits))

    def _snap(self, x: FloatArray) -> FloatArray:
        x = np.clip(x, 0.0, self.upper)
        x[x <= FACE_TOL] = 0.0
        top = x >= self.upper - FACE_TOL
        x[top] = self.upper[top]
        return x
