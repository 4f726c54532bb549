"""Donations with permissibility evidence, crowdfunding progress, and the spending return,
on both back-ends. Thresholds: a donation is over GBP 500, reported over GBP 7,500 (PPERA
2000 Sch 11; see the rules table); invoices over GBP 200."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from hustings.errors import InvalidInputError
from hustings.money.crowdfund import add_crowdfund, import_pledges, progress
from hustings.money.donations import donation_report, import_donations, record_check
from hustings.money.ledger import save_spend
from hustings.money.model import Category, Scope
from hustings.money.places import Places
from hustings.money.returns import return_csv, return_html, spending_return, write_atomically
from hustings.money.rules import Part
from hustings.storage import audit, privacy
from hustings.storage import money_tables as m
from hustings.storage.engine import Database

from .conftest import CHORLEY, FIXTURES, HENDON, spend


def test_donations_flagged_and_reportable(db: Database) -> None:
    assert import_donations(db, FIXTURES / "donations_good.csv") == 4
    report = donation_report(db, day=date(2024, 7, 4))
    # D1 (600) and D2 (7,000) from P1 have no evidence; D3 (400) is not a donation in law;
    # D4 (2,000) came with evidence of the register.
    assert [d.ref for d in report.flagged] == ["D1", "D2"]
    assert report.flagged[0].needed_check == "electoral_register"
    # P1 gave 600 + 7,000 = 7,600, both accepted in the second quarterly period before the
    # 2024 dissolution (17 March to 29 May): over GBP 7,500, so reported there and in the return.
    assert [(r.donor_ref, r.period.label, r.pence) for r in report.reportable] == [
        ("P1", "quarterly 2 (2024-03-17 to 2024-05-29)", 760_000),
        ("P1", "return 1 (2023-07-06 to 2024-07-04)", 760_000),
    ]
    record_check(db, "P1", evidence="on the register of Chorley, checked 2024-05-12")
    assert donation_report(db, day=date(2024, 7, 4)).flagged == []
    assert audit.entries(db, action="money.donor.check")[0].subject.startswith("donor#")


def test_a_donor_with_no_kind_is_refused(db: Database) -> None:
    with pytest.raises(InvalidInputError, match="line 2: donor 'P1' has no kind"):
        import_donations(db, FIXTURES / "donations_donor_no_kind.csv")
    with db.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(m.money_donors)).scalar() == 0


def test_donors_are_covered_by_subject_access_and_erasure(db: Database) -> None:
    import_donations(db, FIXTURES / "donations_good.csv")
    with db.write() as conn:
        found = privacy.find(conn, ["ann@example.org"])
        assert [d["ref"] for d in found["donor"]] == ["P1"]
        assert len(found["donor"][0]["money_donations"]) == 2
        assert privacy.erase(conn, found) == {"donor": 1}
    assert [r.ref for r in donation_report(db, day=date(2024, 7, 4)).flagged] == []


def test_crowdfund_progress_and_refunds(db: Database) -> None:
    add_crowdfund(db, "Chorley appeal", target_pence=30_000, seat=CHORLEY)
    add_crowdfund(db, "National", target_pence=6_000_000, all_or_nothing=True,
                  closes_on=date(2024, 6, 1))  # fmt: skip
    assert import_pledges(db, FIXTURES / "pledges_good.csv") == 4
    found = {p.name: p for p in progress(db, day=date(2024, 6, 2))}
    chorley = found["Chorley appeal"].to_json()
    assert (chorley["pledged"], chorley["paid"], chorley["status"]) == (350.5, 100, "met")
    national = found["National"]
    assert national.status == "failed"  # GBP 5,000 pledged of GBP 60,000 (P4 refunded), closed
    assert national.refunds_due_pence == 500_000  # P3's 5,000; P4's 20 is back already
    assert progress(db, day=date(2024, 5, 30))[1].status == "open"


def test_refunded_pledges_count_in_no_total_and_are_shown_apart(
    db: Database, tmp_path: Path
) -> None:
    add_crowdfund(db, "Hall hire", target_pence=30_000)
    pledges = tmp_path / "pledges.csv"
    pledges.write_text(
        "ref,crowdfund,amount,pledged_on,paid,paid_on,refunded_on\n"
        "R1,Hall hire,200,2024-05-01,200,2024-05-02,\n"
        "R2,Hall hire,150,2024-05-01,150,2024-05-02,2024-05-10\n"
        "R3,Hall hire,50,2024-05-03,,,\n",
        encoding="utf-8",
    )
    assert import_pledges(db, pledges) == 3
    (hall,) = progress(db, day=date(2024, 5, 20))
    body = hall.to_json()
    # R1 200 + R3 50 stand: 250 pledged by 2, 200 paid and held; R2's 150 went back.
    assert (body["pledges"], body["pledged"], body["paid"], body["held"]) == (2, 250, 200, 200)
    assert (body["refunded_pledges"], body["refunded"]) == (1, 150)
    assert body["progress"] == round(250 / 300, 4)
    assert body["status"] == "open"  # with R2 counted it would read 400 of 300, "met"


def test_a_pledge_paid_above_its_amount_is_refused(db: Database) -> None:
    add_crowdfund(db, "Chorley appeal", target_pence=30_000)
    with pytest.raises(InvalidInputError, match="line 2: pledge 'P1' paid more"):
        import_pledges(db, FIXTURES / "pledges_paid_more_than_pledged.csv")


def test_the_return_totals_by_seat_part_and_category(
    db: Database, places: Places, tmp_path: Path
) -> None:
    save_spend(db, places, [
        spend("A", 2_500, CHORLEY, invoice="INV-1"),
        spend("B", 1_000, CHORLEY, HENDON, category=Category.TRANSPORT, notional=True),
        spend("C", 35_000, scope=Scope.PART, part=Part.ENGLAND, invoice="INV-2"),
        spend("N", 300, CHORLEY, candidate="A Candidate", invoice="INV-3"),
    ])  # fmt: skip
    result = spending_return(db, places)
    lines = {(line.level, line.code): line for line in result.lines}
    chorley = lines[("seat", CHORLEY)].to_json()
    assert chorley["by_category"]["material"] == 250_000 + 6_446
    assert chorley["by_category"]["transport"] == 50_000
    assert lines[("part", "England")].to_json()["total_pence"] == 3_850_000
    assert lines[("uk", "UK")].to_json()["total_pence"] == 3_850_000
    assert result.due == date(2024, 10, 4) and not result.audited
    assert [i["ref"] for i in result.missing_invoices] == ["B"]
    assert [i["ref"] for i in result.notional] == ["B"]
    rows = list(csv.DictReader(io.StringIO(return_csv(result))))
    assert rows[0]["total"] == "38500.00" and rows[1]["limit"] == "586548.00"
    folder = tmp_path / "out"
    folder.mkdir()
    write_atomically(folder / "return.html", return_html(result))
    assert "Chorley" in (folder / "return.html").read_text()
    assert "2024-10-04" in (folder / "return.html").read_text()
    assert [p.name for p in folder.iterdir()] == ["return.html"]


def test_the_return_lists_seats_above_the_listing_threshold(db: Database, places: Places) -> None:
    # 2024: the return lists each constituency with spending above GBP 14,042 (0.04% of
    # 650 x GBP 54,010) and the items that had effect there. Hendon: 14,000 of its own plus
    # 35,000 / 543 = 64.46 of English-wide material = 14,064.46, listed; Chorley, 13,900 + 64.46
    # = 13,964.46, is not.
    save_spend(db, places, [
        spend("H", 14_000, HENDON, invoice="INV-H"),
        spend("K", 13_900, CHORLEY, invoice="INV-K"),
    ])  # fmt: skip
    assert spending_return(db, places).listed == []
    save_spend(db, places, [spend("E", 35_000, scope=Scope.PART, part=Part.ENGLAND)])
    result = spending_return(db, places)
    assert result.list_pence == 1_404_200
    [hendon] = result.listed
    assert (hendon["seat"], hendon["total_pence"]) == (HENDON, 1_406_446)
    assert [i["ref"] for i in hendon["items"]] == ["H", "E"]


def test_a_check_is_one_that_shows_a_kind_of_donor_permissible(db: Database) -> None:
    import_donations(db, FIXTURES / "donations_good.csv")
    with pytest.raises(InvalidInputError, match="no permissibility check 'electoral roll'"):
        record_check(db, "P1", evidence="seen", check_name="electoral roll")
    assert [d.ref for d in donation_report(db, day=date(2024, 7, 4)).flagged] == ["D1", "D2"]
    record_check(db, "P1", evidence="on the register", check_name="Electoral-Register")
    assert donation_report(db, day=date(2024, 7, 4)).flagged == []
