"""Hex cartograms from the ``hexes`` table (HexJSON layouts) rendered as accessible SVG.

Every seat is one hexagon at offset coordinates ``(q, r)``; ``odd-r`` layouts have pointy-top
hexagons with odd rows shifted right, ``odd-q`` flat-top ones with odd columns shifted. HexJSON
rows grow northwards, so screen rows are flipped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from hustings.data.api import Store
from hustings.errors import DataError, NotFoundError

__all__ = ["HexLayout", "default_layout", "layouts", "load_layout", "render_svg"]

SIZE = 6.0
ROOT3 = math.sqrt(3.0)


@dataclass(frozen=True)
class Hex:
    """One seat's hexagon: its code, name and centre on the screen."""

    gss: str
    name: str
    x: float
    y: float


@dataclass(frozen=True)
class HexLayout:
    """A whole layout: hexagons with screen centres, the SVG view box and hexagon outline."""

    layout: str
    boundary_set: str
    orientation: str
    hexes: tuple[Hex, ...]
    width: float
    height: float

    @property
    def outline(self) -> str:
        """Relative SVG path moves tracing one hexagon from its first corner."""
        if self.orientation == "odd-q":
            steps = [(SIZE / 2, -SIZE * ROOT3 / 2), (SIZE, 0.0), (SIZE / 2, SIZE * ROOT3 / 2)]
        else:
            steps = [(SIZE * ROOT3 / 2, -SIZE / 2), (SIZE * ROOT3 / 2, SIZE / 2), (0.0, SIZE)]
        moves = [*steps, *((-dx, -dy) for dx, dy in steps)]
        return "l" + " ".join(f"{dx:.2f} {dy:.2f}" for dx, dy in moves[:-1]) + "z"

    def start(self, h: Hex) -> tuple[float, float]:
        """The first corner of a hexagon (where :attr:`outline` begins)."""
        if self.orientation == "odd-q":
            return h.x - SIZE, h.y
        return h.x - SIZE * ROOT3 / 2, h.y - SIZE / 2


def centres(
    cells: list[tuple[str, str, int, int]], orientation: str
) -> tuple[list[Hex], float, float]:
    """Screen centres of ``(gss, name, q, r)`` cells, with the width and height they span."""
    if orientation not in ("odd-r", "odd-q", "even-r", "even-q"):
        raise DataError(
            f"hex layout orientation '{orientation}' is not supported",
            hint="use odd-r, even-r, odd-q or even-q",
        )
    odd = 1 if orientation.startswith("odd") else 0
    raw: list[tuple[str, str, float, float]] = []
    for gss, name, q, r in cells:
        if orientation.endswith("-r"):
            x = ROOT3 * SIZE * (q + 0.5 * ((r & 1) == odd))
            y = -1.5 * SIZE * r
        else:
            x = 1.5 * SIZE * q
            y = -ROOT3 * SIZE * (r + 0.5 * ((q & 1) == odd))
        raw.append((gss, name, x, y))
    if not raw:
        return [], 0.0, 0.0
    left = min(x for _, _, x, _ in raw) - SIZE * 1.5
    top = min(y for _, _, _, y in raw) - SIZE * 1.5
    hexes = [Hex(g, n, round(x - left, 2), round(y - top, 2)) for g, n, x, y in raw]
    width = max(h.x for h in hexes) + SIZE * 1.5
    height = max(h.y for h in hexes) + SIZE * 1.5
    return hexes, round(width, 1), round(height, 1)


def layouts(store: Store) -> dict[str, tuple[str, str]]:
    """Every layout in the store: name -> (boundary set, orientation)."""
    return store.hex_layouts()


def default_layout(store: Store, boundary_set: str) -> str:
    """The layout to draw a boundary set with (the one covering most seats, then by name)."""
    found = store.widest_hex_layout(boundary_set)
    if found is None:
        raise NotFoundError(
            f"no hex map for the {boundary_set} boundaries in the store",
            hint="rebuild the store with: hustings data sync (it loads the hexmaps dataset)",
            boundary_set=boundary_set,
        )
    return found


def load_layout(store: Store, layout: str) -> HexLayout:
    """A layout from the ``hexes`` table with screen positions."""
    known = layouts(store)
    if layout not in known:
        raise NotFoundError(
            f"no hex layout '{layout}'",
            hint="known layouts: " + (", ".join(known) or "none (run hustings data sync)"),
            layout=layout,
        )
    boundary_set, orientation = known[layout]
    hexes, width, height = centres(store.hex_cells(layout), orientation)
    return HexLayout(layout, boundary_set, orientation, tuple(hexes), width, height)


def render_svg(
    layout: HexLayout,
    winners: dict[str, str],
    party_names: dict[str, str],
    *,
    title: str,
    link: str = "/seats/",
    details: dict[str, str] | None = None,
) -> str:
    """The map as an SVG element: one focusable link per seat, named with its winner."""
    outline = layout.outline
    parts = [
        f'<svg class="hexmap" viewBox="0 0 {layout.width} {layout.height}" role="group" '
        f'aria-label="{escape(title)}" data-layout="{escape(layout.layout)}">'
    ]
    for h in layout.hexes:
        party = winners.get(h.gss)
        who = party_names.get(party, party) if party and party != "none" else None
        extra = (details or {}).get(h.gss)
        if who is None and extra:
            who, extra = extra, None
        label = f"{h.name}: {who or 'no result'}" + (f", {extra}" if extra else "")
        x, y = layout.start(h)
        parts.append(
            f'<a href="{link}{h.gss}" data-gss="{h.gss}" aria-label="{escape(label)}">'
            f'<path class="hx p-{party or "none"}" d="M{x:.2f} {y:.2f}{outline}">'
            f"<title>{escape(label)}</title></path></a>"
        )
    parts.append("</svg>")
    return "".join(parts)
