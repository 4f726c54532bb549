"""Running a ballot end to end on both back-ends: register, eligibility, codes, casting once,
secrecy, receipts, results only after close, and a recount from the published files."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from hustings.errors import AuthError, DataError, InvalidInputError, NotFoundError
from hustings.storage import privacy
from hustings.storage import votes_tables as vt
from hustings.storage.engine import Database
from hustings.votes import (
    Candidate,
    CredentialMessage,
    FileOutbox,
    NotYetError,
    VoteRefusedError,
    cast,
    check_published,
    check_receipt,
    close_ballot,
    create_ballot,
    declare,
    get_ballot,
    import_register,
    list_ballots,
    publish,
    read_outbox,
    reissue_codes,
    result,
    turnout,
)
from hustings.votes.credentials import new_code

from .conftest import (
    AFTER,
    CANDIDATES,
    CLOSES,
    DURING,
    ELIGIBLE,
    OPENS,
    REGISTER,
    open_with_codes,
    spec,
    write,
)

A, B, C, D = CANDIDATES
# Eleven papers: first preferences A 4, B 3, C 2, D 2 (worked by hand in test_the_count_...).
PAPERS = [
    [A, B],
    [A, C],
    [A, B, C],
    [A],
    [B, A],
    [B, C],
    [B],
    [C, B],
    [C, D],
    [D, C],
    [D, B],
]


def vote_all(codes: dict[int, CredentialMessage], papers: list[list[str]], db: Database) -> list:
    """Cast ``papers`` with the codes in member order; the receipts."""
    return [
        cast(db, "committee", codes[m].code, paper, now=DURING)
        for m, paper in zip(sorted(codes), papers, strict=True)
    ]


def test_the_register_is_imported_with_bad_rows_named(db: Database, tmp_path: Path) -> None:
    text = REGISTER + "M001,Again,x@example.org,,,2024-01-01,paid\n,No Number,,,,,\n"
    text += "M020,Bad Date,bad@example.org,,,31/02/2024,paid\nM021,Dup Mail,ann@example.org,,,,\n"
    report = import_register(db, write(tmp_path / "m.csv", text))
    assert (report.added, report.updated, report.members) == (14, 0, 14)
    assert [(r.row, r.reason) for r in report.rejected] == [
        (16, "membership number M001 repeats line 2"),
        (17, "no membership number"),
        (18, "date '31/02/2024' is not a date (use 2024-03-01 or 01/03/2024)"),
        (19, "same email as line 2"),
    ]
    again = import_register(db, write(tmp_path / "m2.csv", REGISTER))
    assert (again.added, again.updated, again.members) == (0, 14, 14)


def test_a_joining_date_in_the_future_is_refused_naming_its_line(
    db: Database, tmp_path: Path
) -> None:
    text = REGISTER + "M030,Tom Soon,tom@example.org,,,2026-12-02,paid\n"
    text += "M031,Una Now,una@example.org,,,01/12/2026,paid\n"
    report = import_register(db, write(tmp_path / "m.csv", text), today=date(2026, 12, 1))
    assert [(r.row, r.reason) for r in report.rejected] == [
        (16, "joined date 2026-12-02 is in the future (today is 2026-12-01)")
    ]
    assert (report.added, report.members) == (15, 15)


def test_a_value_longer_than_the_register_keeps_is_refused_not_cut(
    db: Database, tmp_path: Path
) -> None:
    long_region = "North " + "x" * 115  # 121 characters
    text = REGISTER + f"M040,Rae Long,rae@example.org,Leeds,{long_region},2024-01-01,paid\n"
    report = import_register(db, write(tmp_path / "m.csv", text))
    assert [(r.row, r.reason) for r in report.rejected] == [(16, "region over 120 characters")]
    assert report.added == 14


def test_a_register_without_a_number_column_names_it_as_the_docs_do(
    db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path / "m.csv", "Member,Full name\nM1,Ann Able\n")
    with pytest.raises(InvalidInputError) as caught:
        import_register(db, path)
    assert caught.value.message == "'m.csv' has no membership number column"
    assert caught.value.hint == (
        "headers accepted for membership number: membership number, member id, membership no, "
        "member number, number, id, member no (case and punctuation do not matter); "
        "its header is: Member, Full name"
    )
    docs = (Path(__file__).resolve().parents[2] / "docs" / "votes.md").read_text()
    assert "`Membership number`, `Member ID`" in docs


def test_only_eligible_members_get_codes(codes: dict[int, CredentialMessage]) -> None:
    assert len(codes) == ELIGIBLE
    # each message names the membership number, to match a letter to an address
    assert sorted(m.member_no for m in codes.values()) == [f"M{i:03d}" for i in range(1, 12)]
    names = {m.name for m in codes.values()}
    assert {"Lee Lane", "Mo Moss", "Ned Nash"}.isdisjoint(names)
    assert sum(1 for m in codes.values() if m.to is None) == 1  # Jon Jay has no email
    link = next(iter(codes.values())).link
    assert link.startswith("http://127.0.0.1:8000/vote/committee#code=")


def test_the_database_keeps_only_digests_of_codes(
    register: Database, codes: dict[int, CredentialMessage]
) -> None:
    with register.read() as conn:
        stored = set(conn.execute(sa.select(vt.vote_electors.c.credential_hash)).scalars())
    assert len(stored) == ELIGIBLE
    assert not {m.code for m in codes.values()} & stored


def test_a_code_votes_once(register: Database, codes: dict[int, CredentialMessage]) -> None:
    code = next(iter(codes.values())).code
    cast(register, "committee", code, [A, B], now=DURING)
    with pytest.raises(VoteRefusedError, match="already been used"):
        cast(register, "committee", code.lower().replace("-", " "), [C], now=DURING)
    assert turnout(register, "committee").voted == 1


def test_one_code_sent_twice_at_once_votes_once(
    register: Database, codes: dict[int, CredentialMessage]
) -> None:
    code = next(iter(codes.values())).code
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def attempt() -> None:
        barrier.wait()
        try:
            cast(register, "committee", code, [B], now=DURING)
            outcomes.append("cast")
        except VoteRefusedError:
            outcomes.append("refused")

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["cast", "refused", "refused", "refused"]
    with register.read() as conn:
        papers = conn.execute(sa.select(sa.func.count()).select_from(vt.vote_papers)).scalar()
    assert papers == 1


def test_a_vote_cast_while_the_ballot_closes_is_sealed_in_or_refused(
    register: Database, codes: dict[int, CredentialMessage]
) -> None:
    receipts: list[str] = []
    refused: list[str] = []
    barrier = threading.Barrier(len(codes) + 1)

    def attempt(code: str) -> None:
        barrier.wait()
        try:
            receipts.append(cast(register, "committee", code, [A], now=DURING).code)
        except VoteRefusedError as exc:
            refused.append(str(exc))

    threads = [threading.Thread(target=attempt, args=(m.code,)) for m in codes.values()]
    for thread in threads:
        thread.start()
    barrier.wait()
    close_ballot(register, "committee", now=DURING, early=True)
    for thread in threads:
        thread.join(timeout=60)
    assert len(receipts) + len(refused) == len(codes)
    assert set(refused) <= {"ballot 'committee' is closed"}
    assert turnout(register, "committee").voted == len(receipts)
    assert all(check_receipt(register, "committee", r).found for r in receipts)
    with register.read() as conn:
        papers = conn.execute(sa.select(sa.func.count()).select_from(vt.vote_papers)).scalar()
    assert papers == len(receipts)


def test_a_non_member_cannot_vote(register: Database, codes: dict[int, CredentialMessage]) -> None:
    with pytest.raises(AuthError, match="not a voting code"):
        cast(register, "committee", new_code(), [A], now=DURING)
    lapsed_and_late = {"Lee Lane", "Mo Moss"}
    assert not lapsed_and_late & {m.name for m in codes.values()}


def test_new_codes_go_only_to_electors_who_have_not_voted(
    register: Database, codes: dict[int, CredentialMessage], tmp_path: Path
) -> None:
    by_number = {m.member_no: m for m in codes.values()}
    outbox = FileOutbox(tmp_path / "again")
    cast(register, "committee", by_number["M001"].code, [A], now=DURING)
    with pytest.raises(InvalidInputError, match="member 'M001' has voted on 'committee' already"):
        reissue_codes(register, "committee", outbox, members=["M001"])
    with pytest.raises(InvalidInputError, match="member 'M012' is not an elector of 'committee'"):
        reissue_codes(register, "committee", outbox, members=["M012"])  # lapsed
    with pytest.raises(NotFoundError, match="no member 'M099' in the register"):
        reissue_codes(register, "committee", outbox, members=["M099"])
    again = reissue_codes(register, "committee", outbox, members=["M002"])
    (fresh,) = read_outbox(Path(again.delivered_to))
    assert (again.sent, fresh.member_no) == (1, "M002")
    with pytest.raises(AuthError, match="not a voting code"):
        cast(register, "committee", by_number["M002"].code, [A], now=DURING)  # the old code
    cast(register, "committee", fresh.code, [A], now=DURING)
    for _, message in sorted(by_number.items())[2:]:
        cast(register, "committee", message.code, [B], now=DURING)
    everyone = reissue_codes(register, "committee", outbox)  # all have voted: nothing to send
    assert (everyone.sent, everyone.delivered_to) == (0, "")


def test_the_electorate_is_frozen_at_opening(
    register: Database, codes: dict[int, CredentialMessage], tmp_path: Path
) -> None:
    later = REGISTER.replace("M001,Ann Able,ann@example.org,Leeds,North,2024-01-10,paid", "")
    later += "M099,Newcomer,new@example.org,Leeds,North,2024-01-01,paid\n"
    import_register(register, write(tmp_path / "later.csv", later.replace("\n\n", "\n")))
    assert get_ballot(register, "committee").electorate == ELIGIBLE
    assert turnout(register, "committee").electorate == ELIGIBLE


def test_a_ballot_is_refused_once_its_closing_time_has_passed(register: Database) -> None:
    with pytest.raises(InvalidInputError, match="closing time 2026-03-08T17:00\\+00:00 has passed"):
        create_ballot(register, spec(), now=CLOSES)
    assert create_ballot(register, spec(), now=CLOSES - timedelta(seconds=1)).slug == "committee"


@pytest.mark.parametrize(
    ("names", "title", "message"),
    [
        (("Asha Patel", "asha  patel"), "T", "candidates 'Asha Patel' and 'asha  patel' differ "
         "only in case or spaces"),
        (("A\nB", "C"), "T", "candidate name 'A\\nB' holds a line break or control character"),
        (("x" * 201, "C"), "T", "candidate name '" + "x" * 40 + "'... is over 200 characters"),
        (("A", "C"), "T\nX", "the title holds a line break or control character"),
        (("A", "C"), "T" * 301, "the title is over 300 characters"),
    ],
)  # fmt: skip
def test_names_the_published_ballots_could_not_carry_are_refused(
    register: Database, names: tuple[str, ...], title: str, message: str
) -> None:
    """A line break would split a name over two lines of the published BLT file, and a name
    cut short silently could make two candidates one; both are refused, nothing stored."""
    chosen = spec(title=title, candidates=tuple(Candidate(n) for n in names))
    with pytest.raises(InvalidInputError) as caught:
        create_ballot(register, chosen, now=OPENS)
    assert caught.value.message == f"ballot 'committee': {message}"
    assert list_ballots(register) == []


def test_votes_outside_the_opening_times_are_refused(
    register: Database, codes: dict[int, CredentialMessage]
) -> None:
    code = next(iter(codes.values())).code
    with pytest.raises(VoteRefusedError, match="has not opened"):
        cast(register, "committee", code, [A], now=OPENS - timedelta(minutes=1))
    with pytest.raises(VoteRefusedError, match="is closed"):
        cast(register, "committee", code, [A], now=CLOSES)


def test_a_spoilt_paper_is_refused_and_does_not_spend_the_code(
    register: Database, codes: dict[int, CredentialMessage]
) -> None:
    code = next(iter(codes.values())).code
    with pytest.raises(InvalidInputError, match="'Zed' is not a candidate"):
        cast(register, "committee", code, ["Zed"], now=DURING)
    with pytest.raises(InvalidInputError, match="marked twice"):
        cast(register, "committee", code, [A, A], now=DURING)
    with pytest.raises(InvalidInputError, match="blank"):
        cast(register, "committee", code, [], now=DURING)
    cast(register, "committee", code, [A], now=DURING)


def test_a_revote_replaces_the_paper_only_where_allowed(register: Database, tmp_path: Path) -> None:
    codes = open_with_codes(register, tmp_path / "o", spec("motion", allow_revote=True))
    code = codes[min(codes)].code
    first = cast(register, "motion", code, [A], now=DURING)
    second = cast(register, "motion", code, [B, A], now=DURING)
    assert (first.replaced, second.replaced) == (False, True)
    assert not check_receipt(register, "motion", first.code).found
    assert check_receipt(register, "motion", second.code).found
    assert turnout(register, "motion").voted == 1


def test_no_result_before_close(register: Database, codes: dict[int, CredentialMessage]) -> None:
    vote_all(codes, PAPERS, register)
    with pytest.raises(NotYetError, match="results come only after it closes"):
        declare(register, "committee")
    with pytest.raises(NotYetError, match="no result yet"):
        result(register, "committee")
    with pytest.raises(NotYetError, match="is open until"):
        close_ballot(register, "committee", now=CLOSES - timedelta(seconds=1))
    close_ballot(register, "committee", now=AFTER)
    with pytest.raises(NotYetError, match="no result yet"):
        result(register, "committee")
    declared = declare(register, "committee")
    assert result(register, "committee").count == declared.count


def test_the_count_is_the_engines_on_the_papers(
    register: Database, codes: dict[int, CredentialMessage]
) -> None:
    vote_all(codes, PAPERS, register)
    close_ballot(register, "committee", now=AFTER)
    declared = declare(register, "committee")
    # 11 papers, 2 seats: Droop quota floor(11/3)+1 = 4. Asha has 4 and is elected at stage 1
    # with no surplus; Cara and Dev (2 each) are the lowest; after exclusions Ben reaches quota.
    assert declared.count["quota"] == "4"
    assert declared.count["elected"] == [A, B]
    assert declared.papers == 11
    assert declared.to_json()["recount"] == (
        "hustings ballot count ballots.blt --method scottish-stv --seats 2 --seed 7"
    )


def test_the_recount_from_the_published_ballots_equals_the_declared_result(
    register: Database, codes: dict[int, CredentialMessage], tmp_path: Path
) -> None:
    from hustings.cli.main import app

    receipts = vote_all(codes, PAPERS, register)
    close_ballot(register, "committee", now=AFTER)
    declared = declare(register, "committee")
    published = publish(register, "committee", tmp_path / "published")
    folder = Path(published.folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "SHA256SUMS",
        "ballots.blt",
        "receipts.txt",
        "result.json",
        "rounds.csv",
    ]
    args = ["ballot", "count", str(folder / "ballots.blt"), "--method", "scottish-stv"]
    run = CliRunner().invoke(app, [*args, "--seats", "2", "--seed", "7", "--json"])
    assert run.exit_code == 0, run.output
    recount = json.loads(run.output)[0]
    assert {k: v for k, v in recount.items() if k != "file"} == declared.count
    assert json.loads((folder / "result.json").read_text())["result"] == declared.count
    for receipt in receipts:
        assert check_published(folder, receipt.code).found
    assert not check_published(folder, new_code()).found


def test_a_tampered_publication_is_caught(
    register: Database, codes: dict[int, CredentialMessage], tmp_path: Path
) -> None:
    vote_all(codes, PAPERS, register)
    close_ballot(register, "committee", now=AFTER)
    declare(register, "committee")
    folder = Path(publish(register, "committee", tmp_path / "pub").folder)
    blt = folder / "ballots.blt"
    blt.write_text(blt.read_text().replace("\n1 1 2 0\n", "\n1 2 1 0\n", 1))
    with pytest.raises(DataError, match=r"ballots\.blt in .* does not match SHA256SUMS"):
        check_published(folder, "anything")


def test_receipts_verify_in_the_ballot_box(
    register: Database, codes: dict[int, CredentialMessage]
) -> None:
    receipts = vote_all(codes, PAPERS, register)
    assert all(check_receipt(register, "committee", r.code).found for r in receipts)
    assert not check_receipt(register, "committee", new_code()).found
    # the receipt says nothing about the vote: two papers with different votes look alike
    assert len({len(r.code) for r in receipts}) == 1


def test_the_stored_paper_cannot_be_joined_to_the_member(
    register: Database, codes: dict[int, CredentialMessage]
) -> None:
    rankings = [[CANDIDATES[i % 4], CANDIDATES[(i + 1) % 4]] for i in range(ELIGIBLE)]
    vote_all(codes, rankings, register)
    close_ballot(register, "committee", now=AFTER)
    with register.read() as conn:
        paper_columns = {c.name for c in vt.vote_papers.columns}
        papers = [dict(r._mapping) for r in conn.execute(sa.select(vt.vote_papers))]
        electors = [dict(r._mapping) for r in conn.execute(sa.select(vt.vote_electors))]
        members = [dict(r._mapping) for r in conn.execute(sa.select(vt.vote_members))]
    assert paper_columns == {"id", "ballot_id", "preferences", "receipt_hash", "replace_key"}
    assert all(p["replace_key"] is None for p in papers)
    personal = {str(v) for row in electors + members for k, v in row.items() if k != "ballot_id"}
    for paper in papers:
        assert not {paper["id"], paper["receipt_hash"]} & personal
    for fk in vt.vote_papers.foreign_keys:
        assert fk.column.table is vt.vote_ballots.c.id.table
    cast_order = [" ".join(str(CANDIDATES.index(n)) for n in r) for r in rankings]
    stored_order = [p["preferences"] for p in sorted(papers, key=lambda p: p["id"])]
    assert sorted(stored_order) == sorted(cast_order)
    assert stored_order != cast_order


def test_turnout_by_region_shows_no_group_under_five(
    register: Database, codes: dict[int, CredentialMessage]
) -> None:
    for member in sorted(codes)[:3]:
        cast(register, "committee", codes[member].code, [A], now=DURING)
    report = turnout(register, "committee").to_json()
    assert (report["electorate"], report["voted"]) == (ELIGIBLE, 3)
    regions = {r["region"]: (r["electors"], r["voted"]) for r in report["regions"]}
    # North's 3 would be the total less the others' 0 and 0: the smaller group is hidden too
    assert regions == {
        "North": (5, None),
        "South": (5, 0),
        "(regions of fewer than 5 electors)": (1, None),
    }
    for member in sorted(codes)[3:9]:
        cast(register, "committee", codes[member].code, [A], now=DURING)
    report = turnout(register, "committee").to_json()
    regions = {r["region"]: (r["electors"], r["voted"]) for r in report["regions"]}
    assert report["voted"] == 9
    assert regions == {
        "North": (5, 5),
        "South": (5, None),
        "(regions of fewer than 5 electors)": (1, None),
    }
    assert "elected" not in json.dumps(report)


def test_members_are_covered_by_subject_access(
    register: Database, codes: dict[int, CredentialMessage]
) -> None:
    with register.write() as conn:
        found = privacy.find(conn, ["ann@example.org"])
        assert [m["member_no"] for m in found["member"]] == ["M001"]
        assert len(found["member"][0]["vote_electors"]) == 1
        assert privacy.erase(conn, found)["member"] == 1
    assert turnout(register, "committee").electorate == ELIGIBLE - 1
