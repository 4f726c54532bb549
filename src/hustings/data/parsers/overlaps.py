"""2010-2019 -> 2024 constituency overlaps: the share of each old seat's people in each new seat.

mySociety's overlap table names new seats by their own short codes (``UKPARL.2025.AHT``);
mySociety's code list maps them to ONS ``PCON24CD`` codes. ``pop_share`` is the share of the
old seat's 2021-census population living in the new seat (per old seat it sums to 0.93-1.01,
not exactly 1, because output areas do not nest in the boundaries); ``area_share`` the share of
its area.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from hustings.data.parsers._frames import read_csv, require_columns
from hustings.data.parsers._secondary import conform, fail, numbers
from hustings.data.registry import Dataset
from hustings.data.schema import TABLES

OVERLAP = "upstream/open-innovations/constituencies/lookups/PARL10_PARL25_combo_overlap.csv"
CODES = "upstream/open-innovations/constituencies/lookups/ukparl.2025.csv"
# The schema names this table "seat_overlaps" (earlier drafts: "overlaps").
TABLE = "seat_overlaps" if "seat_overlaps" in TABLES else "overlaps"


def parse(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """One row per overlapping (2010 seat, 2024 seat) pair, with ONS codes for both."""
    path, codes_path = files[OVERLAP], files[CODES]
    overlap = read_csv(path)
    require_columns(
        overlap, path, ["PARL10", "PARL25", "percentage_overlap_pop", "percentage_overlap_area"]
    )
    codes = read_csv(codes_path)
    require_columns(codes, codes_path, ["UKPARL.2025", "PCON24CD"])
    to_ons = dict(zip(codes["UKPARL.2025"].str.strip(), codes["PCON24CD"].str.strip(), strict=True))
    gss_2024 = overlap["PARL25"].str.strip().map(to_ons)
    if gss_2024.isna().any():
        pos = int(gss_2024.isna().to_numpy().nonzero()[0][0])
        raise fail(
            path,
            pos + 2,
            "new-seat code not in ukparl.2025.csv:",
            overlap["PARL25"].iloc[pos],
            "sync both files again",
        )
    rows = pd.DataFrame(
        {
            "gss_2010": overlap["PARL10"].str.strip(),
            "gss_2024": gss_2024,
            "pop_share": numbers(overlap["percentage_overlap_pop"], path, "percentage_overlap_pop"),
            "area_share": numbers(
                overlap["percentage_overlap_area"], path, "percentage_overlap_area", blank_ok=True
            ),
        }
    )
    return {TABLE: conform(rows, TABLE)}


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        id="seat-overlaps",
        title="Overlaps between the 2010-2019 and 2024 Westminster constituencies",
        publisher="mySociety (2025 Parliamentary constituencies); copy by Open Innovations",
        url="https://pages.mysociety.org/2025-constituencies/",
        licence="Creative Commons Attribution 4.0",
        credit="mySociety, 2025 Parliamentary constituencies datasets (CC BY 4.0)",
        paths=(OVERLAP, CODES),
        tables=(TABLE,),
        parse=parse,
    ),
)
