"""Back-test of tactical advice on 2024: our policies and the 2024 tactical sites, scored by
the same code on the actual result, with the seats where we and each site disagree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from hustings.errors import InvalidInputError
from hustings.projection import parse_shares
from hustings.tactics.advise import advise
from hustings.tactics.bloc import check_bloc
from hustings.tactics.board import load_board
from hustings.tactics.forecasts import Forecast, blend, resolve
from hustings.tactics.policies import POLICIES

if TYPE_CHECKING:
    from hustings.data.api import Store

NO_CALL = ("NONE", "TBC")
Calls = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Score:
    """How often a scorer's recommended party finished first or second, was the bloc's best
    placed, and won, over the GB seats where it named a party (either of a named pair)."""

    scorer: str
    kind: str
    seats: int
    first_or_second: float
    best_placed: float
    won: float
    no_call: int = 0
    undecided: int = 0

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form (rates as fractions)."""
        return asdict(self)


@dataclass(frozen=True)
class Disagreement:
    """A seat where our policy and a site named different parties, and who was right (the
    bloc's best-placed party in the actual result)."""

    site: str
    gss: str
    name: str
    ours: str
    theirs: str
    best_placed: str
    winner: str
    right: str

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return asdict(self)


@dataclass(frozen=True)
class Backtest:
    """Scores of every policy and site, head-to-head scores and the disagreements."""

    election: str
    base: str
    scenario: dict[str, float]
    scores: tuple[Score, ...]
    head_to_head: tuple[tuple[str, Score, Score], ...]
    disagreements: tuple[Disagreement, ...]
    forecasts: tuple[Forecast, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """``{election, base, scenario, forecasts, scores, head_to_head, disagreements}``."""
        return {
            "election": self.election,
            "base": self.base,
            "scenario": self.scenario,
            "forecasts": [f.to_json() for f in self.forecasts],
            "scores": [s.to_json() for s in self.scores],
            "head_to_head": [
                {"site": site, "ours": ours.to_json(), "theirs": theirs.to_json()}
                for site, ours, theirs in self.head_to_head
            ],
            "disagreements": [d.to_json() for d in self.disagreements],
        }

    def score(self, scorer: str) -> Score:
        """The score of one policy or site."""
        return next(s for s in self.scores if s.scorer == scorer)


@dataclass(frozen=True)
class Outcome:
    """The actual result per seat: top two, winner and the bloc's best placed."""

    names: dict[str, str]
    top_two: dict[str, tuple[str, str]]
    best_placed: dict[str, str]

    def score(self, scorer: str, kind: str, calls: Calls) -> Score:
        """Rates over the seats where ``calls`` name a party."""
        named = {g: c for g, c in calls.items() if c[0] not in NO_CALL and g in self.top_two}
        n = max(len(named), 1)

        def rate(hit: Any) -> float:
            return sum(1 for g, c in named.items() if any(hit(g, p) for p in c)) / n

        return Score(
            scorer, kind, len(named),
            rate(lambda g, p: p in self.top_two[g]),
            rate(lambda g, p: p == self.best_placed[g]),
            rate(lambda g, p: p == self.top_two[g][0]),
            sum(1 for g, c in calls.items() if c[0] == "NONE" and g in self.top_two),
            sum(1 for g, c in calls.items() if c[0] == "TBC" and g in self.top_two),
        )  # fmt: skip


def backtest(
    store: Store,
    *,
    election: str = "2024",
    base: str = "2019-notional",
    bloc: str | Sequence[str] = ("LAB", "LD", "GRN", "SNP", "PC"),
    against: str = "CON",
    shares: dict[str, float] | None = None,
    policies: Sequence[str] = tuple(POLICIES),
    ours: str = "projection",
    sims: int = 10_000,
    seed: int | None = 0,
    model: str = "uns",
    forecasts: Sequence[str] = (),
) -> Backtest:
    """Score ``policies`` (from ``base`` and the final polls) and the sites on ``election``;
    ``forecasts`` (stored names of ``election``'s published seat forecasts, or CSV files) are
    blended into the projection's win probabilities by the fixed equal-weight rule."""
    parties, opponent = check_bloc(bloc, against)
    _check_before(store, base, election)
    given = resolve(store, forecasts, election)
    if shares is None:
        shares = parse_shares(f"final-polls-{election}", store)
    board = load_board(store, base, shares, model=model, sims=sims, seed=seed, before=election)
    board = blend(board, given)
    outcome = actual_outcome(store, election, parties)
    ours_calls: dict[str, Calls] = {}
    for name in policies:
        advice = advise(
            store, base=base, bloc=parties, against=opponent, policy=name, sims=sims,
            seed=seed, board=board,
        )  # fmt: skip
        ours_calls[name] = {r.gss: (r.recommended,) for r in advice.rows}
    sites = site_calls(store, election)
    scores = [outcome.score(n, "policy", c) for n, c in ours_calls.items()]
    scores += [outcome.score(s, "site", c) for s, c in sites.items()]
    mine = ours_calls.get(ours, next(iter(ours_calls.values())))
    pairs = tuple(_head_to_head(outcome, site, mine, calls) for site, calls in sites.items())
    clashes = tuple(d for s, c in sites.items() for d in _disagreements(outcome, s, mine, c))
    return Backtest(election, base, dict(shares), tuple(scores), pairs, clashes, given)


def _check_before(store: Store, base: str, election: str) -> None:
    """Refuse a base that is not strictly before the election scored (it would know it)."""
    b, e = store.election(base), store.election(election)
    if b.date is None or e.date is None or b.date >= e.date:
        raise InvalidInputError(
            f"cannot back-test {e.id} from base {b.id}: the base must come before the election "
            "it is scored on",
            hint="use --base 2019-notional to score 2024",
            base=b.id,
            election=e.id,
        )


def actual_outcome(store: Store, election: str, bloc: tuple[str, ...]) -> Outcome:
    """Top two and the bloc's best-placed party in each GB seat of ``election``."""
    m = store.vote_matrix(election)
    order = np.argsort(-m.votes, axis=1, kind="stable")
    cols = [m.parties.index(p) for p in bloc if p in m.parties]
    best = np.array(cols)[m.votes[:, cols].argmax(axis=1)]
    return Outcome(
        dict(zip(m.gss, m.names, strict=True)),
        {g: (m.parties[order[i, 0]], m.parties[order[i, 1]]) for i, g in enumerate(m.gss)},
        {g: m.parties[best[i]] for i, g in enumerate(m.gss)},
    )


def site_calls(store: Store, election: str) -> dict[str, Calls]:
    """Each site's recommendation per seat: a party, a pair, ``NONE`` (any) or ``TBC``."""
    out: dict[str, Calls] = {}
    for site, gss, rec in store.tactical_calls(election):
        out.setdefault(site, {})[gss] = tuple(rec.split("/"))
    return out


def _head_to_head(
    outcome: Outcome, site: str, ours: Calls, theirs: Calls
) -> tuple[str, Score, Score]:
    called = {g for g, c in theirs.items() if c[0] not in NO_CALL}
    mine = {g: c for g, c in ours.items() if g in called}
    return site, outcome.score("ours", "policy", mine), outcome.score(site, "site", theirs)


def _disagreements(outcome: Outcome, site: str, ours: Calls, theirs: Calls) -> list[Disagreement]:
    found = []
    for gss, call in sorted(theirs.items()):
        mine = ours.get(gss)
        if mine is None or call[0] in NO_CALL or mine[0] in call:
            continue
        best = outcome.best_placed[gss]
        right = "ours" if mine[0] == best else ("theirs" if best in call else "neither")
        found.append(
            Disagreement(
                site,
                gss,
                outcome.names[gss],
                mine[0],
                "/".join(call),
                best,
                outcome.top_two[gss][0],
                right,
            )
        )
    return found
