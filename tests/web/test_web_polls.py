"""The polling-average page: the latest average with its interval and the weekly trend chart,
in the in-process client and in headless Chromium."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hustings.data.api import Store
from hustings.projection.average import latest_average, poll_trend
from hustings.settings import Settings

pytestmark = pytest.mark.mirror

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_the_table_is_the_average_of_hustings_polls(client: TestClient,
                                                    web_settings: Settings) -> None:  # fmt: skip
    average = latest_average(Store(web_settings))
    page = client.get("/polls")
    assert page.status_code == 200
    assert f"Polling average on {average.as_of}" in page.text
    for party, share in average.shares.items():
        lo, hi = average.interval(party)
        cell = f'{100 * share:.1f}%</td><td class="num">{100 * lo:.1f}-{100 * hi:.1f}%'
        assert cell in page.text, party


def test_a_bad_date_is_one_clear_error(client: TestClient) -> None:
    page = client.get("/polls?since=31/12/2025")
    assert page.status_code == 422
    assert "since &#39;31/12/2025&#39; is not a date" in page.text


@pytest.mark.browser
def test_trend_chart_in_the_browser(page: Any, server: str, web_settings: Settings) -> None:
    store = Store(web_settings)
    as_of = date(2024, 7, 3)
    trend = poll_trend(store.polls(), date(2024, 1, 1), latest_average(store, as_of).as_of)
    page.goto(server + "/polls?since=2024-01-01&as_of=2024-07-03")
    assert page.locator("h1").inner_text() == "Polling average on 2024-07-03"
    lines = page.locator("svg#trend g.trend-line")
    parties = {lines.nth(i).get_attribute("data-party") for i in range(lines.count())}
    assert {"CON", "LAB", "LD", "GRN", "RUK"} <= parties
    # one point a week from 1 January to 3 July 2024, as the library's trend has
    lab = page.locator('svg#trend g.trend-line[data-party="LAB"] polyline')
    points = sum(len(lab.nth(i).get_attribute("points").split()) for i in range(lab.count()))
    assert points == sum(v is not None for v in trend.shares["LAB"]) == len(trend.dates)
    box = page.locator("svg#trend").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    # Labour above the Conservatives all the way: every Labour point is higher on the chart
    con = page.locator('svg#trend g.trend-line[data-party="CON"] polyline').first
    lab_y = [float(p.split(",")[1]) for p in lab.first.get_attribute("points").split()]
    con_y = [float(p.split(",")[1]) for p in con.get_attribute("points").split()]
    assert all(a < b for a, b in zip(lab_y, con_y, strict=True))
    page.screenshot(path=str(ARTIFACTS / "web-polls.png"), full_page=True)
