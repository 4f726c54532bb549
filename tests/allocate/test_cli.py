"""``hustings allocate`` on the real 2024 seats, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hustings.cli.main import app
from hustings.settings import DATABASE_ENV, HOME_ENV, Settings
from hustings.storage import audit
from hustings.storage.engine import Database

pytestmark = pytest.mark.mirror
pytest.importorskip("highspy", reason="needs HiGHS (the allocate extra)")

FIXTURES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "allocate"
runner = CliRunner()
ARGS = ["allocate", "--scenario", "final-polls-2024", "--base", "2019-notional",
        "--bloc", "LAB,LD,GRN", "--against", "CON", "--sims", "1000"]  # fmt: skip


@pytest.fixture
def env(synced: Settings, tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    (home / synced.store_path.name).symlink_to(synced.store_path)
    return {HOME_ENV: str(home), DATABASE_ENV: f"sqlite:///{tmp_path / 'state.db'}"}


def _csv(tmp_path: Path, body: str) -> str:
    path = tmp_path / "volunteers.csv"
    path.write_text("volunteer,postcode,hours,max_travel_km,shift\n" + body, encoding="utf-8")
    return str(path)


def test_plan_json_saved_with_an_audit_entry(env: dict[str, str], tmp_path: Path) -> None:
    vols = str(FIXTURES / "volunteers.csv")
    out = runner.invoke(app, [*ARGS, "--volunteers", vols, "--budget", "20000", "--json"],
                        env=env)  # fmt: skip
    assert out.exit_code == 0, out.stderr
    body = json.loads(out.stdout)
    assert body["expected_seats"] >= body["baseline_expected_seats"] - 1e-9
    assert body["expected_seats"] <= body["upper_bound"] + 1e-9
    assert 0 < body["spent"] <= 20_000 + 1e-6
    by_seat = {s["seat"]: s for s in body["seats"]}
    for a in body["assignments"]:
        assert a["km"] <= {"ann": 25, "ben": 10, "cat": 5, "dev": 30, "eve": 30}[a["volunteer"]]
        assert by_seat[a["seat"]]["hours"] > 0
    assert all(s["spend"] + s["travel"] <= 17_553 + 1e-6 for s in body["seats"])
    eve = next(a for a in body["assignments"] if a["volunteer"] == "eve")
    ann = next(a for a in body["assignments"] if a["volunteer"] == "ann")
    assert (eve["driver"], eve["seat"]) == ("ann", ann["seat"])
    dev = next(a for a in body["assignments"] if a["volunteer"] == "dev")
    assert dev["seat_name"] == "Folkestone and Hythe" and dev["km"] == 0.0
    saved = Path(env[HOME_ENV]) / "plans" / body["saved"]
    assert json.loads(saved.read_text())["expected_seats"] == body["expected_seats"]
    db = Database(env[DATABASE_ENV])
    entries = audit.entries(db, action="allocate.plan")
    assert audit.verify(db).ok
    db.dispose()
    assert [(e.subject, e.detail["sha256"][:8]) for e in entries] == [
        (body["saved"], body["saved"][-13:-5])
    ]


def test_baseline_policy_is_the_rule(env: dict[str, str]) -> None:
    vols = str(FIXTURES / "volunteers.csv")
    out = runner.invoke(app, [*ARGS, "--volunteers", vols, "--policy", "nearest-marginal",
                              "--no-save", "--json"], env=env)  # fmt: skip
    assert out.exit_code == 0, out.stderr
    body = json.loads(out.stdout)
    assert body["expected_seats"] == body["baseline_expected_seats"]
    assert body["saved"] is None


@pytest.mark.parametrize(
    ("extra", "rows", "message"),
    [
        ([], "", "no volunteers to allocate"),
        ([], "ann,,3,10,\n", "row 2: volunteer ann has no location"),
        ([], "ann,ZZ99 9ZZ,3,10,\n", "volunteer ann has no location (postcode 'ZZ99 9ZZ'"),
        (["--budget", "-5"], "ann,PR7 1AB,3,10,\n", "budget is -5"),
        (["--bloc", "LAB,CON"], "ann,PR7 1AB,3,10,\n", "includes the opponent CON"),
        (["--scenario", "LAB=100", "--bloc", "LAB"], "ann,PR7 1AB,3,10,\n",
         "no contested seats"),
        (["--policy", "greedy"], "ann,PR7 1AB,3,10,\n", "no policy 'greedy'"),
        (["--effect", "votes_per_door=1"], "ann,PR7 1AB,3,10,\n", "no effect setting"),
        ([], "ann,PR7 1AB,3,0,\n", "no plan: no volunteer is within travel range"),
    ],
)  # fmt: skip
def test_bad_input_one_line(env: dict[str, str], tmp_path: Path, extra: list[str], rows: str,
                            message: str) -> None:  # fmt: skip
    args = [*ARGS, "--volunteers", _csv(tmp_path, rows), "--no-save", *extra]
    out = runner.invoke(app, args, env=env)
    assert out.exit_code == 2, out.stdout
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], out.stderr


def test_volunteers_from_the_database(env: dict[str, str]) -> None:
    """Volunteers imported by the field operation are planned by record id, never by name."""
    signups = Path(__file__).resolve().parents[2] / "docs" / "examples" / "field" / "signups.csv"
    assert runner.invoke(app, ["field", "init"], env=env).exit_code == 0
    out = runner.invoke(app, ["field", "volunteers", "import", str(signups), "--json"], env=env)
    assert out.exit_code == 0, out.stderr
    out = runner.invoke(app, [*ARGS, "--budget", "5000", "--no-save", "--json"], env=env)
    assert out.exit_code == 0, out.stderr
    body = json.loads(out.stdout)
    assert len(body["assignments"]) + body["unassigned"] == 4
    assert all(a["volunteer"].startswith("volunteer#") for a in body["assignments"])


def test_a_volunteers_file_in_another_encoding_is_read_as_the_error_advises(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "v.csv"
    text = (FIXTURES / "volunteers.csv").read_text(encoding="utf-8").replace("ann", "Zoë")
    path.write_bytes(text.encode("cp1252"))
    args = [*ARGS, "--volunteers", str(path), "--budget", "20000", "--no-save", "--json"]
    refused = runner.invoke(app, args, env=env)
    assert refused.exit_code == 2 and "--encoding" in refused.output
    out = runner.invoke(app, [*args, "--encoding", "cp1252"], env=env)
    assert out.exit_code == 0, out.output
    assert "Zoë" in {a["volunteer"] for a in json.loads(out.stdout)["assignments"]}
