"""``hustings vote``: run a member ballot: register, ballots, codes, turnout, count, publication."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from hustings.cli._common import console, handle_errors, print_json
from hustings.clock import parse_uk_time

if TYPE_CHECKING:
    from hustings.storage.engine import Database
    from hustings.votes.credentials import FileOutbox

vote_app = typer.Typer(
    help="Member ballots run end to end: the register, ballots with an eligibility rule fixed "
    "when they open, one-time voting codes, secret papers with receipts, turnout while open, "
    "the count after close, and publication of the ballots for anyone to recount.",
    no_args_is_help=True,
)
register_app = typer.Typer(help="The membership register.", no_args_is_help=True)
ballot_app = typer.Typer(help="Create and list ballots.", no_args_is_help=True)
vote_app.add_typer(register_app, name="register")
vote_app.add_typer(ballot_app, name="ballot")

JsonFlag = typer.Option(False, "--json", help="Print JSON instead of tables.")
OutboxOption = typer.Option(
    None,
    "--outbox",
    help="Folder the voting codes are written to for sending (default: outbox/ in the data "
    "folder). It holds codes in clear: hand it to the mailer, then delete it.",
)
LinkOption = typer.Option(
    "http://127.0.0.1:8000",
    "--link",
    help="The web app's public address, for the voting link in each message "
    "(the default works only on this machine).",
)


def _database() -> Database:
    from hustings.settings import Settings
    from hustings.storage.engine import open_database

    db = open_database(Settings())
    db.require_schema()
    return db


def _link(text: str) -> str:
    """The voting site's address, refused unless http(s)://HOST."""
    from urllib.parse import urlsplit

    from hustings.errors import InvalidInputError

    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInputError(
            f"--link '{text}' is not a web address", hint="e.g. --link https://vote.example.org"
        )
    return text.strip()


def _note_if_local(link: str) -> None:
    """A note on stderr when the links point at this machine, which members cannot reach."""
    from urllib.parse import urlsplit

    if urlsplit(link).hostname in ("127.0.0.1", "localhost", "::1"):
        console(stderr=True).print(
            f"note: the voting links point at {link}, which works only on this machine; "
            "pass --link with the site's public address before sending them",
            highlight=False,
        )


def _outbox(folder: Path | None) -> FileOutbox:
    from hustings.settings import Settings
    from hustings.votes.credentials import FileOutbox

    return FileOutbox(folder or Settings().home / "outbox")


@register_app.command("import")
@handle_errors
def register_import(
    path: Path = typer.Argument(
        ...,
        help="CSV: member id, name, email, branch, region, joined, "
        "dues status (headers matched forgivingly).",
    ),
    encoding: str = typer.Option("utf-8", "--encoding", help="Text encoding of the file."),
    as_json: bool = JsonFlag,
) -> None:
    """Add or update members from a register export (matched by membership number)."""
    from hustings.votes.register import import_register

    report = import_register(_database(), path, encoding=encoding)
    if as_json:
        print_json(report.to_json())
        return
    out = console()
    out.print(
        f"{report.source}: {report.added} added, {report.updated} updated, "
        f"{len(report.rejected)} rejected; {report.members} members in the register"
    )
    for bad in report.rejected[:20]:
        out.print(f"  line {bad.row}: {bad.reason}")


def _candidates(names: list[str], path: Path | None, encoding: str) -> tuple[Any, ...]:
    from hustings._io import read_rows
    from hustings.votes.model import Candidate

    found = [Candidate(n) for n in names]
    if path is not None:
        columns = {"name": ("candidate", "option"), "statement": ("bio", "manifesto")}
        for row in read_rows(path, columns, required=("name",), encoding=encoding):
            if row.get("name"):
                found.append(Candidate(row["name"], row.get("statement", "")))
    return tuple(found)


@ballot_app.command("create")
@handle_errors
def ballot_create(
    slug: str = typer.Argument(..., help="Short name, e.g. committee-2026."),
    title: str = typer.Option(..., "--title", help="What the ballot is, as voters see it."),
    candidate: list[str] = typer.Option([], "--candidate", help="A candidate or option (repeat)."),
    candidates: Path | None = typer.Option(
        None, "--candidates", help="CSV of candidates: name, statement."
    ),
    encoding: str = typer.Option(
        "utf-8", "--encoding", help="Text encoding of the --candidates file."
    ),
    kind: str = typer.Option("election", "--kind", help="election or question."),
    method: str = typer.Option(
        "scottish-stv", "--method", help="scottish-stv, meek, irv, approval or plurality."
    ),
    seats: int = typer.Option(1, "--seats", min=1, help="How many are elected."),
    opens: str = typer.Option(
        ..., "--opens", help="Opening time, ISO-8601; UK local time (Europe/London) if no zone."
    ),
    closes: str = typer.Option(
        ..., "--closes", help="Closing time, ISO-8601; UK local time (Europe/London) if no zone."
    ),
    joined_before: str | None = typer.Option(
        None, "--joined-before", help="Eligible: joined before this date (YYYY-MM-DD)."
    ),
    dues: str = typer.Option(
        "paid", "--dues", help="Eligible dues statuses, comma-separated ('' for any)."
    ),
    allow_revote: bool = typer.Option(
        False, "--allow-revote", help="A voter may replace their vote until close."
    ),
    reserve: list[str] = typer.Option(
        [], "--reserve", help="A candidate in the reserved-places group (repeat)."
    ),
    reserve_min: int = typer.Option(0, "--reserve-min", min=0, help="Places reserved for it."),
    threshold: float = typer.Option(50.0, "--threshold", help="Approval: % needed."),
    seed: int | None = typer.Option(None, "--seed", help="Seed for ties by lot (random if unset)."),
    as_json: bool = JsonFlag,
) -> None:
    """Create a ballot as a draft: candidates, method, seats, times and the eligibility rule."""
    from hustings.errors import InvalidInputError
    from hustings.votes import BallotSpec, Eligibility, Kind, create_ballot
    from hustings.votes.register import parse_date

    try:
        cutoff = parse_date(joined_before) if joined_before else None
    except ValueError as exc:
        raise InvalidInputError(f"--joined-before: {exc}") from None
    try:
        chosen = Kind(kind)
    except ValueError:
        raise InvalidInputError(
            f"--kind '{kind}' is not a kind of ballot", hint="--kind is election or question"
        ) from None
    spec = BallotSpec(
        slug=slug,
        title=title,
        candidates=_candidates(candidate, candidates, encoding),
        opens_at=parse_uk_time(opens, where="--opens"),
        closes_at=parse_uk_time(closes, where="--closes"),
        kind=chosen,
        method=method,
        seats=seats,
        eligibility=Eligibility(cutoff, tuple(d.strip() for d in dues.split(",") if d.strip())),
        allow_revote=allow_revote,
        reserve=tuple(reserve),
        reserve_min=reserve_min,
        threshold=threshold,
        seed=seed,
    )
    ballot = create_ballot(_database(), spec)
    if as_json:
        print_json(ballot.to_json())
        return
    console().print(
        f"ballot [bold]{ballot.slug}[/] created ({ballot.method}, {ballot.seats} to elect, "
        f"{len(ballot.candidates)} candidates); eligible: {ballot.eligibility.describe()}"
    )


@ballot_app.command("list")
@handle_errors
def ballot_list(as_json: bool = JsonFlag) -> None:
    """Every ballot with its state."""
    from hustings.clock import uk_time
    from hustings.votes import list_ballots

    ballots = list_ballots(_database())
    if as_json:
        print_json([b.to_json() for b in ballots])
        return
    out = console()
    for b in ballots:
        frozen = "not yet frozen" if b.electorate is None else f"{b.electorate:,} electors"
        opens, closes = (uk_time(t).replace("T", " ") for t in (b.opens_at, b.closes_at))
        out.print(f"[bold]{b.slug}[/] ({b.status.value}): {b.title}", highlight=False)
        out.print(f"  {b.method}, {b.seats} to elect of {len(b.candidates)}; {frozen}")
        out.print(f"  voting from {opens} to {closes}", highlight=False)
    if not ballots:
        out.print("no ballots yet: hustings vote ballot create")


@vote_app.command("open")
@handle_errors
def open_command(
    slug: str = typer.Argument(..., help="The ballot."),
    outbox: Path | None = OutboxOption,
    link: str = LinkOption,
    as_json: bool = JsonFlag,
) -> None:
    """Freeze the electorate by the ballot's rule and write each elector's one-time code."""
    from hustings.votes import open_ballot

    chosen = _link(link)
    opened = open_ballot(_database(), slug, _outbox(outbox), link=chosen)
    _note_if_local(chosen)
    if as_json:
        print_json(opened.to_json())
        return
    console().print(
        f"{slug}: open to {opened.electorate:,} electors; {opened.sent:,} codes written to "
        f"{opened.delivered_to} ({opened.without_email} without an email: send by post)"
    )


@vote_app.command("codes")
@handle_errors
def codes_command(
    slug: str = typer.Argument(..., help="The ballot."),
    member: list[str] = typer.Option(
        [], "--member", help="Membership number to resend to (repeat); default every non-voter."
    ),
    outbox: Path | None = OutboxOption,
    link: str = LinkOption,
    as_json: bool = JsonFlag,
) -> None:
    """New codes for electors who have not voted yet (their old codes stop working)."""
    from hustings.votes import reissue_codes

    chosen = _link(link)
    done = reissue_codes(_database(), slug, _outbox(outbox), members=member or None, link=chosen)
    if done.sent:
        _note_if_local(chosen)
    if as_json:
        print_json(done.to_json())
        return
    console().print(f"{slug}: {done.sent:,} new codes written to {done.delivered_to or '-'}")


@vote_app.command("cast")
@handle_errors
def cast_command(
    slug: str = typer.Argument(..., help="The ballot."),
    code: str = typer.Option(..., "--code", help="The voter's one-time code."),
    choice: list[str] = typer.Option(..., "--choice", help="A candidate, in order (repeat)."),
    as_json: bool = JsonFlag,
) -> None:
    """Cast a vote (for a voter at a help desk); prints the receipt code to keep."""
    from hustings.votes import cast

    receipt = cast(_database(), slug, code, choice)
    if as_json:
        print_json(receipt.to_json())
        return
    console().print(f"vote recorded on {slug}; receipt (keep it): [bold]{receipt.code}[/]")


@vote_app.command("turnout")
@handle_errors
def turnout_command(
    slug: str = typer.Argument(..., help="The ballot."), as_json: bool = JsonFlag
) -> None:
    """Turnout overall and by region (no results; no group under 5 shown)."""
    from hustings.votes import turnout

    report = turnout(_database(), slug)
    if as_json:
        print_json(report.to_json())
        return
    from rich.table import Table

    table = Table("region", "electors", "voted", "turnout", title=f"{slug} ({report.status})")
    for row in report.to_json()["regions"]:
        share = "" if row["turnout"] is None else f"{100 * row['turnout']:.1f}%"
        voted = "fewer than 5" if row["voted"] is None else f"{row['voted']:,}"
        table.add_row(row["region"], f"{row['electors']:,}", voted, share)
    console().print(table)
    console().print(f"voted: {report.voted:,} of {report.electorate:,}")


@vote_app.command("close")
@handle_errors
def close_command(
    slug: str = typer.Argument(..., help="The ballot."),
    early: bool = typer.Option(False, "--early", help="Close before the closing time."),
    as_json: bool = JsonFlag,
) -> None:
    """End voting and seal the ballot box (papers reordered, re-vote keys dropped)."""
    from hustings.votes import close_ballot

    ballot = close_ballot(_database(), slug, early=early)
    if as_json:
        print_json(ballot.to_json())
        return
    console().print(f"{slug}: closed")


def _render_declared(body: dict[str, Any]) -> None:
    out = console()
    count = body["result"]
    out.print(f"[bold]{body['title']}[/]: {body['papers']:,} papers of {body['electorate']:,}")
    if count.get("quota") is not None:
        out.print(f"quota: {count['quota']}")
    for stage in count["stages"]:
        what = " ".join(w for w in (stage["action"], stage["subject"]) if w)
        done = "; elected " + ", ".join(stage["elected"]) if stage["elected"] else ""
        out.print(f"stage {stage['stage']}: {what}{done}", highlight=False)
    for tie in count.get("ties", ()):
        out.print(
            f"tie at stage {tie['stage']} ({tie['reason']}): {tie['chosen']} chosen {tie['how']}",
            highlight=False,
        )
    out.print("elected: " + ", ".join(count["elected"]))
    out.print(f"ballots sha256: {body['ballots_sha256']}")
    out.print(f"recount: {body['recount']}")


@vote_app.command("count")
@handle_errors
def count_command(
    slug: str = typer.Argument(..., help="The ballot."), as_json: bool = JsonFlag
) -> None:
    """Count a closed ballot with its method and declare the result."""
    from hustings.votes import declare

    body = declare(_database(), slug).to_json()
    if as_json:
        print_json(body)
        return
    _render_declared(body)


@vote_app.command("result")
@handle_errors
def result_command(
    slug: str = typer.Argument(..., help="The ballot."), as_json: bool = JsonFlag
) -> None:
    """The declared result (none before the count)."""
    from hustings.votes import result

    body = result(_database(), slug).to_json()
    if as_json:
        print_json(body)
        return
    _render_declared(body)


@vote_app.command("publish")
@handle_errors
def publish_command(
    slug: str = typer.Argument(..., help="The ballot."),
    out: Path = typer.Option(..., "--out", help="A new folder for the published files."),
    as_json: bool = JsonFlag,
) -> None:
    """Write the anonymised ballots (BLT), the rounds, the receipt list and the result."""
    from hustings.votes import publish

    done = publish(_database(), slug, out)
    if as_json:
        print_json(done.to_json())
        return
    console().print(f"{slug}: {done.papers:,} papers published in {done.folder}")
    for name, digest in done.files.items():
        console().print(f"  {digest}  {name}")


@vote_app.command("verify-receipt")
@handle_errors
def verify_receipt_command(
    receipt: str = typer.Argument(..., help="The receipt code given when voting."),
    ballot: str | None = typer.Option(None, "--ballot", help="Check the ballot box."),
    published: Path | None = typer.Option(
        None, "--published", help="Check a published folder instead (works offline)."
    ),
    as_json: bool = JsonFlag,
) -> None:
    """Whether the receipt's paper is in the ballot box or the published list (exit 1 if not)."""
    from hustings.errors import InvalidInputError
    from hustings.votes import check_published, check_receipt

    if published is not None and ballot is None:
        found = check_published(published, receipt)
    elif ballot is not None and published is None:
        found = check_receipt(_database(), ballot, receipt)
    else:
        raise InvalidInputError("give exactly one of --ballot and --published")
    if as_json:
        print_json(found.to_json())
    else:
        word = "is" if found.found else "is NOT"
        place = (
            f"in the ballot box of {found.ballot}"
            if published is None
            else f"among the ballots of {found.ballot} published in {found.where}"
        )
        console().print(f"your paper {word} {place}", highlight=False)
    if not found.found:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this capability's commands to ``app``."""
    app.add_typer(vote_app, name="vote")
