"""``hustings money limits`` on the real store: the limits in force and one seat's."""

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


@pytest.mark.parametrize(("election", "constituency"), [("2017", 9750), ("2024", 17553)])
def test_limits_json(env: dict[str, str], election: str, constituency: int) -> None:
    out = runner.invoke(app, ["money", "limits", "--election", election, "--json"], env=env)
    assert out.exit_code == 0, out.stdout
    body = json.loads(out.stdout)
    assert body["constituency_limit"] == constituency
    assert body["named_candidate_limit"] == 700
    assert all(rule["source"] for rule in body["rules"])


def test_a_seats_candidate_limit_comes_from_its_electorate(env: dict[str, str]) -> None:
    out = runner.invoke(app, ["money", "limits", "--seat", "Chorley", "--json"], env=env)
    seat = json.loads(out.stdout)["seat"]
    # Chorley 2024: a county seat with 74,801 electors: GBP 11,390 + 12p x 74,801.
    assert (seat["gss"], seat["seat_type"], seat["electorate"]) == ("E14001170", "county", 74801)
    assert seat["candidate_limit_pence"] == 2_036_612
    assert seat["candidate_limit"] == 20366.12


def test_seat_counts_per_part_match_the_acts_arithmetic(synced: Settings) -> None:
    from hustings.data.api import Store
    from hustings.money import Part, load_places

    store = Store(synced)
    assert load_places(store, "2024").part_counts() == {
        Part.ENGLAND: 543,
        Part.SCOTLAND: 57,
        Part.WALES: 32,
        Part.NORTHERN_IRELAND: 18,
    }
    assert load_places(store, "2017").part_counts()[Part.ENGLAND] == 533


def test_unknown_seat_is_one_line_with_a_suggestion(env: dict[str, str]) -> None:
    out = runner.invoke(app, ["money", "limits", "--seat", "Chorly"], env=env)
    assert out.exit_code == 2
    assert "no constituency 'Chorly'; did you mean 'Chorley'" in out.stderr


def test_a_notional_result_is_not_a_general_election(env: dict[str, str]) -> None:
    out = runner.invoke(app, ["money", "limits", "--election", "2019-notional", "--json"], env=env)
    assert out.exit_code == 2
    assert json.loads(out.stdout)["error"]["code"] == "invalid_input"
