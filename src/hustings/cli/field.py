"""``hustings field``: the database, accounts, audit, volunteers, canvassing and coverage."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from hustings.cli._common import console, handle_errors, print_json
from hustings.clock import parse_uk_time

if TYPE_CHECKING:
    from hustings.field.places import Places
    from hustings.storage.engine import Database

field_app = typer.Typer(
    help="The field operation: volunteers, events, households, walk lists, door-knocking "
    "records and coverage, with accounts and an audit log. State lives in SQLite in the data "
    "folder, or in PostgreSQL named by HUSTINGS_DATABASE_URL.",
    no_args_is_help=True,
)
user_app = typer.Typer(help="Accounts, roles and API tokens.", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)
volunteers_app = typer.Typer(help="Volunteers from sign-up sheets.", no_args_is_help=True)
households_app = typer.Typer(help="Households to canvass.", no_args_is_help=True)
contacts_app = typer.Typer(help="Contact records from paper and phone banks.", no_args_is_help=True)
walklist_app = typer.Typer(help="Walk lists handed to canvassers.", no_args_is_help=True)
event_app = typer.Typer(help="Events (canvassing sessions) and their shifts.", no_args_is_help=True)
person_app = typer.Typer(
    help="Subject-access export and erasure of one person.", no_args_is_help=True
)
for _sub, _name in (
    (user_app, "user"),
    (audit_app, "audit"),
    (volunteers_app, "volunteers"),
    (households_app, "households"),
    (contacts_app, "contacts"),
    (walklist_app, "walklist"),
    (event_app, "event"),
    (person_app, "person"),
):
    field_app.add_typer(_sub, name=_name)

JsonFlag = typer.Option(False, "--json", help="Print JSON instead of tables.")
HouseholdOption = typer.Option(
    None,
    "--household",
    help="For a resident who gave no email: WHO is their name as recorded at this address_key.",
)
EncodingOption = typer.Option("utf-8", "--encoding", help="Text encoding of the file.")


def _database() -> Database:
    from hustings.settings import Settings
    from hustings.storage.engine import open_database

    db = open_database(Settings())
    db.require_schema()
    return db


def _places() -> Places:
    from hustings.data.api import Store
    from hustings.field.places import places

    return places(Store())


def _csv_list(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


@field_app.command("init")
@handle_errors
def init_command(as_json: bool = JsonFlag) -> None:
    """Create the database, or bring its schema up to date (safe to run again)."""
    from hustings.settings import Settings
    from hustings.storage.engine import open_database

    db = open_database(Settings())
    applied = db.migrate()
    body = {"database": db.display_url, "applied": applied, "revisions": list(db.current())}
    if as_json:
        print_json(body)
        return
    done = ", ".join(applied) if applied else "nothing to do, already up to date"
    console().print(f"[bold]database[/] {db.display_url}: {done}")


@user_app.command("add")
@handle_errors
def user_add(
    name: str = typer.Argument(..., help="Account name (e.g. an email address)."),
    role: str = typer.Option(..., "--role", help="admin, organiser, canvasser or viewer."),
    seats: str = typer.Option(None, "--seats", help="Organisers: seats they run (codes or names)."),
    token_days: int = typer.Option(None, "--token-days", min=1, help="API token lifetime."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read a web password from standard input."
    ),
    as_json: bool = JsonFlag,
) -> None:
    """Create an account and print an API token for it (shown once)."""
    from hustings.storage.accounts import create_user, parse_role

    chosen = parse_role(role)
    seat_codes = [_places().seat(s) for s in _csv_list(seats)] if seats else []
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    principal, token = create_user(
        _database(), name, chosen, seats=seat_codes, password=password, token_days=token_days
    )
    if as_json:
        print_json({**principal.to_json(), "token": token})
        return
    console().print(f"[bold]{principal.name}[/] ({principal.role.value}) created; API token:")
    typer.echo(token)


@user_app.command("list")
@handle_errors
def user_list(as_json: bool = JsonFlag) -> None:
    """Every account with its role and seats."""
    from hustings.storage.accounts import list_users

    users = list_users(_database())
    if as_json:
        print_json([u.to_json() for u in users])
        return
    from rich.table import Table

    table = Table("id", "name", "role", "seats")
    for u in users:
        table.add_row(str(u.user_id), u.name, u.role.value, ", ".join(sorted(u.seats)))
    console().print(table)


@user_app.command("role")
@handle_errors
def user_role(
    name: str = typer.Argument(..., help="Account name."),
    role: str = typer.Option(..., "--role", help="admin, organiser, canvasser or viewer."),
    seats: str = typer.Option(None, "--seats", help="Organisers: seats they run."),
    as_json: bool = JsonFlag,
) -> None:
    """Change an account's role and seat scope (audited)."""
    from hustings.storage.accounts import parse_role, set_role

    seat_codes = [_places().seat(s) for s in _csv_list(seats)] if seats else []
    principal = set_role(_database(), name, parse_role(role), seats=seat_codes)
    if as_json:
        print_json(principal.to_json())
        return
    console().print(f"{principal.name} is now {principal.role.value}")


@user_app.command("password")
@handle_errors
def user_password(
    name: str = typer.Argument(..., help="Account name."), as_json: bool = JsonFlag
) -> None:
    """Set an account's web password, read from standard input (at least 10 characters)."""
    from hustings.storage.accounts import set_password

    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass("new password: ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    set_password(_database(), name, password)
    print_json({"password_set": name}) if as_json else console(stderr=True).print("password set")


@user_app.command("token")
@handle_errors
def user_token(
    name: str = typer.Argument(..., help="Account name."),
    days: int = typer.Option(None, "--days", min=1, help="Lifetime in days (default: none)."),
    revoke: bool = typer.Option(
        False, "--revoke", help="Revoke every token of the account and end its web sessions."
    ),
    as_json: bool = JsonFlag,
) -> None:
    """Issue a new API token for an account, or revoke its tokens."""
    from hustings.storage.accounts import issue_token, revoke_tokens

    db = _database()
    if revoke:
        count = revoke_tokens(db, name)
        print_json({"revoked": count}) if as_json else typer.echo(f"revoked {count} tokens")
        return
    token = issue_token(db, name, days=days)
    print_json({"token": token}) if as_json else typer.echo(token)


@audit_app.command("verify")
@handle_errors
def audit_verify(as_json: bool = JsonFlag) -> None:
    """Check the audit log's hash chain; exit 3 if an entry was altered, deleted or cut off."""
    from hustings.storage import audit

    result = audit.verify(_database())
    if as_json:
        print_json(result.to_json())
    elif result.ok:
        console().print(f"[green]audit log intact[/]: {result.entries} entries")
    else:
        console(stderr=True).print(
            f"[red]audit log broken[/] at entry {result.first_bad_seq}: {result.reason}"
        )
    if not result.ok:
        raise typer.Exit(3)


@audit_app.command("list")
@handle_errors
def audit_list(
    action: str = typer.Option(None, "--action", help="Only entries of this action."),
    limit: int = typer.Option(50, "--limit", min=1, max=100_000, help="How many, newest first."),
    as_json: bool = JsonFlag,
) -> None:
    """The newest audit entries."""
    from hustings.storage import audit

    entries = audit.entries(_database(), action=action, limit=limit)
    if as_json:
        print_json([e.to_json() for e in entries])
        return
    from rich.table import Table

    table = Table("seq", "at", "actor", "action", "subject")
    for e in entries:
        table.add_row(str(e.seq), e.at.isoformat(), e.actor, e.action, e.subject)
    console().print(table)


def _print_import(report: Any, as_json: bool) -> None:
    if as_json:
        print_json(report.to_json())
        return
    out = console()
    out.print(
        f"[bold]{report.kind}[/] from {report.source}: {report.imported} imported, "
        f"{len(report.duplicates)} duplicates, {len(report.rejected)} rejected"
    )
    for item in report.rejected[:20]:
        out.print(f"  row {item.row}: rejected: {item.reason}")
    for item in report.duplicates[:20]:
        out.print(f"  row {item.row}: duplicate: {item.reason}")


@volunteers_app.command("import")
@handle_errors
def volunteers_import(
    file: Path = typer.Argument(..., help="Sign-up CSV: name, email, phone, postcode, ..."),
    encoding: str = EncodingOption,
    as_json: bool = JsonFlag,
) -> None:
    """Import volunteers; duplicates (same email or phone) and bad rows are reported."""
    from hustings.field.people import import_volunteers

    db = _database()
    places = _places()
    report = import_volunteers(db, file, places.locate, encoding=encoding, prefetch=places.prefetch)
    _print_import(report, as_json)


@households_app.command("import")
@handle_errors
def households_import(
    file: Path = typer.Argument(..., help="CSV with address_key and seat (ward, easting...)."),
    register: bool = typer.Option(
        False, "--register", help="The file is an electoral-register extract."
    ),
    purpose: list[str] = typer.Option(
        None, "--purpose", help="Permitted purpose of a register extract (repeatable)."
    ),
    encoding: str = EncodingOption,
    as_json: bool = JsonFlag,
) -> None:
    """Import households to canvass (any bad row refuses the whole file)."""
    from hustings.errors import InvalidInputError
    from hustings.field.canvass import import_households

    if purpose and not register:
        raise InvalidInputError("--purpose is for electoral-register extracts; add --register")
    db = _database()
    report = import_households(
        db,
        file,
        _places().seat,
        register_purposes=(purpose or []) if register else None,
        encoding=encoding,
    )
    _print_import(report, as_json)


@contacts_app.command("import")
@handle_errors
def contacts_import(
    file: Path = typer.Argument(..., help="CSV with household, outcome, at (id, channel)."),
    encoding: str = EncodingOption,
    as_json: bool = JsonFlag,
) -> None:
    """Import contact records from paper sheets or a phone bank (importing twice stores once)."""
    from hustings.field.canvass import import_contacts

    result = import_contacts(_database(), file, encoding=encoding)
    if as_json:
        print_json(result.to_json())
        return
    console().print(f"{result.accepted} records stored, {result.duplicates} already there")


@walklist_app.command("create")
@handle_errors
def walklist_create(
    name: str = typer.Argument(..., help="A name for the walk list."),
    seat: str = typer.Option(..., "--seat", help="The seat (code or name)."),
    ward: str = typer.Option(None, "--ward", help="Only this ward's households."),
    limit: int = typer.Option(None, "--limit", min=1, help="At most this many households."),
    assign: str = typer.Option(None, "--assign", help="Canvasser account to give it to."),
    as_json: bool = JsonFlag,
) -> None:
    """A walk list of households that are on no other list."""
    from hustings.field.organise import create_walk_list

    made = create_walk_list(
        _database(), name, _places().seat(seat), ward=ward, limit=limit, assign_to=assign
    )
    if as_json:
        print_json(made.to_json())
        return
    console().print(f"walk list {made.name}: {made.households} households")


@walklist_app.command("assign")
@handle_errors
def walklist_assign(
    name: str = typer.Argument(..., help="The walk list."),
    canvasser: str = typer.Argument(..., help="The canvasser's account name."),
    as_json: bool = JsonFlag,
) -> None:
    """Give a walk list to a canvasser."""
    from hustings.field.organise import assign_walk_list

    assign_walk_list(_database(), name, canvasser)
    print_json({"walk_list": name, "assigned_to": canvasser}) if as_json else typer.echo("assigned")


@walklist_app.command("list")
@handle_errors
def walklist_list(as_json: bool = JsonFlag) -> None:
    """Every walk list with its size and canvasser."""
    from hustings.field.organise import walk_lists
    from hustings.storage.accounts import SYSTEM

    lists = walk_lists(_database(), SYSTEM)
    if as_json:
        print_json([w.to_json() for w in lists])
        return
    from rich.table import Table

    table = Table("id", "name", "seat", "households", "assigned to")
    for w in lists:
        table.add_row(str(w.id), w.name, w.seat, str(w.households), str(w.assigned_to or ""))
    console().print(table)


@event_app.command("add")
@handle_errors
def event_add(
    title: str = typer.Option(..., "--title", help="What it is, e.g. 'Saturday canvass'."),
    seat: str = typer.Option(..., "--seat", help="The seat (code or name)."),
    start: str = typer.Option(..., "--start", help="ISO-8601 start, e.g. 2026-12-05T10:00."),
    end: str = typer.Option(..., "--end", help="ISO-8601 end."),
    meeting_point: str = typer.Option("", "--meeting-point", help="Where to meet."),
    capacity: int = typer.Option(None, "--capacity", min=1, help="Most people it can take."),
    as_json: bool = JsonFlag,
) -> None:
    """Add a canvassing event in a seat."""
    from hustings.field.organise import add_event

    event_id = add_event(
        _database(),
        title=title,
        seat=_places().seat(seat),
        starts=parse_uk_time(start, where="--start"),
        ends=parse_uk_time(end, where="--end"),
        meeting_point=meeting_point,
        capacity=capacity,
    )
    print_json({"event": event_id}) if as_json else typer.echo(f"event {event_id}")


@event_app.command("shift")
@handle_errors
def event_shift(
    event: int = typer.Argument(..., help="The event's id."),
    start: str = typer.Option(..., "--start", help="ISO-8601 start."),
    end: str = typer.Option(..., "--end", help="ISO-8601 end."),
    capacity: int = typer.Option(None, "--capacity", min=1, help="Places on the shift."),
    as_json: bool = JsonFlag,
) -> None:
    """Add a shift to an event."""
    from hustings.field.organise import add_shift

    shift = add_shift(
        _database(),
        event,
        starts=parse_uk_time(start, where="--start"),
        ends=parse_uk_time(end, where="--end"),
        capacity=capacity,
    )
    print_json({"shift": shift}) if as_json else typer.echo(f"shift {shift}")


@event_app.command("signup")
@handle_errors
def event_signup(
    shift: int = typer.Argument(..., help="The shift's id."),
    volunteer: str = typer.Argument(..., help="The volunteer's email or phone."),
    as_json: bool = JsonFlag,
) -> None:
    """Sign a volunteer up to a shift."""
    from hustings.field.organise import sign_up

    sign_up(_database(), shift, volunteer)
    print_json({"shift": shift, "status": "signed_up"}) if as_json else typer.echo("signed up")


@event_app.command("attend")
@handle_errors
def event_attend(
    shift: int = typer.Argument(..., help="The shift's id."),
    volunteer: str = typer.Argument(..., help="The volunteer's email or phone."),
    hours: float = typer.Option(None, "--hours", help="Hours given (default: the shift)."),
    as_json: bool = JsonFlag,
) -> None:
    """Record that a volunteer turned up, and for how long."""
    from hustings.field.organise import attend

    spent = attend(_database(), shift, volunteer, hours=hours)
    body = {"shift": shift, "status": "attended", "hours": spent}
    print_json(body) if as_json else typer.echo(f"attended, {spent:g} hours")


@event_app.command("list")
@handle_errors
def event_list(
    seat: str = typer.Option(None, "--seat", help="Only this seat's events."),
    as_json: bool = JsonFlag,
) -> None:
    """Events with their shifts, sign-ups and attendance."""
    from hustings.field.organise import list_events

    events = list_events(_database(), seat=_places().seat(seat) if seat else None)
    if as_json:
        print_json(events)
        return
    from rich.table import Table

    table = Table("event", "title", "seat", "starts", "shifts", "signed up", "attended")
    for e in events:
        table.add_row(
            str(e["id"]),
            e["title"],
            e["seat"],
            e["starts_at"].isoformat(),
            str(len(e["shifts"])),
            str(sum(s["signed_up"] for s in e["shifts"])),
            str(sum(s["attended"] for s in e["shifts"])),
        )
    console().print(table)


@field_app.command("coverage")
@handle_errors
def coverage_command(
    seat: str = typer.Option(None, "--seat", help="One seat (code or name); default: all."),
    by_ward: bool = typer.Option(False, "--by-ward", help="A row per ward where known."),
    by_day: bool = typer.Option(
        None, "--by-day/--no-by-day", help="Activity per London day (default: with --seat)."
    ),
    as_json: bool = JsonFlag,
) -> None:
    """Households, share knocked, spoken to, phoned and leafleted, volunteers and hours."""
    from hustings.field.canvass import coverage

    place = _places()
    rows = coverage(
        _database(),
        place.name,
        seats=[place.seat(seat)] if seat else None,
        by_ward=by_ward,
        by_day=bool(seat) if by_day is None else by_day,
    )
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    from rich.table import Table

    table = Table("seat", "ward", "households", "knocked", "spoken", "phoned", "leaflets", "vols")
    for r in rows:
        table.add_row(
            r.seat_name,
            r.ward,
            f"{r.households:,}",
            f"{r.share(r.households_knocked):.0%}",
            f"{r.share(r.households_spoken):.0%}",
            f"{r.share(r.households_phoned):.0%}",
            f"{r.share(r.households_leafleted):.0%}",
            str(r.volunteers),
        )
    console().print(table)


@person_app.command("export")
@handle_errors
def person_export(
    who: str = typer.Argument(..., help="The person's email or phone (or name, with --household)."),
    household: str = HouseholdOption,
    out: Path = typer.Option(
        None, "--out", writable=True, help="Write the export to this JSON file."
    ),
    as_json: bool = JsonFlag,
) -> None:
    """Everything held about one person (a subject-access request); audited."""
    from hustings._io import check_output
    from hustings.field.privacy import export_person

    if out is not None:
        check_output(out, what="export")
    export = export_person(_database(), who, household=household)
    if out is not None:
        _write_json(out, export.to_json())
        typer.echo(f"written to {out}")
        return
    print_json(export.to_json())


def _write_json(path: Path, payload: Any) -> None:
    import json

    from hustings._io import write_text

    text = json.dumps(payload, indent=2, default=str)
    write_text(path, text, what="export", mode=0o600)


@person_app.command("erase")
@handle_errors
def person_erase(
    who: str = typer.Argument(..., help="The person's email or phone (or name, with --household)."),
    household: str = HouseholdOption,
    yes: bool = typer.Option(False, "--yes", help="Confirm: the records are deleted for good."),
    as_json: bool = JsonFlag,
) -> None:
    """Delete every record about one person (audited by reference, not by name)."""
    from hustings.errors import InvalidInputError
    from hustings.field.privacy import erase_person

    if not yes:
        raise InvalidInputError("erasure deletes for good", hint="add --yes to confirm")
    counts = erase_person(_database(), who, household=household)
    print_json({"erased": counts}) if as_json else typer.echo(f"erased: {counts}")


@field_app.command("purge")
@handle_errors
def purge_command(
    dry_run: bool = typer.Option(False, "--dry-run", help="Count, but delete nothing."),
    as_json: bool = JsonFlag,
) -> None:
    """Delete records past their purpose's retention period."""
    from hustings.field.privacy import purge

    report = purge(_database(), dry_run=dry_run)
    if as_json:
        print_json(report.to_json())
        return
    verb = "would delete" if dry_run else "deleted"
    for purpose, count in report.deleted.items():
        typer.echo(f"{purpose}: {verb} {count} (older than {report.cutoffs[purpose][:10]})")


@field_app.command("policy")
@handle_errors
def policy_command(
    lawful_basis: str = typer.Option(
        None, "--lawful-basis", help="Name the lawful basis for recording individuals' intentions."
    ),
    withdraw: bool = typer.Option(False, "--withdraw", help="Go back to household-level only."),
    as_json: bool = JsonFlag,
) -> None:
    """Show or set the data-protection policy (household-level records by default)."""
    from hustings.field.privacy import lawful_basis as current
    from hustings.field.privacy import set_lawful_basis

    db = _database()
    if withdraw:
        set_lawful_basis(db, None)
    elif lawful_basis is not None:
        set_lawful_basis(db, lawful_basis)
    basis = current(db)
    if as_json:
        print_json({"individual_intentions": basis is not None, "lawful_basis": basis})
        return
    if basis:
        typer.echo(f"individuals' intentions may be recorded with consent; lawful basis: {basis}")
    else:
        typer.echo("household-level outcomes only (no individual's voting intention)")


def register(app: typer.Typer) -> None:
    """Add this capability's commands to ``app``."""
    app.add_typer(field_app, name="field")
