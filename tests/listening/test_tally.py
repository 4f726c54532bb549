"""Tallies: Wilson intervals, breakdowns with small cells suppressed, raking."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hustings.errors import InvalidInputError
from hustings.listening.model import Response
from hustings.listening.tally import effective_n, rake, read_margins, tally, wilson


def _people(pairs: list[tuple[str, str]]) -> list[Response]:
    return [Response(str(i), "", {"class": c, "region": r}) for i, (c, r) in enumerate(pairs)]


def test_wilson_matches_the_textbook_value() -> None:
    low, high = wilson(0.5, 100)
    assert low == pytest.approx(0.4038, abs=1e-4) and high == pytest.approx(0.5962, abs=1e-4)


def test_tally_counts_shares_and_suppresses_small_cells() -> None:
    people = _people(
        [("Working", "North")] * 12 + [("Middle", "North")] * 4 + [("Working", "Wales")] * 4
    )
    result = tally(people, "class", by="region")
    assert [(r.value, r.count) for r in result.rows] == [("Working", 16), ("Middle", 4)]
    assert result.rows[0].share == pytest.approx(0.8)
    cells = {(r.group, r.value): r for r in result.breakdown}
    assert not cells[("North", "Working")].suppressed
    assert cells[("North", "Middle")].suppressed and cells[("Wales", "Working")].suppressed
    assert "count" not in cells[("North", "Middle")].to_json()


def test_one_valued_breakdown_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="attribute 'region' has one value"):
        tally(_people([("Working", "North")] * 3), "class", by="region")


def test_raking_hits_the_margins(fixtures: Path) -> None:
    people = _people([("Working", "North West")] * 30 + [("Middle", "Wales")] * 10)
    weights = rake(people, read_margins(fixtures / "listening" / "margins.csv"))
    regions = np.array([p.attributes["region"] for p in people])
    assert weights[regions == "Wales"].sum() / weights.sum() == pytest.approx(0.6)
    assert effective_n(weights) < len(people)
    weighted = tally(people, "class", weights=weights)
    assert weighted.weighted and weighted.rows[0].value == "Middle"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c"]), min_size=6, max_size=60))
def test_raking_keeps_total_and_matches_any_margin(values: list[str]) -> None:
    people = [Response(str(i), "", {"g": v}) for i, v in enumerate(values)]
    present = sorted(set(values))
    margins = {"g": {v: 1 / len(present) for v in present}}
    weights = rake(people, margins)
    assert weights.sum() == pytest.approx(len(values))
    for v in present:
        share = weights[[p.attributes["g"] == v for p in people]].sum() / weights.sum()
        assert share == pytest.approx(1 / len(present))


def test_broken_weights_file_is_named(fixtures: Path) -> None:
    with pytest.raises(InvalidInputError) as caught:
        read_margins(fixtures / "listening" / "broken_weights.json")
    assert caught.value.message.endswith(
        "broken_weights.json: not a JSON object of attribute -> value -> share"
    )
