"""/api/v1/money and the /money page through the real app, on both back-ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hustings.money.crowdfund import add_crowdfund
from hustings.money.places import Places
from hustings.settings import Settings
from hustings.storage import accounts, audit
from hustings.storage.accounts import Role
from hustings.storage.engine import Database
from hustings.web import create_app

from .conftest import CHORLEY, HENDON, spend

SPEND = {"ref": "W1", "date": "2024-06-01", "amount": "17000.00", "category": "material",
         "where": "Chorley"}  # fmt: skip


@pytest.fixture
def client(db: Database, synced: Settings, tmp_path: Path) -> TestClient:
    return TestClient(create_app(Settings(home=synced.home, mirror=None, database=db.url)))


def _token(db: Database, name: str, role: Role, seats: tuple[str, ...] = ()) -> dict[str, str]:
    _, token = accounts.create_user(db, name, role, seats=seats)
    return {"Authorization": f"Bearer {token}"}


def test_limits_are_public_and_sourced(client: TestClient) -> None:
    body = client.get("/api/v1/money/limits", params={"election": "2017"}).json()
    assert (body["constituency_limit"], body["named_candidate_limit"]) == (9750, 700)
    seat = client.get("/api/v1/money/limits", params={"seat": "Chorley"}).json()["seat"]
    assert seat["candidate_limit"] == 20366.12
    answer = client.get("/api/v1/money/limits", params={"seat": "Chorly"})
    assert answer.status_code == 404 and "Chorley" in answer.json()["error"]["hint"]


def test_check_needs_a_user_and_is_scoped_to_an_organisers_seats(
    client: TestClient, db: Database
) -> None:
    assert client.get("/api/v1/money/check").status_code == 401
    organiser = _token(db, "olive", Role.ORGANISER, (CHORLEY,))
    rows = client.get("/api/v1/money/check", headers=organiser).json()["seats"]
    assert [r["seat"] for r in rows] == [CHORLEY]
    admin = _token(db, "ada", Role.ADMIN)
    assert len(client.get("/api/v1/money/check", headers=admin).json()["seats"]) == 650
    canvasser = _token(db, "cas", Role.CANVASSER)
    assert client.get("/api/v1/money/check", headers=canvasser).status_code == 403


def test_a_spend_is_refused_with_409_before_a_breach_then_overridden(
    client: TestClient, db: Database
) -> None:
    organiser = _token(db, "olive", Role.ORGANISER, (CHORLEY,))
    assert client.post("/api/v1/money/spend", json=SPEND, headers=organiser).status_code == 200
    more = {**SPEND, "ref": "W2", "amount": "600"}
    answer = client.post("/api/v1/money/spend", json=more, headers=organiser)
    assert (answer.status_code, answer.json()["error"]["code"]) == (409, "would_breach")
    answer = client.post("/api/v1/money/spend", json={**more, "override": True}, headers=organiser)
    assert answer.status_code == 200 and answer.json()["overridden"][0]["seat"] == CHORLEY
    [entry] = audit.entries(db, action="money.spend.override")
    assert entry.actor.startswith("user#")
    elsewhere = {**SPEND, "ref": "W3", "where": "Hendon"}
    assert client.post("/api/v1/money/spend", json=elsewhere, headers=organiser).status_code == 403


def test_a_spend_records_its_supplier_and_claim(
    client: TestClient, db: Database, places: Places
) -> None:
    from hustings.money.returns import spending_return

    admin = _token(db, "ada", Role.ADMIN)
    paid = {**SPEND, "ref": "W4", "amount": "100", "supplier_address": "1 Market St, Chorley",
            "claimed": "2024-06-02", "paid": "2024-06-20"}  # fmt: skip
    assert client.post("/api/v1/money/spend", json=paid, headers=admin).status_code == 200
    [item] = spending_return(db, places).items
    assert (item["supplier_address"], item["paid_on"], item["claim_status"]) == (
        "1 Market St, Chorley",
        "2024-06-20",
        "paid",
    )
    wrong = {**paid, "ref": "W5", "status": "unpaid"}
    answer = client.post("/api/v1/money/spend", json=wrong, headers=admin)
    assert answer.status_code == 422
    assert answer.json()["error"]["message"] == "spend 'W5' is unpaid but has a date paid"


def test_the_money_page_shows_headroom_and_crowdfunds(
    client: TestClient, db: Database, places: Places
) -> None:
    from hustings.money.ledger import save_spend

    assert client.get("/money", follow_redirects=False).status_code == 303
    save_spend(db, places, [spend("A", 15_000, CHORLEY), spend("B", 100, HENDON)])
    add_crowdfund(db, "Chorley appeal", target_pence=6_000_000, seat=CHORLEY)
    page = client.get("/money", headers=_token(db, "ada", Role.ADMIN))
    assert page.status_code == 200
    assert 'data-gss="E14001170"' in page.text and "p-mwarning" in page.text
    assert "Chorley appeal" in page.text and "<progress" in page.text
