"""The store built from the real mirror: official totals, seat lookup, atomic syncs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hustings.data.api import Store
from hustings.data.lookup import SeatIndex, find_seats, successors
from hustings.data.profile import seat_profile
from hustings.data.store import sync
from hustings.errors import DataError, NotFoundError, WriteError
from hustings.settings import Settings

OFFICIAL = {
    "2010": {"CON": 306, "LAB": 258, "LD": 57},
    "2015": {"CON": 330, "LAB": 232, "SNP": 56, "LD": 8},
    "2017": {"CON": 317, "LAB": 262, "SNP": 35, "LD": 12},
    "2019": {"CON": 365, "LAB": 202, "SNP": 48, "LD": 11},
    "2024": {"LAB": 411, "CON": 121, "LD": 72, "SNP": 9, "RUK": 5},
    "2019-notional": {"CON": 372, "LAB": 200, "SNP": 48, "LD": 8},
}


@pytest.mark.parametrize("election", sorted(OFFICIAL))
def test_seat_totals_are_official(synced: Settings, election: str) -> None:
    national = Store(synced).national(election)
    for party, seats in OFFICIAL[election].items():
        assert national.seats[party] == seats
    assert national.seats["SPK"] == 1
    assert sum(national.seats.values()) == 650
    assert sum(national.gb_seats.values()) == 632


def test_2024_uk_shares(synced: Settings) -> None:
    shares = Store(synced).national("2024").shares
    assert round(100 * shares["LAB"], 1) == 33.7
    assert round(100 * shares["CON"], 1) == 23.7
    assert round(100 * shares["RUK"], 1) == 14.3


def test_2010_uk_valid_votes(synced: Settings) -> None:
    assert sum(Store(synced).national("2010").votes.values()) == 29_687_604


def test_lookup_forgives_case_punctuation_and_ampersand(synced: Settings) -> None:
    store = Store(synced)
    seat = find_seats(store, "brighton kemptown & PEACEHAVEN")[0]
    assert seat.name == "Brighton Kemptown and Peacehaven"
    assert find_seats(store, "Brighton Kemptown")[0].name == "Brighton, Kemptown"
    assert find_seats(store, "ynys mon")[0].gss == "W07000112"
    assert find_seats(store, "e14001170")[0].name == "Chorley"


def test_a_seat_index_answers_as_the_lookup_does(synced: Settings) -> None:
    store = Store(synced)
    index = SeatIndex(store, "2024")
    seats = store.constituencies("2024")
    assert len(seats) == 650
    for seat in seats:
        assert index(seat.gss.lower()) == index(f" {seat.name.upper()} ") == seat.gss
        assert index.name(seat.gss) == seat.name
    assert index.name(index("peacehaven & kemptown brighton")) == "Brighton Kemptown and Peacehaven"
    with pytest.raises(NotFoundError, match="no constituency 'Copeland'"):
        index("Copeland")
    only = SeatIndex(store, "2024", names={"E14001170": "Chorley"})
    assert only("chorley") == "E14001170" and only.name("E14001279") == "E14001279"


def test_unknown_seat_suggests_the_nearest(synced: Settings) -> None:
    with pytest.raises(NotFoundError) as caught:
        find_seats(Store(synced), "Copland")
    assert (
        caught.value.one_line()
        == "no constituency 'Copland'; did you mean 'Copeland' or 'Broadland'?"
    )


def test_abolished_seat_names_its_2024_successors(synced: Settings) -> None:
    store = Store(synced)
    copeland = find_seats(store, "Copeland")[0]
    assert copeland.boundary_set == "2010"
    names = [s.seat.name for s in successors(store, copeland.gss)]
    assert names[0] == "Whitehaven and Workington"


def test_seat_profile_lists_by_elections(synced: Settings) -> None:
    profile = seat_profile(Store(synced), "Copeland")
    assert [(b.election, b.winner, b.previous_winner) for b in profile.byelections] == [
        ("by-2017-copeland", "CON", "LAB")
    ]


def test_seat_profile_spans_both_boundary_sets(synced: Settings) -> None:
    profile = seat_profile(Store(synced), "Chorley")
    elections = [r.election for r in profile.results]
    assert elections == ["2010", "2015", "2017", "2019", "2019-notional", "2024"]
    assert profile.results[-1].winner == "SPK"
    assert profile.results[-1].majority == 20_575


def _mirror_copy(mirror: Path, target: Path) -> Path:
    for path in mirror.rglob("*"):
        if path.is_file() and "ballots" not in path.parts and "listening" not in path.parts:
            dest = target / path.relative_to(mirror)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.symlink_to(path)
    return target


def test_failed_sync_leaves_the_previous_store(
    synced: Settings, mirror: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(synced.store_path, home / synced.store_path.name)
    before = (home / synced.store_path.name).read_bytes()
    damaged = _mirror_copy(mirror, tmp_path / "mirror")
    victim = damaged / "results" / "ge2019_constituencies.csv"
    victim.unlink()
    victim.write_text("ons_id\nnot the published file\n")
    with pytest.raises(DataError) as caught:
        sync(Settings(home=home, mirror=damaged))
    assert "ge2019_constituencies.csv: checksum mismatch" in caught.value.message
    assert (home / synced.store_path.name).read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == [synced.store_path.name]


def test_a_missing_mirror_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        sync(Settings(home=tmp_path / "home", mirror=tmp_path / "nowhere"))
    assert caught.value.message == f"no mirror folder {tmp_path / 'nowhere'}"
    assert not (tmp_path / "home" / "hustings.duckdb").exists()


def test_a_killed_sync_leaves_nothing_behind_the_next_one(mirror: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    dead = 2**22 + 12345  # above the default pid_max of 4,194,304: no such process
    stale = [
        home / f".hustings.duckdb.{dead}.building",
        home / f".hustings.duckdb.{dead}.building.wal",
    ]
    for path in stale:
        path.write_bytes(b"half a store")
    sync(Settings(home=home, mirror=mirror))
    assert sorted(p.name for p in home.iterdir()) == ["hustings.duckdb"]


def test_a_corrupted_store_says_how_to_rebuild_it(tmp_path: Path) -> None:
    (tmp_path / "hustings.duckdb").write_bytes(b"not a database" * 100)
    with pytest.raises(DataError) as caught:
        Store(Settings(home=tmp_path, mirror=None)).query("SELECT 1")
    assert caught.value.message.startswith(f"the data store {tmp_path / 'hustings.duckdb'} cannot")
    assert caught.value.hint == "rebuild it with: hustings data sync"


def test_an_unwritable_home_is_one_line(mirror: Path) -> None:
    with pytest.raises(WriteError) as caught:
        sync(Settings(home=Path("/sys/hustings-home"), mirror=mirror))
    assert caught.value.message.startswith("cannot build the store in /sys/hustings-home: ")
    assert caught.value.hint == "make the folder writable or set HUSTINGS_HOME to one that is"


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("Kemptown", "did you mean 'Brighton Kemptown and Peacehaven' or 'Brighton, Kemptown'?"),
        (
            "Hackney",
            "did you mean 'Hackney North and Stoke Newington' or 'Hackney South and Shoreditch'?",
        ),
        (
            "Brighton",
            "did you mean 'Brighton Kemptown and Peacehaven' or 'Brighton Pavilion' or "
            "'Brighton, Kemptown' or 'Brighton, Pavilion'?",
        ),
    ],
)
def test_suggestions_match_words_before_spelling(
    synced: Settings, query: str, suggested: str
) -> None:
    with pytest.raises(NotFoundError) as caught:
        find_seats(Store(synced), query)
    assert caught.value.hint == suggested


def test_each_result_names_the_seat_it_was_fought_in(synced: Settings) -> None:
    body = seat_profile(Store(synced), "Chorley").to_json()
    rows = [(r["election"], r["gss"], r["boundary_set"]) for r in body["results"]]
    assert rows == [
        ("2010", "E14000637", "2010"),
        ("2015", "E14000637", "2010"),
        ("2017", "E14000637", "2010"),
        ("2019", "E14000637", "2010"),
        ("2019-notional", "E14001170", "2024"),
        ("2024", "E14001170", "2024"),
    ]
