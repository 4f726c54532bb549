"""Spending saved, attributed and checked on both back-ends against the 2024 limits
(GBP 17,553 per constituency, GBP 700 for a named candidate: see the rules table)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from hustings.errors import InvalidInputError, NotFoundError
from hustings.money.check import check
from hustings.money.ledger import WouldBreachError, import_spend, save_spend
from hustings.money.model import (
    Category,
    ClaimStatus,
    Scope,
    parse_category,
    parse_claim_status,
    parse_donor_kind,
)
from hustings.money.places import Places
from hustings.money.rules import Part
from hustings.storage import audit
from hustings.storage import money_tables as m
from hustings.storage.engine import Database

from .conftest import CHORLEY, FIXTURES, HENDON, spend


def _row(result: object, seat: str, key: str = "non_party.constituency") -> dict[str, object]:
    rows = [r for r in result.to_json()["seats"] if r["seat"] == seat and r["limit_key"] == key]  # type: ignore[attr-defined]
    assert len(rows) == 1
    return rows[0]


def _count(db: Database) -> int:
    with db.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(m.money_spend)).scalar_one())


@pytest.mark.parametrize(
    ("written", "category"),
    [
        ("Material to the public", Category.MATERIAL),
        ("Canvassing and market research", Category.CANVASSING),
        ("Transport of volunteers", Category.TRANSPORT),
        ("Public rallies and events", Category.RALLIES),
        ("Press conferences and media events", Category.PRESS),
        ("Canvassing and market research (including data and software)", Category.CANVASSING),
        ("leaflets", Category.MATERIAL),
    ],
)
def test_categories_are_read_as_the_commission_words_them(written: str, category: Category) -> None:
    assert parse_category(written) is category


def test_unknown_names_are_refused_with_the_choices() -> None:
    with pytest.raises(InvalidInputError, match="no spending category 'posters'") as caught:
        parse_category("posters")
    assert caught.value.hint == "use one of: material, canvassing, transport, rallies, press"
    with pytest.raises(InvalidInputError, match="no donor kind 'robot'"):
        parse_donor_kind("robot")
    with pytest.raises(InvalidInputError, match="the donor has no kind"):
        parse_donor_kind("  ")
    assert parse_claim_status("In dispute") is ClaimStatus.DISPUTED
    assert parse_claim_status("") is None


def test_the_commissions_worked_example(db: Database, places: Places) -> None:
    # EC, 'Examples of attributing spending': GBP 35,000 across England is GBP 64.46 in each
    # of the 543 English constituencies, and GBP 35,000 towards the England limit.
    save_spend(db, places, [spend("ENG", 35_000, scope=Scope.PART, part=Part.ENGLAND)])
    result = check(db, places, as_of=date(2024, 7, 4))
    chorley = _row(result, CHORLEY)
    assert (chorley["spent"], chorley["spent_pence"], chorley["status"]) == (64.46, 6446, "ok")
    assert chorley["limit"] == 17553
    scottish = next(r for r in result.seats if places.seats[r.code].part is Part.SCOTLAND)
    assert scottish.spent == 0
    england = next(r for r in result.parts if r.code == "England" and r.party is None)
    assert england.spent == 3_500_000 and england.limit_pence == 58_654_800


def test_uk_wide_spending_is_split_over_650_seats(db: Database, places: Places) -> None:
    save_spend(db, places, [spend("UK", 65_000, scope=Scope.UK)])
    result = check(db, places, as_of=date(2024, 7, 4))
    assert len({r.code for r in result.seats}) == 650
    assert all(r.spent == 10_000 for r in result.seats)
    wales = next(r for r in result.parts if r.code == "Wales")
    assert wales.spent == 32 * 10_000
    notification = next(t for t in result.thresholds if t.key == "non_party.notification")
    assert notification.crossed


def test_a_list_of_seats_shares_equally(db: Database, places: Places) -> None:
    save_spend(db, places, [spend("BUS", 1_001, CHORLEY, HENDON)])
    result = check(db, places, as_of=date(2024, 7, 4))
    assert _row(result, CHORLEY)["spent_pence"] == 50_050
    assert _row(result, HENDON)["spent_pence"] == 50_050


def test_warning_at_80_percent_and_the_items_behind_it(db: Database, places: Places) -> None:
    save_spend(db, places, [spend("A", 10_000, CHORLEY), spend("B", 4_100, CHORLEY)])
    row = _row(check(db, places, as_of=date(2024, 7, 4)), CHORLEY)
    assert row["status"] == "warning"  # 14,100 / 17,553 = 80.3%
    assert [i["ref"] for i in row["items"]] == ["A", "B"]  # type: ignore[union-attr]
    assert row["headroom"] == 3453


def test_a_breaching_save_is_refused_and_nothing_is_written(db: Database, places: Places) -> None:
    save_spend(db, places, [spend("A", 17_000, CHORLEY)])
    with pytest.raises(WouldBreachError, match="would breach the constituency limit in Chorley"):
        save_spend(db, places, [spend("B", 600, CHORLEY)])
    assert _count(db) == 1


def test_an_override_saves_the_breach_and_audits_it(db: Database, places: Places) -> None:
    save_spend(db, places, [spend("A", 17_000, CHORLEY)])
    result = save_spend(db, places, [spend("B", 600, CHORLEY)], override=True)
    assert [r.code for r in result.overridden] == [CHORLEY]
    [entry] = audit.entries(db, action="money.spend.override")
    assert entry.detail["breaches"][0]["limit"] == "non_party.constituency"
    assert entry.detail["breaches"][0]["spent_pence"] == 1_760_000
    assert audit.verify(db).ok
    row = _row(check(db, places, as_of=date(2024, 7, 4)), CHORLEY)
    assert row["status"] == "breach" and row["headroom"] == -47


def test_a_named_candidate_has_its_own_700_pound_limit(db: Database, places: Places) -> None:
    save_spend(db, places, [spend("C", 650, CHORLEY, candidate="A Candidate")])
    result = check(db, places, as_of=date(2024, 7, 4))
    assert _row(result, CHORLEY, "non_party.named_candidate")["status"] == "warning"
    assert _row(result, CHORLEY)["spent"] == 0
    with pytest.raises(WouldBreachError, match="named-candidate limit in Chorley"):
        save_spend(db, places, [spend("D", 51, CHORLEY, candidate="A Candidate")])


def test_a_partners_spend_under_a_joint_plan_counts_in_full(db: Database, places: Places) -> None:
    item = spend("J", 2_000, CHORLEY, joint_plan="North West plan", paid_by="Partner group")
    save_spend(db, places, [item])
    assert _row(check(db, places, as_of=date(2024, 7, 4)), CHORLEY)["spent"] == 2000
    with pytest.raises(InvalidInputError, match="outside any joint plan"):
        spend("K", 10, CHORLEY, paid_by="Partner group")


def test_targeted_spending_has_the_lower_limit(db: Database, places: Places) -> None:
    wide = spend("T", 58_000, scope=Scope.PART, part=Part.ENGLAND, targeted_party="LAB")
    save_spend(db, places, [wide])
    result = check(db, places, as_of=date(2024, 7, 4))
    row = next(r for r in result.parts if r.limit_key == "non_party.targeted")
    assert (row.party, row.status, row.limit_pence) == ("LAB", "warning", 5_865_400)


def test_as_of_leaves_out_later_spending(db: Database, places: Places) -> None:
    save_spend(db, places, [spend("LATE", 5_000, CHORLEY, spent_on=date(2024, 6, 20))])
    assert _row(check(db, places, as_of=date(2024, 6, 1)), CHORLEY)["spent"] == 0
    assert _row(check(db, places, as_of=date(2024, 6, 30)), CHORLEY)["spent"] == 5000


def test_csv_import(db: Database, places: Places, resolve: Callable[[str], str]) -> None:
    result = import_spend(db, places, FIXTURES / "spend_good.csv", resolve)
    assert result.saved == 4
    chorley = _row(check(db, places, as_of=date(2024, 7, 4)), CHORLEY)
    # 2,500 + 1,000/2 + 35,000/543 + 1,300.50/650 = 3,066.46 (to the penny)
    assert chorley["spent_pence"] == 250_000 + 50_000 + 6_446 + 200


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("spend_negative_amount", InvalidInputError, "line 3: amount '-12' is negative"),
        ("spend_non_numeric_amount", InvalidInputError, "line 2: amount 'twelve' is not a number"),
        ("spend_unknown_seat", NotFoundError, "no constituency 'Chorly'"),
        (
            "spend_date_outside_period",
            InvalidInputError,
            "line 2: date 2022-05-01 is outside the regulated period of the 2024 election",
        ),
        ("spend_no_place", InvalidInputError, "line 2: the spend has no place of effect"),
        ("spend_duplicate_row", InvalidInputError, "line 3: ref 'S1' repeats line 2"),
        (
            "spend_amount_too_large",
            InvalidInputError,
            "line 2: amount '1e30' is more than GBP 1,000,000,000",
        ),
    ],
)
def test_bad_rows_are_refused_whole(
    db: Database,
    places: Places,
    resolve: Callable[[str], str],
    name: str,
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(")):
        import_spend(db, places, FIXTURES / f"{name}.csv", resolve)
    assert _count(db) == 0


def test_a_second_import_of_the_same_rows_is_refused(
    db: Database, places: Places, resolve: Callable[[str], str]
) -> None:
    import_spend(db, places, FIXTURES / "spend_good.csv", resolve)
    with pytest.raises(InvalidInputError, match="already in the ledger"):
        import_spend(db, places, FIXTURES / "spend_good.csv", resolve)
    assert _count(db) == 4


def test_missing_file(db: Database, places: Places, resolve: Callable[[str], str]) -> None:
    with pytest.raises(NotFoundError):
        import_spend(db, places, Path("/nonexistent.csv"), resolve)


def test_a_check_before_the_period_names_the_day_it_used(
    db: Database, synced: object, places: Places
) -> None:
    from dataclasses import replace

    later = replace(places, polling_day=date(2099, 5, 7))
    with pytest.raises(InvalidInputError) as caught:
        check(db, later)
    message = caught.value.message
    assert message.startswith("today, ") and "--as-of" not in message
    assert "(2098-05-08)" in message
    with pytest.raises(InvalidInputError, match=r"^--as-of 2024-05-01 is before"):
        check(db, later, as_of=date(2024, 5, 1))
