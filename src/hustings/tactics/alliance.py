"""Alliance (stand-down) simulation: which party stands down where, where its voters go, and
what that does to each seat, with a sensitivity table over the transfer rates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from hustings.errors import InvalidInputError
from hustings.tactics.bloc import ABSTAIN, parse_parties, party_code
from hustings.tactics.board import Board, load_board
from hustings.tactics.transfers import DEFAULT_TRANSFERS, Transfers, check_transfers
from hustings.tactics.uncertainty import NATIONAL_SD, SEAT_SD

if TYPE_CHECKING:
    from hustings.data.api import Store

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
FACTORS = (0.0, 0.25, 0.5, 0.75, 1.0)
_WHERE = re.compile(r"^all-where-(.+)-best$", re.IGNORECASE)


@dataclass(frozen=True)
class StandDown:
    """A party standing down in a set of seats (``rule`` says how they were chosen)."""

    party: str
    rule: str
    seats: tuple[str, ...]


@dataclass(frozen=True)
class SeatChange:
    """A seat whose winner changes; ``probability`` is the simulated chance it does."""

    gss: str
    name: str
    before: str
    after: str
    probability: float | None

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return asdict(self)


@dataclass(frozen=True)
class SensitivityRow:
    """Seats changing hands and net change when every transfer rate is scaled by ``factor``."""

    factor: float
    changed: int
    net: dict[str, int]


@dataclass(frozen=True)
class AllianceResult:
    """The outcome of a stand-down scenario."""

    base: str
    scenario: dict[str, float] | None
    stand_downs: tuple[StandDown, ...]
    transfers: Transfers
    changes: tuple[SeatChange, ...]
    seats_before: dict[str, int]
    seats_after: dict[str, int]
    net: dict[str, int]
    sensitivity: tuple[SensitivityRow, ...]
    expected_net: dict[str, float] | None = None

    def to_json(self) -> dict[str, Any]:
        """``{base, scenario, stand_downs, transfers, changes, seats_before, seats_after, net,
        expected_net, sensitivity}``."""
        return {
            "base": self.base,
            "scenario": self.scenario,
            "stand_downs": [
                {"party": s.party, "rule": s.rule, "seats": len(s.seats)} for s in self.stand_downs
            ],
            "transfers": self.transfers,
            "changes": [c.to_json() for c in self.changes],
            "seats_before": self.seats_before,
            "seats_after": self.seats_after,
            "net": self.net,
            "expected_net": self.expected_net,
            "sensitivity": [asdict(r) for r in self.sensitivity],
        }


def simulate_alliance(
    store: Store,
    *,
    base: str = "2024",
    stand_down: Sequence[str],
    transfers: Transfers | None = None,
    shares: dict[str, float] | None = None,
    sims: int = 0,
    seed: int | None = 0,
    model: str = "uns",
    board: Board | None = None,
) -> AllianceResult:
    """Play out ``stand_down`` specs (``GRN:all``, ``GRN:all-where-LAB-or-LD-best``,
    ``LD:E14001063,E14001064``) with ``transfers`` (defaults where not given)."""
    if board is None:
        board = load_board(store, base, shares, model=model, sims=0, seed=seed)
    specs = tuple(parse_stand_down(board, s) for s in stand_down)
    rates = check_transfers({**DEFAULT_TRANSFERS, **(transfers or {})})
    for spec in specs:
        if spec.party not in rates:
            raise InvalidInputError(
                f"no transfer rates for {spec.party}",
                hint=f'give them with --transfers FILE, e.g. {{"{spec.party}": {{"LAB": 0.4}}}}',
            )
    board = board.with_parties(tuple(d for r in rates.values() for d in r if d != ABSTAIN))
    before = board.shares
    after = apply_transfers(board, specs, rates)
    changes = _changes(board, before, after, sims, seed)
    wb, wa = before.argmax(axis=1), after.argmax(axis=1)
    table = tuple(_sensitivity(board, specs, rates, f) for f in FACTORS)
    expected = None if sims <= 0 else _expected_net(board, before, after, sims, seed)
    return AllianceResult(
        board.base, board.scenario, specs, {s.party: rates[s.party] for s in specs}, changes,
        _totals(board, wb), _totals(board, wa), _net(board, wb, wa), table, expected,
    )  # fmt: skip


def parse_stand_down(board: Board, spec: str) -> StandDown:
    """One ``PARTY:RULE`` spec resolved to the seats where the party stands down."""
    if ":" not in spec:
        raise InvalidInputError(
            f"cannot read stand-down '{spec}'",
            hint="write PARTY:all, PARTY:all-where-LAB-or-LD-best or PARTY:GSS,GSS",
        )
    head, rule = spec.split(":", 1)
    party = party_code(head, what="stood-down party")
    j = board.column(party)
    stands = board.base_shares[:, j] > 0 if j is not None else np.zeros(len(board.gss), bool)
    match = _WHERE.match(rule.strip())
    if rule.strip().lower() == "all":
        chosen = stands
    elif match:
        chosen = stands & _others_best(board, party, match.group(1))
    else:
        chosen = _listed(board, party, rule, stands)
    return StandDown(
        party, rule.strip(), tuple(g for g, c in zip(board.gss, chosen, strict=True) if c)
    )


def _others_best(board: Board, party: str, names: str) -> Mask:
    others = parse_parties(names.replace("-or-", ",").replace("-", ","), what="party in the rule")
    group = [board.column(p) for p in (party, *others)]
    cols = [c for c in group if c is not None]
    best = np.array(cols)[board.shares[:, cols].argmax(axis=1)]
    return np.asarray(best != board.column(party))


def _listed(board: Board, party: str, rule: str, stands: Mask) -> Mask:
    index = {g.upper(): i for i, g in enumerate(board.gss)}
    index.update({n.upper(): i for i, n in enumerate(board.names)})
    chosen = np.zeros(len(board.gss), dtype=bool)
    for item in filter(None, (s.strip() for s in rule.split(","))):
        i = index.get(item.upper())
        if i is None:
            raise InvalidInputError(
                f"no seat '{item}' in {board.base}", hint="give GSS codes or exact seat names"
            )
        if not stands[i]:
            raise InvalidInputError(
                f"{party} does not contest {board.names[i]} ({board.gss[i]}) in {board.base}",
                hint=f"drop that seat from the {party} stand-down list",
                party=party,
                seat=board.gss[i],
            )
        chosen[i] = True
    return chosen


def apply_transfers(
    board: Board, specs: Sequence[StandDown], rates: Transfers, factor: float = 1.0
) -> Array:
    """Seat shares after the stand-downs (abstainers leave the count; rows re-normalised)."""
    shares = board.shares.copy()
    moved = np.zeros((len(specs), len(board.gss)))
    masks = []
    for k, spec in enumerate(specs):
        mask = np.isin(np.array(board.gss), spec.seats)
        j = board.parties.index(spec.party)
        moved[k] = np.where(mask, shares[:, j], 0.0)
        masks.append((mask, j))
    for mask, j in masks:
        shares[mask, j] = 0.0
    for k, spec in enumerate(specs):
        shares += _receive(board, shares, moved[k], rates[spec.party], factor)
    total = shares.sum(axis=1, keepdims=True)
    return np.asarray(shares / np.where(total > 0, total, 1.0))


def _receive(
    board: Board, shares: Array, moved: Array, rates: dict[str, float], factor: float
) -> Array:
    """Shares gained from ``moved``: listed rates to standing parties, the unlisted rest pro
    rata; ``factor`` of the voters follow the matrix and the others abstain."""
    gain = np.zeros_like(shares)
    placed = np.zeros(len(shares))
    for dest, rate in rates.items():
        if dest == ABSTAIN:
            placed += rate
            continue
        j = board.parties.index(dest)
        r = np.where(shares[:, j] > 0, rate, 0.0)
        gain[:, j] += r * moved
        placed += r
    rest = np.clip(1.0 - placed, 0.0, 1.0) * moved
    weight = shares / np.maximum(shares.sum(axis=1, keepdims=True), 1e-12)
    return np.asarray(factor * (gain + weight * rest[:, None]), dtype=float)


def _changes(
    board: Board, before: Array, after: Array, sims: int, seed: int | None
) -> tuple[SeatChange, ...]:
    wb, wa = before.argmax(axis=1), after.argmax(axis=1)
    rows = np.flatnonzero(wb != wa)
    prob = _change_probability(before, after, rows, sims, seed) if sims > 0 else None
    return tuple(
        SeatChange(
            board.gss[i],
            board.names[i],
            board.parties[wb[i]],
            board.parties[wa[i]],
            None if prob is None else float(prob[k]),
        )
        for k, i in enumerate(rows)
    )


def _change_probability(
    before: Array, after: Array, rows: npt.NDArray[np.intp], sims: int, seed: int | None
) -> Array:
    rng = np.random.default_rng(seed)
    sd = np.sqrt(SEAT_SD**2 + NATIONAL_SD**2)
    hits = np.zeros(len(rows))
    step = max(1, 2_000_000 // max(len(rows) * before.shape[1], 1))
    done = 0
    while done < sims and rows.size:
        n = min(step, sims - done)
        noise = sd * rng.normal(0.0, 1.0, size=(n, len(rows), before.shape[1]))
        b = np.where(before[rows] > 0, before[rows] + noise, -np.inf).argmax(axis=2)
        a = np.where(after[rows] > 0, after[rows] + noise, -np.inf).argmax(axis=2)
        hits += (a != b).sum(axis=0)
        done += n
    return np.asarray(hits / max(sims, 1), dtype=float)


def _expected_net(
    board: Board, before: Array, after: Array, sims: int, seed: int | None
) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    changed = np.flatnonzero(np.abs(after - before).sum(axis=1) > 1e-12)
    net = np.zeros(len(board.parties))
    step = max(1, 2_000_000 // max(len(changed) * len(board.parties), 1))
    done = 0
    while done < sims and changed.size:
        n = min(step, sims - done)
        noise = rng.normal(0.0, 1.0, size=(n, len(changed), len(board.parties)))
        sd = np.sqrt(SEAT_SD**2 + NATIONAL_SD**2)
        for shares, sign in ((before, -1.0), (after, 1.0)):
            top = np.where(shares[changed] > 0, shares[changed] + sd * noise, -np.inf).argmax(
                axis=2
            )
            net += sign * np.bincount(top.ravel(), minlength=len(board.parties))
        done += n
    return {
        p: round(float(v / sims), 2) for p, v in zip(board.parties, net, strict=True) if abs(v) > 0
    }


def _sensitivity(
    board: Board, specs: Sequence[StandDown], rates: Transfers, factor: float
) -> SensitivityRow:
    wb = board.shares.argmax(axis=1)
    wa = apply_transfers(board, specs, rates, factor).argmax(axis=1)
    return SensitivityRow(factor, int((wb != wa).sum()), _net(board, wb, wa))


def _totals(board: Board, winners: npt.NDArray[np.intp]) -> dict[str, int]:
    counts = np.bincount(winners, minlength=len(board.parties))
    order = np.argsort(-counts, kind="stable")
    return {board.parties[j]: int(counts[j]) for j in order if counts[j]}


def _net(board: Board, wb: npt.NDArray[np.intp], wa: npt.NDArray[np.intp]) -> dict[str, int]:
    n = len(board.parties)
    delta = np.bincount(wa, minlength=n) - np.bincount(wb, minlength=n)
    return {board.parties[j]: int(delta[j]) for j in np.argsort(-delta, kind="stable") if delta[j]}
