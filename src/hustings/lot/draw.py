"""The verifiable draw: one panel from a published lottery and a seed anyone can see.

The seed (any string, e.g. a national-lottery result) is hashed with SHA-256; the digest
seeds numpy's PCG64, whose first uniform number picks a composition by walking the
cumulative probabilities in the order they are published, and whose next numbers pick the
members of each type. Re-running with the same lottery and seed gives the same panel.
"""

from __future__ import annotations

import hashlib

import numpy as np

from hustings.errors import InvalidInputError
from hustings.lot.model import Distribution, Draw, Person


def seed_rng(seed: str) -> np.random.Generator:
    """The generator a seed string stands for."""
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    return np.random.Generator(np.random.PCG64(int(digest, 16)))


def draw(distribution: Distribution, people: tuple[Person, ...], seed: str) -> Draw:
    """Sample one panel from ``distribution`` with ``seed``."""
    if not seed:
        raise InvalidInputError("the seed is empty", hint="give any non-empty string as --seed")
    rng = seed_rng(seed)
    uniform = float(rng.random())
    cumulative = np.cumsum(distribution.weights)
    pick = min(
        int(np.searchsorted(cumulative, uniform * cumulative[-1], side="right")),
        len(cumulative) - 1,
    )
    members: list[int] = []
    for kind, count in zip(distribution.types, distribution.compositions[pick], strict=True):
        if count:
            chosen = rng.choice(kind.size, size=count, replace=False)
            members.extend(kind.members[j] for j in sorted(chosen))
    panel = tuple(people[i].id for i in sorted(members))
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    return Draw(seed, digest, uniform, pick, panel)
