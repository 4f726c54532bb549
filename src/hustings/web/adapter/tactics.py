"""Tactical advice, target lists and back-tests for the web, computed by their libraries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hustings.data.api import Store
from hustings.errors import InvalidInputError
from hustings.web.adapter.maps import DEFAULT_BASE
from hustings.web.adapter.projection import parse_scenario

if TYPE_CHECKING:
    from hustings.projection.backtest import BacktestReport
    from hustings.tactics import TacticalAdvice
    from hustings.targets import TargetList

__all__ = [
    "DEFAULT_BLOC",
    "WEB_SIMS",
    "AdviceQuery",
    "advice_json",
    "backtest_report",
    "check_positive_swing",
    "tactical",
    "targets",
]

WEB_SIMS = 1000
"""Monte Carlo runs behind a web answer (the library's default is for offline work)."""
DEFAULT_BLOC = "LAB,LD,GRN,SNP,PC"


@dataclass(frozen=True)
class AdviceQuery:
    """A tactical question: which bloc, against whom, from which base and scenario."""

    base: str = DEFAULT_BASE
    bloc: str = DEFAULT_BLOC
    against: str = "CON"
    policy: str = "projection"
    shares: str | None = None

    def key(self) -> tuple[Any, ...]:
        """A cache key."""
        return ("advice", self.base, self.bloc.upper(), self.against.upper(), self.policy,
                self.shares)  # fmt: skip

    def params(self) -> dict[str, str]:
        """The query as URL parameters."""
        out = {"base": self.base, "bloc": self.bloc, "against": self.against}
        out["policy"] = self.policy
        if self.shares:
            out["shares"] = self.shares
        return out


def tactical(store: Store, query: AdviceQuery) -> TacticalAdvice:
    """Advice for every GB seat of the base for ``query``."""
    from hustings.tactics import advise

    shares = parse_scenario(store, query.shares) if query.shares else None
    return advise(
        store,
        base=store.election(query.base).id,
        bloc=query.bloc,
        against=query.against,
        shares=shares,
        policy=query.policy,
        sims=WEB_SIMS,
        seed=0,
    )


def advice_json(advice: TacticalAdvice) -> dict[str, Any]:
    """The advice with the question it answers."""
    return {
        "base": advice.base,
        "bloc": list(advice.bloc),
        "against": advice.against,
        "policy": advice.policy,
        "scenario": advice.scenario,
        "sims": advice.sims,
        "summary": advice.summary(),
        "rows": advice.to_json(),
    }


def targets(
    store: Store,
    *,
    party: str,
    mode: str,
    base: str,
    shares: str | None,
    region: str | None,
    max_swing: float | None,
) -> TargetList:
    """A target list, filtered by region and by the swing needed."""
    from dataclasses import replace

    from hustings.targets import target_list

    scenario = parse_scenario(store, shares) if shares else None
    found = target_list(
        store,
        party=party.upper(),
        base=store.election(base).id,
        shares=scenario,
        mode=mode,
        sims=WEB_SIMS if scenario else 0,
    )
    rows = [
        r
        for r in found.rows
        if (region is None or r.region.lower() == region.lower())
        and (max_swing is None or r.swing_needed <= max_swing)
    ]
    return replace(found, rows=tuple(rows))


def backtest_report(store: Store) -> BacktestReport:
    """Our models' seat calls on every back-test election, beside the published forecasters'."""
    from hustings.projection.backtest import backtest

    return backtest(store, sims=0, forecasters=True)


def check_positive_swing(value: float | None) -> float | None:
    """A swing limit in points, or an error when it is negative."""
    if value is not None and value < 0:
        raise InvalidInputError(f"max swing is {value}, below zero", hint="give points >= 0")
    return value
