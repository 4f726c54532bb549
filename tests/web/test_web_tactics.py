"""Tactical lookup, targets (with CSV) and the back-test, through pages and the API."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.mirror


def test_tactical_api_one_seat_has_evidence(client: TestClient) -> None:
    row = client.get("/api/v1/tactical/E14001063").json()
    assert row["name"] == "Aldershot"
    assert row["recommended"] in {"LAB", "LD", "GRN", "SNP", "PC"}
    assert 0 <= row["probability"] <= 1
    assert row["evidence"]


def test_tactical_api_all_seats_and_unknown_seat(client: TestClient) -> None:
    body = client.get("/api/v1/tactical").json()
    assert len(body["rows"]) == 632
    missing = client.get("/api/v1/tactical/E99999999")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_tactical_page_finds_a_seat_by_name(client: TestClient) -> None:
    page = client.get("/tactical", params={"seat": "Aldershot"})
    assert page.status_code == 200
    assert 'href="/seats/E14001063"' in page.text
    assert "Why" in page.text
    assert 'id="seat-q"' in page.text and "<datalist" in page.text


def test_targets_csv_matches_json(client: TestClient) -> None:
    params = {"party": "LD", "max_swing": "5"}
    rows = client.get("/api/v1/targets", params=params).json()["rows"]
    response = client.get("/api/v1/targets", params={**params, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    parsed = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["gss"] for r in parsed] == [r["gss"] for r in rows]
    assert all(r["swing_needed"] <= 5 for r in rows)


def test_targets_page_is_sortable_and_filtered(client: TestClient) -> None:
    page = client.get("/targets", params={"party": "CON", "mode": "defence", "region": "Scotland"})
    assert page.status_code == 200
    assert 'class="data sortable"' in page.text
    assert "format=csv" in page.text
    assert "London</td>" not in page.text


def test_backtest_page_shows_forecasters(client: TestClient) -> None:
    page = client.get("/backtest")
    assert page.status_code == 200
    assert "(published)" in page.text
    assert "hustings uns" in page.text


def test_seat_page_has_projection_and_advice(client: TestClient) -> None:
    page = client.get("/seats/E14001063").text
    assert 'id="proj-h"' in page
    assert 'id="tac-h"' in page
