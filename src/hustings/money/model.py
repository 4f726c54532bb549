"""The ledger's types: spending categories and scopes, donor kinds, amounts and dates parsed
exactly from text, and the items a campaign records."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeVar

from hustings.errors import HustingsError, InvalidInputError
from hustings.money.rules import Part, pounds_json


class Category(StrEnum):
    """The regulated campaign activities (PPERA 2000 Sch 8A), as the spending return groups them."""

    MATERIAL = "material"
    CANVASSING = "canvassing"
    TRANSPORT = "transport"
    RALLIES = "rallies"
    PRESS = "press"


CATEGORY_TITLES = {
    Category.MATERIAL: "Material made available to the public",
    Category.CANVASSING: "Canvassing and market research (including data and software)",
    Category.TRANSPORT: "Transport of people (volunteers, for publicity)",
    Category.RALLIES: "Public rallies and events",
    Category.PRESS: "Press conferences and media events",
}


def _key(text: str) -> str:
    """A name as compared: lower case, every run of other characters one underscore."""
    return re.sub(r"[^a-z]+", "_", text.strip().lower()).strip("_")


_CATEGORY_ALIASES = {
    "leaflets": "material",
    "leaflet": "material",
    "advertising": "material",
    "ads": "material",
    "market_research": "canvassing",
    "data": "canvassing",
    "software": "canvassing",
    "rally": "rallies",
    "events": "rallies",
    "event": "rallies",
    "media": "press",
    "material_to_the_public": "material",
    "canvassing_and_market_research": "canvassing",
    "transport_of_volunteers": "transport",
    "transport_of_people": "transport",
    "public_rallies": "rallies",
    "press_conferences": "press",
} | {_key(title): category.value for category, title in CATEGORY_TITLES.items()}


class Scope(StrEnum):
    """Where a spend had effect: one seat, a list of seats, one part of the UK, or the UK."""

    SEAT = "seat"
    SEATS = "seats"
    PART = "part"
    UK = "uk"


class ClaimStatus(StrEnum):
    """Where the claim for payment of an item stands, as the return states it (PPERA 2000
    s.96(2): payments made, disputed claims, unpaid claims)."""

    PAID = "paid"
    UNPAID = "unpaid"
    DISPUTED = "disputed"


class DonationPurpose(StrEnum):
    """Why a donation was given: only one given for the purpose of meeting regulated
    (controlled) spending is a relevant donation (PPERA 2000 Sch 11 para 1(4)), checked for
    permissibility and reported."""

    REGULATED = "regulated"
    OTHER = "other"


class DonorKind(StrEnum):
    """Who gave: the permissible kinds of donor, each with the evidence that shows it."""

    INDIVIDUAL = "individual"
    COMPANY = "company"
    TRADE_UNION = "trade_union"
    BUILDING_SOCIETY = "building_society"
    LLP = "llp"
    FRIENDLY_SOCIETY = "friendly_society"
    UNINCORPORATED = "unincorporated_association"
    PARTY = "registered_party"


EVIDENCE = {
    DonorKind.INDIVIDUAL: "electoral_register",
    DonorKind.COMPANY: "companies_house_uk_business",
    DonorKind.TRADE_UNION: "certification_officer_list",
    DonorKind.BUILDING_SOCIETY: "building_society_register",
    DonorKind.LLP: "companies_house_uk_business",
    DonorKind.FRIENDLY_SOCIETY: "mutuals_register",
    DonorKind.UNINCORPORATED: "uk_based_main_office",
    DonorKind.PARTY: "party_register",
}
"""The check that shows a donor of each kind is permissible (PPERA 2000 s.54(2))."""


_E = TypeVar("_E", bound=StrEnum)


def _named(kind: type[_E], text: str, aliases: dict[str, str], what: str) -> _E:
    """The member of ``kind`` named by ``text`` (case, spaces and punctuation aside) or by one
    of its ``aliases``; a one-line error listing the names otherwise."""
    key = _key(text)
    try:
        return kind(aliases.get(key, key))
    except ValueError:
        names = ", ".join(m.value for m in kind)
        raise InvalidInputError(f"no {what} '{text}'", hint=f"use one of: {names}") from None


def parse_category(text: str) -> Category:
    """A :class:`Category` from its name or a common synonym."""
    return _named(Category, text, _CATEGORY_ALIASES, "spending category")


def parse_donor_kind(text: str) -> DonorKind:
    """A :class:`DonorKind` from its name; a blank kind is an error."""
    if not _key(text):
        raise InvalidInputError(
            "the donor has no kind", hint="give individual, company, trade_union, ..."
        )
    aliases = {
        "person": "individual",
        "union": "trade_union",
        "unincorporated": "unincorporated_association",
    }
    return _named(DonorKind, text, aliases, "donor kind")


def parse_claim_status(text: str) -> ClaimStatus | None:
    """A :class:`ClaimStatus` from its name (blank is not recorded)."""
    if not _key(text):
        return None
    aliases = {
        "settled": "paid",
        "outstanding": "unpaid",
        "owed": "unpaid",
        "in_dispute": "disputed",
    }
    return _named(ClaimStatus, text, aliases, "claim status")


def parse_purpose(text: str) -> DonationPurpose:
    """A :class:`DonationPurpose` from its name (blank is regulated spending)."""
    aliases = {
        "": "regulated",
        "regulated_spending": "regulated",
        "controlled": "regulated",
        "controlled_expenditure": "regulated",
        "campaign": "regulated",
        "general": "other",
        "general_funds": "other",
    }
    return _named(DonationPurpose, text, aliases, "donation purpose")


MAX_POUNDS = 1_000_000_000
"""No one amount is larger than this (a billion pounds): a bigger figure is a typing error."""


def parse_pence(text: str, *, what: str = "amount", allow_zero: bool = False) -> int:
    """Pounds as written (``£1,234.50``, ``1234.5``) to exact integer pence."""
    cleaned = text.strip().replace(",", "").replace("£", "").replace("GBP", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidInputError(f"{what} '{text}' is not a number of pounds") from None
    if not value.is_finite():
        raise InvalidInputError(f"{what} '{text}' is not a number of pounds")
    if value < 0:
        raise InvalidInputError(f"{what} '{text}' is negative")
    if value > MAX_POUNDS:
        raise InvalidInputError(
            f"{what} '{text}' is more than GBP {MAX_POUNDS:,}", hint="check the figure"
        )
    if value == 0 and not allow_zero:
        raise InvalidInputError(f"{what} '{text}' is zero")
    pence = value * 100
    if pence != pence.to_integral_value():
        raise InvalidInputError(f"{what} '{text}' has fractions of a penny")
    return int(pence)


def parse_day(text: str, *, what: str = "date") -> date:
    """A date written YYYY-MM-DD (or DD/MM/YYYY)."""
    raw = text.strip()
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInputError(f"{what} '{text}' is not a date", hint="use YYYY-MM-DD") from None


def parse_flag(text: str, *, what: str) -> bool:
    """Yes/no in its common spellings (blank is no)."""
    key = text.strip().lower()
    if key in ("", "no", "n", "false", "0"):
        return False
    if key in ("yes", "y", "true", "1"):
        return True
    raise InvalidInputError(f"{what} '{text}' is not yes or no")


def money_json(value: Fraction | int) -> dict[str, Any]:
    """An exact amount as pounds (to the penny) and pence (rounded half up)."""
    pence = round_pence(value)
    return {"pounds": pounds_json(pence), "pence": pence}


def round_pence(value: Fraction | int) -> int:
    """An exact amount of pence rounded half up to a whole penny."""
    return int(Fraction(value) + Fraction(1, 2)) if value >= 0 else -round_pence(-value)


@dataclass(frozen=True)
class SpendItem:
    """One item of spending as recorded: what, when, how much, and where it had effect."""

    ref: str
    spent_on: date
    pence: int
    supplier: str
    category: Category
    description: str
    scope: Scope
    seats: tuple[str, ...] = ()
    part: Part | None = None
    candidate: str | None = None
    targeted_party: str | None = None
    notional: bool = False
    joint_plan: str | None = None
    paid_by: str | None = None
    invoice: str | None = None
    supplier_address: str | None = None
    claimed_on: date | None = None
    paid_on: date | None = None
    claim_status: ClaimStatus | None = None

    def __post_init__(self) -> None:
        self._check_payment()
        if self.scope in (Scope.SEAT, Scope.SEATS) and not self.seats:
            raise InvalidInputError(f"spend '{self.ref}' has no place of effect")
        if self.scope is Scope.PART and self.part is None:
            raise InvalidInputError(f"spend '{self.ref}' has no part of the UK")
        if self.candidate and len(self.seats) != 1:
            raise InvalidInputError(
                f"spend '{self.ref}' is for or against a named candidate but has effect in "
                f"{len(self.seats) or 'no single'} seat(s)",
                hint="a named candidate stands in one seat: give that seat alone",
            )
        if self.paid_by and not self.joint_plan:
            raise InvalidInputError(
                f"spend '{self.ref}' was paid by '{self.paid_by}' outside any joint plan",
                hint="a partner's spending counts only under a named joint plan",
            )

    def _check_payment(self) -> None:
        status = self.claim_status
        if self.notional and (status or self.paid_on or self.claimed_on):
            raise InvalidInputError(
                f"spend '{self.ref}' is notional but has a claim or payment",
                hint="notional spending is given, not paid: leave claim_status, claimed and "
                "paid blank",
            )
        if status is ClaimStatus.PAID and self.paid_on is None:
            raise InvalidInputError(
                f"spend '{self.ref}' is paid but has no date paid", hint="give the paid date"
            )
        if status in (ClaimStatus.UNPAID, ClaimStatus.DISPUTED) and self.paid_on is not None:
            raise InvalidInputError(
                f"spend '{self.ref}' is {status} but has a date paid",
                hint="a claim paid is 'paid'; leave the paid date blank until it is",
            )


def one_line(exc: Exception) -> str:
    """An error as one line (our errors with their hint)."""
    return exc.one_line() if isinstance(exc, HustingsError) else str(exc)


__all__ = [
    "CATEGORY_TITLES",
    "EVIDENCE",
    "Category",
    "ClaimStatus",
    "DonationPurpose",
    "DonorKind",
    "Scope",
    "SpendItem",
    "money_json",
    "one_line",
    "parse_category",
    "parse_claim_status",
    "parse_day",
    "parse_donor_kind",
    "parse_flag",
    "parse_pence",
    "parse_purpose",
    "round_pence",
]
