"""Remove personal data from free text before it is shown or stored: emails (also written
out as "jane dot doe at example dot com"), phone numbers (UK and international), UK
postcodes, street addresses and names of private persons (see :mod:`hustings.listening.names`).

Each detector is a plain function ``(texts, config) -> spans per text`` in :data:`DETECTORS`;
:func:`scrub` replaces every span with ``[email]``, ``[phone]`` ... Attribute values are
scrubbed like the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from hustings.listening.model import Response
from hustings.listening.names import PUBLIC_FIGURES, find_names

Span = tuple[int, int]
KINDS = ("email", "phone", "postcode", "address", "name")

_AT = r"(?:\s*@\s*|\s*[(\[{<]\s*at\s*[)\]}>]\s*|\s+at\s+)"
_DOT = r"(?:\.|\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+)"
_TLD = r"(?:com|org|net|uk|co|ac|gov|edu|io|info|me|eu|ie|de|fr|pl|nl|biz|scot|wales|london)"
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w+-]+(?:{_DOT}[\w+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}{_TLD}\b", re.I
)
_PLAIN_EMAIL = re.compile(r"\w[\w.+'\u2019-]*@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+(])\(?(?:\+|00|0)(?:[\s().-]*\d){8,14}(?![\w])")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I)
_STREET = (
    r"Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Cres|Gardens|Terrace|"
    r"Place|Court|Ct|Grove|Hill|Row|Walk|Square|Mews|View|Rise|Parade|Green|Park|Estate"
)
_ADDRESS = re.compile(
    r"\b(?:(?:Flat|Apartment|Apt|Unit|Room)\s+\d{1,4}[A-Za-z]?,?\s+)?"
    rf"\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z'-]+\s+){{1,3}}(?:{_STREET})\b\.?"
)


@dataclass(frozen=True)
class ScrubConfig:
    """Which kinds of personal data to remove, and public figures whose names stay."""

    kinds: tuple[str, ...] = KINDS
    keep_names: frozenset[str] = field(default_factory=lambda: PUBLIC_FIGURES)
    entities: bool = True


def _each(pattern: re.Pattern[str]) -> Callable[[Sequence[str], ScrubConfig], list[list[Span]]]:
    def detect(texts: Sequence[str], config: ScrubConfig) -> list[list[Span]]:
        return [[m.span() for m in pattern.finditer(t)] for t in texts]

    return detect


def find_emails(texts: Sequence[str], config: ScrubConfig) -> list[list[Span]]:
    """Email addresses, written plainly or spelt out ("jane dot doe at example dot com")."""
    return [
        [m.span() for m in _PLAIN_EMAIL.finditer(t)] + [m.span() for m in _EMAIL.finditer(t)]
        for t in texts
    ]


def find_phones(texts: Sequence[str], config: ScrubConfig) -> list[list[Span]]:
    """Phone numbers: 9 to 15 digits starting +, 00 or 0, spaced, dotted or bracketed."""
    return _each(_PHONE)(texts, config)


def find_postcodes(texts: Sequence[str], config: ScrubConfig) -> list[list[Span]]:
    """Full UK postcodes (outward and inward code)."""
    return _each(_POSTCODE)(texts, config)


def find_addresses(texts: Sequence[str], config: ScrubConfig) -> list[list[Span]]:
    """A house number and street ("14 Mill Lane")."""
    return _each(_ADDRESS)(texts, config)


def find_person_names(texts: Sequence[str], config: ScrubConfig) -> list[list[Span]]:
    """Names of private persons (spaCy NER plus rules; public figures on the keep-list stay)."""
    candidates = [i for i, t in enumerate(texts) if re.search(r"[A-Za-z]{2}", t)]
    found = find_names([texts[i] for i in candidates], config.keep_names, entities=config.entities)
    out: list[list[Span]] = [[] for _ in texts]
    for index, spans in zip(candidates, found, strict=True):
        out[index] = spans
    return out


DETECTORS: dict[str, Callable[[Sequence[str], ScrubConfig], list[list[Span]]]] = {
    "email": find_emails,
    "phone": find_phones,
    "postcode": find_postcodes,
    "address": find_addresses,
    "name": find_person_names,
}


def _merge(found: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    found.sort(key=lambda item: (item[1][0], -item[1][1]))
    merged: list[tuple[str, Span]] = []
    for kind, span in found:
        if merged and span[0] < merged[-1][1][1]:
            last_kind, last = merged[-1]
            merged[-1] = (last_kind, (last[0], max(last[1], span[1])))
        else:
            merged.append((kind, span))
    return merged


def pii_spans_many(
    texts: Sequence[str], config: ScrubConfig | None = None
) -> list[list[tuple[str, Span]]]:
    """For each text, every personal-data span with its kind, merged and in order."""
    config = config or ScrubConfig()
    per_text: list[list[tuple[str, Span]]] = [[] for _ in texts]
    for kind in KINDS:
        if kind not in config.kinds:
            continue
        for found, spans in zip(per_text, DETECTORS[kind](texts, config), strict=True):
            found.extend((kind, s) for s in spans)
    return [_merge(found) for found in per_text]


def pii_spans(text: str, config: ScrubConfig | None = None) -> list[tuple[str, Span]]:
    """Every personal-data span in ``text`` with its kind, merged and in order."""
    return pii_spans_many([text], config)[0]


def _replace(text: str, spans: Iterable[tuple[str, Span]]) -> tuple[str, Counter[str]]:
    counts: Counter[str] = Counter()
    out, last = [], 0
    for kind, (start, end) in spans:
        out.append(text[last:start] + f"[{kind}]")
        counts[kind] += 1
        last = end
    out.append(text[last:])
    return "".join(out), counts


def scrub_texts(
    texts: Sequence[str], config: ScrubConfig | None = None
) -> tuple[list[str], Counter[str]]:
    """``texts`` with personal data replaced by ``[kind]``; identical texts are checked once."""
    unique = list(dict.fromkeys(texts))
    total: Counter[str] = Counter()
    cleaned: dict[str, tuple[str, Counter[str]]] = {}
    for text, spans in zip(unique, pii_spans_many(unique, config), strict=True):
        cleaned[text] = _replace(text, spans)
    out = []
    for text in texts:
        new, counts = cleaned[text]
        out.append(new)
        total.update(counts)
    return out, total


def scrub_text(text: str, config: ScrubConfig | None = None) -> tuple[str, Counter[str]]:
    """``text`` with personal data replaced by ``[kind]`` and the count of each kind."""
    out, counts = scrub_texts([text], config)
    return out[0], counts


def scrub(
    responses: Iterable[Response], config: ScrubConfig | None = None
) -> tuple[tuple[Response, ...], Counter[str]]:
    """Scrubbed copies of ``responses`` (text and attribute values) and how many items of
    each kind were removed."""
    items = tuple(responses)
    texts, total = scrub_texts([r.text for r in items], config)
    values = sorted({v for r in items for v in r.attributes.values()})
    clean_values, _ = scrub_texts(values, replace(config or ScrubConfig(), entities=False))
    mapping = dict(zip(values, clean_values, strict=True))
    out = []
    for response, text in zip(items, texts, strict=True):
        attributes = {k: mapping[v] for k, v in response.attributes.items()}
        if attributes != dict(response.attributes):
            total["attribute"] += sum(mapping[v] != v for v in response.attributes.values())
        out.append(replace(response, text=text, attributes=attributes))
    return tuple(out), total
