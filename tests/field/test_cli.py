"""``hustings field`` as an organiser runs it: exit codes, one-line errors, JSON shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hustings.cli.main import app
from hustings.settings import DATABASE_ENV, HOME_ENV, Settings

from .conftest import CHORLEY, write

runner = CliRunner()


@pytest.fixture
def env(synced: Settings, database_url: str) -> dict[str, str]:
    return {HOME_ENV: str(synced.home), DATABASE_ENV: database_url}


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    out = runner.invoke(app, ["field", *args], env=env)
    return out.exit_code, out.stdout + out.stderr


def test_nothing_works_before_init_and_init_runs_twice(env: dict[str, str]) -> None:
    code, text = run(env, "coverage")
    assert code == 2
    assert "is not set up; run `hustings field init` first" in text
    code, text = run(env, "init", "--json")
    assert code == 0 and "0001_field" in json.loads(text)["applied"]
    code, text = run(env, "init", "--json")
    assert code == 0 and json.loads(text)["applied"] == []


def test_an_organisers_evening(env: dict[str, str], tmp_path: Path) -> None:
    assert run(env, "init")[0] == 0
    code, text = run(env, "user", "add", "ann@example.org", "--role", "canvasser", "--json")
    assert code == 0 and json.loads(text)["token"].startswith("hst_")
    code, text = run(
        env, "user", "add", "olu", "--role", "organiser", "--seats", "Chorley", "--json"
    )
    assert code == 0 and json.loads(text)["seats"] == [CHORLEY]
    homes = write(
        tmp_path / "homes.csv",
        "address_key,seat\n" + "".join(f"{i} Mill Lane,Chorley\n" for i in range(1, 11)),
    )
    code, text = run(env, "households", "import", str(homes), "--json")
    assert code == 0 and json.loads(text)["imported"] == 10
    code, text = run(
        env, "walklist", "create", "mill", "--seat", "chorley", "--assign", "ann@example.org"
    )
    assert code == 0 and "10 households" in text
    sheet = write(
        tmp_path / "sheet.csv",
        "household,outcome,at\n1 Mill Lane,spoke,2026-11-28T11:00\n"
        "2 Mill Lane,not in,2026-11-28T11:05\n",
    )
    code, text = run(env, "contacts", "import", str(sheet), "--json")
    assert (code, json.loads(text)) == (0, {"accepted": 2, "duplicates": 0})
    code, text = run(env, "coverage", "--seat", "Chorley", "--json")
    assert code == 0
    row = json.loads(text)[0]
    assert (row["seat"], row["seat_name"], row["households"], row["households_knocked"]) == (
        CHORLEY,
        "Chorley",
        10,
        2,
    )
    code, text = run(env, "audit", "verify", "--json")
    assert code == 0 and json.loads(text)["ok"] is True
    code, text = run(env, "audit", "list", "--json")
    assert [e["action"] for e in reversed(json.loads(text))] == [
        "role.grant",
        "role.grant",
        "import.households",
        "walklist.create",
        "import.contacts",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("user", "add", "x", "--role", "boss"), "no role 'boss'"),
        (
            ("user", "add", "y", "--role", "organiser", "--seats", "Chorly"),
            "no constituency 'Chorly'; did you mean 'Chorley'",
        ),
        (
            (
                "event",
                "add",
                "--title",
                "t",
                "--seat",
                "Chorley",
                "--start",
                "2026-12-05T12:00",
                "--end",
                "2026-12-05T10:00",
            ),
            "ends (2026-12-05T10:00:00+00:00) before it starts",
        ),
        (
            (
                "event",
                "add",
                "--title",
                "t",
                "--seat",
                "Chorley",
                "--start",
                "noon",
                "--end",
                "2026-12-05T10:00",
            ),
            "--start 'noon' is not a time",
        ),
        (("event", "signup", "99", "nobody@example.org"), "no shift 99"),
        (("person", "erase", "x@example.org"), "erasure deletes for good; add --yes to confirm"),
        (("households", "import", "missing.csv"), "no input file 'missing.csv'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    assert run(env, "init")[0] == 0
    code, text = run(env, *args)
    assert code == 2, text
    assert message in text
    assert "internal error" not in text and len(text.strip().splitlines()) == 1


def test_volunteers_are_located_by_their_real_postcode(env: dict[str, str], tmp_path: Path) -> None:
    assert run(env, "init")[0] == 0
    sheet = write(
        tmp_path / "signups.csv",
        "name,email,phone,postcode\n"
        "Asha Patel,asha@example.org,,pr7 1ab\n"
        "Ben Ode,ben@example.org,,ZZ99 9ZZ\n"
        "Cat Lee,cat@example.org,,BT1 1AA\n"
        "Asha again,asha@example.org,,PR7 1AB\n",
    )
    code, text = run(env, "volunteers", "import", str(sheet), "--json")
    assert code == 0, text
    body = json.loads(text)
    assert body["imported"] == 1
    assert [d["row"] for d in body["duplicates"]] == [5]
    reasons = {r["row"]: r["reason"] for r in body["rejected"]}
    assert "ZZ99 9ZZ" in reasons[3] and "Northern Ireland" in reasons[4]
    code, text = run(env, "person", "export", "asha@example.org", "--json")
    volunteer = json.loads(text)["records"]["volunteer"][0]
    assert (volunteer["postcode"], volunteer["seat"]) == ("PR7 1AB", CHORLEY)
    assert (volunteer["easting"], volunteer["northing"]) == (358523, 417769)


EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "field"


def test_the_readme_examples_run(env: dict[str, str]) -> None:
    assert run(env, "init")[0] == 0
    code, text = run(env, "volunteers", "import", str(EXAMPLES / "signups.csv"), "--json")
    body = json.loads(text)
    assert (code, body["imported"]) == (0, 4)
    assert [d["row"] for d in body["duplicates"]] == [6]
    assert body["rejected"] == [{"row": 7, "reason": "email 'eve@example' is not an email address"}]
    code, text = run(env, "households", "import", str(EXAMPLES / "homes.csv"), "--json")
    assert (code, json.loads(text)["imported"]) == (0, 60)
    code, text = run(env, "contacts", "import", str(EXAMPLES / "returns.csv"), "--json")
    assert (code, json.loads(text)) == (0, {"accepted": 11, "duplicates": 0})
    code, text = run(env, "coverage", "--json")
    rows = {r["seat_name"]: r for r in json.loads(text)}
    chorley = rows["Chorley"]
    assert (chorley["households"], chorley["households_knocked"]) == (40, 9)
    assert (chorley["households_spoken"], chorley["households_phoned"]) == (3, 1)
    assert chorley["households_leafleted"] == 1 and chorley["share_knocked"] == 0.225
    assert (rows["Hendon"]["households"], rows["Hendon"]["households_knocked"]) == (20, 0)
