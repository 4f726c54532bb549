"""What history says about GB shares: each general election's actual shares, the average of its
final polls, and how far those polls were from the result."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from hustings.domain import GENERAL_ELECTIONS
from hustings.errors import NotFoundError

if TYPE_CHECKING:
    from hustings.data.api import PollTable, Store

# Polls report Conservative, Labour, Lib Dem, Green and the Reform lineage; the rest of a poll
# ("others") is split among these parties in proportion to their previous GB shares.
POLLED = ("CON", "LAB", "LD", "GRN", "RUK")
PREVIOUS = {"2015": "2010", "2017": "2015", "2019": "2017", "2024": "2019"}
POLL_YEARS = ("2015", "2017", "2019", "2024")
PRIOR_NATIONAL = 0.05  # the national error scale when no earlier final polls are known


def actual_shares(store: Store, year: str) -> dict[str, float]:
    """An election's GB shares."""
    _known_year(year)
    return {p: float(v) for p, v in store.national(year).gb_shares.items()}


def final_poll_shares(store: Store, year: str) -> dict[str, float]:
    """The average of the pollsters' final GB polls before ``year``'s election.

    The SNP's figure is the mean over the final polls that give one. Polls give no Plaid Cymru
    figure (and before 2017 none for the SNP): the rest of the vote is split among the parties
    not polled in proportion to the previous election's GB shares (known before polling day).
    """
    _known_year(year)
    table = store.polls()
    rows = np.array([f == year for f in table.final_poll_for])
    if not rows.any():
        raise NotFoundError(
            f"no final polls for {year}", hint="polls cover 2015, 2017, 2019 and 2024"
        )
    final = table.shares[rows]
    out = {
        p: float(np.nan_to_num(final[:, table.parties.index(p)]).mean())
        for p in POLLED
        if p in table.parties
    }
    total = float(np.nansum(final, axis=1).mean())
    out = {p: v / total for p, v in out.items()}
    snp = _late_snp(table, rows, store.election(year).date)
    if snp is not None:
        out["SNP"] = snp / total
    rest = max(0.0, 1.0 - sum(out.values()))
    previous = store.national(PREVIOUS[year]).gb_shares
    others = {p: float(v) for p, v in previous.items() if p not in out}
    pool = sum(others.values())
    for party, share in others.items():
        out[party] = rest * share / pool
    return out


SNP_DAYS = 21  # without an SNP figure in the final polls, the polls of these last days give it


def _late_snp(table: PollTable, final: npt.NDArray[np.bool_], day: date | None) -> float | None:
    """The SNP's GB share on the eve of polling ``day``: the mean over the final polls
    that give one or, when none does, over every poll giving one whose fieldwork ended in the
    ``SNP_DAYS`` before polling day (MRPs left out); None when no poll gives one."""
    if "SNP" not in table.parties:
        return None
    column = table.shares[:, table.parties.index("SNP")]
    given = ~np.isnan(column)
    rows = final & given
    if not rows.any() and day is not None:
        eve = np.datetime64(day)
        recent = (table.fieldwork_end < eve) & (table.fieldwork_end >= eve - SNP_DAYS)
        rows = recent & given & ~table.mrp
    return float(column[rows].mean()) if rows.any() else None


def _known_year(year: str) -> None:
    if year not in GENERAL_ELECTIONS or year == "2010":
        raise NotFoundError(
            f"no general election '{year}' to take shares from",
            hint="use final-polls-YEAR or actual-YEAR with YEAR in 2015, 2017, 2019, 2024",
        )


def poll_error_k(store: Store, years: tuple[str, ...]) -> float:
    """``k`` such that ``k * sqrt(actual)`` is the RMS final-poll error of the polled parties
    over ``years`` (:data:`PRIOR_NATIONAL` when none)."""
    squares = weights = 0.0
    for year in years:
        polls = final_poll_shares(store, year)
        actual = store.national(year).gb_shares
        for party in POLLED:
            squares += (polls[party] - actual.get(party, 0.0)) ** 2
            weights += actual.get(party, 0.0)
    return float(np.sqrt(squares / weights)) if weights else PRIOR_NATIONAL
