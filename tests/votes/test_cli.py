"""``hustings vote`` from the register to a published recount, on the embedded database."""

from __future__ import annotations

import hashlib
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
    said = runner.invoke(app, ["vote", "verify-receipt", mine, "--published", str(out)], env=env)
    assert said.stdout == f"your paper is among the ballots of endorse published in {out}\n"
    absent = run(env, "vote", "verify-receipt", "AAAA", "--ballot", "endorse", code=1)
    assert absent["found"] is False


def _create(env: dict[str, str], slug: str, *extra: str, code: int = 0) -> dict:
    return run(
        env, "vote", "ballot", "create", slug, "--title", "T", "--candidate", "A",
        "--candidate", "B", "--opens", "2020-01-01T00:00", "--closes", "2099-01-01T00:00",
        *extra, code=code,
    )  # fmt: skip


def test_a_ballot_that_could_not_be_counted_as_set_is_refused(env: dict[str, str]) -> None:
    irv = _create(env, "irv", "--method", "irv", "--seats", "2", code=2)["error"]
    assert irv["message"] == "ballot 'irv': instant-runoff elects one, not 2"
    for threshold in ("150", "0", "nan"):
        bad = _create(env, "ap", "--method", "approval", "--threshold", threshold, code=2)
        assert "approval threshold" in bad["error"]["message"]
    assert _create(env, "ap", "--method", "approval", "--threshold", "100")["threshold"] == 100
    date = _create(env, "d", "--joined-before", "2026-13-01", code=2)["error"]
    assert date["message"].startswith("--joined-before: date '2026-13-01' is not a date")
    assert "--kind" not in date["message"] + date.get("hint", "")
    kind = _create(env, "k", "--kind", "referendum", code=2)["error"]
    assert kind["message"] == "--kind 'referendum' is not a kind of ballot"
    assert [b["slug"] for b in run(env, "vote", "ballot", "list")] == ["ap"]


def test_codes_and_publication_in_a_place_that_cannot_be_written_are_refused(
    env: dict[str, str], tmp_path: Path
) -> None:
    run(env, "vote", "register", "import", str(write(tmp_path / "m.csv", REGISTER)))
    _create(env, "q", "--kind", "question", "--method", "plurality")
    blocker = write(tmp_path / "a-file", "not a folder\n")
    refused = run(env, "vote", "open", "q", "--outbox", str(blocker / "out"), code=2)
    assert refused["error"]["code"] == "write_error"
    assert run(env, "vote", "ballot", "list")[0]["status"] == "draft"
    opened = run(env, "vote", "open", "q", "--outbox", str(tmp_path / "out"))
    outbox = Path(opened["delivered_to"])
    assert outbox.stat().st_mode & 0o777 == 0o600  # voting codes in clear: the owner's only
    assert [p.name for p in outbox.parent.iterdir()] == [outbox.name]
    code = json.loads(outbox.read_text().splitlines()[0])["code"]
    receipt = run(env, "vote", "cast", "q", "--code", code, "--choice", "A")["receipt"]
    run(env, "vote", "close", "q", "--early")
    run(env, "vote", "count", "q")
    out = run(env, "vote", "publish", "q", "--out", str(blocker / "pub"), code=2)
    assert out["error"]["code"] == "write_error" and "a-file" in out["error"]["message"]
    folder = tmp_path / "pub"
    run(env, "vote", "publish", "q", "--out", str(folder))
    assert run(env, "vote", "verify-receipt", receipt, "--published", str(folder))["found"]
    for damage in (b"\xff\xfe\x00{", b"{not json", b"[1, 2]"):
        (folder / "result.json").write_bytes(damage)
        sums = [
            f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}"
            for n in ("ballots.blt", "receipts.txt", "rounds.csv", "result.json")
        ]
        (folder / "SHA256SUMS").write_text("\n".join(sums) + "\n")
        bad = runner.invoke(
            app, ["vote", "verify-receipt", receipt, "--published", str(folder)], env=env
        )
        assert bad.exit_code == 2, bad.output
        assert len(bad.output.strip().splitlines()) == 1 and "result.json" in bad.output


def test_the_example_in_the_votes_docs_runs_as_written(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The docs' commands in order; only the times (to have the ballot open now), the code,
    the receipt and ``--early`` (closing before the closing time) are filled in."""
    import shlex
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    root = Path(__file__).resolve().parents[2]
    text = (root / "docs" / "votes.md").read_text(encoding="utf-8")
    block = text.split("```bash\n", 1)[1].split("```", 1)[0].replace("\\\n", " ")
    now = datetime.now(UTC).astimezone(ZoneInfo("Europe/London"))  # the docs' times are UK
    times = {
        "2027-03-01T09:00": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "2027-03-08T17:00": (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    monkeypatch.chdir(tmp_path)
    found: dict[str, object] = {}
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        if not words:
            continue
        assert words[0] == "hustings", line
        args = [times.get(w, w) for w in words[1:]]
        args = [str(root / w) if w.startswith("docs/examples/") else w for w in args]
        if args[:2] == ["vote", "cast"]:
            args[args.index("CODE")] = found["code"]  # type: ignore[call-overload]
        if args[:2] == ["vote", "close"]:
            args.append("--early")
        if "RECEIPT" in args:
            args[args.index("RECEIPT")] = found["receipt"]  # type: ignore[call-overload]
        body = run(env, *args)
        if args[:2] == ["vote", "register"]:
            assert (body["added"], body["rejected"]) == (13, [])
        if args[:2] == ["vote", "open"]:
            assert body["electorate"] == 11
            first = Path(body["delivered_to"]).read_text().splitlines()[0]
            found["code"] = json.loads(first)["code"]
        if args[:2] == ["vote", "cast"]:
            found["receipt"] = body["receipt"]
        if args[:2] == ["vote", "count"]:
            assert body["papers"] == 1 and len(body["result"]["elected"]) == 5
        if args[:2] == ["vote", "verify-receipt"]:
            assert body["found"] is True
    assert (tmp_path / "published" / "ballots.blt").is_file()


def test_a_candidates_file_in_another_encoding_is_read_as_the_error_advises(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("name,statement\nZoë Brontë,Café owner\nÅsa Lind,Ça va\n".encode("cp1252"))
    args = ["vote", "ballot", "create", "b", "--title", "T", "--candidates", str(path)]
    args += ["--opens", "2020-01-01T00:00", "--closes", "2099-01-01T00:00"]
    refused = run(env, *args, code=2)["error"]
    assert "--encoding" in refused["hint"]
    made = run(env, *args, "--encoding", "cp1252")
    assert [c["name"] for c in made["candidates"]] == ["Zoë Brontë", "Åsa Lind"]


def test_times_without_a_zone_are_uk_local_time_and_shown_with_their_offset(
    env: dict[str, str],
) -> None:
    summer = _create(env, "summer", "--opens", "2099-07-01T09:00", "--closes", "2099-07-08T17:00")
    assert (summer["opens_at"], summer["closes_at"]) == (
        "2099-07-01T08:00:00+00:00",  # 09:00 BST
        "2099-07-08T16:00:00+00:00",
    )
    winter = _create(env, "winter", "--opens", "2099-01-05T09:00", "--closes", "2099-01-06T17:00Z")
    assert (winter["opens_at"], winter["closes_at"]) == (
        "2099-01-05T09:00:00+00:00",  # 09:00 GMT
        "2099-01-06T17:00:00+00:00",
    )
    listed = runner.invoke(app, ["vote", "ballot", "list"], env=env).stdout
    assert "voting from 2099-07-01 09:00+01:00 to 2099-07-08 17:00+01:00" in listed
    assert "voting from 2099-01-05 09:00+00:00 to 2099-01-06 17:00+00:00" in listed
    assert max(len(line) for line in listed.splitlines()) <= 80
    gap = _create(env, "gap", "--opens", "2099-03-29T01:30", "--closes", "2099-04-01T00:00", code=2)
    assert gap["error"]["message"] == (
        "--opens '2099-03-29T01:30' does not exist in UK time (the clocks go forward then)"
    )


def test_a_ballot_closing_in_the_past_or_before_it_opens_is_refused(env: dict[str, str]) -> None:
    passed = _create(env, "late", "--opens", "2020-01-01T09:00", "--closes", "2020-01-08T17:00",
                     code=2)["error"]  # fmt: skip
    assert passed["message"].startswith(
        "ballot 'late': its closing time 2020-01-08T17:00+00:00 has passed (now 20"
    )
    assert passed["hint"] == "give a closing time in the future"
    backwards = _create(env, "back", "--opens", "2099-07-08T17:00", "--closes", "2099-07-01T09:00",
                        code=2)["error"]  # fmt: skip
    assert backwards["message"] == (
        "ballot 'back': it closes (2099-07-01T09:00+01:00) before it opens (2099-07-08T17:00+01:00)"
    )
    assert run(env, "vote", "ballot", "list") == []


def test_the_declared_count_in_text_names_each_stage_and_every_tie_by_lot(
    env: dict[str, str], tmp_path: Path
) -> None:
    run(env, "vote", "register", "import", str(write(tmp_path / "m.csv", REGISTER)))
    _create(env, "tied", "--candidate", "C", "--seats", "1", "--seed", "5",
            "--joined-before", "2026-01-01")  # fmt: skip
    opened = run(env, "vote", "open", "tied", "--outbox", str(tmp_path / "out"))
    lines = Path(opened["delivered_to"]).read_text().splitlines()
    codes = [json.loads(line)["code"] for line in lines]
    for code, first in zip(codes, ("A", "B", "A", "B"), strict=False):
        run(env, "vote", "cast", "tied", "--code", code, "--choice", first, "--choice", "C")
    run(env, "vote", "close", "tied", "--early")
    declared = run(env, "vote", "count", "tied")["result"]
    # A 2, B 2, C 0: C is excluded, then A and B tie on 2 and one of them goes by lot
    (tie,) = [t for t in declared["ties"] if len(t["tied"]) == 2]
    shown = runner.invoke(app, ["vote", "result", "tied"], env=env).stdout.splitlines()
    assert "stage 1: first preferences" in shown
    assert f"tie at stage {tie['stage']} (lowest vote): {tie['chosen']} chosen by lot among 2" in (
        shown
    )


def test_a_voting_link_that_is_not_a_web_address_is_refused_and_loopback_is_noted(
    env: dict[str, str], tmp_path: Path
) -> None:
    run(env, "vote", "register", "import", str(write(tmp_path / "m.csv", REGISTER)))
    _create(env, "q", "--kind", "question", "--method", "plurality")
    out = ["--outbox", str(tmp_path / "out")]
    bad = run(env, "vote", "open", "q", *out, "--link", "vote.example.org", code=2)["error"]
    assert bad["message"] == "--link 'vote.example.org' is not a web address"
    assert run(env, "vote", "ballot", "list")[0]["status"] == "draft"
    local = runner.invoke(app, ["vote", "open", "q", *out], env=env)
    assert local.exit_code == 0 and "works only on this machine" in local.stderr
    line = json.loads((tmp_path / "out" / "q-1.jsonl").read_text().splitlines()[0])
    assert line["link"].startswith("http://127.0.0.1:8000/vote/q#code=")
    public = run(env, "vote", "codes", "q", *out, "--link", "https://vote.example.org/")
    first = json.loads(Path(public["delivered_to"]).read_text().splitlines()[0])
    assert first["link"] == f"https://vote.example.org/vote/q#code={first['code']}"
