"""Census summaries by constituency, long form: one row per seat and measure.

Two sources, in the British Election Study variable style:

* Census 2011 on the 2010 boundaries (632 GB seats), columns ``c11*`` of the BES 2017
  constituency results file (the BES team aggregated the ONS/NRS key-statistics tables).
* Census 2021 (England and Wales) and Scotland's Census 2022 on the 2024 boundaries (632 GB
  seats), columns ``c21*`` of Ralph Scott's constituency summaries file. Scotland's outputs lack
  many measures (qualifications, NS-SEC, tenure, cars, health ...): those rows are absent for the
  57 Scottish seats, never zero.

Measures are fractions (0-1) of the base the census table uses, except ``population`` (usual
residents, a count) and ``population_density`` (residents per hectare):

* ``female`` — female share of usual residents.
* ``age_16_24`` — residents aged 16-24 (both censuses); ``age_18_24`` — aged 18-24 (2011 only:
  the 2021 file bands ages 16-19); ``age_65_plus`` — aged 65 and over.
* ``degree`` — highest qualification level 4 or above (degree or equivalent), residents 16+.
* ``no_qualifications`` — no qualifications, residents 16+.
* ``nssec_higher_managerial`` — NS-SEC class 1 (large employers and higher managerial, plus
  higher professional occupations); ``nssec_routine_semi`` — NS-SEC classes 6 and 7 (semi-routine
  plus routine occupations). Base: residents 16-74 (2011) or 16+ (2021).
* ``students`` — full-time students in the NS-SEC table's base.
* ``white`` — any White ethnic group; ``white_british`` — White English/Welsh/Scottish/Northern
  Irish/British.
* ``born_uk`` — born in the United Kingdom.
* ``owner_occupied`` — households owning outright or with a mortgage (shared ownership excluded);
  ``social_rented`` — renting from a council or housing association; ``private_rented`` —
  renting privately (landlord, agency or other).
* ``no_car`` — households with no car or van.
* ``bad_health`` — residents in bad or very bad health.
* ``retired`` — economically inactive and retired; ``unemployed`` — unemployed (base as published).
* ``christian``, ``muslim``, ``no_religion`` — stated religion.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from hustings.data.parsers._frames import read_csv, require_columns
from hustings.data.parsers._secondary import conform, numbers, read_table_sheet
from hustings.data.registry import Dataset

BES_2017 = "upstream/evanodell/parlitools/data-raw/BES-2017-General-Election-results-file-v1.0.xlsx"
SUMMARIES_2024 = (
    "upstream/ralphascott/UKGE24_wpc_census_summaries/"
    "2024-UK-General-Election-Census-Constituency-Summaries-File-v1.1.csv"
)

_HOUSE_OWNED = ["HouseOutright", "HouseMortgage"]

# measure -> (2011 columns, 2021 columns) without the c11/c21 prefix; summed per seat.
MEASURES: dict[str, tuple[list[str], list[str]]] = {
    "population": (["Population"], ["Population"]),
    "population_density": (["PopulationDensity"], ["PopulationDensity"]),
    "female": (["Female"], ["Female"]),
    "age_16_24": (["Age16to17", "Age18to19", "Age20to24"], ["Age16to19", "Age20to24"]),
    "age_18_24": (["Age18to19", "Age20to24"], []),
    "age_65_plus": (
        ["Age65to74", "Age75to84", "Age85to89", "Age90plus"],
        ["Age65to69", "Age70to74", "Age75to79", "Age80to84", "Age85plus"],
    ),
    "degree": (["QualLevel4"], ["QualLevel4"]),
    "no_qualifications": (["QualNone"], ["QualNone"]),
    "nssec_higher_managerial": (
        ["NSSECHigherManager", "NSSECHigherProfessional"],
        ["NSSECHigherManager", "NSSECHigherProfessional"],
    ),
    "nssec_routine_semi": (
        ["NSSECSemiRoutine", "NSSECRoutine"],
        ["NSSECSemiRoutine", "NSSECRoutine"],
    ),
    "students": (["FulltimeStudent"], ["NSSECFulltimeStudent"]),
    "white": (["EthnicityWhite"], ["EthnicityWhite"]),
    "white_british": (["EthnicityWhiteBritish"], ["EthnicityWhiteBritish"]),
    "born_uk": (
        ["BornUK"],
        [
            "BornEngland",
            "BornNI",
            "BornScotland",
            "BornWales",
            "BornGBNotSpecified",
            "BornUKNotSpecified",
        ],
    ),
    "owner_occupied": (_HOUSE_OWNED, _HOUSE_OWNED),
    "social_rented": (["HouseSocial"], ["HouseSocialLA", "HouseSocialOther"]),
    "private_rented": (["HousePrivate"], ["HousePrivateLandlord", "HousePrivateOther"]),
    "no_car": (["CarsNone"], ["CarsNone"]),
    "bad_health": (["HealthBad", "HealthVeryBad"], ["HealthBad", "HealthVeryBad"]),
    "retired": (["Retired"], ["InactiveRetired"]),
    "unemployed": (["Unemployed"], ["Unemployed"]),
    "christian": (["Christian"], ["Christian"]),
    "muslim": (["Muslim"], ["Muslim"]),
    "no_religion": (["NoReligion"], ["NoReligion"]),
}
COUNTS = frozenset({"population", "population_density"})


def _long(
    table: pd.DataFrame, path: Path, *, prefix: str, year: int, boundary_set: str, first_line: int
) -> pd.DataFrame:
    """One row per seat and measure from a wide BES-style table."""
    slot = 0 if prefix == "c11" else 1
    wanted = sorted({prefix + c for cols in MEASURES.values() for c in cols[slot]})
    require_columns(table, path, ["ONSConstID", *wanted])
    values = {c: numbers(table[c], path, c, first_line=first_line, blank_ok=True) for c in wanted}
    gss = table["ONSConstID"].astype(str).str.strip()
    parts = []
    for measure, columns in MEASURES.items():
        if not columns[slot]:
            continue
        total = sum(values[prefix + c] for c in columns[slot])
        scale = 1.0 if measure in COUNTS else 0.01
        parts.append(pd.DataFrame({"gss": gss, "measure": measure, "value": total * scale}))
    out = pd.concat(parts).dropna(subset=["value"])
    return out.assign(boundary_set=boundary_set, census_year=year)


def parse_2011(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """Census 2011 measures on the 2010 boundaries, from the BES 2017 results file."""
    path = files[BES_2017]
    sheet = read_table_sheet(path, "Data")
    first = int(sheet.attrs["first_line"])
    sheet = sheet[sheet["ONSConstID"].notna()] if "ONSConstID" in sheet else sheet
    rows = _long(sheet, path, prefix="c11", year=2011, boundary_set="2010", first_line=first)
    return {"census": conform(rows, "census")}


def parse_2021(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """Census 2021/2022 measures on the 2024 boundaries, from Ralph Scott's summaries file."""
    path = files[SUMMARIES_2024]
    table = read_csv(path).replace("NA", "")
    rows = _long(table, path, prefix="c21", year=2021, boundary_set="2024", first_line=2)
    return {"census": conform(rows, "census")}


def parse(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """Every ``census`` row, both boundary sets."""
    both = pd.concat([parse_2011(files)["census"], parse_2021(files)["census"]])
    return {"census": both.reset_index(drop=True)}


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        id="census-2011",
        title="Census 2011 constituency measures (2010 boundaries, GB), from the BES 2017 file",
        publisher="British Election Study (Fieldhouse et al.), from ONS and NRS census tables",
        url="https://www.britishelectionstudy.com/data-objects/linked-data/",
        licence="Census values: Open Government Licence v3.0; BES file free to use with citation",
        credit="Fieldhouse, E. et al., British Election Study 2017 Constituency Results file, "
        "v1.0; contains ONS and NRS census data (Crown copyright)",
        paths=(BES_2017,),
        tables=("census",),
        parse=parse_2011,
    ),
    Dataset(
        id="census-2021",
        title="Census 2021/2022 constituency summaries (2024 boundaries, GB)",
        publisher="Ralph Scott (UKGE24_wpc_census_summaries), from ONS and Scotland's Census",
        url="https://github.com/ralphascott/UKGE24_wpc_census_summaries",
        licence="CC BY-SA 4.0 (compilation); census values Open Government Licence v3.0",
        credit="Ralph Scott, 2024 UK General Election Census Constituency Summaries File v1.1; "
        "contains ONS, NRS and Scotland's Census data (Crown copyright)",
        paths=(SUMMARIES_2024,),
        tables=("census",),
        parse=parse_2021,
    ),
)
