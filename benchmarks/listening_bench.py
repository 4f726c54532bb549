"""Listening benchmark: import-to-report time and peak memory for 10,000 free-text answers
(unique texts built from the Pol.is March On comments) and for the March On conversation
itself; BERTopic on the same embeddings is timed in the same run as the peer.

Run: .venv/bin/python benchmarks/listening_bench.py [--n 10000] [--no-peer]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from hustings.listening.embed import default_embedder
from hustings.listening.pipeline import ReportOptions, build_report
from hustings.listening.render import write_report
from hustings.settings import find_mirror

MARCH_ON = "listening/polis-opendata/march-on.operation-marchin-orders/comments.csv"
REGIONS = [
    "North East",
    "North West",
    "Yorkshire",
    "Midlands",
    "London",
    "South",
    "Wales",
    "Scotland",
]
ROLES = ["Member", "Trade unionist", "Supporter", "Councillor"]


def make_survey(comments: list[str], n: int, path: Path, seed: int = 0) -> Path:
    """A survey CSV of ``n`` unique answers, each two comments joined, with attributes."""
    rng = random.Random(seed)
    seen: set[str] = set()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "role", "region", "class", "answer"])
        while len(seen) < n:
            text = f"{rng.choice(comments)} {rng.choice(comments)}"
            if text in seen:
                continue
            seen.add(text)
            writer.writerow([len(seen), rng.choice(ROLES), rng.choice(REGIONS),
                             rng.choice(["Working class", "Middle class"]), text])  # fmt: skip
    return path


def timed_report(paths: list[Path], out: Path, by: tuple[str, ...]) -> tuple[float, int, float]:
    start = time.perf_counter()
    report = build_report(paths, ReportOptions(title="benchmark", by=by))
    write_report(report, out)
    return time.perf_counter() - start, len(report.themes), report.unassigned_share


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bertopic_seconds(texts: list[str]) -> float:
    from bertopic import BERTopic

    vectors = default_embedder().encode(texts)  # already cached: times the clustering only
    start = time.perf_counter()
    BERTopic(min_topic_size=10).fit_transform(texts, embeddings=vectors)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--no-peer", action="store_true")
    args = parser.parse_args()
    mirror = find_mirror()
    if mirror is None:
        sys.exit("no data mirror")
    march_on = mirror / MARCH_ON
    comments = [r["comment-body"] for r in csv.DictReader(march_on.open(encoding="utf-8"))]
    default_embedder().encode(["warm up"])  # model load is reported separately
    with tempfile.TemporaryDirectory() as tmp:
        seconds, themes, unassigned = timed_report([march_on], Path(tmp) / "polis.html", ())
        print(f"March On ({len(comments)} comments): {seconds:.1f} s, {themes} themes, "
              f"{unassigned:.1%} unassigned")  # fmt: skip
        survey = make_survey(comments, args.n, Path(tmp) / "survey.csv")
        seconds, themes, unassigned = timed_report([survey], Path(tmp) / "r.html", ("region",))
        print(f"{args.n} answers import->report: {seconds:.1f} s, {themes} themes, "
              f"{unassigned:.1%} unassigned, peak RSS {peak_mb():.0f} MB")  # fmt: skip
        if not args.no_peer:
            texts = [r["answer"] for r in csv.DictReader(survey.open(encoding="utf-8"))]
            ours = seconds
            peer = bertopic_seconds(texts)
            print(f"BERTopic clustering alone on the same embeddings: {peer:.1f} s "
                  f"(our whole pipeline / BERTopic clustering = {ours / peer:.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
