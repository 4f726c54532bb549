"""Member votes through the real app (both back-ends): the API, the voting page's form, the
officer's console without results, and results only after the count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hustings.settings import Settings
from hustings.storage import accounts
from hustings.storage.accounts import Role
from hustings.storage.engine import Database
from hustings.votes import CredentialMessage, cast, close_ballot, create_ballot, declare
from hustings.votes.credentials import new_code

from .conftest import CANDIDATES, open_with_codes, spec

A, B, C, D = CANDIDATES


@pytest.fixture
def client(register: Database, tmp_path: Path) -> TestClient:
    settings = Settings(home=tmp_path / "home", mirror=None, database=register.url)
    return TestClient(create_app_for(settings))


def create_app_for(settings: Settings):  # type: ignore[no-untyped-def]
    from hustings.web import create_app

    return create_app(settings)


@pytest.fixture
def live(register: Database, tmp_path: Path) -> dict[int, CredentialMessage]:
    """The committee ballot, open now (the web casts at the real time)."""
    now = datetime.now(UTC)
    chosen = spec(opens_at=now - timedelta(hours=1), closes_at=now + timedelta(hours=1))
    return open_with_codes(register, tmp_path / "outbox", chosen)


def test_the_api_casts_once_and_answers_with_a_receipt(
    client: TestClient, live: dict[int, CredentialMessage]
) -> None:
    code = next(iter(live.values())).code
    url = "/api/v1/votes/committee/cast"
    first = client.post(url, json={"code": code, "choices": [A, C]})
    assert first.status_code == 200, first.text
    receipt = first.json()["receipt"]
    again = client.post(url, json={"code": code, "choices": [B]})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "vote_refused")
    stranger = client.post(url, json={"code": new_code(), "choices": [B]})
    assert (stranger.status_code, stranger.json()["error"]["code"]) == (401, "unauthorised")
    check = client.post("/api/v1/votes/committee/receipt", json={"receipt": receipt})
    assert check.json()["found"] is True
    result = client.get("/api/v1/votes/committee/result")
    assert (result.status_code, result.json()["error"]["code"]) == (409, "not_yet")
    info = client.get("/api/v1/votes/committee").json()
    assert [c["name"] for c in info["candidates"]] == list(CANDIDATES)
    assert "papers" not in info


def test_the_voting_form_takes_a_ranking(
    client: TestClient, live: dict[int, CredentialMessage]
) -> None:
    page = client.get("/vote/committee")
    assert page.status_code == 200
    for i, name in enumerate(CANDIDATES):
        assert f'<label for="rank-{i}">{name}</label>' in page.text
    assert '<label for="code">Your voting code</label>' in page.text
    code = next(iter(live.values())).code
    gap = client.post("/vote/committee", data={"code": code, "rank-0": "1", "rank-2": "3"})
    assert gap.status_code == 422 and "preference 2 is missing" in gap.text
    assert 'role="alert"' in gap.text and 'value="3" selected' in gap.text
    assert f'value="{code}"' in gap.text  # a mistake on the paper keeps the code
    wrong = client.post("/vote/committee", data={"code": "ABCD-" + code[5:], "rank-0": "1"})
    assert wrong.status_code == 401 and 'size="36" value="">' in wrong.text
    done = client.post("/vote/committee", data={"code": code, "rank-2": "1", "rank-0": "2"})
    assert done.status_code == 200 and "Your vote is recorded" in done.text
    again = client.post("/vote/committee", data={"code": code, "rank-1": "1"})
    assert again.status_code == 409 and "already been used" in again.text


def test_the_console_is_for_officers_and_shows_no_result(
    client: TestClient, register: Database, live: dict[int, CredentialMessage]
) -> None:
    assert client.get("/api/v1/votes/committee/turnout").status_code == 401
    _, clerk = accounts.create_user(register, "clerk", Role.VIEWER)
    _, officer = accounts.create_user(register, "officer", Role.ADMIN)
    denied = client.get(
        "/api/v1/votes/committee/turnout", headers={"Authorization": f"Bearer {clerk}"}
    )
    assert denied.status_code == 403
    answer = client.get(
        "/api/v1/votes/committee/turnout", headers={"Authorization": f"Bearer {officer}"}
    )
    assert answer.json()["electorate"] == 11
    page = client.get("/votes/committee/console", headers={"Authorization": f"Bearer {officer}"})
    assert page.status_code == 200 and "Turnout by region" in page.text
    assert "elected" not in page.text.lower()


def test_results_appear_only_after_the_count(
    client: TestClient, register: Database, live: dict[int, CredentialMessage]
) -> None:
    papers = ([A], [A], [B, A], [C, A], [A, D])
    for member, paper in zip(sorted(live)[:5], papers, strict=True):
        body = {"code": live[member].code, "choices": paper}
        assert client.post("/api/v1/votes/committee/cast", json=body).status_code == 200
    early = client.get("/votes/committee/results")
    assert early.status_code == 409 and "No result yet" in early.text
    close_ballot(register, "committee", early=True)
    declared = declare(register, "committee")
    page = client.get("/votes/committee/results")
    assert page.status_code == 200
    assert "Elected:</strong> " + ", ".join(declared.count["elected"]) in page.text
    assert declared.digest in page.text
    ties = declared.count["ties"]
    # A's 3 (quota 2) elect A; the surplus gives D 1/3; D goes; B and C tie on 1: one by lot
    assert [t["tied"] for t in ties] == [[B, C]]
    for tie in ties:
        assert f"{tie['chosen']} chosen {tie['how']}." in page.text
    blt = client.get("/api/v1/votes/committee/published/ballots.blt")
    assert blt.status_code == 200 and blt.text.startswith("4 2\n")
    assert client.get("/votes").status_code == 200


def test_the_voting_page_offers_a_form_only_while_voting_is_open(
    client: TestClient, register: Database, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    drafted = spec("later", opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=2))
    create_ballot(register, drafted)
    page = client.get("/vote/later")
    assert "Voting has not opened yet" in page.text and "Cast my vote" not in page.text
    summer = datetime(2099, 7, 1, 8, tzinfo=UTC)
    create_ballot(register, spec("summer", opens_at=summer, closes_at=summer + timedelta(days=7)))
    assert "from 01 July 2099 09:00 BST (UTC+01:00) until 08 July 2099 09:00 BST (UTC+01:00)." in (
        client.get("/vote/summer").text
    )
    gone = spec("gone", opens_at=now - timedelta(hours=2), closes_at=now)
    open_with_codes(register, tmp_path / "out", gone)
    page = client.get("/vote/gone")
    assert "Voting closed at" in page.text and "Voting is open" not in page.text
    assert '<form method="post"' not in page.text
    live = spec(opens_at=now - timedelta(hours=1), closes_at=now + timedelta(hours=1))
    codes = open_with_codes(register, tmp_path / "out2", live)
    assert '<form method="post"' in client.get("/vote/committee").text
    cast(register, "committee", next(iter(codes.values())).code, [A])
    close_ballot(register, "committee", early=True)
    declare(register, "committee")
    page = client.get("/vote/committee")
    assert "Voting has closed" in page.text and "/votes/committee/results" in page.text
    assert '<form method="post"' not in page.text


def test_a_server_whose_database_was_never_set_up_has_no_ballots(tmp_path: Path) -> None:
    from hustings.storage.engine import open_database
    from hustings.storage.votes import never_set_up

    settings = Settings(home=tmp_path / "fresh", mirror=None, database=None)
    settings.home.mkdir()
    assert never_set_up(settings)
    client = TestClient(create_app_for(settings))
    assert client.get("/votes").status_code == 200
    missing = client.get("/api/v1/votes/committee")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "there are no ballots on this server"
    open_database(settings).migrate()
    assert not never_set_up(settings)


def test_the_votes_web_adapter_asks_the_storage_layer_and_writes_no_sql() -> None:
    import ast

    import hustings.web.adapter.votes as adapter

    tree = ast.parse(Path(adapter.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        (node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    }
    assert "sqlalchemy" not in imported
