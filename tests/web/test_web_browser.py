"""End to end in Debian's headless Chromium driven by Playwright: map, slider, seat page."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.mirror, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_map_slider_and_seat_page(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    assert page.locator("svg.hexmap a[data-gss]").count() == 650
    page.screenshot(path=str(ARTIFACTS / "web-national.png"), full_page=True)

    page.goto(server + "/swingometer")
    before = page.locator('#totals tr[data-party="LAB"] .seats').inner_text()
    slider = page.locator("#r-LAB")
    slider.focus()
    slider.fill("55")
    page.locator("#lock-LAB").check()
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
    assert page.locator("#seatinfo").inner_text() == "Chorley: Speaker, majority 20,575 (60.6%)"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    page.screenshot(path=str(ARTIFACTS / "web-phone.png"), full_page=True)
