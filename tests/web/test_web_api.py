"""The JSON API: every route, the single error shape, validation, caching."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.mirror


def assert_error(body: dict[str, object], code: str) -> None:
    assert set(body) == {"error"}
    error = body["error"]
    assert isinstance(error, dict)
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]


def test_elections_lists_the_general_elections(client: TestClient) -> None:
    ids = [e["id"] for e in client.get("/api/v1/elections").json()]
    for expected in ("2010", "2015", "2017", "2019", "2019-notional", "2024"):
        assert expected in ids


def test_seats_filter_by_name_and_boundary_set(client: TestClient) -> None:
    rows = client.get("/api/v1/seats", params={"q": "chorley"}).json()
    assert {(r["gss"], r["boundary_set"]) for r in rows} == {
        ("E14000637", "2010"),
        ("E14001170", "2024"),
    }
    assert len(client.get("/api/v1/seats", params={"boundary_set": "2024"}).json()) == 650


def test_seat_profile_of_chorley(client: TestClient) -> None:
    body = client.get("/api/v1/seats/E14001170").json()
    assert body["name"] == "Chorley"
    latest = {r["election"]: r for r in body["results"]}["2024"]
    assert latest["winner"] == "SPK"
    assert latest["majority"] == 20575
    assert client.get("/api/v1/seats/e14001170").json()["gss"] == "E14001170"


def test_unknown_seat_is_a_404_in_the_error_shape(client: TestClient) -> None:
    response = client.get("/api/v1/seats/E99999999")
    assert response.status_code == 404
    body = response.json()
    assert_error(body, "not_found")
    assert body["error"]["message"] == "no constituency 'E99999999'"


def test_malformed_code_is_a_422_naming_the_parameter(client: TestClient) -> None:
    response = client.get("/api/v1/seats/Chorley")
    assert response.status_code == 422
    body = response.json()
    assert_error(body, "invalid_input")
    assert body["error"]["message"].startswith("invalid path.gss:")


def test_unknown_route_and_method_use_the_error_shape(client: TestClient) -> None:
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert_error(missing.json(), "not_found")
    wrong = client.post("/api/v1/elections")
    assert wrong.status_code == 405
    assert_error(wrong.json(), "method_not_allowed")


def test_national_results_2024(client: TestClient) -> None:
    body = client.get("/api/v1/results/2024").json()
    assert body["seats"]["LAB"] == 411
    assert sum(body["seats"].values()) == 650
    by_nation = client.get("/api/v1/results/2019", params={"by": "nation"}).json()
    assert set(by_nation["breakdown"]) == {"England", "Scotland", "Wales", "Northern Ireland"}
    bad = client.get("/api/v1/results/1066")
    assert bad.status_code == 404
    assert_error(bad.json(), "not_found")


def test_map_winners_cover_every_seat(client: TestClient) -> None:
    body = client.get("/api/v1/map/2019").json()
    assert len(body["winners"]) == 650
    assert body["boundary_set"] == "2010"
    assert body["seats"]["CON"] == 365


def test_projection_uns_reproduces_the_base_at_its_own_shares(client: TestClient) -> None:
    actual = client.get("/api/v1/results/2019").json()["gb"]["seats"]
    body = client.get(
        "/api/v1/project", params={"base": "2019", "shares": "actual-2019", "detail": "false"}
    ).json()
    assert body["seats"] == actual
    assert "seat_results" not in body
    assert len(body["winners_by_gss"]) == 632


def test_projection_errors(client: TestClient) -> None:
    bad_model = client.get("/api/v1/project", params={"shares": "LAB=40,CON=20", "model": "zzz"})
    assert bad_model.status_code == 422
    assert bad_model.json()["error"]["message"] == "unknown model 'zzz'"
    too_much = client.get("/api/v1/project", params={"shares": "LAB=80,CON=40"})
    assert too_much.status_code == 422
    assert too_much.json()["error"]["message"] == "shares sum to 120.0, not 100"
    missing = client.get("/api/v1/project")
    assert missing.status_code == 422
    assert_error(missing.json(), "invalid_input")


def test_datasets_credit_every_registered_dataset(client: TestClient) -> None:
    from hustings.data.registry import all_datasets

    rows = client.get("/api/v1/datasets").json()
    assert [r["id"] for r in rows] == [d.id for d in all_datasets()]
    assert all(r["publisher"] and r["licence"] and r["credit"] for r in rows)


def test_openapi_documents_every_api_route(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/elections",
        "/api/v1/seats",
        "/api/v1/seats/{gss}",
        "/api/v1/results/{election}",
        "/api/v1/project",
    ):
        assert path in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_postcode_api_gives_seats_with_shares(client: TestClient) -> None:
    body = client.get("/api/v1/postcodes/ls6").json()
    assert body["kind"] == "district"
    assert [s["name"] for s in body["seats"]] == [
        "Leeds Central and Headingley",
        "Leeds North East",
    ]
    assert sum(s["share"] for s in body["seats"]) == pytest.approx(1.0, abs=0.001)
    assert client.get("/api/v1/postcodes/SW1A 1AA").json()["seats"][0]["share"] == 1.0
    bad = client.get("/api/v1/postcodes/hello")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"


def test_every_extreme_swingometer_state_projects(client: TestClient) -> None:
    """Each party alone at the most the swingometer lets it have (the SNP and Plaid Cymru at
    most their nation's part of the GB vote, the rest to others), and everyone at zero."""
    from hustings.web.adapter.projection import share_caps

    st = client.app.state.hustings  # type: ignore[attr-defined]
    parties = ("LAB", "CON", "RUK", "LD", "GRN", "SNP", "PC")
    for base in ("2010", "2019", "2019-notional", "2024"):
        caps = share_caps(st.store(), base)
        assert 7 < caps["SNP"] < 10 and 3 < caps["PC"] < 6
        states = [
            ",".join(f"{q}={caps.get(q, 100.0) if q == p else 0.0}" for q in parties)
            for p in parties
        ]
        states.append(",".join(f"{q}=0.0" for q in parties))
        for model in ("uns", "proportional"):
            for shares in states:
                params = {"shares": shares, "base": base, "model": model, "detail": "false"}
                r = client.get("/api/v1/project", params=params)
                assert r.status_code == 200, (base, model, shares, r.text)
