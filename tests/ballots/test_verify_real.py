"""Scottish STV against real elections: 351 wards of 2017 (official results) and Glasgow 2007
(Droop's reference dumps, stage by stage)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.ballots.droop import verify_glasgow
from hustings.ballots.verify import verify_scotland

pytestmark = pytest.mark.mirror


def test_scotland_2017_all_wards_match_official(mirror: Path) -> None:
    report = verify_scotland(mirror)
    assert len(report.wards) == 351
    assert report.elected_matches == 351
    assert report.ok == 351
    errata = [(w.ward, m.candidate, m.stage) for w in report.wards for m in w.mismatches]
    assert sorted(errata) == [
        ("Linn", "Alan DIGNEY (Grn)", 3),
        ("Penicuik", "Joe WALLACE (SNP)", 3),
    ]
    assert sum(w.stages_compared for w in report.wards) == 1977


def test_glasgow_2007_stage_by_stage_equals_droop(mirror: Path) -> None:
    checks = verify_glasgow(mirror)
    assert len(checks) == 21
    assert [c.ward for c in checks if not c.ok] == []
    assert sum(c.stages for c in checks) == sum(c.stages_matched for c in checks) > 150


def test_labour_2010_mps_section(mirror: Path) -> None:
    from hustings.ballots.verify import verify_labour

    check = verify_labour(mirror)
    assert check.first_preferences == {
        "D.Abbott": 7,
        "E.Balls": 40,
        "A.Burnhm": 24,
        "D.Milbnd": 111,
        "E.Milbnd": 84,
    }
    assert check.winner == "D.Milbnd"
    assert check.final_round == {"D.Milbnd": 140, "E.Milbnd": 122}


def test_numpy_fallback_matches_on_real_wards(
    mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hustings.ballots import scottish

    files = sorted((mirror / "ballots" / "scotland-2017-blt").glob("glasgow_2017_ward*.blt"))
    monkeypatch.setattr(scottish, "USE_COMPILED", False)
    report = verify_scotland(mirror, files=files)
    assert len(report.wards) == 23
    assert report.elected_matches == 23
