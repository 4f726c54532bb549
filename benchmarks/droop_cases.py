"""Run Droop's own test elections through hustings and compare the elected with Droop's reports.

    .venv/bin/python benchmarks/droop_cases.py PATH/TO/droop/test

``PATH/TO/droop/test`` is the ``test`` folder of a checkout of github.com/jklundell/droop
(GPL-3.0; only its ballot files and reference reports are read, none of its code). Scottish
STV is compared with ``*-scotland-fixed-p5-d5`` reports, Meek with the rational (else the
guarded) ``*-meek-*`` reports. Each line says whether the elected sets agree, how many ties
hustings broke and how, or the one-line error when hustings refuses the file.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from hustings.ballots import count, read_blt
from hustings.errors import HustingsError

REPORTS = {
    "scottish-stv": ["scotland-fixed-p5-d5"],
    "meek": ["meek-o10-rational-d12", "meek-o9-guarded-p18-g9-d18"],
}


def droop_elected(report: Path) -> set[str]:
    """The candidates a Droop report lists as elected when the count completes."""
    last = report.read_text(encoding="utf-8").split("Action: Count Complete")[-1]
    return set(re.findall(r"Elected:\s+(.*?) \(", last))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("droop_test", type=Path)
    args = parser.parse_args()
    blts = sorted(args.droop_test.glob("blt/*.blt")) + sorted(args.droop_test.glob("blt/*/*.blt"))
    agree = total = 0
    for blt in blts:
        for method, tags in REPORTS.items():
            report = next(
                (
                    p
                    for tag in tags
                    if (p := args.droop_test / "ref" / "report" / f"{blt.stem}-{tag}.txt").exists()
                ),
                None,
            )
            if report is None:
                continue
            total += 1
            try:
                result = count(read_blt(blt), method)
            except HustingsError as exc:
                print(f"{blt.stem:12} {method:12} refused: {exc.one_line()}")
                continue
            same = set(result.elected) == droop_elected(report)
            agree += same
            ties = "; ".join(f"{t.reason}: {t.how}" for t in result.ties) or "no ties"
            print(f"{blt.stem:12} {method:12} {'same' if same else 'DIFFERS':8} {ties}")
    print(f"{agree}/{total} elected sets equal to Droop's")


if __name__ == "__main__":
    main()
