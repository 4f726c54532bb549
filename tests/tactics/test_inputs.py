"""Bad input: one-line errors naming the culprit."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.errors import InvalidInputError
from hustings.tactics.alliance import parse_stand_down, simulate_alliance
from hustings.tactics.bloc import check_bloc
from hustings.tactics.board import Board
from hustings.tactics.transfers import check_transfers, read_transfers


def test_unknown_party_in_bloc() -> None:
    with pytest.raises(InvalidInputError, match=r"^unknown party in the bloc 'FOO'$"):
        check_bloc("LAB,FOO", "CON")


def test_party_on_both_sides() -> None:
    with pytest.raises(InvalidInputError) as err:
        check_bloc("LAB,LD,CON", "con")
    assert err.value.message == "party 'CON' is both in the bloc and the opponent"


def test_bloc_accepts_names_and_codes() -> None:
    assert check_bloc("Labour, lib dem,GRN,LAB", "Reform UK") == (("LAB", "LD", "GRN"), "RUK")


def test_transfers_over_100_percent(fixtures: Path) -> None:
    with pytest.raises(InvalidInputError) as err:
        read_transfers(fixtures / "tactics" / "transfers_over_100_percent.json")
    assert err.value.message == "transfer rates for GRN add up to 120%, more than 100%"


def test_transfer_rate_not_a_number(fixtures: Path) -> None:
    with pytest.raises(InvalidInputError) as err:
        read_transfers(fixtures / "tactics" / "transfers_rate_not_a_number.csv")
    assert (
        err.value.message == "transfers_rate_not_a_number.csv: line 2: rate 'half' is not a number"
    )


def test_transfer_rate_above_one() -> None:
    with pytest.raises(InvalidInputError, match=r"outside 0\.\.1"):
        check_transfers({"GRN": {"LAB": 50}})


def test_transfers_csv(fixtures: Path) -> None:
    rates = read_transfers(fixtures / "tactics" / "transfers_ld.csv")
    assert rates == {"LD": {"LAB": 0.4, "CON": 0.2, "ABSTAIN": 0.1}}


def test_stand_down_seat_not_contested(tiny_board: Board) -> None:
    with pytest.raises(InvalidInputError) as err:
        parse_stand_down(tiny_board, "GRN:S1,S2")
    assert err.value.message == "GRN does not contest Two (S2) in test"


def test_stand_down_needs_rates(tiny_board: Board) -> None:
    with pytest.raises(InvalidInputError, match=r"^no transfer rates for LD$"):
        simulate_alliance(None, stand_down=["LD:all"], board=tiny_board)  # type: ignore[arg-type]


def test_stand_down_spec_without_colon(tiny_board: Board) -> None:
    with pytest.raises(InvalidInputError, match="cannot read stand-down 'GRN'"):
        parse_stand_down(tiny_board, "GRN")
