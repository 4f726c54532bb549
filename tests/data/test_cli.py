"""The data commands as a user runs them: output, JSON shapes and exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from hustings.cli.main import app
from hustings.settings import HOME_ENV, Settings

runner = CliRunner()


@pytest.fixture
def env(synced: Settings) -> dict[str, str]:
    return {HOME_ENV: str(synced.home)}


def test_results_json_has_seats_votes_shares(env: dict[str, str]) -> None:
    out = runner.invoke(app, ["results", "2019", "--json"], env=env)
    assert out.exit_code == 0
    body = json.loads(out.stdout)
    assert body["seats"]["CON"] == 365
    assert body["votes"]["LAB"] == 10_269_051
    assert set(body) >= {"seats", "votes", "shares", "gb"}


def test_results_by_nation(env: dict[str, str]) -> None:
    out = runner.invoke(app, ["results", "2024", "--by", "nation", "--json"], env=env)
    assert out.exit_code == 0
    assert json.loads(out.stdout)["breakdown"]["Scotland"]["seats"]["SNP"] == 9


def test_seat_json_shape(env: dict[str, str]) -> None:
    out = runner.invoke(app, ["seat", "Chorley", "--json"], env=env)
    assert out.exit_code == 0
    body = json.loads(out.stdout)
    assert body["gss"] == "E14001170"
    latest = body["results"][-1]
    assert latest["election"] == "2024"
    assert latest["winner"] == "SPK"
    assert latest["candidates"][0]["candidate"] == "Lindsay Hoyle"


def test_unknown_seat_exits_2_with_a_suggestion(env: dict[str, str]) -> None:
    out = runner.invoke(app, ["seat", "Copland"], env=env)
    assert out.exit_code == 2
    assert "did you mean 'Copeland'" in out.stderr


def test_unknown_election_exits_2(env: dict[str, str]) -> None:
    out = runner.invoke(app, ["results", "2020", "--json"], env=env)
    assert out.exit_code == 2
    assert json.loads(out.stdout)["error"]["code"] == "not_found"


def test_no_store_says_how_to_sync(tmp_path: object) -> None:
    out = runner.invoke(app, ["seat", "Chorley"], env={HOME_ENV: str(tmp_path)})
    assert out.exit_code == 2
    assert "hustings data sync" in out.stderr
