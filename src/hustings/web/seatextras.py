"""The parts of a seat page that come from the projection and tactics libraries."""

from __future__ import annotations

from typing import Any

from hustings.web.state import AppState

CENSUS_LABELS = {
    "age_65_plus": "Aged 65 or over",
    "degree": "Degree-level qualification",
    "no_qualifications": "No qualifications",
    "nssec_routine_semi": "Routine and semi-routine occupations",
    "owner_occupied": "Owner-occupied homes",
    "social_rented": "Socially rented homes",
}


def extras(st: AppState, gss: str, boundary_set: str) -> dict[str, Any]:
    """Context for the seat page beyond the seat's profile."""
    context: dict[str, Any] = {
        "census_labels": CENSUS_LABELS,
        "projection": None,
        "advice": None,
        "notes": [],
    }
    return context
