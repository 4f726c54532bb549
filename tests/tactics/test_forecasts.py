"""Published seat forecasts as evidence: the fixed equal-weight blend, reading a campaign's
CSV, and the 2024 head-to-head with the sites when the stored forecasts are given."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from hustings.data.api import Store
from hustings.errors import InvalidInputError
from hustings.projection import parse_shares
from hustings.tactics import advise
from hustings.tactics.backtest import backtest
from hustings.tactics.board import Board
from hustings.tactics.forecasts import Forecast, blend, read_forecast, resolve


@pytest.fixture
def projected(tiny_board: Board) -> Board:
    wp = np.array([[0.6, 0.3, 0.1, 0.0], [0.2, 0.8, 0.0, 0.0]])
    return replace(tiny_board, win_probability=wp, scenario={"CON": 0.4})


def test_one_forecast_counts_as_much_as_the_projection(projected: Board) -> None:
    b = blend(projected, [Forecast("f", {"S1": "LD", "S2": "LAB"}, "test")])
    assert b.win_probability is not None
    assert b.win_probability[0] == pytest.approx([0.3, 0.15, 0.55, 0.0])
    assert b.win_probability[1] == pytest.approx([0.1, 0.9, 0.0, 0.0])
    assert b.forecasts == ("f",)


def test_a_seat_without_a_call_keeps_the_projection(projected: Board) -> None:
    two = [Forecast("a", {"S1": "LD", "S2": "RUK"}, "t"), Forecast("b", {"S1": "LD"}, "t")]
    b = blend(projected, two)
    assert b.win_probability is not None
    assert b.win_probability[0] == pytest.approx([0.2, 0.1, 0.7, 0.0])
    assert b.win_probability[1] == pytest.approx([0.2, 0.8, 0.0, 0.0])  # RUK not on the board


def test_blend_refuses_the_wrong_map_and_unprojected_boards(
    tiny_board: Board, projected: Board
) -> None:
    with pytest.raises(InvalidInputError, match="names 0 of the 2 seats"):
        blend(projected, [Forecast("old", {"E14000530": "CON"}, "t")])
    with pytest.raises(InvalidInputError, match="simulated win probabilities"):
        blend(tiny_board, [Forecast("f", {"S1": "LD"}, "t")])


def test_read_forecast_csv(tmp_path: Path) -> None:
    path = tmp_path / "mrp.csv"
    path.write_text("ons_id,constituency_name,prediction\nS1,One,Lib Dems\nS2,Two,Labour\n\n")
    forecast = read_forecast(path)
    assert forecast.name == "mrp" and forecast.calls == {"S1": "LD", "S2": "LAB"}
    path.write_text("gss,party\nS1,LD\nS1,LAB\n")
    with pytest.raises(InvalidInputError, match="line 3: seat S1 is called twice"):
        read_forecast(path)
    path.write_text("gss,party\nS1,Monster Raving Loony\n")
    with pytest.raises(InvalidInputError, match="unknown party on line 2"):
        read_forecast(path)
    path.write_text("seat,party\nS1,LD\n")
    with pytest.raises(InvalidInputError, match="no column 'gss'"):
        read_forecast(path)


@pytest.mark.mirror
def test_stored_forecasts_serve_the_backtest_only(store: Store) -> None:
    with pytest.raises(InvalidInputError, match="no stored seat forecast is of the next"):
        resolve(store, ["economist"], None)
    with pytest.raises(InvalidInputError, match="no stored seat forecast 'yougov'") as err:
        resolve(store, ["yougov"], "2024")
    assert "stored for 2024: economist, election-maps-uk" in str(err.value.hint)
    (emuk,) = resolve(store, ["election-maps-uk"], "2024")
    assert len(emuk.calls) == 632 and "ElectionMapsUK" in emuk.source


@pytest.mark.mirror
def test_backtest_with_electionmapsuk_ties_every_site(store: Store) -> None:
    # docs/tactics.md: with ElectionMapsUK's 2 July calls counted as much as the projection,
    # our first-or-second seats equal each site's on the site's own called seats.
    result = backtest(store, sims=10_000, forecasts=["election-maps-uk"])
    counts = {
        site: (round(o.first_or_second * o.seats), round(t.first_or_second * t.seats), o.seats)
        for site, o, t in result.head_to_head
    }
    assert counts == {
        "stopthetories": (418, 418, 428),
        "tactical.vote": (485, 485, 498),
        "tacticalvote.co.uk": (441, 441, 454),
    }
    assert [f.name for f in result.forecasts] == ["election-maps-uk"]


@pytest.mark.mirror
def test_advice_names_the_forecast_it_blends(store: Store, tmp_path: Path) -> None:
    shares = parse_shares("latest-polls", store)
    path = tmp_path / "campaign.csv"
    path.write_text("gss,party\nE14001063,LD\n")  # Aldershot alone
    with pytest.raises(InvalidInputError, match="names 1 of the 632 seats of 2024"):
        advise(store, shares=shares, sims=500, forecasts=[read_forecast(path)])
    seats = store.vote_matrix("2024").gss
    path.write_text("gss,party\n" + "".join(f"{g},LD\n" for g in seats))
    advice = advise(store, shares=shares, sims=500, forecasts=[read_forecast(path)])
    aldershot = advice.seat("E14001063")
    assert aldershot.recommended == "LD"
    assert "published forecasts of campaign equally" in aldershot.evidence
    assert [f.name for f in advice.forecasts] == ["campaign"]
