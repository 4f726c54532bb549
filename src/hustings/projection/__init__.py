"""Seat projection: swing models, Monte Carlo win probabilities and out-of-sample back-tests."""

from hustings.projection.backtest import BacktestReport, BacktestRow, backtest
from hustings.projection.core import ProjectionResult, project
from hustings.projection.models import MODELS
from hustings.projection.shares import parse_shares

__all__ = [
    "MODELS",
    "BacktestReport",
    "BacktestRow",
    "ProjectionResult",
    "backtest",
    "parse_shares",
    "project",
]
