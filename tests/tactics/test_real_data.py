"""Targets, advice, back-test and alliances on the real data (store built once per session)."""

from __future__ import annotations

import pytest

from hustings.data.api import Store
from hustings.tactics import LABELS, advise
from hustings.tactics.alliance import simulate_alliance
from hustings.tactics.backtest import backtest
from hustings.targets import target_list


def test_labour_attack_list_starts_with_burnley(store: Store) -> None:
    rows = target_list(store, party="LAB", base="2019-notional", top=3).rows
    # Burnley: notional 2019 Conservative majority of 127 over Labour on the 2024 boundaries.
    assert (rows[0].name, rows[0].holder, rows[0].majority) == ("Burnley", "CON", 127)
    assert rows[0].swing_needed == pytest.approx(rows[0].majority_pct / 2, abs=0.01)
    assert [r.swing_needed for r in rows] == sorted(r.swing_needed for r in rows)


def test_defence_and_attack_split_the_seats(store: Store) -> None:
    attack = target_list(store, party="CON", base="2019-notional").rows
    defence = target_list(store, party="CON", base="2019-notional", mode="defence").rows
    held = store.query(
        "SELECT count(*) FROM results r JOIN constituencies c ON c.gss = r.gss "
        "AND c.boundary_set = '2024' WHERE election = '2019-notional' AND winner = 'CON' "
        "AND c.nation <> 'Northern Ireland'"
    )[0][0]
    assert len(defence) == held
    # every GB seat but Chorley, the Speaker's, where the Conservatives did not stand
    assert len(attack) + len(defence) == 631
    assert "Chorley" not in {r.name for r in attack}


def test_jeopardy_lists_held_seats_lost(store: Store) -> None:
    from hustings.projection import parse_shares

    shares = parse_shares("final-polls-2024", store)
    rows = target_list(store, party="CON", mode="jeopardy", shares=shares).rows
    assert rows and all(r.holder == "CON" and r.projected_winner != "CON" for r in rows)


def test_previous_result_backs_the_best_placed_bloc_party(store: Store) -> None:
    advice = advise(store, base="2019-notional", policy="previous-result", sims=2000)
    expected = dict(
        store.query(
            "SELECT gss, arg_max(party, votes) FROM candidates WHERE election = '2019-notional' "
            "AND party IN ('LAB', 'LD', 'GRN', 'SNP', 'PC') GROUP BY gss"
        )
    )
    assert len(advice.rows) == 632
    assert all(r.recommended == expected[r.gss] for r in advice.rows)
    assert {r.label for r in advice.rows} <= set(LABELS)


def test_tactical_json_shape_and_evidence(store: Store) -> None:
    rows = advise(store, base="2019-notional", policy="previous-result", sims=2000).to_json()
    assert set(rows[0]) == {"gss", "name", "recommended", "probability", "label", "evidence"}
    aldershot = next(r for r in rows if r["name"] == "Aldershot")
    assert aldershot["recommended"] == "LAB"
    assert "17,985 votes behind the Conservatives" in aldershot["evidence"]


def test_backtest_scores_the_three_sites(store: Store) -> None:
    result = backtest(store, sims=2000)
    stop = result.score("stopthetories")
    # 428 GB seats with a named party; 126 'Any', 78 'TBC'; 418 of 428 first or second.
    assert (stop.seats, stop.no_call, stop.undecided) == (428, 126, 78)
    assert stop.first_or_second == pytest.approx(418 / 428)
    assert result.score("tactical.vote").first_or_second == pytest.approx(485 / 498)
    assert result.score("tacticalvote.co.uk").first_or_second == pytest.approx(441 / 454)
    assert {s.scorer for s in result.scores} >= {"projection", "previous-result"}
    assert all(d.right in ("ours", "theirs", "neither") for d in result.disagreements)
    chichester = [d for d in result.disagreements if d.name == "Chichester"]
    assert chichester and chichester[0].best_placed == "LD"


def test_next_election_defaults_to_the_2024_result(store: Store) -> None:
    rows = target_list(store, party="LAB", mode="defence").rows
    assert rows[0].holder == "LAB"
    assert target_list(store, party="LAB").base == "2024"
    clacton = next(r for r in advise(store, bloc="LAB,LD,GRN", against="RUK", sims=1000).rows
                   if r.name == "Clacton")  # fmt: skip
    # 2024: Reform UK won Clacton (Nigel Farage); the Conservatives were second.
    assert "do not stand" not in clacton.evidence
    assert "Reform UK" in clacton.evidence


def test_backtest_refuses_to_score_its_own_base(store: Store) -> None:
    from hustings.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="base must come before"):
        backtest(store, base="2024", sims=200)


def test_reform_stand_down_2024(store: Store) -> None:
    result = simulate_alliance(store, base="2024", stand_down=["RUK:all"])
    assert result.seats_before["CON"] == 121  # GB seats won in 2024
    assert result.net["CON"] > 0 and result.net.get("RUK", 0) == -5
    factors = [row.factor for row in result.sensitivity]
    changed = [row.changed for row in result.sensitivity]
    assert factors[0] == 0.0 and changed == sorted(changed)
