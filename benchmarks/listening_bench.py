"""Listening benchmark: import-to-report time and peak memory for 10,000 free-text answers
(unique texts built from the Pol.is March On comments) and for the March On conversation
itself, with themes found without a codebook and, for the 10,000, coded against one; BERTopic
on the same embeddings is timed in the same run as the peer.

Each case runs in a fresh Python process, so its time covers everything from importing
hustings and loading the model to the written report, and its peak RSS is its own.

The 8-bit ONNX form of MiniLM is made before the first case (as ``scripts/setup.sh`` does),
so no case pays for the export. Each line ends with the load average when the case ended.

Run: .venv/bin/python benchmarks/listening_bench.py [--n 10000] [--no-peer] [--embedder auto]
[--only polis,survey,coded,million]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hustings.settings import find_mirror

MARCH_ON = "listening/polis-opendata/march-on.operation-marchin-orders/comments.csv"
CODEBOOK = (
    "listening/themefinder-gambling-xs/outputs/mapping/2025-07-22/question_part_1/themes.json"
)
"""The evaluation's 11-theme codebook (and its two special entries): the answers are not about
gambling, so the coded case measures the speed of coding at the evaluation's codebook size."""
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


def one_case(
    path: Path, out: Path, by: tuple[str, ...], embedder: str, codebook: Path | None = None
) -> None:
    """Child process: time import -> report for one input and print it as JSON."""
    start = time.perf_counter()
    from hustings.listening.pipeline import ReportOptions, build_report
    from hustings.listening.render import write_report

    options = ReportOptions(title="benchmark", by=by, embedder=embedder, codebook=codebook)
    report = build_report([path], options)
    write_report(report, out)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "seconds": time.perf_counter() - start, "themes": len(report.themes),
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "unassigned": report.unassigned_share, "method": report.method,
        "peak_mb": usage.ru_maxrss / 1024,
    }))  # fmt: skip


def run_case(
    path: Path, out: Path, by: tuple[str, ...], embedder: str, codebook: Path | None = None
) -> dict[str, float]:
    command = [sys.executable, __file__, "--one", str(path), "--out", str(out),
               "--by", ",".join(by), "--embedder", embedder]  # fmt: skip
    if codebook:
        command += ["--codebook", str(codebook)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def show(name: str, r: dict[str, float]) -> None:
    print(f"{name}: {r['seconds']:.1f} s import->report (model load included; "
          f"{r['cpu_seconds']:.1f} s of CPU), "
          f"peak RSS {r['peak_mb']:.0f} MB, {r['themes']} themes, "
          f"{r['unassigned']:.1%} unassigned; {r['method']} "
          f"(load average {Path('/proc/loadavg').read_text().split()[0]})")  # fmt: skip


def bertopic_seconds(texts: list[str], embedder: str) -> float:
    from bertopic import BERTopic

    from hustings.listening.embed import get_embedder

    vectors = get_embedder(embedder, len(texts)).encode(texts)
    start = time.perf_counter()
    BERTopic(min_topic_size=10).fit_transform(texts, embeddings=vectors)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--embedder", default="auto")
    parser.add_argument("--one", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--by", default="")
    parser.add_argument("--codebook", type=Path)
    parser.add_argument("--only", default="polis,survey,coded,million")
    args = parser.parse_args()
    if args.one:
        by = tuple(b for b in args.by.split(",") if b)
        one_case(args.one, args.out, by, args.embedder, args.codebook)
        return
    mirror = find_mirror()
    if mirror is None:
        sys.exit("no data mirror")
    cases = set(args.only.split(","))
    march_on = mirror / MARCH_ON
    comments = [r["comment-body"] for r in csv.DictReader(march_on.open(encoding="utf-8"))]
    from hustings.listening.embed import prepare_onnx_model

    prepare_onnx_model()
    with tempfile.TemporaryDirectory() as tmp:
        if "polis" in cases:
            result = run_case(march_on, Path(tmp) / "polis.html", (), args.embedder)
            show(f"March On ({len(comments)} comments)", result)
        survey = make_survey(comments, args.n, Path(tmp) / "survey.csv")
        if "survey" in cases or not args.no_peer:
            result = run_case(survey, Path(tmp) / "r.html", ("region",), args.embedder)
            show(f"{args.n} answers", result)
        if "coded" in cases:
            codebook = mirror / CODEBOOK
            coded = run_case(survey, Path(tmp) / "c.html", ("region",), args.embedder, codebook)
            show(f"{args.n} answers coded against an 11-theme codebook", coded)
        if "million" in cases:
            million = make_survey(comments, 1_000_000, Path(tmp) / "million.csv")
            start = time.perf_counter()
            cli = [sys.executable, "-c", "from hustings.cli.main import run; run()"]
            done = subprocess.run(
                [*cli, "listen", "report", str(million), "--out", str(Path(tmp) / "m.html")],
                capture_output=True,
                text=True,
            )
            print(f"1,000,000 answers: exit {done.returncode} after "
                  f"{time.perf_counter() - start:.1f} s: {done.stderr.strip()}")  # fmt: skip
        if not args.no_peer:
            texts = [r["answer"] for r in csv.DictReader(survey.open(encoding="utf-8"))]
            peer = bertopic_seconds(texts, args.embedder)
            ratio = result["seconds"] / peer
            print(f"BERTopic clustering alone on the same embeddings: {peer:.1f} s "
                  f"(our whole pipeline / BERTopic clustering = {ratio:.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
