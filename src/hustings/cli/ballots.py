"""``hustings ballot``: count member ballots with an audit, and verify against real elections."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from hustings.cli._common import console, handle_errors, print_json

if TYPE_CHECKING:
    from hustings.ballots.model import CountResult

ballot_app = typer.Typer(
    help="Member ballots: count (plurality, approval, IRV, Scottish or Meek STV) and verify.",
    no_args_is_help=True,
)

METHOD_HELP = "Counting method: scottish-stv, meek, irv, approval or plurality."


@ballot_app.command("count")
@handle_errors
def count_command(
    paths: list[Path] = typer.Argument(
        ..., help="Ballot files (.blt, .soi, .toc, .csv) or folders."
    ),
    method: str = typer.Option("scottish-stv", "--method", help=METHOD_HELP),
    seats: int | None = typer.Option(None, "--seats", min=1, help="Override the file's seats."),
    threshold: float = typer.Option(
        50.0,
        "--threshold",
        help="Approval: endorse candidates approved by at least this % of voters.",
    ),
    reserve: list[str] = typer.Option(
        [], "--reserve", help="A candidate in the reserved-places group (repeat for each)."
    ),
    reserve_min: int = typer.Option(
        0, "--reserve-min", min=0, help="At least this many elected must be from the group."
    ),
    reserve_group: list[str] = typer.Option(
        [],
        "--reserve-group",
        help="Another reservation, 'MIN:NAME;NAME;...' (repeat; groups may overlap).",
    ),
    seed: int = typer.Option(0, "--seed", min=0, help="Seed for ties decided by lot (recorded)."),
    audit: Path | None = typer.Option(
        None, "--audit", writable=True, help="Write every stage to this CSV."
    ),
    encoding: str | None = typer.Option(
        None, "--encoding", help="Text encoding of the files (default UTF-8)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
) -> None:
    """Count each ballot file and show who is elected, stage by stage."""
    from hustings._io import check_output
    from hustings.ballots.audit import write_audit
    from hustings.ballots.formats import collect_files, read_ballots
    from hustings.ballots.methods import count
    from hustings.ballots.model import CountOptions, Reserved
    from hustings.ballots.reserved import parse_reserve_group

    if audit is not None:
        check_output(audit, what="audit CSV")
    if reserve and not reserve_min:
        from hustings.errors import InvalidInputError

        raise InvalidInputError(
            "--reserve names a group but reserves no places",
            hint="give --reserve-min N (at least N of the elected from the group)",
        )
    reserved: tuple[Reserved, ...] = (
        (Reserved(frozenset(reserve), reserve_min),) if reserve_min else ()
    )
    reserved += tuple(parse_reserve_group(text) for text in reserve_group)
    options = CountOptions(seed=seed, threshold=threshold, reserved=reserved)
    results = []
    for path in collect_files(paths):
        election = read_ballots(path, seats=seats, encoding=encoding)
        results.append((str(path), count(election, method, options)))
    if audit is not None:
        write_audit(results, audit)
    if as_json:
        print_json([{"file": f, **r.to_json()} for f, r in results])
        return
    for file, result in results:
        _render_count(file, result)


def _render_count(file: str, result: CountResult) -> None:
    from rich.table import Table

    out = console()
    stages = _stages_that_fit(result, out.width)
    table = Table(title=f"{result.title or file} ({result.method}, {result.seats} seats)")
    table.add_column("candidate", overflow="fold")
    for stage in stages:
        table.add_column(str(stage.number), justify="right", no_wrap=True)
    for i, name in enumerate(result.candidates):
        mark = " *" if name in result.elected else ""
        table.add_row(name + mark, *(_votes(s.totals[i]) for s in stages))
    table.add_row("non-transferable", *(_votes(s.non_transferable) for s in stages))
    out.print(table)
    if len(stages) < len(result.stages):
        shown = ", ".join(str(s.number) for s in stages)
        out.print(
            f"stages {shown} of {len(result.stages)} shown ({out.width} columns); "
            "all, exact, with --json or --audit"
        )
    for stage in result.stages:
        action = stage.action + (f": {stage.subject}" if stage.subject else "")
        done = "; elected " + ", ".join(stage.elected) if stage.elected else ""
        out.print(f"stage {stage.number}: {action}{done}")
    if result.quota is not None:
        out.print(f"quota: {result.quota}")
    out.print("elected: " + ", ".join(result.elected))
    for note in result.notes:
        out.print(f"note: {note}")
    for tie in result.ties:
        out.print(f"tie at stage {tie.stage} ({tie.reason}): {tie.chosen} chosen {tie.how}")


def _votes(value: Any) -> str:
    """A vote total for the table: whole numbers as they are, fractions to two places."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _stages_that_fit(result: CountResult, width: int) -> list[Any]:
    """The stages whose columns fit ``width`` beside the names: the first ones and the last."""
    name = min(max((len(c) for c in result.candidates), default=9) + 2, 24) + 4
    values = [_votes(v) for s in result.stages for v in (*s.totals, s.non_transferable)]
    column = max((len(v) for v in values), default=4) + 3
    room = max((width - name) // column, 2)
    if room >= len(result.stages):
        return list(result.stages)
    return [*result.stages[: room - 1], result.stages[-1]]


@ballot_app.command("verify")
@handle_errors
def verify_command(
    mirror: Path | None = typer.Option(None, "--mirror", help="The shared data folder."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
) -> None:
    """Recount the 2017 Scottish wards, Glasgow 2007 and Labour 2010; compare with the record."""
    from hustings.ballots.droop import verify_glasgow
    from hustings.ballots.verify import verify_labour, verify_scotland
    from hustings.errors import NotFoundError
    from hustings.settings import find_mirror

    folder = find_mirror(mirror)
    if folder is None:
        raise NotFoundError(
            "no data mirror", hint="pass --mirror or set HUSTINGS_DATA_MIRROR to shared/data"
        )
    scotland = verify_scotland(folder)
    glasgow = verify_glasgow(folder)
    labour = verify_labour(folder)
    ok = scotland.ok == len(scotland.wards) and all(c.ok for c in glasgow)
    if as_json:
        print_json(
            {
                "ok": ok,
                "scotland_2017": scotland.to_json(),
                "glasgow_2007": [c.to_json() for c in glasgow],
                "labour_2010": labour.to_json(),
            }
        )
    else:
        _render_verify(scotland.to_json(), [c.to_json() for c in glasgow], labour.to_json())
    if not ok:
        raise typer.Exit(1)


def _render_verify(
    scotland: dict[str, Any], glasgow: list[dict[str, Any]], labour: dict[str, Any]
) -> None:
    from rich.table import Table

    out = console()
    table = Table(title="Scotland 2017: our count against the official results")
    for col in ("council", "ward", "elected", "stages equal", "known errata"):
        table.add_column(col)
    for ward in scotland["results"]:
        errata = sum(m["known_erratum"] for m in ward["mismatches"])
        table.add_row(
            ward["council"],
            ward["ward"],
            "same" if ward["elected_match"] else "DIFFERENT",
            f"{ward['stages_matched']}/{ward['stages_compared']}",
            str(errata or ""),
        )
    out.print(table)
    out.print(
        f"Scotland 2017: elected set equal in {scotland['elected_matches']}/{scotland['wards']} "
        f"wards; {scotland['stages_matched']}/{scotland['stages_compared']} official stages equal"
    )
    good = sum(c["ok"] for c in glasgow)
    out.print(f"Glasgow 2007: {good}/{len(glasgow)} wards equal to Droop at every stage")
    firsts = ", ".join(f"{k} {v}" for k, v in labour["first_preferences"].items())
    out.print(f"Labour 2010 (MPs and MEPs): first preferences {firsts}; IRV: {labour['winner']}")


def register(app: typer.Typer) -> None:
    """Add this capability's commands to ``app``."""
    app.add_typer(ballot_app, name="ballot")
