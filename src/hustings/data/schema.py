"""The canonical schema of the embedded store: one DDL statement per table.

Every parser returns pandas DataFrames whose columns are exactly those of the table it fills;
``hustings.data.store`` creates these tables, inserts the frames and validates them.
Codes: ``gss`` is the ONS/GSS constituency code; ``boundary_set`` is ``'2010'`` (used
2010-2019) or ``'2024'``; ``party`` is a canonical code from ``hustings.domain.PARTIES``.
"""

from __future__ import annotations

TABLES: dict[str, str] = {
    "datasets": """
        dataset VARCHAR NOT NULL, path VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
        origin VARCHAR NOT NULL, synced_at TIMESTAMP NOT NULL""",
    "parties": """
        party VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, colour VARCHAR NOT NULL,
        lineage VARCHAR""",
    "party_aliases": """
        alias VARCHAR NOT NULL, party VARCHAR NOT NULL""",
    "elections": """
        election VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, date DATE,
        boundary_set VARCHAR NOT NULL, label VARCHAR NOT NULL""",
    "constituencies": """
        gss VARCHAR NOT NULL, boundary_set VARCHAR NOT NULL, name VARCHAR NOT NULL,
        nation VARCHAR NOT NULL, region VARCHAR NOT NULL, seat_type VARCHAR,
        PRIMARY KEY (gss, boundary_set)""",
    # One row per seat contested in an election (general, notional or by-election).
    "results": """
        election VARCHAR NOT NULL, gss VARCHAR NOT NULL, electorate INTEGER,
        valid_votes INTEGER NOT NULL, invalid_votes INTEGER, winner VARCHAR NOT NULL,
        second VARCHAR, majority INTEGER NOT NULL, turnout DOUBLE,
        PRIMARY KEY (election, gss)""",
    # One row per candidate where published, otherwise one per party (2010, notionals).
    "candidates": """
        election VARCHAR NOT NULL, gss VARCHAR NOT NULL, candidate VARCHAR,
        party VARCHAR NOT NULL, party_name VARCHAR NOT NULL, votes INTEGER NOT NULL,
        share DOUBLE NOT NULL, rank INTEGER NOT NULL, elected BOOLEAN NOT NULL,
        sitting_mp BOOLEAN""",
    "euref": """
        gss VARCHAR NOT NULL, boundary_set VARCHAR NOT NULL, leave_share DOUBLE NOT NULL,
        estimate_kind VARCHAR NOT NULL, PRIMARY KEY (gss, boundary_set)""",
    # Census summaries, long: measure names are documented in hustings.data.parsers.census.
    "census": """
        gss VARCHAR NOT NULL, boundary_set VARCHAR NOT NULL, census_year INTEGER NOT NULL,
        measure VARCHAR NOT NULL, value DOUBLE NOT NULL""",
    "polls": """
        poll_id INTEGER NOT NULL, pollster VARCHAR NOT NULL, fieldwork_start DATE,
        fieldwork_end DATE NOT NULL, sample INTEGER, area VARCHAR NOT NULL,
        party VARCHAR NOT NULL, share DOUBLE NOT NULL, final_poll_for VARCHAR,
        mode VARCHAR, mrp BOOLEAN NOT NULL, source VARCHAR NOT NULL""",
    "byelections": """
        election VARCHAR PRIMARY KEY, gss VARCHAR, name VARCHAR NOT NULL, date DATE NOT NULL,
        winner VARCHAR, previous_winner VARCHAR, turnout DOUBLE, cause VARCHAR""",
    "hexes": """
        layout VARCHAR NOT NULL, boundary_set VARCHAR NOT NULL, gss VARCHAR NOT NULL,
        name VARCHAR, q INTEGER NOT NULL, r INTEGER NOT NULL, orientation VARCHAR NOT NULL""",
    "seat_overlaps": """
        gss_2010 VARCHAR NOT NULL, gss_2024 VARCHAR NOT NULL, pop_share DOUBLE NOT NULL,
        area_share DOUBLE""",
    "predictions": """
        forecaster VARCHAR NOT NULL, election VARCHAR NOT NULL, gss VARCHAR NOT NULL,
        party VARCHAR NOT NULL, share DOUBLE, is_call BOOLEAN NOT NULL""",
    "tactical_sites": """
        site VARCHAR NOT NULL, election VARCHAR NOT NULL, gss VARCHAR NOT NULL,
        recommended VARCHAR NOT NULL""",
    # 2024 seats: the ONS label point (inside the seat) in BNG metres and WGS84 degrees.
    "seat_centroids": """
        gss VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, name_welsh VARCHAR,
        easting DOUBLE NOT NULL, northing DOUBLE NOT NULL, lat DOUBLE NOT NULL,
        lon DOUBLE NOT NULL""",
    # GB postcodes (Code-Point Open) in their 2024 seat; easting/northing in BNG metres.
    "postcodes": """
        postcode VARCHAR NOT NULL, sector VARCHAR NOT NULL, district VARCHAR NOT NULL,
        gss VARCHAR NOT NULL, easting INTEGER NOT NULL, northing INTEGER NOT NULL,
        ward VARCHAR, placed_by VARCHAR NOT NULL""",
    # Sector or district x 2024 seat: its postcodes in the seat, their share, its mean position.
    "postcode_sectors": """
        sector VARCHAR NOT NULL, gss VARCHAR NOT NULL, postcodes INTEGER NOT NULL,
        share DOUBLE NOT NULL, easting DOUBLE NOT NULL, northing DOUBLE NOT NULL,
        PRIMARY KEY (sector, gss)""",
    "postcode_districts": """
        district VARCHAR NOT NULL, gss VARCHAR NOT NULL, postcodes INTEGER NOT NULL,
        share DOUBLE NOT NULL, easting DOUBLE NOT NULL, northing DOUBLE NOT NULL,
        PRIMARY KEY (district, gss)""",
}


def create_statements() -> list[str]:
    """``CREATE TABLE`` statements for every canonical table."""
    return [f"CREATE TABLE {name} ({body.strip()})" for name, body in TABLES.items()]
