"""Seat projection: swing models, Monte Carlo win probabilities and out-of-sample back-tests."""

from hustings.projection.backtest import BacktestReport, BacktestRow, backtest
from hustings.projection.calibration import CalibrationReport, calibration
from hustings.projection.central import ProjectionResult
from hustings.projection.core import project
from hustings.projection.history import History
from hustings.projection.models import MODELS
from hustings.projection.shares import parse_shares

__all__ = [
    "MODELS",
    "BacktestReport",
    "BacktestRow",
    "CalibrationReport",
    "History",
    "ProjectionResult",
    "backtest",
    "calibration",
    "parse_shares",
    "project",
]
