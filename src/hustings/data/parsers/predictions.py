"""Published GE2024 seat forecasts, seat by seat, from Matthew Gwynfryn Thomas's tracker.

One ``predictions`` row per forecaster and seat: the predicted winner (``is_call`` true; the
files give no vote shares, so ``share`` is NULL). Forecasters: ``economist`` (The Economist's
model, 2 July 2024), ``election-maps-uk`` (ElectionMapsUK nowcast, 2 July), ``new-statesman``
(Britain Predicts, 3 July; two rows coded 'NA' are skipped) and ``principal-fish``
(2 July; Ynys Mon missing). Five Scottish seats published with pre-2024 codes get their 2024
codes. :func:`final_seat_forecasts` and :func:`forecast_errors` read the tracker's national
seat totals and mean absolute errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from hustings.data.parsers._frames import read_csv, require_columns
from hustings.data.parsers._secondary import SCOTTISH_2024_CODES, conform, fail, numbers
from hustings.data.registry import Dataset
from hustings.domain import canonical_party

_DIR = "upstream/matthewgthomas/track-uk-election-forecasts/"
FORECASTERS: dict[str, str] = {
    "economist": _DIR + "economist-mrp-2024-07-02.csv",
    "election-maps-uk": _DIR + "election-maps-uk-2024-07-02.csv",
    "new-statesman": _DIR + "new-statesman-2024-07-03.csv",
    "principal-fish": _DIR + "principal-fish-2024-07-02.csv",
}
NATIONAL = _DIR + "forecasts.csv"
ACCURACY = _DIR + "forecast-accuracy.csv"
FINAL_WEEK = "2024-07-04"
_LABELS = {"lib dems": "LD", "others": "OTH", "other": "OTH"}


def party_code(label: str) -> str:
    """The canonical code of a tracker party label ("Lib Dems", "Reform", "Plaid Cymru" ...)."""
    return _LABELS.get(label.strip().lower()) or canonical_party(label, "2024")


def read_calls(path: Path, forecaster: str) -> pd.DataFrame:
    """One forecaster's seat calls with 2024 codes; rows without a code are skipped."""
    table = read_csv(path)
    require_columns(table, path, ["constituency_code", "prediction"])
    table = table[~table["constituency_code"].str.strip().isin(["", "NA"])]
    blank = table["prediction"].str.strip() == ""
    if blank.any():
        pos = int(blank.to_numpy().nonzero()[0][0])
        raise fail(
            path,
            int(table.index[pos]) + 2,
            "no predicted winner for seat",
            table["constituency_code"].iloc[pos],
            "sync the file again",
        )
    gss = table["constituency_code"].str.strip().replace(SCOTTISH_2024_CODES)
    return pd.DataFrame(
        {
            "forecaster": forecaster,
            "election": "2024",
            "gss": gss,
            "party": table["prediction"].map(party_code),
            "share": None,
            "is_call": True,
        }
    )


def parse(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """Every forecaster's seat calls."""
    frames = [read_calls(files[key], name) for name, key in FORECASTERS.items()]
    return {"predictions": conform(pd.concat(frames, ignore_index=True), "predictions")}


def final_seat_forecasts(path: Path) -> dict[str, dict[str, int]]:
    """Forecaster -> party code -> seats in the tracker's final week (``forecasts.csv``)."""
    table = read_csv(path)
    require_columns(table, path, ["Week", "Forecaster", "Party", "Seats"])
    seats = numbers(table["Seats"].replace("NA", ""), path, "Seats", blank_ok=True)
    table = table.assign(Seats=seats)[seats.notna()]
    final = table[table["Week"].str.startswith(FINAL_WEEK)]
    out: dict[str, dict[str, int]] = {}
    for row in final.itertuples():
        party = party_code(str(row.Party))
        totals = out.setdefault(str(row.Forecaster), {})
        totals[party] = totals.get(party, 0) + int(float(str(row.Seats)))
    return out


def forecast_errors(path: Path) -> dict[str, float]:
    """Forecaster -> mean absolute seat error against the result (``forecast-accuracy.csv``)."""
    table = read_csv(path)
    require_columns(table, path, ["Forecaster", ".estimate"])
    errors = numbers(table[".estimate"], path, ".estimate")
    return {str(f): float(e) for f, e in zip(table["Forecaster"], errors, strict=True)}


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        id="predictions-2024",
        title="GE2024 seat forecasts: Economist, ElectionMapsUK, New Statesman, Principal Fish",
        publisher="The forecasters named; collected by Matthew Gwynfryn Thomas (Seat Seer)",
        url="https://github.com/matthewgthomas/track-uk-election-forecasts",
        licence="GPL-3.0 (collection repository); forecasts are the forecasters' published figures",
        credit="Forecasts by The Economist, ElectionMapsUK, New Statesman (Britain Predicts) and "
        "Principal Fish; collected by Matthew Gwynfryn Thomas's Seat Seer tracker",
        paths=(*FORECASTERS.values(), NATIONAL, ACCURACY),
        tables=("predictions",),
        parse=parse,
    ),
)
