"""``hustings vote`` from the register to a published recount, on the embedded database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hustings.cli.main import app

from .conftest import REGISTER, write

runner = CliRunner()


def run(env: dict[str, str], *args: str, code: int = 0) -> dict:
    """Run a command with ``--json``; its parsed output."""
    out = runner.invoke(app, [*args, "--json"], env=env)
    assert out.exit_code == code, out.output
    return json.loads(out.stdout)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A fresh data folder with the database set up."""
    settings = {"HUSTINGS_HOME": str(tmp_path / "home"), "HUSTINGS_DATABASE_URL": ""}
    run(settings, "field", "init")
    return settings


def test_a_ballot_from_register_to_recount(env: dict[str, str], tmp_path: Path) -> None:
    members = write(tmp_path / "members.csv", REGISTER)
    assert run(env, "vote", "register", "import", str(members))["added"] == 14
    cands = write(tmp_path / "c.csv", "name,statement\nYes,Endorse\nNo,Do not endorse\n")
    created = run(
        env, "vote", "ballot", "create", "endorse", "--title", "Endorse the motion?",
        "--kind", "question", "--method", "plurality", "--candidates", str(cands),
        "--opens", "2020-01-01T00:00", "--closes", "2099-01-01T00:00",
        "--joined-before", "2026-01-01", "--seed", "3",
    )  # fmt: skip
    assert [c["name"] for c in created["candidates"]] == ["Yes", "No"]
    opened = run(env, "vote", "open", "endorse", "--outbox", str(tmp_path / "out"))
    assert opened["electorate"] == 11
    lines = Path(opened["delivered_to"]).read_text().splitlines()
    codes = [json.loads(line)["code"] for line in lines]
    receipts = []
    for i, code in enumerate(codes[:7]):
        choice = "Yes" if i < 4 else "No"
        receipts.append(run(env, "vote", "cast", "endorse", "--code", code, "--choice", choice))
    refused = run(env, "vote", "cast", "endorse", "--code", codes[0], "--choice", "No", code=2)
    assert refused["error"]["code"] == "vote_refused"
    assert run(env, "vote", "result", "endorse", code=2)["error"]["code"] == "not_yet"
    assert run(env, "vote", "turnout", "endorse")["voted"] == 7
    run(env, "vote", "close", "endorse", "--early")
    declared = run(env, "vote", "count", "endorse")
    assert declared["result"]["elected"] == ["Yes"] and declared["papers"] == 7
    out = tmp_path / "published"
    run(env, "vote", "publish", "endorse", "--out", str(out))
    recount = run(
        env, "ballot", "count", str(out / "ballots.blt"), "--method", "plurality",
        "--seats", "1", "--seed", "3",
    )[0]  # fmt: skip
    assert {k: v for k, v in recount.items() if k != "file"} == declared["result"]
    mine = receipts[0]["receipt"]
    found = run(env, "vote", "verify-receipt", mine, "--published", str(out))
    assert found["found"] is True
    absent = run(env, "vote", "verify-receipt", "AAAA", "--ballot", "endorse", code=1)
    assert absent["found"] is False
