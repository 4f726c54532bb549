"""``hustings money import|spend|check`` as a user runs them, on an embedded database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hustings.cli.main import app
from hustings.settings import DATABASE_ENV, HOME_ENV, Settings
from hustings.storage.engine import Database

from .conftest import CHORLEY, FIXTURES

runner = CliRunner()


@pytest.fixture
def env(synced: Settings, tmp_path: Path) -> dict[str, str]:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    Database(url).migrate()
    return {HOME_ENV: str(synced.home), DATABASE_ENV: url}


def test_import_then_check_json(env: dict[str, str]) -> None:
    path = str(FIXTURES / "spend_good.csv")
    out = runner.invoke(app, ["money", "import", "spend", path, "--json"], env=env)
    assert out.exit_code == 0, out.stdout
    assert json.loads(out.stdout)["saved"] == 4
    out = runner.invoke(app, ["money", "check", "--as-of", "2024-07-04", "--json"], env=env)
    body = json.loads(out.stdout)
    rows = [r for r in body["seats"] if r["limit_key"] == "non_party.constituency"]
    assert len(rows) == 650
    chorley = next(r for r in rows if r["seat"] == CHORLEY)
    assert {"seat", "spent", "limit", "status"} <= set(chorley)
    assert (chorley["spent"], chorley["limit"], chorley["status"]) == (3066.46, 17553, "ok")


def test_a_breaching_spend_is_refused_then_overridden(env: dict[str, str]) -> None:
    args = ["money", "spend", "--ref", "X1", "--date", "2024-06-01", "--amount", "17553.01",
            "--category", "material", "--where", "Chorley"]  # fmt: skip
    out = runner.invoke(app, args, env=env)
    assert out.exit_code == 2
    assert out.stderr.startswith("error: saving this would breach the constituency limit")
    out = runner.invoke(app, [*args, "--override", "--json"], env=env)
    assert out.exit_code == 0
    assert json.loads(out.stdout)["overridden"][0]["status"] == "breach"


def test_an_uninitialised_database_names_the_fix(synced: Settings, tmp_path: Path) -> None:
    env = {HOME_ENV: str(synced.home), DATABASE_ENV: f"sqlite:///{tmp_path / 'none.db'}"}
    out = runner.invoke(app, ["money", "check"], env=env)
    assert out.exit_code == 2
    assert "is not set up" in out.stderr


def test_bad_amount_on_the_command_line(env: dict[str, str]) -> None:
    args = ["money", "spend", "--ref", "X", "--date", "2024-06-01", "--amount", "-5",
            "--category", "material", "--where", "Chorley", "--json"]  # fmt: skip
    out = runner.invoke(app, args, env=env)
    assert out.exit_code == 2
    assert json.loads(out.stdout)["error"]["message"] == "amount '-5' is negative"


def test_donations_pledges_and_return_commands(env: dict[str, str], tmp_path: Path) -> None:
    def run(*args: str) -> dict[str, object]:
        out = runner.invoke(app, ["money", *args, "--json"], env=env)
        assert out.exit_code == 0, out.stdout
        return json.loads(out.stdout)  # type: ignore[no-any-return]

    assert run("import", "donations", str(FIXTURES / "donations_good.csv"))["saved"] == 4
    assert [d["ref"] for d in run("donations")["flagged"]] == ["D1", "D2"]  # type: ignore[attr-defined, index]
    run("crowdfund", "add", "Chorley appeal", "--target", "300", "--seat", "Chorley")
    run("crowdfund", "add", "National", "--target", "60000", "--all-or-nothing")
    assert run("import", "pledges", str(FIXTURES / "pledges_good.csv"))["saved"] == 4
    funds = run("crowdfund", "list")["crowdfunds"]
    assert funds[0]["seat"] == CHORLEY and funds[0]["status"] == "met"  # type: ignore[index]
    national = funds[1]  # type: ignore[index]
    assert (national["pledged"], national["refunded"], national["refunded_pledges"]) == (
        5000,
        20,
        1,
    )
    run("import", "spend", str(FIXTURES / "spend_good.csv"))
    target = tmp_path / "return.csv"
    items, donations = tmp_path / "items.csv", tmp_path / "donations.csv"
    body = run("return", "--csv", str(target), "--items-csv", str(items),
               "--donations-csv", str(donations))  # fmt: skip
    assert body["due"] == "2024-10-04"
    assert target.read_text().splitlines()[1].startswith("uk,UK,United Kingdom,")
    assert items.read_text().splitlines()[1].startswith("S1,2024-05-01,2500.00,material,")
    # P1's D1 600 + D2 7,000 = 7,600 > GBP 7,500: both shown; P2's 2,000 only totalled
    assert [line.split(",")[:2] for line in donations.read_text().splitlines()[1:]] == [
        ["reportable", "D1"],
        ["reportable", "D2"],
        ["other_total", ""],
    ]
