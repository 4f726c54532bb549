"""A canvasser's evening on a phone, in Debian's headless Chromium: sign in, open the walk
list, lose signal, record doors, regain signal, and every record arrives exactly once; then
the organiser's dashboard shows the coverage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from hustings.field.canvass import import_households
from hustings.field.organise import create_walk_list
from hustings.settings import Settings
from hustings.storage import accounts
from hustings.storage import schema as t
from hustings.storage.accounts import Role
from hustings.storage.engine import Database

from .conftest import CHORLEY, resolve, write

pytestmark = [pytest.mark.mirror, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "doorstep-2026-password"


@pytest.fixture(scope="module")
def field_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    folder = tmp_path_factory.mktemp("field-browser")
    db = Database(f"sqlite:///{folder / 'state.db'}")
    db.migrate()
    rows = ["address_key,seat,ward"] + [f"{i} Mill Lane,Chorley,W1" for i in range(1, 9)]
    import_households(db, write(folder / "h.csv", "\n".join(rows) + "\n"), resolve)
    accounts.create_user(db, "ann", Role.CANVASSER, password=PASSWORD)
    accounts.create_user(db, "olu", Role.ORGANISER, seats=[CHORLEY], password=PASSWORD)
    create_walk_list(db, "Mill Lane", CHORLEY, assign_to="ann")
    return db


@pytest.fixture(scope="module")
def server(synced: Settings, field_db: Database, serve_app: Any) -> Iterator[str]:
    settings = Settings(home=synced.home, mirror=synced.mirror, database=field_db.url)
    with serve_app(settings) as url:
        yield url


@pytest.fixture
def browser(chromium: Any) -> Any:
    return chromium


def _contacts(db: Database) -> list[tuple[str, str]]:
    with db.read() as conn:
        query = (
            sa.select(t.households.c.address_key, t.contacts.c.outcome)
            .join(t.households, t.households.c.id == t.contacts.c.household_id)
            .order_by(t.households.c.address_key)
        )
        return [(r[0], r[1]) for r in conn.execute(query)]


def _sign_in(page: Any, server: str, name: str) -> None:
    page.goto(server + "/field")
    page.get_by_label("Account name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_records_made_without_signal_arrive_once(
    browser: Any, server: str, field_db: Database
) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.set_default_timeout(15_000)
    _sign_in(page, server, "ann")
    page.wait_for_url("**/field/canvass")
    page.get_by_role("link", name="Mill Lane").click()
    status = page.locator("#sync-status")
    status.filter(has_text="All records sent.").wait_for()

    phone.set_offline(True)
    page.get_by_role("group", name="Outcome at 1 Mill Lane").get_by_role(
        "button", name="Spoke"
    ).click()
    page.get_by_role("group", name="Outcome at 2 Mill Lane").get_by_role(
        "button", name="Not in"
    ).click()
    page.get_by_role("group", name="Outcome at 3 Mill Lane").get_by_role(
        "button", name="Leaflet"
    ).click()
    status.filter(has_text="3 records waiting to send").wait_for()
    page.get_by_role("button", name="Send now").click()
    status.filter(has_text="No signal").wait_for()
    assert _contacts(field_db) == []
    page.screenshot(path=str(ARTIFACTS / "field-offline.png"), full_page=True)

    phone.set_offline(False)
    status.filter(has_text="All records sent.").wait_for()
    assert _contacts(field_db) == [
        ("1 Mill Lane", "spoke"),
        ("2 Mill Lane", "not_in"),
        ("3 Mill Lane", "leaflet"),
    ]
    page.get_by_role("button", name="Send now").click()
    page.reload()
    assert (
        page.locator(".door", has_text="1 Mill Lane").locator(".done").inner_text() == "spoken to"
    )
    assert len(_contacts(field_db)) == 3
    phone.close()

    desk = browser.new_context(viewport={"width": 1200, "height": 900})
    board = desk.new_page()
    _sign_in(board, server, "olu")
    board.wait_for_url("**/field")
    row = board.locator(f"tr[data-seat='{CHORLEY}']")
    assert "Chorley" in row.inner_text()
    assert "25% (2)" in row.inner_text()
    assert board.locator("svg.hexmap a[data-gss]").count() == 650
    board.screenshot(path=str(ARTIFACTS / "field-dashboard.png"), full_page=True)
    desk.close()


def test_a_wrong_password_says_so(browser: Any, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "/login")
    page.get_by_label("Account name").fill("ann")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "Wrong account name or password."
    page.close()
