"""Codebook coding with the cheap deterministic embedder; the F1 and stance helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.errors import InvalidInputError
from hustings.listening.coding import (
    CodingConfig,
    code,
    keyword_overlap,
    load_codebook,
    split_sentences,
)
from hustings.listening.embed import HashingEmbedder
from hustings.listening.evaluate import sample_f1
from hustings.listening.model import Response, Theme
from hustings.listening.stance import stance_of


def test_codes_each_response_and_uses_special_themes(fixtures: Path) -> None:
    themes = load_codebook(fixtures / "listening" / "codebook.json")
    responses = [
        Response("1", "Use community organising in every town we have"),
        Response("2", "Work with trade unions on pay and housing"),
        Response("3", "no"),
    ]
    coded = code(responses, themes, HashingEmbedder(), config=CodingConfig(self_train=0))
    assert coded[0].labels[0] == "A"
    assert coded[1].labels[0] == "B"
    assert coded[2].labels == ("Y",)
    assert [c.to_json()["response_id"] for c in coded] == ["1", "2", "3"]


def test_same_input_same_codes(fixtures: Path) -> None:
    themes = load_codebook(fixtures / "listening" / "codebook.json")
    responses = [Response(str(i), f"unions and pay number {i} in towns") for i in range(30)]
    first = code(responses, themes, HashingEmbedder())
    assert first == code(responses, themes, HashingEmbedder())


def test_bad_codebook(tmp_path: Path) -> None:
    path = tmp_path / "themes.json"
    path.write_text('[{"topic_id": "A"}]')
    with pytest.raises(InvalidInputError, match="item 1 has no topic_label"):
        load_codebook(path)


def test_sentences_split_on_stops_and_semicolons() -> None:
    assert split_sentences("Ban them. My son bets; it hurts!") == [
        "Ban them.",
        "My son bets;",
        "it hurts!",
    ]


def test_sample_f1() -> None:
    assert sample_f1(["A", "B"], ["A"]) == pytest.approx(2 / 3)
    assert sample_f1([], []) == 1.0 and sample_f1(["A"], ["B"]) == 0.0


def test_stance_follows_framing_of_theme() -> None:
    worry = Theme("B", "Economic Impact Concerns", "Concerns about negative impacts on funding")
    proposal = Theme("F", "Partial Restriction Proposals", "Suggestions for compromise solutions")
    assert stance_of(worry, "Clubs would lose money") == "NEGATIVE"
    assert stance_of(proposal, "A watershed would do") == "POSITIVE"


def test_keyword_overlap_favours_the_theme_whose_words_appear() -> None:
    themes = [
        Theme("A", "Rural buses", "Bus services in villages are poor"),
        Theme("B", "Union rights", "Trade unions and workers' pay"),
    ]
    overlap = keyword_overlap(["The village buses never come", "My union fights on pay"], themes)
    assert overlap[0, 0] > overlap[0, 1] and overlap[1, 1] > overlap[1, 0]
    assert ((overlap >= 0) & (overlap <= 1)).all()
