"""``hustings polls``, ``hustings project`` and ``hustings backtest``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from hustings._io import parse_day
from hustings.cli._common import MAX_SIMS, console, handle_errors, print_json

if TYPE_CHECKING:
    from hustings.projection.backtest import BacktestReport
    from hustings.projection.central import ProjectionResult

JsonFlag = typer.Option(False, "--json", help="Print JSON instead of tables.")


def project_command(
    shares: str = typer.Option(
        None,
        "--shares",
        help="GB shares: LAB=33.7,CON=23.7,... (percent; parties left out share the rest as "
        "others), latest-polls (the polling average), polls-YYYY-MM-DD, final-polls-YEAR or "
        "actual-YEAR.",
    ),
    base: str = typer.Option(
        "2024",
        "--base",
        help="Base election: 2024 (the default, for the next election), "
        "2010-2019 or 2019-notional.",
    ),
    by: Path | None = typer.Option(
        None,
        "--by",
        help='JSON file of nation or region shares, e.g. {"Scotland": {"SNP": 30, "LAB": 35}}; '
        "those seats swing from their area instead of GB.",
    ),
    model: str = typer.Option(
        "uns", "--model", help="Swing model: uns, proportional, transition, ours."
    ),
    sims: int = typer.Option(
        0,
        "--sims",
        min=0,
        max=MAX_SIMS,
        help="Monte Carlo simulations (0: central projection only).",
    ),
    seed: int | None = typer.Option(
        None, "--seed", min=0, help="Random seed of the simulations (default: drawn and reported)."
    ),
    normalise: bool = typer.Option(False, "--normalise", help="Rescale shares to sum to 100."),
    as_json: bool = JsonFlag,
) -> None:
    """Project seats from national (or nation/region) shares with a swing model."""
    import json

    from hustings._io import read_text
    from hustings.data.api import Store
    from hustings.errors import InvalidInputError
    from hustings.projection import parse_shares, project
    from hustings.projection.shares import parse_by

    store = Store()
    areas = None
    if by is not None:
        try:
            raw = json.loads(read_text(by, what="--by shares"))
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"{by}: not JSON ({exc.msg}, line {exc.lineno})",
                                    hint="write an object of area -> shares") from None  # fmt: skip
        if not isinstance(raw, dict):
            raise InvalidInputError(
                f"{by}: not a JSON object", hint="write an object of area -> shares"
            )
        areas = parse_by(raw, store, normalise=normalise)
    if shares is None and areas is None:
        raise InvalidInputError("no shares given", hint="pass --shares LAB=33.7,... or --by FILE")
    target = parse_shares(shares, store, normalise=normalise) if shares else None
    if sims and seed is None:
        import secrets

        seed = secrets.randbelow(2**31)
    result = _project_with_progress(
        lambda tick: project(
            store,
            base=base,
            shares=target,
            model=model,
            sims=sims,
            seed=seed,
            by=areas,
            normalise=normalise,
            on_chunk=tick,
        ),
        sims if not as_json else 0,
    )
    if as_json:
        print_json(result.to_json())
        return
    _render_projection(result)


PROGRESS_FROM = 50_000  # simulations: fewer finish in about a second


def _project_with_progress(run: Any, sims: int) -> Any:
    """Run ``run(on_chunk)`` with a progress bar on a terminal for long simulations."""
    import sys

    if sims < PROGRESS_FROM or not sys.stderr.isatty():
        return run(None)
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as bar:
        task = bar.add_task("simulating", total=sims)
        return run(lambda done, total: bar.update(task, completed=done, total=total))


def polls_command(
    since: str | None = typer.Option(
        None, "--since", help="Start of the trend, YYYY-MM-DD (default: a year before as-of)."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="The day of the average, YYYY-MM-DD (default: the newest poll)."
    ),
    as_json: bool = JsonFlag,
) -> None:
    """The polling average (house effects removed, recency-weighted) and each party's trend.

    JSON: ``{as_of, newest_poll, shares, interval_90, spread, polling_error, house_effects,
    polls, pollsters, settings, trend: {dates, shares}}`` (shares as fractions).
    """
    from datetime import timedelta

    from hustings.data.api import Store
    from hustings.projection.average import latest_average, poll_trend

    store = Store()
    day = parse_day(as_of, "--as-of")
    average = latest_average(store, day)
    start = parse_day(since, "--since") or average.as_of - timedelta(days=365)
    trend = poll_trend(store.polls(), start, average.as_of)
    if as_json:
        print_json({**average.to_json(), "trend": trend.to_json()})
        return
    _render_polls(average, trend)


def _render_polls(average: Any, trend: Any) -> None:
    from rich.table import Table

    table = Table(title=f"Polling average on {average.as_of} ({average.polls} polls, "
                        f"{len(average.pollsters)} pollsters)")  # fmt: skip
    for name in ("party", "share", "90% on polling day", "spread", "trend"):
        table.add_column(name, justify="left" if name in ("party", "trend") else "right")
    for party, share in average.shares.items():
        lo, hi = average.interval(party)
        series = [v for v in trend.shares.get(party, ()) if v is not None]
        table.add_row(
            party, f"{100 * share:.1f}", f"{100 * lo:.1f}-{100 * hi:.1f}",
            f"{100 * average.spread.get(party, 0.0):.1f}", _sparkline(series),
        )  # fmt: skip
    out = console()
    out.print(table)
    if trend.dates:
        out.print(f"trend: weekly from {trend.dates[0]} to {trend.dates[-1]}")
    if average.error_from:
        out.print("polling-day error sized on the final polls of " + ", ".join(average.error_from))


def _sparkline(values: list[float]) -> str:
    if not values:
        return ""
    ticks = "▁▂▃▄▅▆▇█"
    step = max(1, -(-len(values) // 16))
    values = values[::-1][::step][::-1]
    lo, hi = min(values), max(values)
    span = hi - lo or 1.0
    line = "".join(ticks[int((v - lo) / span * (len(ticks) - 1))] for v in values)
    return f"{line} {100 * values[0]:.0f}->{100 * values[-1]:.0f}"


def _render_projection(result: ProjectionResult) -> None:
    from rich.table import Table

    table = Table(title=f"Projection from {result.base} ({result.model}, GB seats)")
    table.add_column("party")
    table.add_column("share", justify="right")
    table.add_column("seats", justify="right")
    if result.seats_interval:
        for name in ("median", "5-95%", "P(majority)", "P(largest)"):
            table.add_column(name, justify="right")
    shown = [p for p in result.seats] + [
        p for p in result.parties if p not in result.seats and result.target.get(p, 0.0) >= 0.005
    ]
    for party in shown:
        seats = result.seats.get(party, 0)
        row = [party, f"{100 * result.target.get(party, 0.0):.1f}", str(seats)]
        if result.seats_interval and result.seats_median:
            lo, hi = result.seats_interval.get(party, (0, 0))
            row += [
                str(result.seats_median.get(party, 0)),
                f"{lo}-{hi}",
                f"{(result.majority_probability or {}).get(party, 0.0):.1%}",
                f"{(result.largest_probability or {}).get(party, 0.0):.1%}",
            ]
        table.add_row(*row)
    out = console()
    out.print(table)
    if result.sims:
        out.print(f"seats: the central projection; median and 5-95% (a 90% interval) from "
                  f"{result.sims:,} simulations, seed {result.seed}")  # fmt: skip
        out.print(_calibration_note(result.calibrated_on))


def _calibration_note(on: dict[str, tuple[str, ...]] | None) -> str:
    """Where the simulation's error sizes, and so its probabilities, were learned."""
    on = on or {}
    polls = ", ".join(on.get("polls", ())) or "none (priors)"
    model = ", ".join(on.get("model", ())) or "none (priors)"
    return (f"probabilities calibrated on the final-poll errors of {polls} and the model's "
            f"back-test errors on {model} (see hustings backtest)")  # fmt: skip


def backtest_command(
    election: str | None = typer.Option(
        None, "--election", help="2015, 2017, 2019 or 2024 (default: all)."
    ),
    inputs: str | None = typer.Option(
        None, "--inputs", help="actual (GB shares), actual-nations, final-polls (default: all)."
    ),
    model: str = typer.Option("all", "--model", help="Swing model name, or all."),
    sims: int = typer.Option(
        10_000, "--sims", min=0, max=MAX_SIMS, help="Simulations per projection (for Brier scores)."
    ),
    seed: int = typer.Option(0, "--seed", min=0, help="Random seed of the simulations."),
    calibration: bool = typer.Option(
        False,
        "--calibration",
        help="Judge calibration per election and pooled, with the chance a calibrated "
        "forecast passes and a temperature fitted on earlier elections.",
    ),
    as_json: bool = JsonFlag,
) -> None:
    """Back-test the models out of sample, beside the published forecasters."""
    from hustings.data.api import Store
    from hustings.projection.backtest import INPUTS, TARGETS, backtest
    from hustings.projection.models import MODELS, get_model

    if model != "all":
        get_model(model)
    if calibration:
        _calibration(inputs, model, sims, seed, as_json, election=election)
        return
    report = backtest(
        Store(),
        elections=(election,) if election else TARGETS,
        inputs=(inputs,) if inputs else INPUTS,
        models=(model,) if model != "all" else tuple(MODELS),
        sims=sims,
        seed=seed,
    )
    if as_json:
        print_json(report.to_json())
        return
    _render_backtest(report)


def _calibration(
    inputs: str | None, model: str, sims: int, seed: int, as_json: bool, *, election: str | None
) -> None:
    from rich.table import Table

    from hustings.data.api import Store
    from hustings.errors import InvalidInputError
    from hustings.projection.backtest import MIN_BAND_SEATS
    from hustings.projection.calibration import TOLERANCE, calibration

    if election or sims < 1:
        raise InvalidInputError(
            "--calibration judges every election in turn from simulated probabilities",
            hint="drop --election and keep --sims at 1 or more",
        )
    report = calibration(
        Store(),
        inputs=(inputs,) if inputs else ("final-polls", "actual", "actual-nations"),
        models=(model,) if model != "all" else ("uns", "ours"),
        sims=sims,
        seed=seed,
    )
    if as_json:
        print_json(report.to_json())
        return
    out = console()
    table = Table(
        title=f"Calibration: every band of {MIN_BAND_SEATS}+ seats within "
        f"{TOLERANCE * 100:.0f} points ({report.sims:,} sims; chance from "
        f"{report.trials:,} trials, seed {report.seed})"
    )
    for name in ("inputs", "model", "election", "bands: predicted/won (seats)", "passes",
                 "chance", "T (fitted on)", "after T", "log loss"):  # fmt: skip
        table.add_column(name, overflow="fold")
    for c in report.checks:
        cells = " ".join(f"{b.predicted:.2f}/{b.observed:.2f}({b.seats})" for b in c.bands)
        after = " ".join(f"{b.predicted:.2f}/{b.observed:.2f}({b.seats})" for b in c.recalibrated)
        fitted = ", ".join(c.fitted_on) or "none"
        table.add_row(
            c.inputs, c.model, c.label, cells, "yes" if c.passes else "no",
            f"{c.chance:.1%}",
            "each election's" if c.temperature is None else f"{c.temperature:.2f} ({fitted})",
            after + (" yes" if c.passes_recalibrated else " no"),
            f"{c.log_loss:.4f} -> {c.log_loss_recalibrated:.4f}",
        )  # fmt: skip
    out.print(table)


def _render_backtest(report: BacktestReport) -> None:
    from rich.table import Table

    from hustings.projection.backtest import MIN_BAND_SEATS, PUBLISHED_2024

    table = Table(title="Back-tests (GB seats, Speaker's seat excluded)")
    for name in ("election", "inputs", "model", "right", "%", "share MAE", "Brier", "seat error"):
        table.add_column(
            name,
            justify="right" if name in ("right", "%", "share MAE", "Brier") else "left",
            overflow="fold",
        )
    for row in report.rows:
        errors = " ".join(f"{p}{v:+d}" for p, v in row.seat_error.items() if v)
        table.add_row(
            row.election, row.inputs, row.model, f"{row.seats_correct}/{row.seats_total}",
            f"{row.percent:.1f}", _fmt(row.share_mae), _fmt(row.brier), errors,
        )  # fmt: skip
    out = console()
    out.print(table)
    if any(r.election == "2024" for r in report.rows):
        notes = ", ".join(f"{k} {v[1]:.1f}%" for k, v in PUBLISHED_2024.items())
        out.print(f"Published 2024 figures (their own counts): {notes}")
    simulated = [r for r in report.rows if r.calibration]
    for inputs, model in dict.fromkeys((r.inputs, r.model) for r in simulated):
        elections = ", ".join(dict.fromkeys(r.election for r in simulated if r.inputs == inputs))
        cal = Table(title=f"Calibration of {model} from {inputs} inputs ({elections}; "
                          f"{report.sims:,} sims per row): each seat's favourite")  # fmt: skip
        for name in ("band", "predicted", "won", "seats"):
            cal.add_column(name, justify="right")
        for band in report.calibration(inputs, model):
            cal.add_row(
                f"{band.low:.1f}-{band.high:.1f}", f"{band.predicted:.3f}",
                f"{band.observed:.3f}", f"{band.seats}" + ("" if band.seats >= MIN_BAND_SEATS
                                                           else " (too few to judge)"),
            )  # fmt: skip
        out.print(cal)


def _fmt(value: Any) -> str:
    return "" if value is None else f"{value:.4f}"


def register(app: typer.Typer) -> None:
    """Add this capability's commands to ``app``."""
    app.command("polls")(handle_errors(polls_command))
    app.command("project")(handle_errors(project_command))
    app.command("backtest")(handle_errors(backtest_command))
