"""The spending return in the shape the Electoral Commission asks for, on both back-ends.

What the Commission's guidance ('Non-party campaigners: UK Parliamentary general elections',
'Spending' and 'Donations', after the election) asks of a return, checked here by hand:
each item's purpose, supplier's name and address, amount, date incurred, date the claim was
made and date paid; unpaid and disputed claims; notional spending; the constituencies above
the listing threshold (GBP 14,042 in 2024, GBP 7,800 in 2017) with their items; and the
statement of donations: each accepted relevant donation from a donor whose relevant donations
came to more than GBP 7,500, with the donor's name and address, the total of the others over
GBP 500, and those returned (PPERA 2000 Sch 11 paras 1(4), 10, 11)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from hustings.errors import InvalidInputError
from hustings.money.donations import donation_report, import_donations
from hustings.money.ledger import import_spend, read_spend, save_spend
from hustings.money.model import ClaimStatus
from hustings.money.places import Places, SeatResolver, load_places
from hustings.money.returns import (
    ITEM_COLUMNS,
    return_donations_csv,
    return_html,
    return_items_csv,
    spending_return,
)
from hustings.settings import Settings
from hustings.storage.engine import Database

from .conftest import CHORLEY, FIXTURES, HENDON, spend


def test_each_item_carries_what_the_return_asks(
    db: Database, places: Places, resolve: Callable[[str], str]
) -> None:
    import_spend(db, places, FIXTURES / "spend_return.csv", resolve)
    result = spending_return(db, places)
    items = {i["ref"]: i for i in result.items}
    assert items["R1"]["supplier_address"] == "1 Market St, Chorley PR7 1AA"
    assert (items["R1"]["claimed_on"], items["R1"]["paid_on"]) == ("2024-05-02", "2024-05-20")
    # a paid date with no status is a payment; R4 was paid on the day, with no claim date
    assert items["R1"]["claim_status"] == items["R4"]["claim_status"] == "paid"
    assert items["R4"]["claimed_on"] is None
    # payments: R1 GBP 2,500 + R4 GBP 1,300.50; R2 unpaid, R3 disputed; R5 notional (no claim)
    assert result.to_json()["paid_pence"] == 380_050
    assert [i["ref"] for i in result.claims(ClaimStatus.UNPAID)] == ["R2"]
    assert [i["ref"] for i in result.claims(ClaimStatus.DISPUTED)] == ["R3"]
    assert result.claims(None) == []
    assert [i["ref"] for i in result.notional] == ["R5"]
    # the totals are unchanged by the new fields: Chorley 2,500 + 500 + 64.46 + 2.00 as in
    # docs/money.md; UK 2,500 + 1,000 + 35,000 + 1,300.50 + 600 (notional counts at value)
    lines = {(line.level, line.code): line.to_json() for line in result.lines}
    assert lines[("seat", CHORLEY)]["total_pence"] == 306_646
    assert lines[("seat", HENDON)]["total_pence"] == 116_646
    assert lines[("uk", "UK")]["total_pence"] == 4_040_050


def test_the_items_csv_imports_again_as_the_same_items(
    db: Database, places: Places, resolve: Callable[[str], str], tmp_path: Path
) -> None:
    import_spend(db, places, FIXTURES / "spend_return.csv", resolve)
    result = spending_return(db, places)
    text = return_items_csv(result)
    assert text.splitlines()[0] == ",".join(ITEM_COLUMNS)
    path = tmp_path / "items.csv"
    path.write_text(text)
    again = read_spend(path, places, resolve)
    original = read_spend(FIXTURES / "spend_return.csv", places, resolve)
    assert again == original


def test_the_printable_page_shows_suppliers_claims_and_donations(
    db: Database, places: Places, resolve: Callable[[str], str]
) -> None:
    import_spend(db, places, FIXTURES / "spend_return.csv", resolve)
    import_donations(db, FIXTURES / "donations_return.csv")
    page = return_html(spending_return(db, places))
    assert "1 Market St, Chorley PR7 1AA" in page
    assert "Unpaid claims (1)" in page and "Disputed claims (1)" in page
    assert "Payments made: £3,800.50." in page
    assert "Statement of donations" in page and "4 Far St, Hendon NW4 2AA" in page
    assert "Not shown permissible: G8." in page
    assert "Total of the other relevant donations accepted: £8,200." in page


def test_the_statement_of_donations(db: Database, places: Places) -> None:
    import_donations(db, FIXTURES / "donations_return.csv")
    statement = spending_return(db, places).donations
    assert statement is not None
    # P1 gave 5,000 + 3,000 = 8,000 and P4 8,000: more than GBP 7,500, so each donation is
    # shown with the donor's details. C1's 7,000 and P3's 1,200 are only totalled (8,200).
    # G4 (20,000) was given for other purposes, so it is not a relevant donation; G6 (400)
    # is not a donation in law; G5 (9,000) was returned.
    assert [d.ref for d in statement.reportable] == ["G1", "G2", "G8"]
    assert statement.reportable[0].donor_name == "Ann Donor"
    assert statement.reportable[0].donor_address == "2 Low Rd, Chorley PR7 2AA"
    assert statement.reportable[0].checks[0]["check"] == "electoral_register"
    assert statement.other_pence == 820_000
    assert [(d.ref, d.returned_on) for d in statement.returned] == [("G5", date(2024, 5, 20))]
    assert statement.not_shown_permissible == ["G8"]
    rows = list(csv.DictReader(io.StringIO(return_donations_csv(spending_return(db, places)))))
    assert [(r["section"], r["ref"], r["amount"]) for r in rows] == [
        ("reportable", "G1", "5000.00"),
        ("reportable", "G2", "3000.00"),
        ("reportable", "G8", "8000.00"),
        ("returned", "G5", "9000.00"),
        ("other_total", "", "8200.00"),
    ]
    assert rows[0]["shown_permissible"] == "yes" and rows[2]["shown_permissible"] == "no"


def test_a_donation_for_other_purposes_is_neither_flagged_nor_reported(db: Database) -> None:
    import_donations(db, FIXTURES / "donations_return.csv")
    report = donation_report(db, day=date(2024, 7, 4))
    assert [d.ref for d in report.flagged] == ["G8"]
    assert report.other_purpose_pence == 2_000_000
    assert "G4" not in {ref for r in report.reportable for ref in r.refs}


def test_a_bad_purpose_is_refused(db: Database) -> None:
    with pytest.raises(InvalidInputError, match="line 2: no donation purpose 'for fun'"):
        import_donations(db, FIXTURES / "donations_bad_purpose.csv")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("spend_unpaid_with_paid_date", "line 2: spend 'S1' is unpaid but has a date paid"),
        ("spend_bad_claim_status", "line 3: no claim status 'half paid'"),
        ("spend_paid_without_date", "line 2: spend 'S1' is paid but has no date paid"),
        ("spend_bad_paid_date", "line 2: paid date '31/02/2024' is not a date"),
        ("spend_notional_paid", "line 2: spend 'S1' is notional but has a claim or payment"),
    ],
)
def test_bad_claims_are_refused_whole(
    db: Database, places: Places, resolve: Callable[[str], str], name: str, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        import_spend(db, places, FIXTURES / f"{name}.csv", resolve)
    assert spending_return(db, places).items == []


def test_the_2017_return_lists_seats_above_gbp_7800(db: Database, synced: Settings) -> None:
    # 2017: 0.04% of 650 x GBP 30,000 = GBP 7,800, from the rules table (PPERA s.96).
    from hustings.data.api import Store

    store = Store(synced)
    places = load_places(store, "2017")
    resolve = SeatResolver(store, places)
    chorley, hendon = resolve("Chorley"), resolve("Hendon")
    day = date(2017, 5, 1)
    save_spend(db, places, [spend("A", 7_900, chorley, spent_on=day),
                            spend("B", 7_700, hendon, spent_on=day)])  # fmt: skip
    result = spending_return(db, places)
    assert result.list_pence == 780_000
    assert "Explanatory Notes" in result.list_source
    assert [(s["seat"], s["total_pence"]) for s in result.listed] == [(chorley, 790_000)]
