"""Statistical disclosure control: no published number may describe fewer than
:data:`~hustings.listening.model.MIN_CELL` respondents, directly or by subtraction.

Tables are described as cells (counts keyed by anything hashable) and lines: sets of cells
whose sum a reader knows or can work out (a row whose total is printed, the cells of a
breakdown that add up to an overall count, a theme's count in a group and the group's size).
Primary suppression hides every cell from 1 to MIN_CELL - 1; secondary suppression then
hides, in every line that has exactly one hidden cell, the smallest other cell, until no line
has exactly one (so no hidden cell equals a known total minus shown cells). Cells marked
``known`` (printed elsewhere, such as the number of responses) are never counted as hidden.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

from hustings.listening.model import MIN_CELL


def protect(
    counts: Mapping[Hashable, int],
    lines: Iterable[Sequence[Hashable]],
    *,
    known: Iterable[Hashable] = (),
    unpublished: Iterable[Hashable] = (),
    minimum: int = MIN_CELL,
) -> set[Hashable]:
    """The cells to hide so that no line lets a hidden cell be recovered by subtraction
    (``unpublished`` cells are never shown, so they start hidden)."""
    fixed = set(known)
    lines = [list(line) for line in lines]
    hidden = {k for k, n in counts.items() if 0 < n < minimum and k not in fixed}
    hidden |= set(unpublished) - fixed
    changed = True
    while changed:
        changed = False
        for line in lines:
            inside = [k for k in line if k in hidden]
            if len(inside) != 1:
                continue
            spare = [k for k in line if k not in hidden and k not in fixed]
            if spare:
                hidden.add(min(spare, key=lambda k: (counts.get(k, 0) == 0, counts.get(k, 0))))
                changed = True
    return hidden


def exposed(
    counts: Mapping[Hashable, int],
    lines: Iterable[Sequence[Hashable]],
    hidden: set[Hashable],
    *,
    known: Iterable[Hashable] = (),
) -> list[Hashable]:
    """Hidden cells that a reader could still work out (a line with one hidden cell whose
    other cells are all shown or known): empty when :func:`protect` did its job."""
    fixed = set(known)
    out = []
    for line in lines:
        inside = [k for k in line if k in hidden and k not in fixed]
        if len(inside) == 1:
            out.append(inside[0])
    return out
