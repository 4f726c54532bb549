"""Real data from the mirror with the shipped MiniLM model (loaded once per process)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.listening.coding import code
from hustings.listening.embed import default_embedder
from hustings.listening.evaluate import (
    DATASET,
    fit_on,
    load_question,
    mapping_f1,
    stance_accuracy,
)

pytestmark = pytest.mark.mirror


@pytest.mark.parametrize(("part", "floor"), [(1, 0.45), (2, 0.50)])
def test_codebook_coding_on_themefinder(mirror: Path, part: int, floor: float) -> None:
    question = load_question(mirror / DATASET, f"question_part_{part}")
    coded = code(question.responses, question.codebook, default_embedder())
    assert len(coded) == 100 and all(c.labels for c in coded)
    assert mapping_f1(coded, question) >= floor
    accuracy, scored = stance_accuracy(coded, question)
    assert scored >= 60 and accuracy >= 0.8


@pytest.mark.parametrize(("part", "floor"), [(1, 0.50), (2, 0.60)])
def test_held_out_coding_fitted_on_the_other_question(
    mirror: Path, part: int, floor: float
) -> None:
    root = mirror / DATASET
    question = load_question(root, f"question_part_{part}")
    other = load_question(root, f"question_part_{3 - part}")
    model = fit_on([other], default_embedder())
    assert model.fitted_on == other.name
    coded = code(question.responses, question.codebook, default_embedder(), model=model)
    assert mapping_f1(coded, question) >= floor
