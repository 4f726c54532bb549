"""2016 EU referendum Leave share by Westminster constituency, on both boundary sets.

The referendum was counted by council area, so constituency figures are Chris Hanretty's
estimates, replaced by counted figures where councils released them. Rows of ``euref``:

* 2010 boundaries, Great Britain (632): Hanretty's "figure to use"; ``estimate_kind`` is
  ``'known-count'`` where a ward or constituency count was released, else ``'hanretty-estimate'``.
* 2010 boundaries, Northern Ireland (18): the official counts (NI was counted by constituency),
  ``'official-count'``; the sheet gives percentages, stored as fractions.
* 2024 boundaries, Great Britain (632): Hanretty's re-estimate for the new seats,
  ``'hanretty-estimate'``. No NI figures exist on the 2024 boundaries.

``leave_share`` is always a fraction between 0 and 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from hustings.data.parsers._frames import read_csv, require_columns
from hustings.data.parsers._secondary import conform, fail, numbers, read_table_sheet
from hustings.data.registry import Dataset

HANRETTY_2010 = (
    "upstream/evanodell/parlitools/data-raw/"
    "Final estimates of the Leave vote share in the EU referendum.xlsx"
)
NI_2010 = "upstream/evanodell/parlitools/data-raw/brexit-ni-constituencies.xlsx"
HANRETTY_2024 = (
    "upstream/open-innovations/constituencies/src/_data/sources/society/"
    "eu_referendum_2024_boundaries.csv"
)

_CREDIT = (
    "Chris Hanretty, 'Areal interpolation and the UK's referendum on EU membership', "
    "Journal of Elections, Public Opinion and Parties (2017)"
)


def _checked_shares(shares: pd.Series, codes: pd.Series, path: Path, first_line: int) -> None:
    outside = ~shares.between(0.0, 1.0)
    if outside.any():
        pos = int(outside.to_numpy().nonzero()[0][0])
        raise fail(
            path,
            first_line + int(shares.index[pos]),
            f"Leave share of {codes.iloc[pos]} is outside 0-1:",
            shares.iloc[pos],
            "the sheet may have been re-scaled; sync the published file again",
        )


def parse_gb_2010(path: Path) -> pd.DataFrame:
    """Hanretty's GB sheet: the figure to use and whether it is a count or an estimate."""
    sheet = read_table_sheet(path, "google_sheets")
    require_columns(sheet, path, ["PCON11CD", "Known Leave vote share", "Figure to use"])
    first = int(sheet.attrs["first_line"])
    keep = sheet["PCON11CD"].notna() & (sheet["PCON11CD"].astype(str).str.strip() != "")
    sheet = sheet[keep]
    share = numbers(sheet["Figure to use"], path, "Figure to use", first_line=first)
    known = numbers(
        sheet["Known Leave vote share"],
        path,
        "Known Leave vote share",
        first_line=first,
        blank_ok=True,
    )
    gss = sheet["PCON11CD"].astype(str).str.strip()
    _checked_shares(share, gss, path, first)
    kind = known.notna().map({True: "known-count", False: "hanretty-estimate"})
    return pd.DataFrame(
        {"gss": gss, "boundary_set": "2010", "leave_share": share, "estimate_kind": kind}
    )


def parse_ni_2010(path: Path) -> pd.DataFrame:
    """The Northern Ireland counts (percentages in the sheet)."""
    sheet = read_table_sheet(path, "Sheet1")
    require_columns(sheet, path, ["gss_code", "figure_to_use"])
    first = int(sheet.attrs["first_line"])
    sheet = sheet[sheet["gss_code"].notna()]
    share = numbers(sheet["figure_to_use"], path, "figure_to_use", first_line=first) / 100.0
    gss = sheet["gss_code"].astype(str).str.strip()
    _checked_shares(share, gss, path, first)
    return pd.DataFrame(
        {
            "gss": gss,
            "boundary_set": "2010",
            "leave_share": share,
            "estimate_kind": "official-count",
        }
    )


def parse_gb_2024(path: Path) -> pd.DataFrame:
    """Hanretty's 2024-boundary estimates as republished by Open Innovations."""
    table = read_csv(path)
    require_columns(table, path, ["gss_code", "LeavePct"])
    share = numbers(table["LeavePct"], path, "LeavePct")
    gss = table["gss_code"].str.strip()
    _checked_shares(share, gss, path, 2)
    return pd.DataFrame(
        {
            "gss": gss,
            "boundary_set": "2024",
            "leave_share": share,
            "estimate_kind": "hanretty-estimate",
        }
    )


def parse_2010(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """``euref`` rows on the 2010 boundaries: GB estimates and counts, NI counts."""
    both = pd.concat([parse_gb_2010(files[HANRETTY_2010]), parse_ni_2010(files[NI_2010])])
    return {"euref": conform(both, "euref")}


def parse_2024(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """``euref`` rows on the 2024 boundaries (GB only)."""
    return {"euref": conform(parse_gb_2024(files[HANRETTY_2024]), "euref")}


def parse(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """Every ``euref`` row, both boundary sets."""
    both = pd.concat([parse_2010(files)["euref"], parse_2024(files)["euref"]])
    return {"euref": both.reset_index(drop=True)}


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        id="euref-2010",
        title="EU referendum 2016: Leave share by constituency (2010 boundaries)",
        publisher="Chris Hanretty (GB estimates); Electoral Office for Northern Ireland (NI)",
        url="https://docs.google.com/spreadsheets/d/1b71SDKPFbk-ktmUTXmDpUP5PT299qq24orEA0_TOpmw",
        licence="Published openly with the article (no formal licence; cite it); NI: EONI counts",
        credit=_CREDIT + "; NI: Electoral Office for Northern Ireland",
        paths=(HANRETTY_2010, NI_2010),
        tables=("euref",),
        parse=parse_2010,
    ),
    Dataset(
        id="euref-2024",
        title="EU referendum 2016: Leave share estimates for the 2024 constituencies (GB)",
        publisher="Chris Hanretty, republished by Open Innovations",
        url="https://docs.google.com/spreadsheets/d/1mtph-ml7CYVoeEUIc1g_IbOvbiZMa_ezRGQlHQoCpF4",
        licence="Published openly (no formal licence; cite the author)",
        credit=_CREDIT + "; copy from Open Innovations' constituencies repository",
        paths=(HANRETTY_2024,),
        tables=("euref",),
        parse=parse_2024,
    ),
)
