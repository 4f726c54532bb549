"""Remove personal data from free text before it is shown or stored: emails, phone numbers,
UK postcodes and names of private persons (public figures on a keep-list stay).

Each detector is a plain function ``(text, config) -> list of (start, end)`` in
:data:`DETECTORS`; :func:`scrub` replaces every span with ``[email]``, ``[phone]`` ...
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from hustings.listening.model import Response

Span = tuple[int, int]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PUBLIC_FIGURES = frozenset(
    {
        "Keir Starmer", "Jeremy Corbyn", "Rishi Sunak", "Boris Johnson", "Theresa May",
        "Angela Rayner", "Rachel Reeves", "Nigel Farage", "Ed Davey", "Andy Burnham",
        "Sadiq Khan", "Tony Blair", "Gordon Brown", "David Cameron", "Liz Truss",
        "Donald Trump", "Hillary Clinton", "Bernie Sanders", "Barack Obama", "Joe Biden",
        "Nancy Pelosi", "Elizabeth Warren", "Martin Luther King", "Keir Hardie",
    }
)  # fmt: skip

FIRST_NAMES = _words(
    """
    james john robert michael william david richard joseph thomas charles christopher
    daniel matthew anthony mark paul steven andrew kenneth joshua kevin brian george
    timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen
    larry justin scott brandon benjamin samuel gregory alexander patrick frank raymond jack
    dennis jerry tyler aaron adam nathan henry peter zachary douglas harold kyle noah
    gerald ethan carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy
    bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent
    russell elijah louis bobby philip harry oliver alfie charlie freddie archie leo oscar
    jake callum liam connor declan ian neil graham colin keith barry trevor stuart darren
    craig lee wayne dean gareth rhys owen mary patricia jennifer linda elizabeth barbara
    susan jessica sarah karen lisa nancy betty margaret sandra ashley kimberly emily donna
    michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia
    kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine
    christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia
    joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl
    hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean
    abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella
    theresa diana natalie brittany charlotte marie kayla alexis lori amelia ava mia isla
    poppy ella lily sophie jade chloe zoe gemma claire joanne kirsty leanne siobhan fiona
    morag aisha fatima mohammed muhammad ahmed ali hassan omar priya raj sanjay anil sunita
    deepak
    """
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w])"
)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I)
_TITLED = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor)\.?\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?"
)
_NAMED = re.compile(r"\b(?:[Mm]y name is|[Ss]igned|[Ff]rom)\s+([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)")
_CAPITALISED = re.compile(r"\b([A-Z][a-z'-]+)(\s+[A-Z][a-z'-]+)?")


@dataclass(frozen=True)
class ScrubConfig:
    """Which kinds of personal data to remove, and public figures whose names stay."""

    kinds: tuple[str, ...] = ("email", "phone", "postcode", "name")
    keep_names: frozenset[str] = field(default_factory=lambda: PUBLIC_FIGURES)


def find_emails(text: str, config: ScrubConfig) -> list[Span]:
    """Email addresses."""
    return [m.span() for m in _EMAIL.finditer(text)]


def find_phones(text: str, config: ScrubConfig) -> list[Span]:
    """UK-style phone numbers (01.., 07.., +44 ...)."""
    return [m.span() for m in _PHONE.finditer(text)]


def find_postcodes(text: str, config: ScrubConfig) -> list[Span]:
    """Full UK postcodes (outward and inward code)."""
    return [m.span() for m in _POSTCODE.finditer(text)]


def find_names(text: str, config: ScrubConfig) -> list[Span]:
    """Names of private persons: after a title, after 'my name is', or a known first name."""
    keep = {k.lower() for k in config.keep_names}
    spans = [m.span() for m in _TITLED.finditer(text)]
    spans += [m.span(1) for m in _NAMED.finditer(text) if m.group(1).lower() in FIRST_NAMES]
    for match in _CAPITALISED.finditer(text):
        if match.group(1).lower() in FIRST_NAMES:
            spans.append(match.span())
    return [s for s in spans if not _kept(text[s[0] : s[1]], keep)]


def _kept(name: str, keep: set[str]) -> bool:
    lowered = name.lower()
    return any(lowered in k or k in lowered for k in keep)


DETECTORS: dict[str, Callable[[str, ScrubConfig], list[Span]]] = {
    "email": find_emails,
    "phone": find_phones,
    "postcode": find_postcodes,
    "name": find_names,
}


def pii_spans(text: str, config: ScrubConfig | None = None) -> list[tuple[str, Span]]:
    """Every personal-data span in ``text`` with its kind, merged and in order."""
    config = config or ScrubConfig()
    found = [(kind, span) for kind in config.kinds for span in DETECTORS[kind](text, config)]
    found.sort(key=lambda item: (item[1][0], -item[1][1]))
    merged: list[tuple[str, Span]] = []
    for kind, span in found:
        if merged and span[0] < merged[-1][1][1]:
            last_kind, last = merged[-1]
            merged[-1] = (last_kind, (last[0], max(last[1], span[1])))
        else:
            merged.append((kind, span))
    return merged


def scrub_text(text: str, config: ScrubConfig | None = None) -> tuple[str, Counter[str]]:
    """``text`` with personal data replaced by ``[kind]`` and the count of each kind."""
    counts: Counter[str] = Counter()
    out, last = [], 0
    for kind, (start, end) in pii_spans(text, config):
        out.append(text[last:start] + f"[{kind}]")
        counts[kind] += 1
        last = end
    out.append(text[last:])
    return "".join(out), counts


def scrub(
    responses: Iterable[Response], config: ScrubConfig | None = None
) -> tuple[tuple[Response, ...], Counter[str]]:
    """Scrubbed copies of ``responses`` and how many items of each kind were removed."""
    total: Counter[str] = Counter()
    out = []
    for response in responses:
        text, counts = scrub_text(response.text, config)
        total.update(counts)
        out.append(replace(response, text=text))
    return tuple(out), total
