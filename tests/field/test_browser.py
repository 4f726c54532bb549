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
from hustings.field.organise import assign_walk_list, create_walk_list
from hustings.settings import Settings
from hustings.storage import accounts
from hustings.storage import schema as t
from hustings.storage.accounts import Role
from hustings.storage.engine import Database

from .conftest import CHORLEY, HENDON, resolve, write

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
    road = ["address_key,seat"] + [f"{i} Park Road,Hendon" for i in range(1, 7)]
    import_households(db, write(folder / "road.csv", "\n".join(road) + "\n"), resolve)
    for name in ("cat", "dev", "eve"):
        accounts.create_user(db, name, Role.CANVASSER, password=PASSWORD)
    create_walk_list(db, "Park Road low", HENDON, limit=2, assign_to="cat")
    create_walk_list(db, "Park Road middle", HENDON, limit=2, assign_to="dev")
    create_walk_list(db, "Park Road 5", HENDON, limit=1, assign_to="eve")
    create_walk_list(db, "Park Road 6", HENDON, limit=1, assign_to="eve")
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


def _park_road(db: Database) -> list[tuple[str, str, str]]:
    """Park Road's records: (household, outcome, the account that sent it)."""
    with db.read() as conn:
        query = (
            sa.select(t.households.c.address_key, t.contacts.c.outcome, t.users.c.name)
            .join(t.households, t.households.c.id == t.contacts.c.household_id)
            .join(t.users, t.users.c.id == t.contacts.c.recorded_by)
            .where(t.households.c.seat == HENDON)
            .order_by(t.households.c.address_key)
        )
        return [(r[0], r[1], r[2]) for r in conn.execute(query)]


def _tap(page: Any, household: str, outcome: str) -> None:
    page.get_by_role("group", name=f"Outcome at {household}").get_by_role(
        "button", name=outcome
    ).click()


def _server_trouble(route: Any) -> None:
    body = '{"error": {"code": "internal", "message": "the server is busy"}}'
    route.fulfill(status=503, content_type="application/json", body=body)


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


def test_a_shared_phone_sends_each_canvassers_records_under_their_own_account(
    browser: Any, server: str, field_db: Database
) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.set_default_timeout(15_000)
    bodies: list[str] = []
    page.on("request", lambda r: bodies.append(r.post_data or "") if "/contacts" in r.url else 0)
    status = page.locator("#sync-status")
    _sign_in(page, server, "cat")
    page.get_by_role("link", name="Park Road low").click()
    status.filter(has_text="All records sent.").wait_for()

    phone.set_offline(True)
    _tap(page, "1 Park Road", "Spoke")
    _tap(page, "2 Park Road", "Not in")
    status.filter(has_text="2 records waiting to send").wait_for()
    phone.route("**/api/v1/field/contacts", _server_trouble)
    phone.set_offline(False)
    status.filter(has_text="could not take them just now (503)").wait_for()
    page.get_by_role("link", name="Back to your lists").click()
    status.filter(has_text="2 records waiting to send").wait_for()
    assert _park_road(field_db) == []

    page.get_by_role("button", name="Sign out").click()
    warning = page.get_by_role("alert")
    assert warning.inner_text().startswith("2 records not sent yet.")
    assert page.url.endswith("/field/canvass")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login")

    phone.unroute("**/api/v1/field/contacts")
    _sign_in(page, server, "dev")
    page.wait_for_url("**/field/canvass")
    assert (
        page.locator("#other-accounts")
        .inner_text()
        .startswith("2 records of another account are kept on this phone")
    )
    page.get_by_role("link", name="Park Road middle").click()
    assert page.locator(".door").all_inner_texts()[0].startswith("3 Park Road")
    _tap(page, "3 Park Road", "Spoke")
    status.filter(has_text="All records sent.").wait_for()
    page.get_by_role("button", name="Send now").click()
    status.filter(has_text="All records sent.").wait_for()
    assert _park_road(field_db) == [("3 Park Road", "spoke", "dev")]
    devs = [b for b in bodies if "3 Park Road" in b]
    assert devs and not any("1 Park Road" in b for b in devs)
    page.get_by_role("link", name="Back to your lists").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login")

    _sign_in(page, server, "cat")
    page.wait_for_url("**/field/canvass")
    status.filter(has_text="All records sent.").wait_for()
    assert _park_road(field_db) == [
        ("1 Park Road", "spoke", "cat"),
        ("2 Park Road", "not_in", "cat"),
        ("3 Park Road", "spoke", "dev"),
    ]
    assert page.evaluate("Object.keys(localStorage)") == []
    phone.close()


NEWER_PAGE_RECORD = """() => {
  const key = Object.keys(localStorage).find((k) => k.startsWith("hustings-field/queue/"));
  const queue = JSON.parse(localStorage.getItem(key));
  queue.push({id: crypto.randomUUID(), household: "5 Park Road", outcome: "canvassed",
              at: new Date().toISOString()});
  localStorage.setItem(key, JSON.stringify(queue));
}"""


def test_refused_records_are_set_aside_and_shown_not_resent(
    browser: Any, server: str, field_db: Database
) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.set_default_timeout(15_000)
    posts: list[int] = []
    page.on("request", lambda r: posts.append(1) if "/contacts" in r.url else 0)
    status = page.locator("#sync-status")
    _sign_in(page, server, "eve")
    phone.route("**/api/v1/field/contacts", _server_trouble)
    page.get_by_role("link", name="Park Road 5").click()
    _tap(page, "5 Park Road", "Spoke")
    status.filter(has_text="could not take them just now (503)").wait_for()
    page.get_by_role("link", name="Back to your lists").click()
    page.get_by_role("link", name="Park Road 6").click()
    _tap(page, "6 Park Road", "Not in")
    status.filter(has_text="2 records waiting to send").wait_for()
    page.evaluate(NEWER_PAGE_RECORD)
    assign_walk_list(field_db, "Park Road 6", "dev")

    phone.unroute("**/api/v1/field/contacts")
    page.get_by_role("button", name="Send now").click()
    status.filter(has_text="All records sent. 2 records not accepted: see below.").wait_for()
    assert _park_road(field_db)[-1] == ("5 Park Road", "spoke", "eve")
    refused = page.get_by_role("region", name="Not accepted").get_by_role("listitem")
    lines = refused.all_inner_texts()
    assert len(lines) == 2
    assert any(
        line.startswith("5 Park Road, canvassed, ")
        and ": not accepted: invalid body." in line
        and ".outcome: Input should be 'answered'" in line
        for line in lines
    )
    assert any(
        line.startswith("6 Park Road, Not in, ")
        and line.endswith(": not accepted: household '6 Park Road' is not on your walk lists")
        for line in lines
    )
    assert page.locator(".door", has_text="6 Park Road").locator(".done").inner_text() == (
        "not accepted"
    )
    page.screenshot(path=str(ARTIFACTS / "field-not-accepted.png"), full_page=True)

    before = len(posts)
    page.get_by_role("button", name="Send now").click()
    page.get_by_role("link", name="Back to your lists").click()
    status.filter(has_text="2 records not accepted").wait_for()
    assert len(posts) == before
    assert [r for r in _park_road(field_db) if r[2] == "eve"] == [("5 Park Road", "spoke", "eve")]
    page.get_by_role("button", name="Clear this list").click()
    status.filter(has_text="All records sent.").wait_for()
    assert page.get_by_role("region", name="Not accepted").count() == 0
    phone.close()
