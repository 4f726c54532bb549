"""The UK rules on campaign money as one dated table: every figure with its source.

A :class:`Rule` binds one kind of campaigner between two dates (inclusive), optionally in one
part of the UK. Amounts are integer pence. The table starts with the regulated period of the
2017 general election; :func:`rules_in_force` answers which rules applied on a given day.
The figures the Act derives from others (the non-party limits are percentages of the party
limits) are stored as published and checked against their formula by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from hustings.errors import InvalidInputError

TABLE_STARTS = date(2016, 6, 9)
"""The first day the table covers: the start of the 2017 general election's regulated period."""

NEW_LIMITS = date(2024, 1, 1)
"""The day SI 2023/1235 raised the party and candidate limits (and so the non-party limits)."""

REGULATED_DAYS = 365


class Campaigner(StrEnum):
    """Who a rule binds."""

    NON_PARTY = "non_party"
    CANDIDATE = "candidate"
    PARTY = "party"


class Part(StrEnum):
    """A part of the UK, as the Acts divide spending (the store's nation names)."""

    ENGLAND = "England"
    SCOTLAND = "Scotland"
    WALES = "Wales"
    NORTHERN_IRELAND = "Northern Ireland"


@dataclass(frozen=True)
class Rule:
    """One legal figure: what it limits, for whom, where, between which dates, and why."""

    key: str
    campaigner: Campaigner
    pence: int
    valid_from: date
    valid_to: date | None
    source: str
    part: Part | None = None
    per_elector_pence: int = 0
    seat_type: str | None = None
    title: str = ""

    def in_force(self, day: date) -> bool:
        """Whether the rule applied on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form (amounts in pounds and in exact pence)."""
        return {
            "key": self.key,
            "title": self.title,
            "campaigner": self.campaigner.value,
            "part": self.part.value if self.part else None,
            "pounds": pounds_json(self.pence),
            "pence": self.pence,
            "per_elector_pence": self.per_elector_pence or None,
            "seat_type": self.seat_type,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "source": self.source,
        }


def pounds_json(pence: int) -> int | float:
    """Whole pounds as an int, else pounds to the penny (exact pence are given alongside)."""
    whole, rest = divmod(pence, 100)
    return whole if rest == 0 else float(f"{pence / 100:.2f}")


def pounds(pence: int) -> str:
    """Pence as a printed amount: ``£9,750`` or ``£64.46``."""
    sign = "-" if pence < 0 else ""
    whole, rest = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}" + (f".{rest:02d}" if rest else "")


_OLD = (TABLE_STARTS, NEW_LIMITS - timedelta(days=1))
_NEW = (NEW_LIMITS, None)
_EC_NPC = "Electoral Commission, 'Non-party campaigners: UK Parliamentary general elections'"
_EC_2017 = "Electoral Commission, 'UK Parliamentary general election 2017: non-party campaigners'"
_SCH10 = "PPERA 2000 Sch 10 para 3(2)"
_NP, _CAND, _PARTY = Campaigner.NON_PARTY, Campaigner.CANDIDATE, Campaigner.PARTY
_E, _S, _W, _N = Part.ENGLAND, Part.SCOTLAND, Part.WALES, Part.NORTHERN_IRELAND


def _rule(
    key: str,
    who: Campaigner,
    pounds_: int,
    span: tuple[date, date | None],
    source: str,
    title: str,
    **extra: Any,
) -> Rule:
    return Rule(key, who, pounds_ * 100, span[0], span[1], source, title=title, **extra)


RULES: tuple[Rule, ...] = (
    # --- party limit per seat: the base the non-party limits are percentages of -------------
    _rule(
        "party.per_seat", _PARTY, 30_000, _OLD, "PPERA 2000 Sch 9 para 3(2)(a)",
        "Registered party limit per constituency contested",
    ),
    _rule(
        "party.per_seat", _PARTY, 54_010, _NEW,
        "PPERA 2000 Sch 9 para 3(2)(a) as varied by SI 2023/1235 art 3",
        "Registered party limit per constituency contested",
    ),
    # --- non-party campaigners: one constituency ---------------------------------------------
    _rule(
        "non_party.constituency", _NP, 9_750, _OLD,
        "PPERA 2000 Sch 10 para 3(2A): 0.05% of 650 x GBP 30,000; " + _EC_2017,
        "Non-party constituency limit (promoting parties or categories of candidates)",
    ),
    _rule(
        "non_party.constituency", _NP, 17_553, _NEW,
        "PPERA 2000 Sch 10 para 3(2A): 0.05% of 650 x GBP 54,010 (rounded down); "
        + _EC_NPC + ", 'Examples of attributing spending'",
        "Non-party constituency limit (promoting parties or categories of candidates)",
    ),
    _rule(
        "non_party.named_candidate", _NP, 700, (TABLE_STARTS, None),
        "RPA 1983 s.75(1ZZB) (the permitted sum); Electoral Commission, 'Non-party "
        "campaigners: local campaigning', spending limits",
        "For or against one named candidate without the agent's authority",
    ),
    # --- non-party campaigners: each part of the UK (England 2%; others GBP 20,000 + 2%) ----
    _rule("non_party.part", _NP, 319_800, _OLD, _SCH10 + "(a): 2% of 533 x GBP 30,000; "
          + _EC_2017, "Non-party limit in England", part=_E),
    _rule("non_party.part", _NP, 55_400, _OLD, _SCH10 + "(b): GBP 20,000 + 2% of 59 x "
          "GBP 30,000; " + _EC_2017, "Non-party limit in Scotland", part=_S),
    _rule("non_party.part", _NP, 44_000, _OLD, _SCH10 + "(c): GBP 20,000 + 2% of 40 x "
          "GBP 30,000; " + _EC_2017, "Non-party limit in Wales", part=_W),
    _rule("non_party.part", _NP, 30_800, _OLD, _SCH10 + "(d): GBP 20,000 + 2% of 18 x "
          "GBP 30,000; " + _EC_2017, "Non-party limit in Northern Ireland", part=_N),
    _rule("non_party.part", _NP, 586_548, _NEW, _SCH10 + "(a): 2% of 543 x GBP 54,010 "
          "(rounded down); " + _EC_NPC + ", 'Examples of attributing spending'",
          "Non-party limit in England", part=_E),
    _rule("non_party.part", _NP, 81_571, _NEW, _SCH10 + "(b): GBP 20,000 + 2% of 57 x "
          "GBP 54,010 (rounded down)", "Non-party limit in Scotland", part=_S),
    _rule("non_party.part", _NP, 54_566, _NEW, _SCH10 + "(c): GBP 20,000 + 2% of 32 x "
          "GBP 54,010 (rounded down)", "Non-party limit in Wales", part=_W),
    _rule("non_party.part", _NP, 39_443, _NEW, _SCH10 + "(d): GBP 20,000 + 2% of 18 x "
          "GBP 54,010 (rounded down)", "Non-party limit in Northern Ireland", part=_N),
    # --- targeted spending (for one party) not authorised by that party ----------------------
    _rule("non_party.targeted", _NP, 58_654, _NEW, _EC_NPC + ", 'Limits on targeted "
          "spending' (0.2% of 543 x GBP 54,010)", "Unauthorised targeted spending, England",
          part=_E),
    _rule("non_party.targeted", _NP, 6_157, _NEW, _EC_NPC + ", 'Limits on targeted "
          "spending' (0.2% of 57 x GBP 54,010)", "Unauthorised targeted spending, Scotland",
          part=_S),
    _rule("non_party.targeted", _NP, 3_456, _NEW, _EC_NPC + ", 'Limits on targeted "
          "spending' (0.2% of 32 x GBP 54,010)", "Unauthorised targeted spending, Wales",
          part=_W),
    _rule("non_party.targeted", _NP, 1_944, _NEW, _EC_NPC + ", 'Limits on targeted "
          "spending' (0.2% of 18 x GBP 54,010)",
          "Unauthorised targeted spending, Northern Ireland", part=_N),
    _rule("non_party.targeted", _NP, 31_980, _OLD, "PPERA 2000 s.94(5ZA); the same 0.2% of "
          "533 x GBP 30,000 as the Commission's 2024 table", "Unauthorised targeted spending, "
          "England", part=_E),
    _rule("non_party.targeted", _NP, 3_540, _OLD, "PPERA 2000 s.94(5ZA); the same 0.2% of "
          "59 x GBP 30,000 as the Commission's 2024 table", "Unauthorised targeted spending, "
          "Scotland", part=_S),
    _rule("non_party.targeted", _NP, 2_400, _OLD, "PPERA 2000 s.94(5ZA); the same 0.2% of "
          "40 x GBP 30,000 as the Commission's 2024 table", "Unauthorised targeted spending, "
          "Wales", part=_W),
    _rule("non_party.targeted", _NP, 1_080, _OLD, "PPERA 2000 s.94(5ZA); the same 0.2% of "
          "18 x GBP 30,000 as the Commission's 2024 table", "Unauthorised targeted spending, "
          "Northern Ireland", part=_N),
    # --- thresholds ----------------------------------------------------------------------------
    _rule("non_party.eligibility", _NP, 700, (TABLE_STARTS, None), _EC_NPC + ", 'Who is "
          "covered by the law?'", "Anyone may spend up to this; above it only eligible "
          "UK campaigners"),
    _rule("non_party.notification", _NP, 20_000, (TABLE_STARTS, date(2022, 11, 23)),
          "PPERA 2000 s.94(5) before the Elections Act 2022; " + _EC_2017,
          "Notification threshold in England", part=_E),
    *(
        _rule("non_party.notification", _NP, 10_000, (TABLE_STARTS, date(2022, 11, 23)),
              "PPERA 2000 s.94(5) before the Elections Act 2022; " + _EC_2017,
              f"Notification threshold in {p.value}", part=p)
        for p in (_S, _W, _N)
    ),
    _rule("non_party.notification", _NP, 10_000, (date(2022, 11, 24), None),
          "Elections Act 2022 s.28 (in force 24 November 2022, SI 2022/1226); " + _EC_NPC
          + ", 'When must you submit a notification'", "Notification threshold, UK-wide"),
    _rule("non_party.reporting", _NP, 20_000, (TABLE_STARTS, None), _EC_NPC + ", "
          "'Reporting thresholds' (PPERA's lower tier spending limits)",
          "Reporting threshold in England", part=_E),
    *(
        _rule("non_party.reporting", _NP, 10_000, (TABLE_STARTS, None), _EC_NPC + ", "
              "'Reporting thresholds' (PPERA's lower tier spending limits)",
              f"Reporting threshold in {p.value}", part=p)
        for p in (_S, _W, _N)
    ),
    _rule("non_party.donation", _NP, 500, (TABLE_STARTS, None), "PPERA 2000 Sch 11; "
          + _EC_NPC + ", 'What do you need to do after your notification is in place?'",
          "A donation is more than this: check it is permissible and record it"),
    _rule("non_party.donation_report", _NP, 7_500, (TABLE_STARTS, None), "PPERA 2000 Sch 11 "
          "para 10; " + _EC_NPC + ", reporting donations", "Donations from one source above "
          "this in a reporting period are reported"),
    _rule("non_party.donation_report_further", _NP, 1_500, (TABLE_STARTS, None), "PPERA 2000 "
          "Sch 11A para 4(3) (condition B)", "In a quarterly report, once a donor has been "
          "reported: further donations from that donor above this are reported"),
    _rule("non_party.constituency_list", _NP, 7_800, _OLD, "PPERA 2000 s.96 as amended "
          "by the Transparency of Lobbying, Non-party Campaigning and Trade Union Administration "
          "Act 2014 s.29(3): 0.04% of 650 x GBP 30,000; Explanatory Notes to that Act, para 79 "
          "('This is equivalent to £7,800')", "The return lists each constituency where "
          "spending is above this, with the items that had effect there"),
    _rule("non_party.constituency_list", _NP, 14_042, _NEW, _EC_NPC + ", 'Spending' (after "
          "the election): 0.04% of 650 x GBP 54,010 (rounded down)", "The return lists each "
          "constituency where spending is above this, with the items that had effect there"),
    _rule("non_party.invoice", _NP, 200, (TABLE_STARTS, None), _EC_NPC + ", 'What do you "
          "need to do after your notification is in place?'", "Keep an invoice or receipt "
          "for any payment above this"),
    _rule("non_party.audit", _NP, 250_000, (TABLE_STARTS, None), "PPERA 2000 ss.97-98; "
          + _EC_NPC + ", spending returns", "Spending above this needs an auditor's report; "
          "the return is due in 6 months instead of 3"),
    # --- candidates: the short campaign, a fixed sum plus pence per elector --------------------
    _rule("candidate.short", _CAND, 8_700, _OLD, "RPA 1983 s.76(2)(a) as varied in 2014; "
          "Electoral Commission, candidates and agents at the 2017 UKPGE",
          "Candidate short-campaign limit (county)", per_elector_pence=9, seat_type="county"),
    _rule("candidate.short", _CAND, 8_700, _OLD, "RPA 1983 s.76(2)(a) as varied in 2014; "
          "Electoral Commission, candidates and agents at the 2017 UKPGE",
          "Candidate short-campaign limit (borough)", per_elector_pence=6, seat_type="borough"),
    _rule("candidate.short", _CAND, 11_390, _NEW, "RPA 1983 s.76(2)(a) as varied by SI "
          "2023/1235 art 2", "Candidate short-campaign limit (county)", per_elector_pence=12,
          seat_type="county"),
    _rule("candidate.short", _CAND, 11_390, _NEW, "RPA 1983 s.76(2)(a) as varied by SI "
          "2023/1235 art 2", "Candidate short-campaign limit (borough)", per_elector_pence=8,
          seat_type="borough"),
)  # fmt: skip

PERIODS_SOURCE = "PPERA 2000 Sch 10 para 3(3): the 365 days ending with polling day"
RETURN_MONTHS = (3, 6)
"""Months after polling day a non-party return is due: without, and with, an auditor's report
(PPERA 2000 s.98)."""


def rules_in_force(day: date, *, key: str | None = None, part: Part | None = None) -> list[Rule]:
    """The rules that applied on ``day`` (optionally one key, one part)."""
    if day < TABLE_STARTS:
        raise InvalidInputError(
            f"{day.isoformat()} is before the rules table starts ({TABLE_STARTS.isoformat()})",
            hint="the table covers the 2017 general election's regulated period onwards",
        )
    return [
        r
        for r in RULES
        if r.in_force(day) and (key is None or r.key == key) and (part is None or r.part == part)
    ]


def one(day: date, key: str, *, part: Part | None = None, seat_type: str | None = None) -> Rule:
    """The single rule of ``key`` in force on ``day`` (for ``part``, falling back to UK-wide)."""
    found = [r for r in rules_in_force(day, key=key) if seat_type in (None, r.seat_type)]
    exact = [r for r in found if r.part == part]
    chosen = exact or [r for r in found if r.part is None]
    if len(chosen) != 1:
        raise InvalidInputError(f"no single rule '{key}' on {day.isoformat()}")
    return chosen[0]


def candidate_limit_pence(day: date, seat_type: str, electorate: int) -> int:
    """A candidate's short-campaign limit in a seat: the fixed sum plus pence per elector."""
    rule = one(day, "candidate.short", seat_type=seat_type)
    return rule.pence + rule.per_elector_pence * electorate


def months_after(day: date, months: int) -> date:
    """The same day of the month ``months`` later (the month's last day where it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def regulated_period(polling_day: date) -> tuple[date, date]:
    """The first and last day of the regulated period ending with ``polling_day``."""
    return polling_day - timedelta(days=REGULATED_DAYS - 1), polling_day


__all__ = [
    "NEW_LIMITS",
    "PERIODS_SOURCE",
    "RULES",
    "TABLE_STARTS",
    "Campaigner",
    "Part",
    "Rule",
    "candidate_limit_pence",
    "months_after",
    "one",
    "pounds",
    "pounds_json",
    "regulated_period",
    "rules_in_force",
]
