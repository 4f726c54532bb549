"""The polling average, ``--shares latest-polls`` / ``polls-DATE`` and nation-only parties."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from hustings.cli.main import app
from hustings.data.api import PollTable, Store
from hustings.errors import InvalidInputError
from hustings.projection import parse_shares, project
from hustings.projection.average import PARTIES, latest_average, poll_average


def _table(rows: list[tuple[str, str, dict[str, float]]]) -> PollTable:
    parties = ("CON", "LAB", "OTH")
    return PollTable(
        np.arange(1, len(rows) + 1, dtype=np.int64),
        tuple(r[0] for r in rows),
        np.array([r[1] for r in rows], dtype="datetime64[D]"),
        np.full(len(rows), np.nan),
        np.zeros(len(rows), dtype=bool),
        ("hand",) * len(rows),
        (None,) * len(rows),
        parties,
        np.array([[r[2].get(p, np.nan) for p in parties] for r in rows]),
    )


def test_house_effect_of_a_pollster_that_always_shows_labour_higher() -> None:
    # Two pollsters alternate days for eight weeks: A always has Labour 4 points above B.
    rows = []
    for day in range(56):
        when = str(np.datetime64("2026-01-01") + day)
        if day % 2:
            rows.append(("A", when, {"CON": 0.30, "LAB": 0.42}))
        else:
            rows.append(("B", when, {"CON": 0.30, "LAB": 0.38}))
    average = poll_average(_table(rows))
    effects = average.house_effects
    assert effects["A"]["LAB"] - effects["B"]["LAB"] == pytest.approx(0.04 * 28 / 31, abs=2e-3)
    assert average.shares["LAB"] == pytest.approx(0.40, abs=2e-3)
    assert average.shares["CON"] == pytest.approx(0.30, abs=1e-9)
    assert sum(average.shares.values()) == pytest.approx(1.0)
    assert average.as_of == date(2026, 2, 25)


def test_recent_polls_weigh_more() -> None:
    rows = [("A", "2026-01-01", {"CON": 0.20, "LAB": 0.40})]
    rows += [("A", "2026-02-26", {"CON": 0.30, "LAB": 0.30})]
    average = poll_average(_table(rows))
    # 56 days apart with a 14-day half-life: weights 1 and 1/16.
    assert average.shares["CON"] == pytest.approx((0.30 + 0.20 / 16) / (1 + 1 / 16))


def test_no_polls_in_the_window_is_refused() -> None:
    rows = [("A", "2020-01-01", {"CON": 0.4, "LAB": 0.3})]
    with pytest.raises(InvalidInputError, match="no polls in the 60 days to 2021-01-01"):
        poll_average(_table(rows), date(2021, 1, 1))


@pytest.mark.mirror
def test_latest_average_is_2026(store: Store) -> None:
    average = latest_average(store)
    assert average.as_of == date(2026, 4, 6)
    assert set(average.shares) == {*PARTIES, "OTH"}
    assert sum(average.shares.values()) == pytest.approx(1.0)
    # Spring 2026: Reform UK lead every poll in the mirror's last month.
    assert max(average.shares, key=average.shares.__getitem__) == "RUK"
    assert average.error_from == ("2015", "2017", "2019", "2024")
    lo, hi = average.interval("RUK")
    assert lo < average.shares["RUK"] < hi


@pytest.mark.mirror
def test_average_on_the_eve_of_2024(store: Store) -> None:
    shares = parse_shares("polls-2024-07-03", store)
    # The polls overstated Labour (34.7% GB) and understated the Conservatives (24.4%).
    assert 0.38 < shares["LAB"] < 0.42
    assert 0.19 < shares["CON"] < 0.23
    average = latest_average(store, date(2024, 7, 3))
    assert average.error_from == ("2015", "2017", "2019")


@pytest.mark.mirror
def test_latest_polls_project_from_2024(store: Store) -> None:
    result = project(store, shares=parse_shares("latest-polls", store))
    assert result.base == "2024"
    assert sum(result.seats.values()) == 632
    assert result.seats["RUK"] > 100


@pytest.mark.mirror
def test_gb_share_of_the_snp_is_a_scottish_share(store: Store) -> None:
    none = project(store, shares={"LAB": 0.3, "CON": 0.3, "SNP": 0.0})
    assert "SNP" not in none.seats
    snp = none.parties.index("SNP")
    assert float(none.shares[:, snp].max()) == 0.0
    # 6% of the GB vote is about three quarters of Scotland's: the SNP sweeps Scotland.
    strong = project(store, shares={"LAB": 0.3, "CON": 0.25, "SNP": 0.06})
    assert strong.seats["SNP"] > 40


@pytest.mark.mirror
def test_unreachable_nation_share_is_refused(store: Store) -> None:
    with pytest.raises(InvalidInputError, match=r"PC on 20\.0% of the GB vote would need"):
        project(store, shares={"PC": 0.20, "LAB": 0.3})


@pytest.mark.mirror
def test_normalise_never_gives_seats_to_a_party_at_zero(store: Store) -> None:
    shares = parse_shares("LAB=40,CON=40,LD=0,GRN=10", store, normalise=True)
    result = project(store, shares=shares, normalise=True)
    assert "LD" not in result.seats


@pytest.mark.mirror
def test_polls_command(store_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUSTINGS_HOME", str(store_home))
    out = CliRunner().invoke(app, ["polls", "--since", "2026-01-01", "--json"])
    assert out.exit_code == 0, out.output
    body = json.loads(out.stdout)
    assert body["as_of"] == "2026-04-06"
    assert set(body["shares"]) >= {"CON", "LAB", "RUK"}
    assert body["trend"]["dates"][0] == "2026-01-01"
    assert len(body["trend"]["shares"]["RUK"]) == len(body["trend"]["dates"])
    bad = CliRunner().invoke(app, ["polls", "--since", "last week"])
    assert bad.exit_code == 2
    assert bad.stderr.startswith("error: --since 'last week' is not a date")
