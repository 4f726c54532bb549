"""Query parameters that API routes and pages share (one definition, one description)."""

from __future__ import annotations

from fastapi import Query

from hustings.web.adapter.maps import DEFAULT_BASE
from hustings.web.adapter.tactics import DEFAULT_BLOC

__all__ = ["AGAINST", "BASE", "BLOC", "POLICY", "SHARES"]

BASE = Query(DEFAULT_BASE, max_length=60, description="the election advice starts from")
BLOC = Query(DEFAULT_BLOC, max_length=60, description="parties of the bloc, comma-separated")
AGAINST = Query("CON", max_length=10, description="the party the bloc wants to beat")
POLICY = Query("projection", pattern="^(projection|previous-result)$")
SHARES = Query(None, max_length=300, description="scenario: LAB=33.7,... or final-polls-2024")
