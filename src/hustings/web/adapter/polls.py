"""The polling-average page's trend chart: the weekly average as SVG polylines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hustings.domain import PARTIES
from hustings.projection.average import PollAverage, PollTrend

__all__ = ["Line", "TrendChart", "trend_chart"]

WIDTH, HEIGHT = 720.0, 320.0
LEFT, RIGHT, TOP, BOTTOM = 44.0, 12.0, 12.0, 28.0


@dataclass(frozen=True)
class Line:
    """One party's weekly average as an SVG ``points`` string (None weeks break the line)."""

    party: str
    name: str
    colour: str
    points: tuple[str, ...]  # one string per unbroken run of weeks
    last: float | None


@dataclass(frozen=True)
class TrendChart:
    """A chart of the average's trend: lines, y gridlines (percent) and x labels (dates)."""

    width: float
    height: float
    lines: tuple[Line, ...]
    y_ticks: tuple[tuple[float, int], ...]  # (y position, percent)
    x_ticks: tuple[tuple[float, str], ...]  # (x position, label)
    first: date | None
    last: date | None


def trend_chart(trend: PollTrend, average: PollAverage) -> TrendChart:
    """The chart of ``trend``, parties in the order of the latest average."""
    top = max((v for vals in trend.shares.values() for v in vals if v is not None), default=0.5)
    ceiling = max(10, 10 * -(-int(100 * top) // 10))
    n = len(trend.dates)

    def x(i: int) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (i / (n - 1) if n > 1 else 0.5)

    def y(share: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - 100 * share / ceiling)

    lines = []
    for party in [p for p in average.shares if p in trend.shares]:
        runs: list[list[str]] = [[]]
        for i, v in enumerate(trend.shares[party]):
            if v is None:
                runs.append([])
            else:
                runs[-1].append(f"{x(i):.1f},{y(v):.1f}")
        known = PARTIES.get(party)
        values = [v for v in trend.shares[party] if v is not None]
        lines.append(
            Line(party, known.name if known else party, known.colour if known else "#888888",
                 tuple(" ".join(r) for r in runs if r), values[-1] if values else None)
        )  # fmt: skip
    y_ticks = tuple((y(p / 100), p) for p in range(0, ceiling + 1, 10))
    starts = [i for i in range(n) if i == 0 or trend.dates[i].month != trend.dates[i - 1].month]
    step = max(1, -(-len(starts) // 8))
    x_ticks = tuple((x(i), trend.dates[i].strftime("%b %Y")) for i in starts[::step])
    return TrendChart(WIDTH, HEIGHT, tuple(lines), y_ticks, x_ticks,
                      trend.dates[0] if n else None, trend.dates[-1] if n else None)  # fmt: skip
