"""POST /api/v1/field/contacts and friends, through the real app (both back-ends)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from hustings.errors import HustingsError
from hustings.field.organise import create_walk_list
from hustings.settings import Settings
from hustings.storage import accounts
from hustings.storage import schema as t
from hustings.storage.accounts import Role
from hustings.storage.engine import Database
from hustings.web import create_app

from .conftest import CHORLEY

URL = "/api/v1/field/contacts"


@pytest.fixture
def client(households: Database, tmp_path: Path) -> TestClient:
    settings = Settings(home=tmp_path / "home", mirror=None, database=households.url)
    return TestClient(create_app(settings))


@pytest.fixture
def canvasser(households: Database) -> str:
    accounts.create_user(households, "ann", Role.CANVASSER)
    create_walk_list(households, "w1", CHORLEY, ward="W1", assign_to="ann")
    return accounts.issue_token(households, "ann")


def item(household: str = "CH-0", outcome: str = "spoke") -> dict[str, str]:
    return {
        "id": str(uuid.uuid4()),
        "household": household,
        "outcome": outcome,
        "at": "2026-12-05T11:00:00+00:00",
    }


def stored(db: Database) -> int:
    with db.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(t.contacts)).scalar_one())


def test_no_token_is_401_in_the_error_shape(client: TestClient) -> None:
    answer = client.post(URL, json=[item()])
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "not_signed_in"
    answer = client.post(URL, json=[item()], headers={"Authorization": "Bearer nope"})
    assert (answer.status_code, answer.json()["error"]["code"]) == (401, "unauthorised")


def test_a_batch_is_stored_once_however_often_it_is_sent(
    client: TestClient, canvasser: str, households: Database
) -> None:
    auth = {"Authorization": f"Bearer {canvasser}"}
    batch = [item("CH-0"), item("CH-1", "not_in"), item("CH-2", "leaflet")]
    first = client.post(URL, json=batch, headers=auth)
    assert (first.status_code, first.json()) == (200, {"accepted": 3, "duplicates": 0})
    again = client.post(URL, json=batch, headers=auth)
    assert (again.status_code, again.json()) == (200, {"accepted": 0, "duplicates": 3})
    assert stored(households) == 3


def test_a_household_off_the_walk_list_is_403(
    client: TestClient, canvasser: str, households: Database
) -> None:
    answer = client.post(
        URL, json=[item("CH-0"), item("CH-9")], headers={"Authorization": f"Bearer {canvasser}"}
    )
    assert answer.status_code == 403
    assert answer.json()["error"]["message"] == "household 'CH-9' is not on your walk lists"
    assert stored(households) == 0


def test_a_bad_record_is_422_naming_it_and_nothing_is_stored(
    client: TestClient, canvasser: str, households: Database
) -> None:
    answer = client.post(
        URL,
        json=[item("CH-0"), item("CH-1", "voted")],
        headers={"Authorization": f"Bearer {canvasser}"},
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["message"].startswith("invalid body.1.outcome")
    assert stored(households) == 0


def test_an_expired_token_is_401(client: TestClient, canvasser: str, households: Database) -> None:
    with households.write() as conn:
        conn.execute(
            t.api_tokens.update().values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    answer = client.post(URL, json=[item()], headers={"Authorization": f"Bearer {canvasser}"})
    assert (answer.status_code, answer.json()["error"]["message"]) == (
        401,
        "the API token has expired",
    )


def test_a_session_cookie_needs_the_csrf_token_to_write(
    client: TestClient, households: Database
) -> None:
    accounts.create_user(
        households, "org", Role.ORGANISER, seats=[CHORLEY], password="a long password"
    )
    _, session, csrf = accounts.login(households, "org", "a long password")
    client.cookies.set("hustings_session", session)
    assert client.post(URL, json=[item()]).status_code == 401
    answer = client.post(URL, json=[item()], headers={"X-CSRF-Token": csrf})
    assert (answer.status_code, answer.json()) == (200, {"accepted": 1, "duplicates": 0})


def test_coverage_and_walk_lists_follow_the_role(
    client: TestClient, canvasser: str, households: Database
) -> None:
    auth = {"Authorization": f"Bearer {canvasser}"}
    client.post(URL, json=[item("CH-0")], headers=auth)
    lists = client.get("/api/v1/field/walklists", headers=auth).json()
    assert [(w["name"], w["households"]) for w in lists] == [("w1", 6)]
    doors = client.get(f"/api/v1/field/walklists/{lists[0]['id']}", headers=auth).json()
    assert [d["household"] for d in doors if d["knocked"]] == ["CH-0"]
    assert client.get("/api/v1/field/coverage", headers=auth).status_code == 403
    _, viewer = accounts.create_user(households, "vee", Role.VIEWER)
    rows = client.get("/api/v1/field/coverage", headers={"Authorization": f"Bearer {viewer}"})
    chorley = next(r for r in rows.json() if r["seat"] == CHORLEY)
    assert (chorley["households"], chorley["households_knocked"]) == (10, 1)


def test_a_logout_without_the_csrf_token_ends_nothing(
    client: TestClient, households: Database
) -> None:
    accounts.create_user(
        households, "org", Role.ORGANISER, seats=[CHORLEY], password="a long password"
    )
    _, session, csrf = accounts.login(households, "org", "a long password")
    client.cookies.set("hustings_session", session)
    forged = client.post("/logout", data={"csrf": "forged"}, follow_redirects=False)
    assert "hustings_session" not in forged.headers.get("set-cookie", "")
    assert accounts.principal_for_session(households, session)[0].name == "org"
    client.cookies.delete("hustings_session")
    cross_site = client.post("/logout", data={}, follow_redirects=False)
    assert "hustings_session" not in cross_site.headers.get("set-cookie", "")
    client.cookies.set("hustings_session", session)
    done = client.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert 'hustings_session=""' in done.headers["set-cookie"]
    with pytest.raises(HustingsError, match="session has ended"):
        accounts.principal_for_session(households, session)


def test_a_viewer_opens_no_walk_list(
    client: TestClient, canvasser: str, households: Database
) -> None:
    _, viewer = accounts.create_user(households, "vee", Role.VIEWER)
    auth = {"Authorization": f"Bearer {viewer}"}
    assert client.get("/api/v1/field/walklists", headers=auth).json() == []
    with households.read() as conn:
        list_id = conn.execute(sa.select(t.walk_lists.c.id)).scalar_one()
    assert client.get(f"/api/v1/field/walklists/{list_id}", headers=auth).status_code == 403


def test_a_login_form_with_a_non_ascii_token_is_refused_not_a_crash(client: TestClient) -> None:
    client.cookies.set("hustings_login_csrf", "abc")
    answer = client.post(
        "/login",
        data={"name": "org", "password": "a long password", "csrf": "é"},
        follow_redirects=False,
    )
    assert (answer.status_code, answer.headers["location"]) == (303, "/login?error=expired")


STAFF_PAGES = {"/field": "Field coverage", "/money": "", "/allocate": "Allocation"}
"""Pages for organisers, viewers and admins, by the title each shows."""


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_pages_send_strangers_to_sign_in_and_canvassers_to_their_lists(
    client: TestClient, households: Database, canvasser: str, path: str
) -> None:
    answer = client.get(path, follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, f"/login?next={path}")
    mine = client.get(
        path, headers={"Authorization": f"Bearer {canvasser}"}, follow_redirects=False
    )
    assert (mine.status_code, mine.headers["location"]) == (303, "/field/canvass")
    _, token = accounts.create_user(households, "vic", Role.VIEWER)
    if STAFF_PAGES[path]:  # the money page needs the election data store, absent here
        seen = client.get(path, headers={"Authorization": f"Bearer {token}"})
        assert seen.status_code == 200 and f"<title>{STAFF_PAGES[path]} " in seen.text
