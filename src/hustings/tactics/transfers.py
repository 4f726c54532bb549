"""Transfer matrices: where a stood-down party's voters go (abstention included).

Rates not listed for a source party are spread over the candidates still standing in the seat
in proportion to their shares. Defaults come from published evidence, cited in docs/tactics.md.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from hustings.errors import InvalidInputError
from hustings.tactics.bloc import ABSTAIN, party_code

Transfers = dict[str, dict[str, float]]

DEFAULT_TRANSFERS: Transfers = {
    # Green supporters' second choices: about half Labour, a quarter Lib Dem.
    "GRN": {"LAB": 0.50, "LD": 0.25},
    # 2024 Reform voters had Reform not stood: 36% Conservative, 26% would not have voted.
    "RUK": {"CON": 0.36, ABSTAIN: 0.26},
}


def check_transfers(transfers: Transfers) -> Transfers:
    """Validated rates with canonical codes: each in [0, 1], at most 100% per source party."""
    out: Transfers = {}
    for source, rates in transfers.items():
        src = party_code(source, what="stood-down party in the transfers")
        row: dict[str, float] = {}
        for dest, rate in rates.items():
            code = ABSTAIN if dest.strip().upper() == ABSTAIN else party_code(dest)
            if code == src:
                raise InvalidInputError(
                    f"transfers send {src} voters to {src}", hint="a party cannot receive its own"
                )
            if not 0.0 <= float(rate) <= 1.0:
                raise InvalidInputError(
                    f"transfer rate {src}->{code} is {rate}, outside 0..1",
                    hint="give rates as fractions, e.g. 0.5 for 50%",
                )
            row[code] = float(rate)
        total = sum(row.values())
        if total > 1.0 + 1e-9:
            raise InvalidInputError(
                f"transfer rates for {src} add up to {total:.0%}, more than 100%",
                hint="lower the rates so they sum to at most 1 (the rest is spread pro rata)",
                party=src,
                total=total,
            )
        out[src] = row
    return out


def read_transfers(path: Path) -> Transfers:
    """A transfer matrix from JSON (``{"GRN": {"LAB": 0.5}}``) or CSV (``from,to,rate``)."""
    from hustings._io import read_text

    text = read_text(path, what="transfers")
    if path.suffix.lower() == ".json":
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(
                f"{path.name}: line {exc.lineno}: not valid JSON", hint="fix the JSON syntax"
            ) from exc
        if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
            raise InvalidInputError(
                f"{path.name}: expected an object of objects", hint='e.g. {"GRN": {"LAB": 0.5}}'
            )
        return check_transfers(
            {
                str(k): {str(d): _rate(r, f"{k}->{d}", path) for d, r in v.items()}
                for k, v in raw.items()
            }
        )
    return check_transfers(_read_csv(path, text))


def _rate(value: object, where: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise InvalidInputError(
            f"{path.name}: transfer rate {where} is {json.dumps(value)}, not a number",
            hint="give rates as fractions, e.g. 0.5 for 50%",
        )
    return float(value)


def _read_csv(path: Path, text: str) -> Transfers:
    out: Transfers = {}
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames is None or {"from", "to", "rate"} - set(reader.fieldnames):
        raise InvalidInputError(f"{path.name}: needs columns from,to,rate", hint="add a header")
    for line, row in enumerate(reader, start=2):
        try:
            rate = float(row["rate"])
        except (TypeError, ValueError):
            raise InvalidInputError(
                f"{path.name}: line {line}: rate '{row['rate']}' is not a number",
                hint="give rates as fractions, e.g. 0.5",
            ) from None
        out.setdefault(row["from"], {})[row["to"]] = rate
    return out
