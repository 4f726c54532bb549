"""A thin wrapper over HiGHS (highspy): one call solves an LP or a MILP given as dense arrays.

Models here are small and dense (types x quotas, panels x types), so the wrapper takes numpy
arrays and hands HiGHS a column-wise sparse matrix of their nonzeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from hustings.errors import require

INF = float("inf")
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Solution:
    """What a solve returns: ``status`` is ``optimal``, ``infeasible`` or another HiGHS status."""

    status: str
    x: FloatArray
    row_dual: FloatArray
    objective: float

    @property
    def optimal(self) -> bool:
        return self.status == "optimal"


@dataclass(frozen=True)
class Problem:
    """Optimise ``cost @ x`` with ``row_lo <= a @ x <= row_hi`` and ``col_lo <= x <= col_hi``."""

    cost: FloatArray
    a: FloatArray
    row_lo: FloatArray
    row_hi: FloatArray
    col_lo: FloatArray
    col_hi: FloatArray
    integer: bool = False
    maximize: bool = False


def _highs() -> Any:
    return require("highspy", "lot")


def solve(problem: Problem, *, time_limit: float | None = None) -> Solution:
    """Solve ``problem`` with HiGHS (simplex for LPs, branch and cut for MILPs), silently."""
    highspy = _highs()
    lp = _to_lp(highspy, problem)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    if problem.integer:
        h.setOptionValue("mip_rel_gap", 1e-9)
    if time_limit is not None:
        h.setOptionValue("time_limit", float(time_limit))
    h.passModel(lp)
    h.run()
    status = h.modelStatusToString(h.getModelStatus()).lower()
    n, m = problem.cost.shape[0], problem.a.shape[0]
    if status != "optimal":
        return Solution(status, np.zeros(n), np.zeros(m), float("nan"))
    sol = h.getSolution()
    x = np.asarray(sol.col_value, dtype=np.float64)
    duals = np.asarray(sol.row_dual, dtype=np.float64) if not problem.integer else np.zeros(m)
    return Solution("optimal", x, duals, float(h.getInfo().objective_function_value))


def _to_lp(highspy: Any, problem: Problem) -> Any:
    a = np.asarray(problem.a, dtype=np.float64)
    m, n = a.shape
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = m
    lp.sense_ = highspy.ObjSense.kMaximize if problem.maximize else highspy.ObjSense.kMinimize
    lp.col_cost_ = np.asarray(problem.cost, dtype=np.float64)
    lp.col_lower_ = _finite(highspy, problem.col_lo)
    lp.col_upper_ = _finite(highspy, problem.col_hi)
    lp.row_lower_ = _finite(highspy, problem.row_lo)
    lp.row_upper_ = _finite(highspy, problem.row_hi)
    rows, cols = np.nonzero(a.T)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))]).astype(
        np.int32
    )
    lp.a_matrix_.index_ = cols.astype(np.int32)
    lp.a_matrix_.value_ = a.T[rows, cols]
    if problem.integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    return lp


def _finite(highspy: Any, values: FloatArray) -> FloatArray:
    out = np.asarray(values, dtype=np.float64).copy()
    out[out == INF] = highspy.kHighsInf
    out[out == -INF] = -highspy.kHighsInf
    return out


class LiveModel:
    """A HiGHS model kept between solves: new rows can be added and costs changed, and the
    simplex restarts from the last basis (column generation re-solves the same LP many times).
    """

    def __init__(self, problem: Problem) -> None:
        highspy = _highs()
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("threads", 1)
        self.highs.setOptionValue("random_seed", 0)
        if problem.integer:
            self.highs.setOptionValue("mip_rel_gap", 1e-9)
        self.highs.passModel(_to_lp(highspy, problem))
        self.inf = highspy.kHighsInf
        self.n = problem.cost.shape[0]
        self.m = problem.a.shape[0]
        self.integer = problem.integer

    def add_rows(self, a: FloatArray, lo: FloatArray, hi: FloatArray) -> None:
        """Append the rows ``lo <= a @ x <= hi``."""
        rows, cols = np.nonzero(a)
        starts = np.searchsorted(rows, np.arange(a.shape[0])).astype(np.int32)
        self.highs.addRows(
            a.shape[0],
            np.where(np.isinf(lo), -self.inf, lo),
            np.where(np.isinf(hi), self.inf, hi),
            len(rows),
            starts,
            cols.astype(np.int32),
            a[rows, cols].astype(np.float64),
        )
        self.m += a.shape[0]

    def set_cost(self, cost: FloatArray) -> None:
        """Replace the objective's coefficients."""
        index = np.arange(self.n, dtype=np.int32)
        self.highs.changeColsCost(self.n, index, np.asarray(cost, dtype=np.float64))

    def solve(self) -> Solution:
        """Solve from the current state."""
        h = self.highs
        h.run()
        status = h.modelStatusToString(h.getModelStatus()).lower()
        if status != "optimal":
            return Solution(status, np.zeros(self.n), np.zeros(self.m), float("nan"))
        sol = h.getSolution()
        x = np.asarray(sol.col_value, dtype=np.float64)
        duals = np.asarray(sol.row_dual, dtype=np.float64) if not self.integer else np.zeros(self.m)
        return Solution("optimal", x, duals, float(h.getInfo().objective_function_value))
