"""PII scrubbing: emails, phones, postcodes and private names go; public figures stay."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hustings.listening.scrub import ScrubConfig, scrub_text


def test_each_kind_is_replaced() -> None:
    text = "Mail jo@example.org or ring 07700 900123, I live at SW1A 1AA. My name is Sarah Jones."
    out, counts = scrub_text(text)
    assert out == "Mail [email] or ring [phone], I live at [postcode]. My name is [name]."
    assert counts == {"email": 1, "phone": 1, "postcode": 1, "name": 1}


def test_public_figures_and_titles() -> None:
    out, _ = scrub_text("Keir Starmer met Mrs Patel and Dr Okafor about housing.")
    assert out == "Keir Starmer met [name] and [name] about housing."


def test_kinds_are_configurable() -> None:
    out, _ = scrub_text("ring 020 7946 0018 or see Peter", ScrubConfig(kinds=("phone",)))
    assert out == "ring [phone] or see Peter"


@given(st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}@[a-z]{2,8}\.(org|com|co\.uk)", fullmatch=True))
def test_no_email_survives(address: str) -> None:
    out, _ = scrub_text(f"write to {address} today")
    assert "@" not in out
