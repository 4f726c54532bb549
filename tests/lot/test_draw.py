"""The seeded draw is repeatable, depends on the seed, and an audit catches tampering."""

from __future__ import annotations

import copy
import hashlib

import pytest

from hustings import lot
from hustings.errors import InvalidInputError
from hustings.lot.model import Instance


def test_same_seed_same_panel_and_different_seeds_differ(tiny: Instance) -> None:
    first = lot.select(tiny, seed="13-21-34-42-45-49")
    again = lot.select(tiny, seed="13-21-34-42-45-49")
    assert first.panel == again.panel and first.draw == again.draw
    panels = {lot.select(tiny, seed=str(s)).panel for s in range(12)}
    assert len(panels) > 1


def test_draw_records_what_anyone_needs_to_repeat_it(tiny: Instance) -> None:
    result = lot.select(tiny, seed="public")
    body = result.to_json()
    assert set(body) >= {"panel", "probabilities", "min_probability", "method", "distribution"}
    assert body["draw"]["sha256"] == hashlib.sha256(b"public").hexdigest()
    assert 0.0 <= body["draw"]["uniform"] < 1.0
    redrawn = lot.draw(result.distribution, tiny.people, "public")
    assert redrawn.panel == result.panel


def test_audit_passes_and_catches_a_swapped_panel(tiny: Instance) -> None:
    body = lot.select(tiny, seed="public").to_json()
    assert lot.audit_result(tiny, body).ok
    forged = copy.deepcopy(body)
    outsider = next(p.id for p in tiny.people if p.id not in body["panel"])
    forged["panel"][0] = outsider
    report = lot.audit_result(tiny, forged)
    assert not report.ok
    assert dict((n, p) for n, p, _ in report.checks)["the seed gives the published panel"] is False


def test_audit_rejects_a_file_without_a_lottery(tiny: Instance) -> None:
    with pytest.raises(InvalidInputError, match="does not hold a lottery"):
        lot.audit_result(tiny, {"panel": []})


def test_empty_seed_is_refused(tiny: Instance) -> None:
    with pytest.raises(InvalidInputError, match="the seed is empty"):
        lot.select(tiny, seed="")
