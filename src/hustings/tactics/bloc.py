"""Blocs of parties: validation of user-named parties and the names voters know them by."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hustings.domain import PARTIES
from hustings.errors import InvalidInputError

# How a sentence names a party ("the Lib Dems were second here").
SPOKEN: dict[str, str] = {
    "CON": "the Conservatives",
    "LAB": "Labour",
    "LD": "the Lib Dems",
    "SNP": "the SNP",
    "PC": "Plaid Cymru",
    "GRN": "the Greens",
    "RUK": "Reform UK",
    "SPK": "the Speaker",
    "IND": "an independent",
    "OTH": "another candidate",
}

ABSTAIN = "ABSTAIN"


def spoken(party: str, *, capital: bool = False) -> str:
    """A party's name as a sentence uses it, optionally capitalised to open a sentence."""
    name = SPOKEN.get(party, PARTIES[party].name if party in PARTIES else party)
    return name[0].upper() + name[1:] if capital else name


def party_code(label: str, *, what: str = "party") -> str:
    """The canonical code for a user-typed party (code or name), or an InvalidInputError."""
    key = label.strip()
    if key.upper() in PARTIES:
        return key.upper()
    from hustings.domain import canonical_party

    code = canonical_party(key, "2024")
    if code == "OTH" and key.lower() not in ("oth", "other"):
        raise InvalidInputError(
            f"unknown {what} '{label}'",
            hint="use party codes such as " + ", ".join(c for c in PARTIES if c != "SPK"),
            party=label,
        )
    return code


def parse_parties(value: str | Sequence[str], *, what: str = "party") -> tuple[str, ...]:
    """Party codes from ``"LAB,LD"`` or a sequence, de-duplicated in order."""
    items: Iterable[str] = value.split(",") if isinstance(value, str) else value
    codes: list[str] = []
    for item in items:
        if not item.strip():
            continue
        code = party_code(item, what=what)
        if code not in codes:
            codes.append(code)
    if not codes:
        raise InvalidInputError(f"no {what} given", hint="name at least one party, e.g. LAB,LD")
    return tuple(codes)


def check_bloc(bloc: str | Sequence[str], against: str) -> tuple[tuple[str, ...], str]:
    """Validated bloc and opponent codes; a party may not be on both sides."""
    parties = parse_parties(bloc, what="party in the bloc")
    opponent = party_code(against, what="opponent party")
    if opponent in parties:
        raise InvalidInputError(
            f"party '{opponent}' is both in the bloc and the opponent",
            hint=f"remove {opponent} from --bloc or choose another --against",
            party=opponent,
        )
    return parties, opponent
