"""Party names as they stood at each election (UKIP in 2015 was not yet Reform UK)."""

from __future__ import annotations

import re

from hustings.data.api import Store
from hustings.domain import PARTIES, CandidateResult

__all__ = ["all_party_names", "candidate_party", "election_party_names"]

_INDEPENDENT = re.compile(r"^\s*ind(ependent)?\s*\d*\s*$", re.IGNORECASE)


def election_party_names(store: Store, election: str) -> dict[str, str]:
    """Display names of every party code at ``election``: a party of a lineage (UKIP, the
    Brexit Party, Reform UK) takes the name its candidates stood under; a notional result
    takes the names of the election it re-draws."""
    e = store.election(election)
    source = e.id
    if e.kind == "notional":
        same_day = [
            x.id for x in store.elections.values() if x.kind == "general" and x.date == e.date
        ]
        source = same_day[0] if same_day else e.id
    names = {code: p.name for code, p in PARTIES.items()}
    lineage = [code for code, p in PARTIES.items() if p.lineage]
    if lineage:
        seen: set[str] = set()
        for code, name in store.party_names_used(source, lineage):
            if code not in seen and name:
                names[code] = name
                seen.add(code)
    return names


def all_party_names(store: Store) -> dict[str, dict[str, str]]:
    """:func:`election_party_names` of every election, by election id."""
    return {e: election_party_names(store, e) for e in store.elections}


def candidate_party(c: CandidateResult, names: dict[str, str]) -> str:
    """The party a candidate stood for, in words (never a file's code such as "Ind1")."""
    text = (c.party_name or "").strip()
    if not text or _INDEPENDENT.match(text):
        return "Independent" if c.party == "IND" or text else names.get(c.party, c.party)
    return text
