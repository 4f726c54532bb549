"""Tactical advice, target lists and back-tests for the web, computed by their libraries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hustings.data.api import Store
from hustings.errors import InvalidInputError
from hustings.web.adapter.maps import DEFAULT_BASE, DEFAULT_SCENARIO
from hustings.web.adapter.projection import parse_scenario
from hustings.web.state import AppState

if TYPE_CHECKING:
    from hustings.projection.backtest import BacktestReport
    from hustings.tactics import TacticalAdvice
    from hustings.targets import TargetList

__all__ = [
    "DEFAULT_BLOC",
    "WEB_SIMS",
    "AdviceQuery",
    "TargetInputs",
    "advice_json",
    "advice_query",
    "backtest_report",
    "cached_targets",
    "canonical_region",
    "parse_swing",
    "regions",
    "scenario_key",
    "site_advice",
    "tactical",
    "target_inputs",
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


def advice_query(
    store: Store,
    base: str = DEFAULT_BASE,
    bloc: str = DEFAULT_BLOC,
    against: str = "CON",
    policy: str = "projection",
    shares: str | None = None,
) -> AdviceQuery:
    """A tactical question in canonical form (election id, sorted upper-case bloc, shares
    written out), so every spelling of one question shares one cache entry."""
    codes = sorted({c.strip().upper() for c in bloc.split(",") if c.strip()})
    text = None
    if shares and shares.strip():
        text = ",".join(
            f"{p}={round(100 * v, 4):g}" for p, v in sorted(parse_scenario(store, shares).items())
        )
    return AdviceQuery(store.election(base).id, ",".join(codes), against.strip().upper(),
                       policy, text)  # fmt: skip


def tactical(store: Store, query: AdviceQuery) -> TacticalAdvice:
    """Advice for every GB seat of the base for ``query``."""
    from hustings.tactics import advise

    shares = parse_scenario(store, query.shares or DEFAULT_SCENARIO)
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
    scenario: dict[str, float] | None,
    region: str | None,
    max_swing: float | None,
) -> TargetList:
    """A target list, filtered by region and by the swing needed (canonical inputs: see
    :func:`target_inputs`)."""
    from dataclasses import replace

    from hustings.targets import target_list

    found = target_list(
        store,
        party=party,
        base=base,
        shares=scenario,
        mode=mode,
        sims=WEB_SIMS if scenario else 0,
    )
    rows = [
        r
        for r in found.rows
        if (region is None or r.region == region)
        and (max_swing is None or r.swing_needed <= max_swing)
    ]
    return replace(found, rows=tuple(rows))


@dataclass(frozen=True)
class TargetInputs:
    """A target-list question in canonical form (election id, known region, parsed shares)."""

    party: str
    mode: str
    base: str
    boundary_set: str
    scenario_text: str | None
    scenario: dict[str, float] | None
    region: str | None
    max_swing: float | None

    def key(self) -> tuple[Any, ...]:
        """A cache key built from canonical values only."""
        return ("targets", self.party, self.mode, self.base, scenario_key(self.scenario),
                self.region, self.max_swing)  # fmt: skip


def target_inputs(
    store: Store,
    *,
    party: str,
    mode: str,
    base: str,
    shares: str | None,
    region: str | None,
    max_swing: str | float | None,
) -> TargetInputs:
    """Read a target-list question from user text; seats in jeopardy need a scenario, so they
    get :data:`DEFAULT_SCENARIO` when none is given."""
    election = store.election(base)
    text = (shares or "").strip() or (DEFAULT_SCENARIO if mode == "jeopardy" else None)
    swing = max_swing if isinstance(max_swing, float) else parse_swing(max_swing)
    return TargetInputs(
        party=party.strip().upper(),
        mode=mode,
        base=election.id,
        boundary_set=election.boundary_set,
        scenario_text=text,
        scenario=parse_scenario(store, text) if text else None,
        region=canonical_region(store, election.boundary_set, region),
        max_swing=swing,
    )


def cached_targets(st: AppState, q: TargetInputs) -> TargetList:
    """The target list for ``q``, from the app's bounded cache of recent questions."""

    def build() -> TargetList:
        return targets(st.store(), party=q.party, mode=q.mode, base=q.base,
                       scenario=q.scenario, region=q.region, max_swing=q.max_swing)  # fmt: skip

    return st.cached(q.key(), build, few=True)


def scenario_key(shares: dict[str, float] | None) -> tuple[tuple[str, float], ...] | None:
    """Shares as a hashable, order-free key (to 1/100 of a point)."""
    if shares is None:
        return None
    return tuple(sorted((p, round(v, 4)) for p, v in shares.items()))


SITES = {
    "stopthetories": "StopTheTories.vote",
    "tactical.vote": "tactical.vote",
    "tacticalvote.co.uk": "tacticalvote.co.uk",
}
"""The 2024 tactical-voting sites in the store, by their key there."""


def site_advice(store: Store) -> dict[str, list[tuple[str, str]]]:
    """What each 2024 tactical-voting site recommended in each seat, in words, by seat code."""
    from hustings.domain import PARTIES

    def words(code: str) -> str:
        if code == "NONE":
            return "no recommendation"
        if code == "TBC":
            return "not yet decided when the site was read"
        return " or ".join(PARTIES[c].name if c in PARTIES else c for c in code.split("/"))

    out: dict[str, list[tuple[str, str]]] = {}
    for site, gss, code in sorted(store.tactical_calls("2024"), key=lambda c: (c[1], c[0])):
        out.setdefault(gss, []).append((SITES.get(site, site), words(code)))
    return out


def regions(store: Store, boundary_set: str) -> list[str]:
    """The regions of one boundary set (the names changed between 2010 and 2024)."""
    return sorted({s.region for s in store.constituencies(boundary_set)})


def canonical_region(store: Store, boundary_set: str, text: str | None) -> str | None:
    """The region named by ``text`` (any case) on ``boundary_set``, or ``None`` for all."""
    if text is None or not text.strip():
        return None
    known = regions(store, boundary_set)
    for name in known:
        if name.lower() == text.strip().lower():
            return name
    raise InvalidInputError(
        f"there is no region called '{text.strip()}' on the {boundary_set} boundaries",
        hint="choose one of: " + ", ".join(known),
        region=text,
    )


def parse_swing(text: str | None) -> float | None:
    """A swing limit in points from a form field (empty means no limit)."""
    if text is None or not text.strip():
        return None
    try:
        value = float(text.strip())
    except ValueError:
        raise InvalidInputError(
            f"the largest swing '{text.strip()}' is not a number",
            hint="give a number of points such as 5, or leave the box empty for no limit",
        ) from None
    if not 0 <= value <= 100:
        raise InvalidInputError(
            f"the largest swing {value:g} is not between 0 and 100 points",
            hint="give a number of points such as 5, or leave the box empty for no limit",
        )
    return value


def backtest_report(store: Store) -> BacktestReport:
    """Our models' seat calls on every back-test election, beside the published forecasters'."""
    from hustings.projection.backtest import backtest

    return backtest(store, sims=0, forecasters=True)
