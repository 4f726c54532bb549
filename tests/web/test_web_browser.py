"""End to end in Debian's headless Chromium driven by Playwright: map, slider, seat page."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hustings.settings import Settings

pytestmark = [pytest.mark.mirror, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_settings: Settings) -> Iterator[str]:
    """The app under uvicorn on a loopback port, in a thread, for this module."""
    import uvicorn

    from hustings.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(web_settings), host="127.0.0.1", port=port,
                            log_level="warning")  # fmt: skip
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start within 20 s"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    """A Chromium page (skips with the reason when Chromium or Playwright is missing)."""
    if not Path(CHROMIUM).is_file() and shutil.which("chromium") is None:
        pytest.skip("no Chromium at /usr/bin/chromium: run scripts/setup-browser.sh (root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (dev extra)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        tab = browser.new_page(viewport={"width": 1200, "height": 900})
        tab.set_default_timeout(15_000)
        yield tab
        browser.close()


def test_map_slider_and_seat_page(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    assert page.locator("svg.hexmap a[data-gss]").count() == 650
    page.screenshot(path=str(ARTIFACTS / "web-national.png"), full_page=True)

    page.goto(server + "/swingometer")
    before = page.locator('#totals tr[data-party="LAB"] .seats').inner_text()
    slider = page.locator("#r-LAB")
    slider.focus()
    slider.fill("55")
    page.locator("#n-CON").fill("10")
    page.locator("#n-CON").dispatch_event("input")
    page.wait_for_function(
        "b => document.querySelector('#totals tr[data-party=\"LAB\"] .seats').textContent !== b",
        arg=before,
        timeout=5_000,
    )
    after = page.locator('#totals tr[data-party="LAB"] .seats').inner_text()
    assert int(after) > int(before)
    assert "LAB=55.0" in page.url
    page.screenshot(path=str(ARTIFACTS / "web-swingometer.png"), full_page=True)

    page.goto(server + "/")
    page.locator('svg.hexmap a[data-gss="E14001170"]').click()
    page.wait_for_url("**/seats/E14001170")
    assert page.locator("h1").inner_text() == "Chorley"
    page.screenshot(path=str(ARTIFACTS / "web-seat.png"), full_page=True)


def test_keyboard_focus_shows_the_seat_and_phone_width(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(server + "/")
    page.locator('svg.hexmap a[data-gss="E14001170"]').focus()
    assert page.locator("#seatinfo").inner_text() == "Chorley: Speaker"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    page.screenshot(path=str(ARTIFACTS / "web-phone.png"), full_page=True)
