"""The organiser's /allocate page: the newest saved plan on the hex map, the seat scores and a
volunteer's own suggestion, through the app and in Debian's headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hustings.allocate import save
from hustings.allocate.run import PlanRequest, plan_allocation
from hustings.data.api import Store
from hustings.settings import Settings
from hustings.storage import accounts
from hustings.storage.accounts import Role
from hustings.storage.engine import Database
from hustings.web import create_app

pytestmark = pytest.mark.mirror
pytest.importorskip("highspy", reason="needs HiGHS (the allocate extra)")

FIXTURES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "allocate"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "allocate-2026-password"


@pytest.fixture(scope="module")
def planned(synced: Settings, tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Any]:
    """A home with the shared store, an organiser, and one saved plan."""
    home = tmp_path_factory.mktemp("allocate-web")
    (home / synced.store_path.name).symlink_to(synced.store_path)
    db = Database(f"sqlite:///{home / 'state.db'}")
    db.migrate()
    accounts.create_user(db, "olu", Role.ORGANISER, seats=["E14001170"], password=PASSWORD)
    settings = Settings(home=home, mirror=None, database=db.url)
    request = PlanRequest(
        scenario="final-polls-2024", base="2019-notional", bloc=("LAB", "LD", "GRN"),
        against="CON", budget=20_000, sims=1000,
    )  # fmt: skip
    result = plan_allocation(Store(settings), request, volunteers=FIXTURES / "volunteers.csv")
    save(result, home / "plans", db)
    db.dispose()
    return settings, result


def test_page_needs_an_organiser_and_shows_the_plan(planned: tuple[Settings, Any]) -> None:
    settings, result = planned
    client = TestClient(create_app(settings))
    assert client.get("/allocate", follow_redirects=False).status_code == 303
    db = Database(settings.database_url)
    _, token = accounts.create_user(db, "ada", Role.ADMIN)
    db.dispose()
    page = client.get("/allocate", params={"volunteer": "dev"},
                      headers={"Authorization": f"Bearer {token}"}).text  # fmt: skip
    assert (
        f"{result.expected_seats:.2f}" in page and f"{result.baseline_expected_seats:.2f}" in page
    )
    assert "dev: go to" in page and "Folkestone and Hythe" in page
    assert page.count('class="hx p-a') == page.count('class="hx ') == 650


@pytest.fixture(scope="module")
def server(planned: tuple[Settings, Any], serve_app: Any) -> Iterator[str]:
    with serve_app(planned[0]) as url:
        yield url


@pytest.mark.browser
def test_an_organiser_reads_a_volunteers_suggestion(
    chromium: Any, server: str, planned: tuple[Settings, Any]
) -> None:
    page = chromium.new_context().new_page()
    page.set_default_timeout(20_000)
    page.goto(server + "/allocate")
    page.get_by_label("Account name").fill("olu")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/allocate")
    table = page.get_by_role(
        "table", name="Seat scores and the plan (first 60 by expected-seat gain)"
    )
    first = planned[1].seats[0]
    assert first.name in table.inner_text()
    assert page.locator("svg.hexmap path.p-aplan").count() >= 1
    page.get_by_label("A volunteer's suggestion").fill("ann")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/allocate?volunteer=ann")
    mine = planned[1].suggestion("ann")
    text = page.locator("#suggestion").inner_text()
    assert (
        mine is not None and f"go to {mine.seat_name}" in text and f"{mine.minutes} minutes" in text
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "allocate-page.png"), full_page=True)
    page.context.close()
