"""The rules table: every figure sourced and dated, and the figures the Acts derive from
others equal to their formula (PPERA 2000 Sch 10 para 3: the non-party limits are
percentages of the party limit per seat times the seats in each part)."""

from __future__ import annotations

from datetime import date
from itertools import combinations

import pytest

from hustings.errors import InvalidInputError
from hustings.money.rules import (
    RULES,
    TABLE_STARTS,
    Part,
    candidate_limit_pence,
    one,
    pounds,
    pounds_json,
    regulated_period,
    rules_in_force,
)

GE2017 = date(2017, 6, 8)
GE2024 = date(2024, 7, 4)
# Seats per part: 2010 boundaries (2017) and 2023 review (2024), as the store also holds them.
SEATS = {
    GE2017: {Part.ENGLAND: 533, Part.SCOTLAND: 59, Part.WALES: 40, Part.NORTHERN_IRELAND: 18},
    GE2024: {Part.ENGLAND: 543, Part.SCOTLAND: 57, Part.WALES: 32, Part.NORTHERN_IRELAND: 18},
}


def test_every_rule_has_a_source_a_title_and_a_date_range() -> None:
    for rule in RULES:
        assert rule.source.strip() and rule.title.strip(), rule.key
        assert rule.pence > 0
        assert rule.valid_to is None or rule.valid_from <= rule.valid_to
        assert rule.valid_from >= TABLE_STARTS


def test_no_two_rules_of_one_kind_overlap() -> None:
    for a, b in combinations(RULES, 2):
        if (a.key, a.part, a.seat_type, a.campaigner) != (b.key, b.part, b.seat_type, b.campaigner):
            continue
        a_end, b_end = a.valid_to or date.max, b.valid_to or date.max
        assert a_end < b.valid_from or b_end < a.valid_from, (a.key, a.part)


def test_the_constituency_limits_the_issue_names() -> None:
    # GBP 9,750 (2017) and GBP 17,553 (from 1 January 2024): PPERA Sch 10 para 3(2A).
    assert one(GE2017, "non_party.constituency").pence == 975_000
    assert one(GE2024, "non_party.constituency").pence == 1_755_300
    # RPA 1983 s.75: GBP 700 for or against one named candidate, both years.
    assert one(GE2017, "non_party.named_candidate").pence == 70_000
    assert one(GE2024, "non_party.named_candidate").pence == 70_000


@pytest.mark.parametrize("polling", [GE2017, GE2024])
def test_derived_limits_equal_the_acts_formula(polling: date) -> None:
    per_seat = one(polling, "party.per_seat").pence
    seats = SEATS[polling]
    total = per_seat * sum(seats.values())
    assert one(polling, "non_party.constituency").pence == total * 5 // 10_000 // 100 * 100
    for part, n in seats.items():
        base = 0 if part is Part.ENGLAND else 2_000_000
        expected = (base + per_seat * n * 2 // 100) // 100 * 100
        assert one(polling, "non_party.part", part=part).pence == expected, part
        targeted = per_seat * n * 2 // 1000 // 100 * 100
        assert one(polling, "non_party.targeted", part=part).pence == targeted, part


@pytest.mark.parametrize(("polling", "pounds_"), [(GE2017, 7_800), (GE2024, 14_042)])
def test_the_constituency_listing_threshold_is_dated_data(polling: date, pounds_: int) -> None:
    # The return lists constituencies with spending above 0.04% of 650 x the party limit per
    # seat (PPERA s.96, as amended by the 2014 Act s.29(3)): GBP 7,800 at 2017 (the Act's
    # Explanatory Notes, para 79), GBP 14,042 at 2024 (the Electoral Commission, 'Spending').
    rule = one(polling, "non_party.constituency_list")
    assert rule.pence == pounds_ * 100
    assert rule.pence == one(polling, "party.per_seat").pence * 650 * 4 // 10_000 // 100 * 100
    assert "0.04% of 650 x GBP" in rule.source


def test_notification_threshold_changed_with_the_elections_act_2022() -> None:
    assert one(GE2017, "non_party.notification", part=Part.ENGLAND).pence == 2_000_000
    assert one(GE2017, "non_party.notification", part=Part.WALES).pence == 1_000_000
    assert one(GE2024, "non_party.notification", part=Part.ENGLAND).pence == 1_000_000
    assert [r.part for r in rules_in_force(GE2024, key="non_party.notification")] == [None]


def test_thresholds_for_donations_invoices_and_audit() -> None:
    assert one(GE2024, "non_party.donation").pence == 50_000
    assert one(GE2024, "non_party.donation_report").pence == 750_000
    assert one(GE2024, "non_party.invoice").pence == 20_000
    assert one(GE2024, "non_party.audit").pence == 25_000_000


def test_candidate_limit_is_a_fixed_sum_plus_pence_per_elector() -> None:
    # 2024: GBP 11,390 + 12p (county) / 8p (borough); 2017: GBP 8,700 + 9p / 6p.
    assert candidate_limit_pence(GE2024, "county", 74_801) == 1_139_000 + 12 * 74_801
    assert candidate_limit_pence(GE2024, "borough", 70_000) == 1_139_000 + 8 * 70_000
    assert candidate_limit_pence(GE2017, "borough", 70_000) == 870_000 + 6 * 70_000
    assert candidate_limit_pence(GE2017, "county", 70_000) == 870_000 + 9 * 70_000


def test_regulated_period_is_365_days_ending_with_polling_day() -> None:
    assert regulated_period(GE2017) == (date(2016, 6, 9), GE2017)
    assert regulated_period(GE2024) == (date(2023, 7, 6), GE2024)


def test_a_day_before_the_table_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="before the rules table starts"):
        rules_in_force(date(2015, 5, 7))


def test_money_is_printed_exactly() -> None:
    assert pounds(975_000) == "£9,750"
    assert pounds(6_446) == "£64.46"
    assert pounds_json(975_000) == 9750
    assert pounds_json(6_446) == 64.46


def test_the_docs_list_every_rule_with_its_source() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "money.md").read_text()
    for rule in RULES:
        assert f"`{rule.key}` | {rule.title} |" in text, rule
        assert pounds(rule.pence) in text and rule.source in text, rule
