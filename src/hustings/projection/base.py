"""A base election as arrays, and the per-seat base and target area shares a swing model
moves between."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeAlias

import numpy as np
import numpy.typing as npt

from hustings.data.api import VoteMatrix
from hustings.domain import NOTIONAL_2019
from hustings.errors import InvalidInputError, NotFoundError
from hustings.projection.shares import check_shares, target_vector

if TYPE_CHECKING:
    from hustings.data.api import Store

Array = npt.NDArray[np.float64]


Base: TypeAlias = VoteMatrix
"""A base election: its GB seats' votes and shares as arrays."""


def load_base(store: Store, base: str) -> Base:
    """The base election's GB vote matrix."""
    election = store.election(base)
    if election.kind == "by-election":
        raise InvalidInputError(
            f"'{base}' is a by-election, not a base for projection",
            hint=f"use a general election (2010-2024) or {NOTIONAL_2019}",
        )
    return store.vote_matrix(election.id, gb_only=True)


def targets(
    b: Base,
    shares: Mapping[str, float] | None,
    by: Mapping[str, Mapping[str, float]] | None,
    *,
    normalise: bool = False,
) -> tuple[Array, Array, dict[str, float]]:
    """Per-seat base and target area shares, and the GB target as a dict."""
    gb_base = b.area_shares()
    base_area = np.tile(gb_base, (len(b.gss), 1))
    if shares is not None:
        gb_target = target_vector(
            check_shares(shares, normalise=normalise), b.parties, gb_base, b.election
        )
    else:
        gb_target = gb_base.copy()
    target_area = np.tile(gb_target, (len(b.gss), 1))
    if shares is not None:
        _nation_parties(b, gb_base, gb_target, base_area, target_area, by or {})
    for area, area_shares in (by or {}).items():
        rows = b.rows_in(area)
        if not rows.any():
            known = sorted(set(b.nations) | set(b.regions))
            raise NotFoundError(
                f"no nation or region '{area}'", hint="known: " + ", ".join(known), area=area
            )
        local = b.area_shares(rows)
        base_area[rows] = local
        target_area[rows] = target_vector(
            check_shares(area_shares, normalise=normalise), b.parties, local, b.election
        )
    return base_area, target_area, dict(zip(b.parties, (float(v) for v in gb_target), strict=True))


GB_WIDE = frozenset({"CON", "LAB", "LD", "GRN", "RUK"})
NATION_ONLY = {"SNP": "Scotland", "PC": "Wales"}


def _nation_parties(b: Base, gb_base: Array, gb_target: Array, base_area: Array,
                    target_area: Array, by: Mapping[str, object]) -> None:  # fmt: skip
    """Turn a GB share of the SNP or Plaid Cymru into a share of its own nation's vote (the
    nation's part of the GB vote as at the base), in that nation's seats unless ``by`` sets
    them; a share the nation's whole vote cannot reach is refused."""
    for party, nation in NATION_ONLY.items():
        if party not in b.parties or nation in by:
            continue
        j = b.parties.index(party)
        rows = np.array([n == nation for n in b.nations])
        if not rows.any() or any(b.regions[i] in by for i in np.flatnonzero(rows)):
            continue
        part = float(b.votes[rows].sum() / b.votes.sum())
        wanted = float(gb_target[j]) / part
        if wanted > 1.0 + 1e-9:
            raise InvalidInputError(
                f"{party} on {100 * gb_target[j]:.1f}% of the GB vote would need "
                f"{100 * wanted:.0f}% of the vote in {nation} ({100 * part:.1f}% of GB votes)",
                hint=f"{party} stands only in {nation}: give at most {100 * part:.1f}% of GB, "
                f"or give {nation}'s own shares with --by",
                party=party,
            )
        base_area[rows, j] = b.area_shares(rows)[j]
        target_area[rows, j] = wanted


def can_win(stands: npt.NDArray[np.bool_] | None, target_area: Array) -> npt.NDArray[np.bool_]:
    """Where a party may have votes: where it stands and its area target is above zero."""
    above = np.asarray(target_area > 0)
    return above if stands is None else np.asarray(stands & above)


def stands(b: Base) -> npt.NDArray[np.bool_]:
    """Where each party can be projected to have votes: GB-wide parties everywhere, the SNP
    and Plaid Cymru in their nation, everyone else (the Speaker, independents, others) only
    where they stood at the base election."""
    nations = np.array(b.nations)
    columns = []
    for j, party in enumerate(b.parties):
        if party in GB_WIDE:
            columns.append(np.ones(len(b.gss), dtype=bool))
        elif party in NATION_ONLY:
            columns.append(nations == NATION_ONLY[party])
        else:
            columns.append(b.votes[:, j] > 0)
    return np.stack(columns, axis=1)


def aligned_actual(store: Store, b: Base, target: str) -> Array:
    """The target election's shares in the base's seats and party columns (others pooled)."""
    vm = store.vote_matrix(target, gb_only=True)
    if vm.gss != b.gss:
        raise InvalidInputError(f"{b.election} and {target} are on different boundaries",
                                hint="pair elections on the same boundary set")  # fmt: skip
    out = np.zeros_like(b.shares)
    shares = vm.shares
    other = b.parties.index("OTH")
    for j, party in enumerate(vm.parties):
        out[:, b.parties.index(party) if party in b.parties else other] += shares[:, j]
    return out
