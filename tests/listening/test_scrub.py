"""Personal data is scrubbed: the crafted examples of the issue that leaked, the labelled
sentence sets (recall and false positives), attribute values and contact columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hustings.listening.importer import identifying, load
from hustings.listening.model import Response
from hustings.listening.scrub import ScrubConfig, scrub, scrub_text
from hustings.listening.scrub_check import check_scrubber, parse_labelled, read_labelled


def test_each_kind_is_replaced() -> None:
    text = "Mail jo@example.org or ring 07700 900123, I live at SW1A 1AA. My name is Sarah Jones."
    out, counts = scrub_text(text)
    assert out == "Mail [email] or ring [phone], I live at [postcode]. My name is [name]."
    assert counts == {"email": 1, "phone": 1, "postcode": 1, "name": 1}


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("I'm John Baxter from Mill Lane and I've complained five times",
         "I'm [name] from Mill Lane and I've complained five times"),
        ("Ask Mohammed Khan about it.", "Ask [name] about it."),
        ("Contact Sarah Jones for leaflets.", "Contact [name] for leaflets."),
        ("Wojciech Kowalski waited two years.", "[name] waited two years."),
        ("Kwame Mensah runs the youth club.", "[name] runs the youth club."),
        ("my name is john smith and nobody answers", "my name is [name] and nobody answers"),
        ("Great meeting. Thanks, Tom", "Great meeting. Thanks, [name]"),
        ("Siobhan O'Brien organised it.", "[name] organised it."),
        ("We were helped by Ross McDonald.", "We were helped by [name]."),
        ("Harriet Smith-Jones should stand.", "[name] should stand."),
        ("Thanks to David for the lifts.", "Thanks to [name] for the lifts."),
        ("Write to jane dot doe at example dot com today", "Write to [email] today"),
        ("Send it to jane(at)example.org please", "Send it to [email] please"),
        ("Reach me on 0044 7700 900123 tonight", "Reach me on [phone] tonight"),
        ("Ring (0161) 496 0123 now", "Ring [phone] now"),
        ("Call +44 (0)7700 900321 now", "Call [phone] now"),
        ("We live at 14 Mill Lane, ST4 7QB now", "We live at [address], [postcode] now"),
        ("I live with my partner Jamal in a bedsit", "I live with my partner [name] in a bedsit"),
        ("Me and Bethany work nights.", "Me and [name] work nights."),
        ("Email: j.o'neill@example.net", "Email: [email]"),
        ("Post it to Flat 3, 22 Princes Avenue.", "Post it to [address]"),
    ],
)  # fmt: skip
def test_crafted_examples_that_used_to_leak(text: str, scrubbed: str) -> None:
    assert scrub_text(text)[0] == scrubbed


@pytest.mark.parametrize(
    "text",
    [
        "Grace periods for universal credit are far too short.",
        "Mark my words, the buses will be cut again next year.",
        "Jack up the minimum wage and people will spend it locally.",
        "Keir Starmer met Nigel Farage and David Cameron about housing.",
        "Sadiq Khan's ULEZ is unpopular in the outer boroughs.",
        "Prices rose 11% in 2022 and 45,000 people voted in 2019.",
    ],
)
def test_words_that_are_not_private_names_stay(text: str) -> None:
    assert scrub_text(text)[0] == text


def test_titles_and_kinds_are_configurable() -> None:
    assert scrub_text("Keir Starmer met Mrs Patel and Dr Okafor about housing.")[0] == (
        "Keir Starmer met [name] and [name] about housing."
    )
    out, _ = scrub_text("ring 020 7946 0018 or see Peter", ScrubConfig(kinds=("phone",)))
    assert out == "ring [phone] or see Peter"


@given(st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}@[a-z]{2,8}\.(org|com|co\.uk)", fullmatch=True))
@settings(deadline=None)
def test_no_email_survives(address: str) -> None:
    out, _ = scrub_text(f"write to {address} today")
    assert "@" not in out


def test_labelled_marks_are_parsed() -> None:
    sentence = parse_labelled("Ask [[name:Ann Lee]] on [[phone:07700 900123]].")
    assert sentence.text == "Ask Ann Lee on 07700 900123."
    assert [sentence.text[a:b] for _, a, b in sentence.items] == ["Ann Lee", "07700 900123"]


@pytest.mark.parametrize(
    ("name", "recall", "false_rate"),
    [("pii_dev.txt", 0.98, 0.05), ("pii_heldout.txt", 0.98, 0.10), ("pii_fresh.txt", 0.98, 0.10)],
)
def test_scrubber_on_the_labelled_sets(
    fixtures: Path, name: str, recall: float, false_rate: float
) -> None:
    scores = check_scrubber(read_labelled(fixtures / "listening" / name))
    assert scores.sentences >= 100 and sum(scores.items.values()) >= 60
    assert scores.recall >= recall, scores.leaks
    assert scores.false_positive_rate <= false_rate, scores.false


def test_attribute_values_are_scrubbed_but_places_stay() -> None:
    people = [
        Response("1", "Buses.", {"area": "Durham", "role": "Member (ring 07700 900123)"}),
        Response("2", "Trains.", {"area": "Stoke on Trent", "role": "Member"}),
    ]
    (first, second), counts = scrub(people)
    assert first.attributes == {"area": "Durham", "role": "Member (ring [phone])"}
    assert second.attributes["area"] == "Stoke on Trent" and counts["attribute"] == 1


def test_contact_columns_are_dropped_whatever_they_are_called(tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    rows = ["Who,Reach,Where,Region,Answer"]
    for i in range(6):
        rows.append(f"Sarah Jones{i},s{i}@example.org,1{i} Mill Lane,North,Fix the buses now {i}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    data = load([path])
    assert data.text_column == "Answer"
    assert set(data.responses[0].attributes) == {"region"}
    assert identifying("Contact", ["x"]) and identifying("Respondent surname", ["x"])
    assert not identifying("Region", ["North", "South", "Wales"])
