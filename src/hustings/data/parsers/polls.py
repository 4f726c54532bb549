"""Westminster voting-intention polls from May 2010 to the newest poll in the sources.

One ``polls`` row per poll and party. Two upstream files:

* Mark Pack's PollBase workbook, parliament sheets ``10-15``, ``15-17``, ``17-19``, ``19-24``
  and ``24-`` (to its last quarterly update). Rows without both a Conservative and a Labour
  figure (leader ratings, seat projections), the ``Result`` and ``Exit poll`` rows are left out.
* The Wikipedia poll tables as processed by Keith Simpson (``GE_polls_all.csv``: one date per
  poll, the fieldwork mid-point; sample size; shares as fractions with an SNP column). Its polls
  dated after PollBase's last poll are added (``source = 'wikipedia'``, fieldwork start and end
  both that date); a PollBase poll that the Wikipedia series also holds (same pollster, the
  Wikipedia date inside the fieldwork, Conservative and Labour within 1.5 points) takes its
  sample size and its SNP figure from there (``OTH`` shrinks by the SNP's share).

* Parties: ``CON``, ``LAB``, ``LD``, ``GRN`` where given, ``RUK`` (UKIP up to 2017, the Brexit
  Party from 2019, Reform UK after it; UKIP after 2017 counts as other), and ``OTH`` = 100 minus
  the named parties (so it includes BNP, Change UK, later UKIP, SNP and Plaid, and the Greens
  where a poll gives no Green figure), and ``SNP`` where the Wikipedia series gives it. Neither
  source has Plaid Cymru or Scottish and Welsh voting intention: nation figures are not polled
  here. ``sample`` is NULL where the Wikipedia series has no matching poll.
* ``area`` is ``'UK'`` where PollBase's geography column says so, else ``'GB'``; ``mode`` is
  PollBase's (``Internet``, ``Phone``, ``Phone/Internet``), NULL for the Wikipedia rows; ``mrp``
  marks MRP and SRP polls.
* ``fieldwork_end`` comes from the fieldwork text ("28-1" ends on the 1st of the next month);
  where the end is unknown ("14-?") it equals the start.
* ``final_poll_for`` names the election (``'2015'``, ``'2017'``, ``'2019'``, ``'2024'``) on every
  row of each pollster's last poll whose fieldwork started within the 10 days before polling
  day, excluding MRPs, polls PollBase notes as asking a non-standard question (Lord Ashcroft's
  2024 propensity scale) and polls first published after polling day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from hustings.data.parsers._frames import read_csv, require_columns
from hustings.data.parsers._secondary import conform, fail, numbers, read_grid
from hustings.data.registry import Dataset
from hustings.domain import canonical_party
from hustings.errors import InvalidInputError

POLLBASE = "upstream/keithysimpson/UK_general_election_polls_stacked/data/PollBase-Q4-2025.xlsx"
WIKIPEDIA = "upstream/keithysimpson/UK_general_election_polls_stacked/data/GE_polls_all.csv"
SHEETS = ("10-15", "15-17", "17-19", "19-24", "24-")
ELECTION_DAYS: dict[str, date] = {
    "2015": date(2015, 5, 7),
    "2017": date(2017, 6, 8),
    "2019": date(2019, 12, 12),
    "2024": date(2024, 7, 4),
}
FINAL_WINDOW_DAYS = 10
# PollBase column header -> party label understood by canonical_party.
_PARTY_HEADERS = {
    "Con": "CON",
    "Lab": "LAB",
    "LD": "LD",
    "Green": "GRN",
    "UKIP": "UKIP",
    "Ukip": "UKIP",
    "BXP": "Brexit Party",
    "BXP/Reform": "Reform UK",
    "Reform": "Reform UK",
}
_NAMED = ("CON", "LAB", "LD", "GRN", "RUK", "SNP")
# Wikipedia series column -> party code (its shares are fractions of 1).
_WIKI_PARTIES = {
    "Conservative": "CON",
    "Labour": "LAB",
    "Lib_Dem": "LD",
    "Green": "GRN",
    "Reform_UKIP": "RUK",
    "SNP": "SNP",
}
MATCH_POINTS = 1.5  # a PollBase and a Wikipedia poll are one poll when CON and LAB agree this well
_NOT_POLLS = {"result", "exit poll"}


def _header_positions(grid: pd.DataFrame) -> dict[str, int]:
    """First column position of each header name in row 0 (later repeats are other tables)."""
    found: dict[str, int] = {}
    for pos, value in enumerate(grid.iloc[0]):
        if isinstance(value, str) and value.strip() not in found:
            found[value.strip()] = pos
    return found


def _day(value: object) -> date | None:
    if isinstance(value, pd.Timestamp) or hasattr(value, "date"):
        stamp = pd.Timestamp(value)  # type: ignore[arg-type]
        return None if pd.isna(stamp) else stamp.date()
    return None


def fieldwork_end(text: object, start: date) -> date:
    """The last fieldwork day from PollBase's fieldwork text, given the first day."""
    last = str(text).split("-")[-1].strip().rstrip("?").strip()
    match = re.fullmatch(r"(\d{1,2})(?:/(\d{1,2}))?(?:\s+\w+)?", last)
    if not match:
        return start
    day = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else start.month
    year = start.year
    if not match.group(2) and day < start.day:
        month += 1
    if month < start.month:
        year += 1
    if month > 12:
        month, year = 1, year + 1
    try:
        return date(year, month, day)
    except ValueError:
        return start


def _dates_from_parts(year: object, month: object, text: object) -> tuple[date | None, date | None]:
    """Fieldwork dates of a poll whose date cell is empty, from the year, month and day text.

    With no day at all the start is unknown and the end is taken as the month's last day.
    """
    try:
        first = pd.Timestamp(f"{int(float(str(year)))} {str(month).strip()[:3]} 1").date()
    except (ValueError, TypeError):
        return None, None
    match = re.match(r"\s*(\d{1,2})", str(text)) if isinstance(text, (str, int)) else None
    if match is None:
        return None, (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
    start = first.replace(day=int(match.group(1)))
    return start, fieldwork_end(text, start)


def _sheet_polls(path: Path, sheet: str) -> pd.DataFrame:
    """The voting-intention polls of one sheet, wide: one row per poll, shares in percent."""
    grid = read_grid(path, sheet)
    heads = _header_positions(grid)
    for name in ("Fieldwork", "Polling", "Published", "Con", "Lab"):
        if name not in heads:
            raise fail(
                path, 1, f"sheet '{sheet}' has no column", name, "sync the published workbook again"
            )
    body = grid.iloc[1:]
    pollster = body.iloc[:, heads["Polling"]].map(lambda v: str(v).strip() if pd.notna(v) else "")
    shares = {
        head: numbers(body.iloc[:, pos], path, f"{sheet}!{head}", first_line=1, blank_ok=True)
        for head, pos in heads.items()
        if head in _PARTY_HEADERS
    }
    is_poll = (pollster != "") & ~pollster.str.lower().isin(_NOT_POLLS)
    is_poll &= shares["Con"].notna() & shares["Lab"].notna()
    rows = []
    years = body.iloc[:, 0].ffill()
    for idx in body.index[is_poll.to_numpy()]:
        text = body.at[idx, heads["Fieldwork"]]
        start = _day(body.at[idx, 3])
        end = fieldwork_end(text, start) if start else None
        if start is None:
            start, end = _dates_from_parts(years[idx], body.at[idx, 1], text)
        if end is None:
            raise fail(
                path,
                idx + 1,
                f"sheet '{sheet}': no fieldwork date for the poll by",
                pollster[idx],
                "sync the published workbook again",
            )
        row = {
            "pollster": pollster[idx],
            "fieldwork_start": start,
            "fieldwork_end": end,
            "published": _day(body.at[idx, heads["Published"]]),
            "area": _area(body, idx, heads),
            "mode": _mode(body, idx, heads),
            "mrp": _is_mrp(body, idx, heads),
            "not_final": _is_mrp(body, idx, heads) or _non_standard(body, idx, heads),
            "source": "pollbase",
        }
        for head, values in shares.items():
            if pd.notna(values[idx]):
                code = canonical_party(_PARTY_HEADERS[head], str(end.year))
                if code in _NAMED:
                    row[code] = float(values[idx])
        rows.append(row)
    return pd.DataFrame(rows)


def _mode(body: pd.DataFrame, idx: int, heads: dict[str, int]) -> str | None:
    """``Internet``, ``Phone``, ``Phone/Internet`` or ``Mobile`` (PollBase spells them several
    ways), None where not given."""
    value = body.at[idx, heads["Mode"]] if "Mode" in heads else None
    text = value.lower() if isinstance(value, str) else ""
    found = [name for name in ("phone", "internet", "mobile") if name in text]
    return "/".join(f.capitalize() for f in found) or None


def _area(body: pd.DataFrame, idx: int, heads: dict[str, int]) -> str:
    if "Georgraphy" not in heads:
        return "GB"
    value = body.at[idx, heads["Georgraphy"]]
    return "UK" if isinstance(value, str) and value.strip().rstrip("?") == "UK" else "GB"


def _non_standard(body: pd.DataFrame, idx: int, heads: dict[str, int]) -> bool:
    """Whether PollBase notes a non-standard voting-intention question (e.g. a 0-10 scale)."""
    if "Georgraphy" not in heads:
        return False
    note = str(body.at[idx, heads["Georgraphy"]]).lower()
    return "non-standard" in note or "highest score" in note


def _is_mrp(body: pd.DataFrame, idx: int, heads: dict[str, int]) -> bool:
    if "MRP?" not in heads:
        return False
    value = body.at[idx, heads["MRP?"]]
    return isinstance(value, str) and ("MRP" in value or "SRP" in value)


def _final_flags(wide: pd.DataFrame) -> pd.Series:
    """The election each poll is its pollster's final poll for, else None."""
    flags = pd.Series([None] * len(wide), index=wide.index, dtype=object)
    starts = wide["fieldwork_start"].map(lambda d: d if isinstance(d, date) else date.min)
    for election, day in ELECTION_DAYS.items():
        window = (starts >= day - timedelta(days=FINAL_WINDOW_DAYS)) & (starts < day)
        published_late = wide["published"].map(lambda p, d=day: isinstance(p, date) and p > d)
        pool = wide[window & ~wide["not_final"] & ~published_late]
        last = pool.sort_values(["fieldwork_start", "poll_id"]).groupby("pollster").tail(1)
        flags[last.index] = election
    return flags


def pollster_key(name: str) -> str:
    """A pollster's name reduced so that the two sources' spellings meet
    ("J.L. Partners" and "JL Partners", "BMG Research" and "BMG", "We Think" and "WeThink")."""
    text = re.sub(r"\[[^\]]*\]|\(MRP\)|\barchived\b.*$", "", name.lower())
    text = re.sub(r"\b(research|strategy|strategies|polls|insight)\b", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


def _wikipedia_polls(path: Path) -> pd.DataFrame:
    """The Wikipedia-derived series, wide, shares in percent like PollBase's."""
    frame = read_csv(path)
    require_columns(frame, path, ["date", "Pollster", "Samplesize", *_WIKI_PARTIES, "Others"])
    days = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce")
    if days.isna().any():
        line = int(days.isna().to_numpy().nonzero()[0][0]) + 2
        raise fail(path, line, "not a date (YYYY-MM-DD):", frame["date"].iloc[line - 2],
                   "sync the published file again")  # fmt: skip
    wide = pd.DataFrame({
        "pollster": frame["Pollster"].map(_clean_pollster),
        "fieldwork_start": [d.date() for d in days],
        "fieldwork_end": [d.date() for d in days],
        "sample": numbers(frame["Samplesize"], path, "Samplesize", blank_ok=True),
        "mrp": frame["Pollster"].str.contains("MRP", regex=False),
        "source": "wikipedia",
        "area": "GB",
    })  # fmt: skip
    for column, code in _WIKI_PARTIES.items():
        wide[code] = 100.0 * numbers(frame[column], path, column, blank_ok=True)
    wide["not_final"] = wide["mrp"]
    return wide


def _clean_pollster(name: str) -> str:
    return re.sub(r"\[[^\]]*\]|\(MRP\)|\s+Archived\b.*$", "", name).strip()


def _merge(pollbase: pd.DataFrame, wiki: pd.DataFrame) -> pd.DataFrame:
    """PollBase's polls with sample sizes and SNP figures where the Wikipedia series holds the
    same poll, followed by the Wikipedia polls dated after PollBase's last."""
    pb = pollbase.assign(key=pollbase["pollster"].map(pollster_key), row=range(len(pollbase)))
    wk = wiki.assign(key=wiki["pollster"].map(pollster_key))[
        ["key", "fieldwork_end", "sample", "CON", "LAB", "SNP"]
    ].add_suffix("_w")
    pairs = pb.merge(wk, left_on="key", right_on="key_w")
    start = pairs["fieldwork_start"].where(pairs["fieldwork_start"].notna(), pairs["fieldwork_end"])
    same = (
        (pairs["fieldwork_end_w"] >= start)
        & (pairs["fieldwork_end_w"] <= pairs["fieldwork_end"])
        & ((pairs["CON"] - pairs["CON_w"]).abs() <= MATCH_POINTS)
        & ((pairs["LAB"] - pairs["LAB_w"]).abs() <= MATCH_POINTS)
    )
    found = pairs[same].drop_duplicates("row").set_index("row")
    out = pollbase.copy()
    out["sample"] = found["sample_w"].reindex(range(len(out))).to_numpy()
    snp = found["SNP_w"].where(found["SNP_w"] > 0).reindex(range(len(out))).to_numpy()
    out["SNP"] = snp
    newest = max(pollbase["fieldwork_end"])
    later = pd.DataFrame(wiki[wiki["fieldwork_end"] > newest])
    return pd.concat([out, later], ignore_index=True)


def parse(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """Every poll in PollBase's parliament sheets and the later Wikipedia-series polls, one row
    per poll and party."""
    path = files[POLLBASE]
    pollbase = pd.concat([_sheet_polls(path, sheet) for sheet in SHEETS], ignore_index=True)
    wide = _merge(pollbase, _wikipedia_polls(files[WIKIPEDIA]))
    wide["poll_id"] = range(1, len(wide) + 1)
    wide["final_poll_for"] = _final_flags(wide)
    named = [p for p in _NAMED if p in wide]
    other = 100.0 - wide[named].fillna(0.0).sum(axis=1)
    wide["OTH"] = other.clip(lower=0.0)
    keep = ["poll_id", "pollster", "fieldwork_start", "fieldwork_end", "sample", "area", "mode",
            "mrp", "source", "final_poll_for"]  # fmt: skip
    long = wide.melt(id_vars=keep, value_vars=[*named, "OTH"], var_name="party", value_name="share")
    long = long.dropna(subset=["share"]).sort_values(["poll_id", "party"], kind="stable")
    long["share"] = long["share"] / 100.0
    return {"polls": conform(long, "polls")}


def final_poll_average(polls: pd.DataFrame, election: str) -> dict[str, float]:
    """GB shares averaged over the pollsters' final polls for ``election``, summing to 1.

    A party a poll does not report counts as 0 in that poll (its share sits in ``OTH``).
    """
    final = polls[polls["final_poll_for"] == election]
    if final.empty:
        known = sorted(str(e) for e in polls["final_poll_for"].dropna().unique())
        raise InvalidInputError(
            f"no final polls for election '{election}'",
            hint="elections with final polls: " + ", ".join(known),
        )
    table = final.pivot_table(index="poll_id", columns="party", values="share", aggfunc="sum")
    mean = table.fillna(0.0).mean()
    total = float(mean.sum())
    return {str(party): float(share) / total for party, share in mean.items()}


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        id="polls-pollbase",
        title="Westminster voting-intention polls 2010-2026 (PollBase; Wikipedia poll tables)",
        publisher="Mark Pack (PollBase); Wikipedia contributors, processed by Keith Simpson; "
        "copies in keithysimpson/UK_general_election_polls_stacked",
        url="https://www.markpack.org.uk/opinion-polls/",
        licence="PollBase: free to use with credit to PollBase / Mark Pack and a link to the "
        "source; Wikipedia poll tables: CC BY-SA 4.0",
        credit="PollBase by Mark Pack, https://www.markpack.org.uk/opinion-polls/; "
        "Wikipedia opinion-polling tables (CC BY-SA 4.0) via Keith Simpson",
        paths=(POLLBASE, WIKIPEDIA),
        tables=("polls",),
        parse=parse,
    ),
)
