"""Import of surveys, notes and emails, and the one-line errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.errors import InvalidInputError, NotFoundError
from hustings.listening.importer import load
from hustings.listening.messages import strip_reply


def test_survey_guesses_text_column_and_keeps_attributes(fixtures: Path) -> None:
    data = load([fixtures / "listening" / "survey.csv"])
    assert data.text_column == "What should the party do differently?"
    assert data.closed == ("role", "region", "class")
    first = data.responses[0]
    assert first.attributes == {"role": "Member", "region": "North West", "class": "Working class"}
    assert first.source == "survey.csv"
    assert "email address" not in first.attributes  # identifying columns are dropped
    assert len(data.responses) == 6 and len(data.answered) == 5


def test_notes_take_attribution_after_or_before(fixtures: Path) -> None:
    rows = load([fixtures / "listening" / "notes.md"]).responses
    assert rows[0].text == "We need candidates who live here and work here."
    assert rows[0].attributes == {"role": "Member", "area": "Stoke on Trent"}
    assert rows[1].attributes == {"role": "Unison/Labour member", "area": "North West"}
    assert rows[2].attributes == {}


def test_email_body_without_signoff_or_quote(fixtures: Path) -> None:
    (mail,) = load([fixtures / "listening" / "email.eml"]).responses
    assert mail.id == "abc123@example.org"
    assert mail.text == "Please fight for better buses in rural areas. Call me on 01632 960123."


def test_strip_reply_drops_quoted_history() -> None:
    assert strip_reply("Yes please.\nOn Monday Sam wrote:\n> no") == "Yes please."


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "empty.csv: the file is empty"),
        ("empty_rows.csv", "empty_rows.csv: a header but no rows"),
        ("all_blank.csv", "every answer in column 'answer' is blank"),
        (
            "not_utf8.csv",
            "not_utf8.csv: not UTF-8 (byte 0xe9 at offset 15); it looks like Windows-1252 (cp1252)",
        ),
    ],
)
def test_bad_files_say_what_is_wrong(fixtures: Path, name: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        load([fixtures / "listening" / name])
    assert caught.value.message.endswith(message)


def test_legacy_encoding_reads_when_named(fixtures: Path) -> None:
    data = load([fixtures / "listening" / "not_utf8.csv"], encoding="cp1252")
    assert data.responses[0].text == "Café culture is fine"


def test_unknown_column_suggests_the_real_ones(fixtures: Path) -> None:
    with pytest.raises(InvalidInputError, match="no column 'Class '") as caught:
        load([fixtures / "listening" / "survey.csv"], text_column="Class ")
    assert "did you mean 'Class'" in caught.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no such file"):
        load([tmp_path / "nope.csv"])


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "blank_free_text_column.csv",
            "no column of free-text answers (the longest, 'Region', holds one or two words",
        ),
        ("identical_answers.csv", "all 30 answers in column 'Answer' are the same text"),
        ("field_over_128kb.csv", "not a readable CSV (line 1: field larger than field limit"),
        ("deeply_nested.jsonl", "line 2: nested more than 8 levels deep"),
    ],
)
def test_more_bad_files_say_what_is_wrong(fixtures: Path, name: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        load([fixtures / "listening" / name])
    assert message in caught.value.message
    assert len(caught.value.one_line().splitlines()) == 1


def test_mac_line_endings_are_read(fixtures: Path) -> None:
    data = load([fixtures / "listening" / "cr_line_endings.csv"])
    assert (
        len(data.responses) == 12 and data.responses[11].text == "Answer 11 says the buses are late"
    )
    assert data.responses[0].attributes == {"region": "South"}


def test_unreadable_message_is_skipped_and_named(fixtures: Path) -> None:
    data = load([fixtures / "listening" / "unknown_charset.mbox"])
    assert len(data.responses) == 11
    assert data.skipped == ("message unknown_charset-4: unknown charset 'x-unknown-charset'",)
