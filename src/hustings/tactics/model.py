"""Result objects of tactical advice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hustings.tactics.forecasts import Forecast

CLEAR = "clear choice"
CLOSE = "close call"
BLOC_SAFE = "bloc safe: vote as you like"
OPPONENT_SAFE = "opponent safe"
LABELS = (CLEAR, CLOSE, BLOC_SAFE, OPPONENT_SAFE)


@dataclass(frozen=True)
class SeatAdvice:
    """The advice for one seat: whom to back, how sure, and why in plain words."""

    gss: str
    name: str
    recommended: str
    probability: float
    label: str
    evidence: str

    def to_json(self) -> dict[str, Any]:
        """The documented ``tactical --json`` row."""
        return {
            "gss": self.gss,
            "name": self.name,
            "recommended": self.recommended,
            "probability": round(self.probability, 4),
            "label": self.label,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class TacticalAdvice:
    """Advice for every seat for a bloc against an opponent under one policy."""

    base: str
    bloc: tuple[str, ...]
    against: str
    policy: str
    rows: tuple[SeatAdvice, ...]
    scenario: dict[str, float] | None = None
    sims: int = 0
    forecasts: tuple[Forecast, ...] = ()

    def to_json(self) -> list[dict[str, Any]]:
        """A list of ``{gss, name, recommended, probability, label, evidence}``."""
        return [row.to_json() for row in self.rows]

    def summary(self) -> dict[str, dict[str, int]]:
        """Seats per recommended party and per label."""
        out: dict[str, dict[str, int]] = {"recommended": {}, "label": {}}
        for row in self.rows:
            out["recommended"][row.recommended] = out["recommended"].get(row.recommended, 0) + 1
            out["label"][row.label] = out["label"].get(row.label, 0) + 1
        return out

    def seat(self, gss: str) -> SeatAdvice:
        """The advice for one seat by GSS code."""
        for row in self.rows:
            if row.gss == gss:
                return row
        from hustings.errors import NotFoundError

        raise NotFoundError(f"no seat '{gss}' in this advice", hint="use a GB 2024 GSS code")
