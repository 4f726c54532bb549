"""2024 tactical-voting site recommendations (snapshot of 10-11 June 2024).

One ``tactical_sites`` row per site and seat, scraped by Inigo Surguy's consistency checker
from stopthetories.vote (``stopthetories``), tactical.vote (``tactical.vote``) and
tacticalvote.co.uk (``tacticalvote.co.uk``). ``recommended`` is a canonical party code, two codes
joined by ``/`` where a site names a pair ("Labour or SNP" -> ``LAB/SNP``), ``NONE`` where the
site says "Any" (safe from the Conservatives), or ``TBC`` (undecided, including
"TBC Labour or Plaid Cymru"). Five Scottish seats published with pre-2024 codes are given
their 2024 codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from hustings.data.parsers._frames import read_csv, require_columns
from hustings.data.parsers._secondary import SCOTTISH_2024_CODES, conform, fail
from hustings.data.registry import Dataset
from hustings.domain import PARTIES, canonical_party

_DIR = "upstream/inigo/tacticalvoting-consistency-checker/data/"
SITES: dict[str, str] = {
    "stopthetories": _DIR + "stopthetories.csv",
    "tactical.vote": _DIR + "tactical.vote.csv",
    "tacticalvote.co.uk": _DIR + "tacticalvote.co.uk.csv",
}


def recommendation(text: str) -> str | None:
    """The canonical form of a published recommendation, or None when not understood."""
    clean = text.strip()
    if clean.upper().startswith("TBC"):
        return "TBC"
    if clean.lower() in ("any", "none"):
        return "NONE"
    codes = [canonical_party(part) for part in clean.split(" or ")]
    if any(code == "OTH" or code not in PARTIES for code in codes):
        return None
    return "/".join(codes)


def read_site(path: Path, site: str) -> pd.DataFrame:
    """One site's recommendations, 2024 codes and canonical values."""
    table = read_csv(path)
    require_columns(table, path, ["Code", "Recommendation"])
    recommended = table["Recommendation"].map(recommendation)
    if recommended.isna().any():
        pos = int(recommended.isna().to_numpy().nonzero()[0][0])
        raise fail(
            path,
            pos + 2,
            "recommendation not understood:",
            table["Recommendation"].iloc[pos],
            "add the party label to the domain aliases",
        )
    gss = table["Code"].str.strip().replace(SCOTTISH_2024_CODES)
    return pd.DataFrame({"site": site, "election": "2024", "gss": gss, "recommended": recommended})


def parse(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """Every site's recommendations."""
    frames = [read_site(files[key], site) for site, key in SITES.items()]
    return {"tactical_sites": conform(pd.concat(frames, ignore_index=True), "tactical_sites")}


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        id="tactical-2024",
        title="Tactical-voting site recommendations, GE2024 (10-11 June 2024 snapshot)",
        publisher="stopthetories.vote, tactical.vote, tacticalvote.co.uk; scraped by Inigo Surguy",
        url="https://github.com/inigo/tacticalvoting-consistency-checker",
        licence="Facts published by the sites; scraper repository Apache-2.0",
        credit="Recommendations by StopTheTories.vote, tactical.vote and tacticalvote.co.uk, "
        "collected by Inigo Surguy's tacticalvoting-consistency-checker",
        paths=tuple(SITES.values()),
        tables=("tactical_sites",),
        parse=parse,
    ),
)
