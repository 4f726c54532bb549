"""Voting on a phone in Debian's headless Chromium: the emailed link fills in the code, the
paper is filled in and sent with the keyboard alone, every control has a label, and the page
does not scroll sideways at 200% zoom; then the officer's console shows turnout only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from hustings.settings import Settings
from hustings.storage import accounts
from hustings.storage.accounts import Role
from hustings.storage.engine import Database
from hustings.votes import CredentialMessage, check_receipt, import_register

from .conftest import CANDIDATES, REGISTER, open_with_codes, spec, write

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "returning-officer-2026"
UNLABELLED = """() => [...document.querySelectorAll('main input, main select, main button')]
    .filter(e => e.type !== 'hidden')
    .filter(e => e.tagName === 'BUTTON' ? !e.textContent.trim() : e.labels.length === 0)
    .map(e => e.name || e.id)"""


@pytest.fixture(scope="module")
def ballot_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict]]:
    folder = tmp_path_factory.mktemp("votes-browser")
    db = Database(f"sqlite:///{folder / 'state.db'}")
    db.migrate()
    import_register(db, write(folder / "members.csv", REGISTER))
    now = datetime.now(UTC)
    chosen = spec(opens_at=now - timedelta(hours=1), closes_at=now + timedelta(hours=2))
    codes = open_with_codes(db, folder / "outbox", chosen)
    accounts.create_user(db, "officer", Role.ADMIN, password=PASSWORD)
    yield db, codes
    db.dispose()


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory,
    ballot_db: tuple[Database, dict[int, CredentialMessage]],
    serve_app: Any,
) -> Iterator[str]:
    home = tmp_path_factory.mktemp("votes-home")
    with serve_app(Settings(home=home, mirror=None, database=ballot_db[0].url)) as url:
        yield url


@pytest.fixture
def browser(chromium: Any) -> Any:
    return chromium


def test_a_member_votes_on_a_phone_with_the_keyboard_alone(
    browser: Any, server: str, ballot_db: tuple[Database, dict[int, CredentialMessage]]
) -> None:
    db, codes = ballot_db
    message = codes[min(codes)]
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.set_default_timeout(20_000)
    page.goto(server + f"/vote/committee#code={message.code}")
    code = page.get_by_label("Your voting code")
    assert code.input_value() == message.code
    assert "#code" not in page.url
    assert page.evaluate(UNLABELLED) == []
    # keyboard only: Tab from the code field to each preference list, type a number
    code.focus()
    for number, candidate in ((2, CANDIDATES[0]), (1, CANDIDATES[2])):
        field = page.get_by_label(candidate, exact=True)
        while not field.evaluate("e => e === document.activeElement"):
            page.keyboard.press("Tab")
        page.keyboard.press(str(number))
    page.screenshot(path=str(ARTIFACTS / "votes-phone-paper.png"), full_page=True)
    page.get_by_role("button", name="Cast my vote").focus()
    page.keyboard.press("Enter")
    receipt = page.locator("#receipt")
    receipt.wait_for()
    assert check_receipt(db, "committee", receipt.inner_text()).found
    page.screenshot(path=str(ARTIFACTS / "votes-phone-receipt.png"), full_page=True)
    page.goto(server + "/vote/committee")
    page.get_by_label("Your voting code").fill(message.code)
    page.get_by_label(CANDIDATES[1], exact=True).select_option("1")
    page.get_by_role("button", name="Cast my vote").click()
    assert "already been used" in page.get_by_role("alert").inner_text()
    phone.close()


def test_the_paper_reflows_at_200_percent_zoom(browser: Any, server: str) -> None:
    # 200% zoom on a 390-pixel phone leaves 195 CSS pixels: nothing may scroll sideways
    zoomed = browser.new_context(viewport={"width": 195, "height": 422}, device_scale_factor=2)
    page = zoomed.new_page()
    page.goto(server + "/vote/committee")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    page.screenshot(path=str(ARTIFACTS / "votes-zoom-200.png"), full_page=True)
    assert overflow <= 0
    zoomed.close()


def test_the_console_shows_turnout_and_no_result(browser: Any, server: str) -> None:
    desk = browser.new_context()
    page = desk.new_page()
    page.set_default_timeout(20_000)
    page.goto(server + "/votes/committee/console")
    page.get_by_label("Account name").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/votes/committee/console")
    table = page.get_by_role("table", name="Turnout by region")
    assert "North" in table.inner_text()
    assert "elected" not in page.locator("main").inner_text().lower()
    page.screenshot(path=str(ARTIFACTS / "votes-console.png"), full_page=True)
    desk.close()
