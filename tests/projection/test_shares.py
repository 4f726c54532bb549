"""Reading target shares, and the bad-input messages."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from hustings.errors import InvalidInputError, NotFoundError
from hustings.projection.shares import check_shares, parse_by, parse_shares, target_vector


def test_percent_pairs_become_fractions() -> None:
    assert parse_shares("LAB=33.7, con=23.7") == pytest.approx({"LAB": 0.337, "CON": 0.237})


def test_normalise_rescales_to_one() -> None:
    out = parse_shares("LAB=50,CON=40,OTH=5", normalise=True)
    assert sum(out.values()) == pytest.approx(1.0)
    assert out["LAB"] == pytest.approx(50 / 95)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("LAB=60,CON=45", "shares sum to 105.0, not 100"),
        ("LAB=50,CON=40,OTH=5", "shares sum to 95.0, not 100"),
        ("LAB=33.7,XYZ=3", "unknown party 'XYZ'"),
        ("LAB=-3", "share of LAB is -3, below zero"),
        ("LAB:33", "cannot read share 'LAB:33'"),
        ("LAB=3,LAB=4", "party 'LAB' is given twice"),
        ("", "no shares given"),
    ],
)
def test_bad_shares_have_one_line_messages(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as err:
        parse_shares(text)
    assert err.value.message == message


def test_within_half_a_point_is_accepted() -> None:
    assert check_shares({"LAB": 0.6, "CON": 0.3, "OTH": 0.104})["OTH"] == 0.104


def test_final_polls_need_a_store() -> None:
    with pytest.raises(InvalidInputError, match="needs the election store"):
        parse_shares("final-polls-2024")


def test_target_vector_spreads_the_rest_over_unnamed_parties() -> None:
    parties = ("CON", "LAB", "LD", "OTH")
    base = np.array([0.4, 0.3, 0.2, 0.1])
    out = target_vector({"CON": 0.3, "LAB": 0.4}, parties, base, "x")
    assert out == pytest.approx([0.3, 0.4, 0.2, 0.1])
    # an explicit OTH figure covers OTH and every unnamed party
    out = target_vector({"CON": 0.3, "LAB": 0.4, "OTH": 0.3}, parties, base, "x")
    assert out == pytest.approx([0.3, 0.4, 0.2, 0.1])


def test_a_party_absent_from_the_base_is_refused() -> None:
    with pytest.raises(InvalidInputError) as err:
        target_vector({"DUP": 0.1}, ("CON", "LAB"), np.array([0.5, 0.5]), "2019-notional")
    assert err.value.message == "party 'DUP' did not stand in the base election 2019-notional"


def test_by_accepts_objects_and_strings() -> None:
    out = parse_by({"Scotland": {"snp": 30, "LAB": 35}, "Wales": "LAB=37,PC=15"})
    assert out["Scotland"] == pytest.approx({"SNP": 0.30, "LAB": 0.35})
    assert out["Wales"] == pytest.approx({"LAB": 0.37, "PC": 0.15})


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("by_shares_over_100.json", "shares sum to 110.0, not 100"),
        ("by_not_numbers.json", "shares for 'Scotland' are not numbers"),
        (
            "by_list_not_object.json",
            "shares for 'Wales' must be 'LAB=35,...' or an object of percentages",
        ),
    ],
)
def test_bad_by_files(fixtures: Path, name: str, message: str) -> None:
    raw = json.loads((fixtures / "projection" / name).read_text())
    with pytest.raises(InvalidInputError) as err:
        parse_by(raw)
    assert err.value.message == message


def test_unknown_year_for_actual() -> None:
    with pytest.raises(NotFoundError, match="no general election '2005'"):
        parse_shares("actual-2005", store=object())  # type: ignore[arg-type]
