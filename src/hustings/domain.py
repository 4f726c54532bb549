"""Domain types shared across capabilities: elections, seats, parties and results, and the
field operation's household contact records (which the storage layer keeps).

Party codes are canonical across elections: ``LAB`` covers Labour and Labour Co-operative;
``RUK`` is the UKIP -> Brexit Party -> Reform UK lineage (UKIP up to 2017, the Brexit Party in
2019, Reform UK from 2021; UKIP after 2017 is ``OTH``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")
GB_NATIONS = ("England", "Scotland", "Wales")
BOUNDARY_SETS = ("2010", "2024")
GENERAL_ELECTIONS = ("2010", "2015", "2017", "2019", "2024")
NOTIONAL_2019 = "2019-notional"


@dataclass(frozen=True)
class Party:
    """A canonical party: code, display name, colour and the lineage it belongs to."""

    code: str
    name: str
    colour: str
    lineage: str | None = None


PARTIES: dict[str, Party] = {
    p.code: p
    for p in (
        Party("CON", "Conservative", "#0087DC"),
        Party("LAB", "Labour", "#E4003B"),
        Party("LD", "Liberal Democrat", "#FAA61A"),
        Party("SNP", "Scottish National Party", "#FDF38E"),
        Party("PC", "Plaid Cymru", "#005B54"),
        Party("GRN", "Green", "#02A95B"),
        Party("RUK", "Reform UK", "#12B6CF", "UKIP (to 2017) -> Brexit Party (2019) -> Reform UK"),
        Party("DUP", "Democratic Unionist Party", "#D46A4C"),
        Party("SF", "Sinn Féin", "#326760"),
        Party("SDLP", "Social Democratic and Labour Party", "#2AA82C"),
        Party("UUP", "Ulster Unionist Party", "#48A5EE"),
        Party("APNI", "Alliance", "#F6CB2F"),
        Party("TUV", "Traditional Unionist Voice", "#0C3A6A"),
        Party("SPK", "Speaker", "#909090"),
        Party("IND", "Independent", "#DDDDDD"),
        Party("OTH", "Other", "#AAAAAA"),
    )
}

# Labels seen in the sources (abbreviations and names), lower-cased, to canonical codes.
_ALIASES: dict[str, str] = {
    "con": "CON", "conservative": "CON", "conservative and unionist party": "CON",
    "lab": "LAB", "labour": "LAB", "lab co-op": "LAB", "labour and co-operative": "LAB",
    "labour co-operative": "LAB", "labour and co-operative party": "LAB", "lab coop": "LAB",
    "ld": "LD", "lib dem": "LD", "lib dems": "LD", "liberal democrat": "LD",
    "liberal democrats": "LD", "others": "OTH", "other": "OTH",
    "snp": "SNP", "scottish national party": "SNP",
    "pc": "PC", "plaid cymru": "PC", "plaid cymru - the party of wales": "PC",
    "grn": "GRN", "green": "GRN", "green party": "GRN", "scottish green": "GRN",
    "scottish green party": "GRN", "greens": "GRN",
    "ruk": "RUK", "reform uk": "RUK", "brexit": "RUK", "brx": "RUK",
    "brexit party": "RUK", "the brexit party": "RUK",
    "dup": "DUP", "democratic unionist party": "DUP",
    "sf": "SF", "sinn fein": "SF", "sinn féin": "SF",
    "sdlp": "SDLP", "social democratic and labour party": "SDLP",
    "uup": "UUP", "ulster unionist party": "UUP", "ucunf": "UUP",
    "apni": "APNI", "alliance": "APNI", "alliance party": "APNI",
    "tuv": "TUV", "traditional unionist voice": "TUV",
    "spk": "SPK", "speaker": "SPK", "the speaker": "SPK", "green party of england and wales": "GRN",
    "ind": "IND", "independent": "IND",
}  # fmt: skip

_IND_NUMBERED = re.compile(r"^ind\s*\d+$")


def canonical_party(label: str, election: str | None = None) -> str:
    """The canonical code for a party label as written in a source, for ``election``.

    UKIP belongs to the Reform UK lineage up to 2017 and is ``OTH`` afterwards; numbered
    independents (``Ind1``) are ``IND``; anything unknown is ``OTH``.
    """
    key = " ".join(label.strip().lower().split())
    if key in ("ukip", "uk independence party"):
        return "RUK" if year_of(election) <= 2017 else "OTH"
    if key == "reform":
        return "RUK" if year_of(election) >= 2021 else "OTH"
    if _IND_NUMBERED.match(key):
        return "IND"
    return _ALIASES.get(key, "OTH")


def year_of(election: str | None) -> int:
    """The year an election id refers to (``'2019-notional'`` -> 2019; unknown -> 2017)."""
    if election and election[:4].isdigit():
        return int(election[:4])
    if election and election.startswith("by-") and election[3:7].isdigit():
        return int(election[3:7])
    return 2017


def party_aliases() -> list[tuple[str, str]]:
    """Every known alias with its canonical code (for the ``party_aliases`` table)."""
    rows = sorted(_ALIASES.items())
    rows += [("ukip", "RUK"), ("uk independence party", "RUK")]
    return rows


@dataclass(frozen=True)
class Election:
    """A general election, a notional result or a by-election."""

    id: str
    kind: str
    boundary_set: str
    label: str
    date: date | None = None


@dataclass(frozen=True)
class Constituency:
    """A Westminster constituency on one boundary set."""

    gss: str
    name: str
    nation: str
    region: str
    boundary_set: str
    seat_type: str | None = None


@dataclass(frozen=True)
class CandidateResult:
    """One candidate's (or, where only party totals exist, one party's) result in a seat."""

    party: str
    party_name: str
    votes: int
    share: float
    elected: bool
    candidate: str | None = None


@dataclass(frozen=True)
class SeatResult:
    """A seat's result in one election, candidates in descending order of votes."""

    election: str
    gss: str
    name: str
    winner: str
    majority: int
    valid_votes: int
    electorate: int | None
    turnout: float | None
    candidates: tuple[CandidateResult, ...] = field(default_factory=tuple)

    @property
    def majority_share(self) -> float:
        """Majority as a fraction of valid votes."""
        return self.majority / self.valid_votes if self.valid_votes else 0.0


class Channel(StrEnum):
    """How the household was reached."""

    DOOR = "door"
    PHONE = "phone"
    LEAFLET = "leaflet"


class Outcome(StrEnum):
    """What happened, household-level only (no individual's voting intention)."""

    ANSWERED = "answered"
    SPOKE = "spoke"
    NOT_IN = "not_in"
    REFUSED = "refused"
    MOVED = "moved"
    POSTER = "poster"
    LEAFLET = "leaflet"


SPOKEN = frozenset({Outcome.ANSWERED, Outcome.SPOKE})
"""Outcomes that count as having spoken to someone in the household."""


@dataclass(frozen=True)
class ContactRecord:
    """One thing that happened at one household, with the id the device made for it."""

    id: str
    household: str
    outcome: Outcome
    at: datetime
    channel: Channel = Channel.DOOR

    def same_as(self, other: ContactRecord) -> bool:
        """Whether two records with one id say the same thing (a replay, not a conflict)."""
        return (
            self.household == other.household
            and self.outcome is other.outcome
            and self.channel is other.channel
            and self.at == other.at
        )
