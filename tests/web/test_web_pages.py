"""Server-rendered pages: content without JavaScript, accessibility hooks, size."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.mirror

HEX = re.compile(r'<a href="/seats/([ENSW]\d{8})" data-gss="\1" aria-label="([^"]+)">')


def test_national_page_draws_650_labelled_hexes(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    hexes = HEX.findall(response.text)
    assert len(hexes) == 650
    assert ("E14001170", "Chorley: Speaker, majority 20,575 (60.6%)") in hexes
    assert "Labour</th>" in response.text or "Labour</th" in response.text


def test_national_page_for_2019_and_the_bbc_layout(client: TestClient) -> None:
    page = client.get("/", params={"election": "2019"})
    assert len(HEX.findall(page.text)) == 650
    assert 'data-layout="' in page.text
    layouts = re.findall(r'<option value="([^"]+)"', page.text.split('id="layout"')[1])
    other = next(v for v in layouts if v)
    alt = client.get("/", params={"election": "2019", "layout": other})
    assert alt.status_code == 200
    assert f'data-layout="{other}"' in alt.text


def test_layout_of_the_wrong_boundary_set_is_refused(client: TestClient) -> None:
    page = client.get("/", params={"election": "2024", "layout": "nonsense"})
    assert page.status_code == 422
    assert "no hex layout &#39;nonsense&#39; for the 2024 boundaries" in page.text


def test_national_page_is_small_when_compressed(client: TestClient) -> None:
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) < 500_000
    assert len(response.content) < 500_000


def test_seat_page_shows_results_and_facts(client: TestClient) -> None:
    page = client.get("/seats/E14001170")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Chorley</h1>" in text
    assert "Lindsay Hoyle" in text
    assert "20,575" in text
    assert "EU referendum Leave" in text
    assert 'role="img"' in text


def test_seat_page_of_an_old_seat_links_its_successors(client: TestClient) -> None:
    page = client.get("/seats/E14000637")
    assert page.status_code == 200
    assert 'href="/seats/E14001170"' in page.text


def test_unknown_seat_page_is_a_404_page(client: TestClient) -> None:
    page = client.get("/seats/E99999999")
    assert page.status_code == 404
    assert "no constituency &#39;E99999999&#39;" in page.text


def test_swingometer_renders_a_projection_without_javascript(client: TestClient) -> None:
    page = client.get("/swingometer", params={"LAB": "45", "CON": "20", "model": "uns"})
    assert page.status_code == 200
    assert len(HEX.findall(page.text)) == 650
    assert 'name="LAB"' in page.text and 'value="45.0"' in page.text
    named = client.get("/swingometer", params={"shares": "final-polls-2024"})
    assert named.status_code == 200


def test_swingometer_scales_shares_over_100_down_and_says_so(client: TestClient) -> None:
    page = client.get("/swingometer", params={"LAB": "80", "CON": "40"})
    assert page.status_code == 200
    assert "added up to 120%" in page.text
    assert 'id="n-LAB" name="LAB" data-party="LAB" min="0" max="100" step="0.1" value="66.7"' in (
        page.text
    )
    assert "--normalise" not in page.text


def test_about_page_credits_every_dataset(client: TestClient) -> None:
    from hustings.data.registry import all_datasets

    page = html.unescape(client.get("/about").text)
    for dataset in all_datasets():
        assert dataset.publisher in page
        assert dataset.licence in page
        assert dataset.credit in page


def test_every_page_has_a_skip_link_and_language(client: TestClient) -> None:
    for url in ("/", "/swingometer", "/seats/E14001170", "/about"):
        text = client.get(url).text
        assert '<html lang="en-GB">' in text
        assert 'href="#main"' in text
        assert 'name="viewport"' in text


def test_static_files_are_served(client: TestClient) -> None:
    assert "swingometer" in client.get("/static/app.js").text
    assert client.get("/static/style.css").status_code == 200
