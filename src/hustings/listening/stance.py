"""Stance of a response towards a theme, from cue words (offline, explainable).

A theme framed as a worry or a criticism ("Concerns about ...", "Criticism of ...") is raised
NEGATIVE by those who raise it; one framed as a proposal or support is POSITIVE. When the theme
itself is neutral, the cue words of the sentence that matched it decide.
"""

from __future__ import annotations

import re

from hustings.listening.model import Theme


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEGATIVE_CUES = _words(
    """
    concern concerns concerned worry worries worried criticism criticise criticize critical
    harm harms harmful damage danger dangerous risk risks ruin ruined destruction destroy
    addiction addicted addict suffering suffer problem problems against oppose opposing
    opposed fear fears threat threats negative failure fails failing predatory exploit
    exploitation exploiting targeting normalized normalised normalization normalisation ban
    banned excessive unfair wrong bad worse terrible awful
    """
)
POSITIVE_CUES = _words(
    """
    support supports supporting proposal proposals propose suggest suggestions suggestion
    improve improvements improvement idea ideas alternative alternatives solution solutions
    benefit benefits good better best protect protection help helps helpful fund funding
    freedom choice responsibility requirement requirements approach approaches promote
    encourage positive welcome agree yes should must
    """
)
_WORD = re.compile(r"[a-z]+")


def cue_balance(text: str) -> int:
    """Positive minus negative cue words in ``text``."""
    words = _WORD.findall(text.lower())
    return sum(w in POSITIVE_CUES for w in words) - sum(w in NEGATIVE_CUES for w in words)


def theme_polarity(theme: Theme) -> int:
    """+1 for a theme framed as support or proposal, -1 for a worry or criticism, else 0."""
    head = _WORD.findall(f"{theme.label} {theme.description}".lower())[:4]
    balance = sum(w in POSITIVE_CUES for w in head) - sum(w in NEGATIVE_CUES for w in head)
    if balance == 0:
        balance = cue_balance(f"{theme.label} {theme.description}")
    return (balance > 0) - (balance < 0)


def stance_of(theme: Theme, sentence: str) -> str:
    """POSITIVE or NEGATIVE: the theme's framing, else the matched sentence's cue words."""
    polarity = theme_polarity(theme)
    if polarity == 0:
        polarity = 1 if cue_balance(sentence) >= 0 else -1
    return "POSITIVE" if polarity > 0 else "NEGATIVE"
