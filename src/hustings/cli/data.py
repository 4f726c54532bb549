"""``hustings data``, ``results``, ``seat``, ``tour`` and ``postcode``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from hustings.cli._common import console, handle_errors, print_json

if TYPE_CHECKING:
    from hustings.data.api import NationalResult
    from hustings.data.profile import SeatProfile
    from hustings.settings import Settings

data_app = typer.Typer(
    help="Fetch, build and inspect the election data store.", no_args_is_help=True
)

MirrorOption = typer.Option(
    None,
    "--mirror",
    help="Folder holding a mirror of the upstream files (default: $HUSTINGS_DATA_MIRROR, "
    "or a shared/data folder beside the checkout; otherwise download from the publishers).",
)
JsonFlag = typer.Option(False, "--json", help="Print JSON instead of tables.")


def settings_for(mirror: Path | None = None) -> Settings:
    """The settings, with ``--mirror`` applied when given."""
    from hustings.settings import Settings, find_mirror

    return Settings(mirror=find_mirror(mirror))


@data_app.command("sync")
@handle_errors
def sync_command(mirror: Path | None = MirrorOption, as_json: bool = JsonFlag) -> None:
    """Build the store: fetch every dataset (mirror or publisher), validate, then swap it in."""
    import time

    from hustings.data.store import sync

    settings = settings_for(mirror)
    started = time.perf_counter()
    if sys.stderr.isatty() and not as_json:
        report = _sync_with_progress(settings)
    else:
        report = sync(settings)
    elapsed = time.perf_counter() - started
    if as_json:
        print_json({**report.to_json(), "seconds": round(elapsed, 2)})
        return
    out = console()
    out.print(
        f"[bold]synced[/] {len(report.datasets)} datasets from {report.origin} "
        f"into {report.store} in {elapsed:.1f} s"
    )
    out.print(", ".join(f"{t} {n:,}" for t, n in report.rows.items() if n))


def _sync_with_progress(settings: Settings) -> Any:
    from rich.progress import Progress

    from hustings.data.registry import all_datasets
    from hustings.data.store import sync

    datasets = all_datasets()
    with Progress(console=console(stderr=True), transient=True) as bar:
        task = bar.add_task("datasets", total=len(datasets))
        downloads: dict[str, Any] = {}

        def step(dataset_id: str) -> None:
            bar.update(task, advance=1, description=f"loading {dataset_id}")

        def progress(label: str, done: int, total: int | None) -> None:
            if label not in downloads:
                downloads[label] = bar.add_task(f"downloading {label}", total=total)
            bar.update(downloads[label], completed=done)

        return sync(settings, datasets=datasets, on_dataset=step, progress=progress)


@data_app.command("list")
@handle_errors
def list_command(as_json: bool = JsonFlag) -> None:
    """Every dataset: publisher, licence, files, and when it was last synced."""
    from hustings.data.registry import all_datasets

    synced = _synced_at()
    rows = [{**d.to_json(with_files=True), "synced_at": synced.get(d.id)} for d in all_datasets()]
    if as_json:
        print_json(rows)
        return
    from rich.table import Table

    table = Table("dataset", "publisher", "licence", "synced")
    for column in table.columns:
        column.overflow = "fold"
    for r in rows:
        table.add_row(
            str(r["id"]), str(r["publisher"]), str(r["licence"]), str(r["synced_at"] or "never")
        )
    console().print(table)


def _synced_at() -> dict[str, str]:
    from hustings.data.api import Store
    from hustings.errors import NoStoreError

    try:
        store = Store()
        synced = store.synced_at()
    except NoStoreError:
        return {}
    return {d: t.isoformat(timespec="seconds") for d, t in synced.items()}


@handle_errors
def results_command(
    election: str = typer.Argument(..., help="2010, 2015, 2017, 2019, 2024 or 2019-notional."),
    by: str = typer.Option("party", "--by", help="party, nation or region."),
    as_json: bool = JsonFlag,
) -> None:
    """Seats, votes and shares of an election, UK-wide and for Great Britain."""
    from hustings.data.api import Store

    result = Store().national(election, by=by)
    if as_json:
        print_json(result.to_json())
        return
    _render_national(result)


def _render_national(result: NationalResult) -> None:
    from rich.table import Table

    table = Table(title=f"Election {result.election}", show_footer=False)
    for column in ("party", "seats", "votes", "share", "GB seats", "GB share"):
        table.add_column(column, justify="left" if column == "party" else "right")
    for party, votes in result.votes.items():
        table.add_row(
            party,
            str(result.seats.get(party, 0)),
            f"{votes:,}",
            f"{100 * result.shares[party]:.1f}%",
            str(result.gb_seats.get(party, 0)),
            f"{100 * result.gb_shares.get(party, 0):.1f}%",
        )
    out = console()
    out.print(table)
    for key, part in result.breakdown.items():
        seats = ", ".join(f"{p} {int(n)}" for p, n in part["seats"].items())
        out.print(f"[bold]{key}[/]: {seats}")


@handle_errors
def seat_command(
    name: str = typer.Argument(..., help="A seat's name or GSS code, e.g. 'Chorley' or E14001170."),
    as_json: bool = JsonFlag,
) -> None:
    """Every result of a seat since 2010, its notional result, Leave estimate and census."""
    from hustings.data.api import Store
    from hustings.data.profile import seat_profile

    profile = seat_profile(Store(), name)
    if as_json:
        print_json(profile.to_json())
        return
    render_seat(profile)


def render_seat(profile: SeatProfile) -> None:
    """Print a seat profile as Rich tables."""
    from rich.table import Table

    from hustings.data.profile import candidate_label, party_label

    out = console()
    s = profile.seat
    place = s.nation if s.region == s.nation else f"{s.region}, {s.nation}"
    out.print(f"[bold]{s.name}[/] ({s.gss}), {place}; {s.boundary_set} boundaries")
    if profile.leave_share is not None:
        out.print(f"EU referendum Leave estimate: {100 * profile.leave_share:.1f}%")
    for r in profile.results:
        table = Table(
            title=f"{r.election} in {r.name} ({r.gss}, {profile.boundary_set_of(r)} boundaries): "
            f"{r.winner} by {r.majority:,} ({100 * r.majority_share:.1f}%)"
            + (f", turnout {100 * r.turnout:.1f}%" if r.turnout else "")
        )
        table.add_column("candidate")
        table.add_column("party")
        table.add_column("votes", justify="right")
        table.add_column("share", justify="right")
        for c in r.candidates:
            table.add_row(
                candidate_label(c.candidate, c.party_name),
                party_label(r.election, c.party),
                f"{c.votes:,}",
                f"{100 * c.share:.1f}%",
            )
        out.print(table)
    if profile.census:
        out.print("Census: " + ", ".join(f"{k} {100 * v:.1f}%" for k, v in profile.census.items()))
    for b in profile.byelections:
        change = "gain" if b.previous_winner and b.winner != b.previous_winner else "hold"
        out.print(f"By-election {b.date.isoformat()}: {b.winner} {change} from {b.previous_winner}")
    if profile.successors:
        parts = ", ".join(f"{x.seat.name} ({100 * x.pop_share:.0f}%)" for x in profile.successors)
        out.print(f"On the 2024 boundaries its population is in: {parts}")
    for other in profile.also:
        out.print(f"Also a seat of this name on the {other.boundary_set} boundaries: {other.gss}")


@handle_errors
def tour_command(as_json: bool = JsonFlag) -> None:
    """The default tour: the 2024 national result and one seat (Chorley, the Speaker's)."""
    from hustings.data.api import Store
    from hustings.data.profile import seat_profile

    store = Store()
    national = store.national("2024")
    profile = seat_profile(store, "Chorley")
    if as_json:
        print_json({"national": national.to_json(), "seat": profile.to_json()})
        return
    _render_national(national)
    render_seat(profile)


@handle_errors
def postcode_command(
    text: str = typer.Argument(
        ..., help="A GB postcode ('LS6 1AA'), sector ('LS6 1') or district ('LS6')."
    ),
    as_json: bool = JsonFlag,
) -> None:
    """The 2024 seat of a postcode, or the seats of a sector or district with their shares."""
    from hustings.data.api import Store
    from hustings.data.geo import locate_postcode

    found = locate_postcode(Store(), text)
    if as_json:
        print_json(found.to_json())
        return
    from rich.table import Table

    where = f"{found.kind} {found.query}: grid {found.easting:,.0f} E {found.northing:,.0f} N"
    where += f", {found.lat:.5f}, {found.lon:.5f}"
    if found.kind != "postcode":
        where += f", {found.postcodes:,} postcodes"
    table = Table("seat", "code", "share", "postcodes", title=where)
    for seat in found.seats:
        table.add_row(seat.name, seat.gss, f"{100 * seat.share:.1f}%", f"{seat.postcodes:,}")
    console().print(table)


def register(app: typer.Typer) -> None:
    """Add the data commands to ``app``."""
    app.add_typer(data_app, name="data")
    app.command("results")(results_command)
    app.command("seat")(seat_command)
    app.command("tour")(tour_command)
    app.command("postcode")(postcode_command)
