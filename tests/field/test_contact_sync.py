"""The lean path for POST /api/v1/field/contacts answers as the documented route does.

Each request is sent to the app as served (where :class:`ContactSync` answers it before routing)
and to the same app without it (the FastAPI route with its pydantic model), on both back-ends;
the status, the error code and message, and the stored records must agree.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from hustings.field.canvass import record_contact_batches
from hustings.field.model import Channel, ContactRecord, Outcome, SyncResult
from hustings.field.organise import create_walk_list
from hustings.settings import Settings
from hustings.storage import accounts
from hustings.storage import schema as t
from hustings.storage.accounts import Credential, Role
from hustings.storage.engine import Database
from hustings.web import create_app
from hustings.web.contact_sync import ContactSync, parse_batch

from .conftest import CHORLEY

URL = "/api/v1/field/contacts"
AT = "2026-12-05T11:00:00+00:00"


def _app(db: Database, home: Path, *, lean: bool) -> FastAPI:
    app = create_app(Settings(home=home, mirror=None, database=db.url))
    if not lean:
        app.user_middleware = [m for m in app.user_middleware if m.cls is not ContactSync]
    return app


@pytest.fixture
def apps(households: Database, tmp_path: Path) -> tuple[TestClient, TestClient]:
    """The served app and the reference (the same app without the lean path)."""
    return (
        TestClient(_app(households, tmp_path / "a", lean=True)),
        TestClient(_app(households, tmp_path / "b", lean=False)),
    )


@pytest.fixture
def people(households: Database) -> dict[str, str]:
    """Tokens of a canvasser (doors CH-0..CH-5), a viewer, an organiser of Chorley, and one
    revoked token."""
    accounts.create_user(households, "ann", Role.CANVASSER)
    create_walk_list(households, "w1", CHORLEY, ward="W1", assign_to="ann")
    _, viewer = accounts.create_user(households, "vee", Role.VIEWER)
    _, organiser = accounts.create_user(households, "olu", Role.ORGANISER, seats=[CHORLEY])
    _, revoked = accounts.create_user(households, "rex", Role.CANVASSER)
    accounts.revoke_tokens(households, "rex")
    ann = accounts.issue_token(households, "ann")
    return {"ann": ann, "vee": viewer, "olu": organiser, "rex": revoked}


def rec(household: str = "CH-0", outcome: str = "spoke", **more: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "household": household, "outcome": outcome, "at": AT} | more


def _no_ids(text: str) -> str:
    """An answer with the records' ids (made afresh for each request) blanked out."""
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID", text)


def stored(db: Database) -> list[tuple[str, str, str]]:
    c, h = t.contacts.c, t.households.c
    query = sa.select(h.address_key, c.outcome, c.channel).join(t.households)
    with db.read() as conn:
        return sorted((r[0], r[1], r[2]) for r in conn.execute(query))


Case = Callable[[dict[str, str]], tuple[dict[str, str], bytes]]


JSON = {"Content-Type": "application/json"}


def _bearer(who: str, body: Any) -> Case:
    return lambda tokens: (
        {"Authorization": f"Bearer {tokens[who]}", **JSON},
        body
        if isinstance(body, bytes)
        else json.dumps(body() if callable(body) else body).encode(),
    )


GOOD = lambda: [rec("CH-0"), rec("CH-1", "leaflet"), rec("CH-2", "not_in", channel="phone")]  # noqa: E731
CASES: dict[str, Case] = {
    "no credentials": lambda _: (JSON, json.dumps([rec()]).encode()),
    "not a bearer header": lambda _: (
        {"Authorization": "Basic abc", **JSON},
        json.dumps([rec()]).encode(),
    ),
    "unknown token": lambda _: (
        {"Authorization": "Bearer hst_nope", **JSON},
        json.dumps([rec()]).encode(),
    ),
    "not declared as JSON": lambda tokens: (
        {"Authorization": f"Bearer {tokens['ann']}", "Content-Type": "text/plain"},
        json.dumps([rec()]).encode(),
    ),
    "no content type": lambda tokens: (
        {"Authorization": f"Bearer {tokens['ann']}"},
        json.dumps([rec()]).encode(),
    ),
    "JSON with a charset": lambda tokens: (
        {
            "Authorization": f"Bearer {tokens['ann']}",
            "Content-Type": "application/json; charset=utf-8",
        },
        json.dumps([rec()]).encode(),
    ),
    "not JSON": _bearer("ann", b"[{]"),
    "no body": _bearer("ann", b""),
    "revoked token": _bearer("rex", GOOD),
    "unknown token, bad body": lambda _: ({"Authorization": "Bearer x"}, b"[{]"),
    "good batch": _bearer("ann", GOOD),
    "organiser in their seat": _bearer("olu", lambda: [rec("CH-8")]),
    "organiser outside their seats": _bearer("olu", lambda: [rec("CH-8"), rec("HE-1")]),
    "door off the walk list": _bearer("ann", lambda: [rec("CH-0"), rec("CH-9")]),
    "unknown household": _bearer("ann", lambda: [rec("CH-0"), rec("XX-1")]),
    "viewer": _bearer("vee", lambda: [rec()]),
    "viewer, bad body": _bearer("vee", lambda: [rec(outcome="voted")]),
    "bad outcome": _bearer("ann", lambda: [rec(), rec(outcome="voted")]),
    "bad channel": _bearer("ann", lambda: [rec(channel="pigeon")]),
    "missing time": _bearer("ann", lambda: [{k: v for k, v in rec().items() if k != "at"}]),
    "bad time": _bearer("ann", lambda: [rec(at="yesterday")]),
    "Unix seconds": _bearer("ann", lambda: [rec(), rec(at=1796468400)]),
    "Unix milliseconds": _bearer("ann", lambda: [rec(at=1796468400000.0)]),
    "Unix seconds as text": _bearer("ann", lambda: [rec(at="1796468400")]),
    "time not text": _bearer("ann", lambda: [rec(at=None)]),
    "basic ISO-8601 time": _bearer("ann", lambda: [rec(at="20261205T110000Z")]),
    "bad id": _bearer("ann", lambda: [rec(id="not-a-uuid")]),
    "empty household": _bearer("ann", lambda: [rec(household="")]),
    "household not a string": _bearer("ann", lambda: [rec(household=5)]),
    "long household": _bearer("ann", lambda: [rec(household="x" * 201)]),
    "record not an object": _bearer("ann", lambda: [rec(), "CH-1"]),
    "not a list": _bearer("ann", lambda: rec()),
    "empty list": _bearer("ann", lambda: []),
    "too many records": _bearer("ann", lambda: [rec()] * 5001),
    "one id, two contents": _bearer(
        "ann",
        lambda: [
            {**rec(), "id": str(uuid.UUID(int=7))},
            {**rec("CH-1"), "id": str(uuid.UUID(int=7))},
        ],
    ),
    "no zone is UTC, extra keys ignored": _bearer(
        "ann", lambda: [rec(at="2026-12-05T11:00:00", note="hello")]
    ),
}
POSITION_NOT_NAMED = {"not JSON"}
"""Cases where the documented route names a character position as if it were a record."""
REASON_NOT_GIVEN = {"bad id"}
"""Cases where the documented route adds the parser's reason after a comma."""


@pytest.mark.parametrize("case", CASES)
def test_the_lean_path_answers_as_the_documented_route(
    apps: tuple[TestClient, TestClient], people: dict[str, str], households: Database, case: str
) -> None:
    lean, reference = apps
    before = stored(households)
    expected = reference.post(URL, headers=CASES[case](people)[0], content=CASES[case](people)[1])
    after_reference = stored(households)
    answer = lean.post(URL, headers=CASES[case](people)[0], content=CASES[case](people)[1])
    assert answer.status_code == expected.status_code
    assert answer.headers["content-type"] == "application/json"
    if case in POSITION_NOT_NAMED:
        assert expected.json()["error"]["message"] == "invalid body.2: JSON decode error"
        assert answer.json()["error"]["message"] == "invalid body: JSON decode error"
    elif case in REASON_NOT_GIVEN:
        message = answer.json()["error"]["message"]
        assert expected.json()["error"]["message"].split(",")[0] == message
    else:
        assert _no_ids(answer.text) == _no_ids(expected.text)
    added = len(after_reference) - len(before)
    assert len(stored(households)) == len(after_reference) + added


def test_each_refusal_is_the_one_a_phone_can_act_on(
    apps: tuple[TestClient, TestClient], people: dict[str, str]
) -> None:
    lean, _ = apps
    answers = {
        case: lean.post(URL, headers=CASES[case](people)[0], content=CASES[case](people)[1])
        for case in CASES
    }
    codes = {
        case: (a.status_code, a.json().get("error", {}).get("code")) for case, a in answers.items()
    }
    assert codes["no credentials"] == (401, "not_signed_in")
    assert codes["not JSON"] == codes["no content type"] == (422, "invalid_input")
    assert answers["JSON with a charset"].json() == {"accepted": 1, "duplicates": 0}
    assert codes["revoked token"] == codes["unknown token, bad body"] == (401, "unauthorised")
    assert codes["door off the walk list"] == codes["viewer"] == (403, "forbidden")
    assert codes["bad outcome"] == codes["viewer, bad body"] == (422, "invalid_input")
    assert answers["good batch"].json() == {"accepted": 3, "duplicates": 0}
    assert answers["empty list"].json() == {"accepted": 0, "duplicates": 0}
    bad = answers["bad outcome"].json()["error"]
    assert bad["message"].startswith("invalid body.1.outcome: Input should be 'answered'")
    assert bad["details"]["problems"] == [bad["message"].removeprefix("invalid ")]
    assert answers["door off the walk list"].json()["error"]["details"] == {"household": "CH-9"}
    unix = answers["Unix seconds"].json()["error"]["message"]
    assert unix == (
        "invalid body.1.at: Input should be an ISO-8601 time as text, "
        "not a number (Unix times are not accepted)"
    )
    assert codes["Unix seconds as text"] == codes["time not text"] == (422, "invalid_input")
    assert answers["basic ISO-8601 time"].json() == {"accepted": 1, "duplicates": 0}


def test_a_replayed_batch_is_stored_once_and_counted_as_duplicates(
    apps: tuple[TestClient, TestClient], people: dict[str, str], households: Database
) -> None:
    lean, _ = apps
    body = json.dumps([rec("CH-0"), rec("CH-1")])
    auth = {"Authorization": f"Bearer {people['ann']}", **JSON}
    assert lean.post(URL, headers=auth, content=body).json() == {"accepted": 2, "duplicates": 0}
    assert lean.post(URL, headers=auth, content=body).json() == {"accepted": 0, "duplicates": 2}
    assert stored(households) == [("CH-0", "spoke", "door"), ("CH-1", "spoke", "door")]


def test_a_session_needs_its_csrf_token_and_an_ended_one_is_refused(
    apps: tuple[TestClient, TestClient], households: Database
) -> None:
    lean, _ = apps
    accounts.create_user(
        households, "org", Role.ORGANISER, seats=[CHORLEY], password="a long password"
    )
    _, session, csrf = accounts.login(households, "org", "a long password")
    lean.cookies.set("hustings_session", session)
    body = json.dumps([rec("CH-3")])
    refused = lean.post(URL, content=body, headers={"X-CSRF-Token": "forged", **JSON})
    assert (refused.status_code, refused.json()["error"]["message"]) == (
        401,
        "this form has expired",
    )
    answer = lean.post(URL, content=body, headers={"X-CSRF-Token": csrf, **JSON})
    assert (answer.status_code, answer.json()) == (200, {"accepted": 1, "duplicates": 0})
    with households.write() as conn:
        conn.execute(
            t.web_sessions.update().values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    ended = lean.post(
        URL, content=json.dumps([rec("CH-4")]), headers={"X-CSRF-Token": csrf, **JSON}
    )
    assert (ended.status_code, ended.json()["error"]["message"]) == (401, "your session has ended")
    assert stored(households) == [("CH-3", "spoke", "door")]


def test_a_token_revoked_through_one_worker_is_refused_by_every_worker(
    households: Database, people: dict[str, str], tmp_path: Path
) -> None:
    first = TestClient(_app(households, tmp_path / "one", lean=True))
    second = TestClient(_app(households, tmp_path / "two", lean=True))
    auth = {"Authorization": f"Bearer {people['ann']}", **JSON}
    for worker in (first, second):
        assert worker.post(URL, headers=auth, content=json.dumps([rec()])).status_code == 200
    accounts.revoke_tokens(households, "ann")
    for worker in (first, second):
        answer = worker.post(URL, headers=auth, content=json.dumps([rec()]))
        assert (answer.status_code, answer.json()["error"]["code"]) == (401, "unauthorised")


def test_other_methods_and_paths_go_on_to_the_app(
    apps: tuple[TestClient, TestClient], people: dict[str, str]
) -> None:
    lean, _ = apps
    auth = {"Authorization": f"Bearer {people['ann']}", **JSON}
    assert lean.get(URL, headers=auth).status_code == 405
    moved = lean.post(URL + "/", headers=auth, content=b"[]", follow_redirects=False)
    assert (moved.status_code, moved.headers["location"]) == (307, f"http://testserver{URL}")
    assert lean.get("/api/v1/field/walklists", headers=auth).json()[0]["name"] == "w1"


def test_credentials_of_a_group_are_checked_in_its_transaction(
    households: Database, people: dict[str, str]
) -> None:
    when = datetime(2026, 12, 5, 11, tzinfo=UTC)

    def batch(*doors: str) -> list[ContactRecord]:
        return [
            ContactRecord(str(uuid.uuid4()), d, Outcome.SPOKE, when, Channel.DOOR) for d in doors
        ]

    outcomes = record_contact_batches(
        households,
        [
            (Credential(token=people["ann"]), batch("CH-0", "CH-1")),
            (Credential(token=people["rex"]), batch("CH-2")),
            (Credential(token=people["vee"]), batch("CH-3")),
            (Credential(token=people["olu"]), batch("CH-9")),
            (Credential(session="no such session", csrf="x"), batch("CH-4")),
        ],
    )
    assert outcomes[0] == SyncResult(2, 0) and outcomes[3] == SyncResult(1, 0)
    assert [getattr(o, "code", None) for o in outcomes[1:3]] == ["unauthorised", "forbidden"]
    assert str(outcomes[4]) == "your session has ended"
    assert stored(households) == [
        ("CH-0", "spoke", "door"),
        ("CH-1", "spoke", "door"),
        ("CH-9", "spoke", "door"),
    ]


def test_parse_batch_reads_what_phones_send() -> None:
    (one,) = parse_batch(
        json.dumps([rec("CH-0", "leaflet", at="2026-07-04T20:30:00.000Z")]).encode()
    )
    assert (one.outcome, one.channel, one.at) == (
        Outcome.LEAFLET,
        Channel.LEAFLET,
        datetime(2026, 7, 4, 20, 30, tzinfo=UTC),
    )
    upper = str(uuid.uuid4()).upper()
    assert parse_batch(json.dumps([rec(id=upper)]).encode())[0].id == upper.lower()


def test_a_starting_server_opens_the_database_first_and_creates_none(
    households: Database, people: dict[str, str], tmp_path: Path
) -> None:
    from hustings.web.state import CONTACT_LANES

    app = _app(households, tmp_path / "warm", lean=True)
    with TestClient(app) as client:
        state = app.state.hustings
        opened = state._database.engine.pool.checkedin()
        assert state._contacts is not None
        auth = {"Authorization": f"Bearer {people['ann']}", **JSON}
        assert client.post(URL, headers=auth, content=json.dumps([rec()])).status_code == 200
    assert opened == (CONTACT_LANES + 2 if households.dialect == "postgresql" else 1)
    missing = tmp_path / "none" / "hustings.db"
    bare = create_app(
        Settings(home=tmp_path / "none", mirror=None, database=f"sqlite:///{missing}")
    )
    with TestClient(bare):
        assert bare.state.hustings._database is None
    assert not missing.exists()
