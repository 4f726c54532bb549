"""``hustings money``: legal limits, the ledger of spending, donations and pledges, checks
against the limits, and the spending return."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from hustings.cli._common import console, handle_errors, print_json

if TYPE_CHECKING:
    from hustings.data.api import Store
    from hustings.money.places import Places

money_app = typer.Typer(
    name="money",
    help="Campaign money within the law: limits in force, ledger, checks, returns.",
    no_args_is_help=True,
)

JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON instead of tables.")
ElectionOpt = typer.Option(
    "2024",
    "--election",
    help="A general election (2017, 2019, 2024) or the polling day of one to come (YYYY-MM-DD).",
)


def _places(election: str) -> tuple[Store, Places]:
    from hustings.data.api import Store
    from hustings.money import load_places

    store = Store()
    return store, load_places(store, election)


@money_app.command("limits")
@handle_errors
def limits_command(
    election: str = ElectionOpt,
    seat: str | None = typer.Option(None, "--seat", help="A seat's name or GSS code."),
    as_json: bool = JsonOpt,
) -> None:
    """The limits and thresholds in force for an election, each with its source."""
    from hustings.money import SeatResolver, limits

    store, places = _places(election)
    code = SeatResolver(store, places)(seat) if seat else None
    result = limits(places, seat=code)
    if as_json:
        print_json(result.to_json())
        return
    _render_limits(result)


def _render_limits(result: Any) -> None:
    from rich.table import Table

    from hustings.money import pounds

    out = console()
    first, last = result.period
    out.print(
        f"[bold]{result.election}[/] general election, polling day "
        f"{result.polling_day.isoformat()}; regulated period {first.isoformat()} to "
        f"{last.isoformat()}"
    )
    table = Table("rule", "part", "amount", "in force", "source")
    for rule in result.rules:
        amount = pounds(rule.pence)
        if rule.per_elector_pence:
            amount += f" + {rule.per_elector_pence}p/elector"
        span = f"{rule.valid_from.isoformat()} to {rule.valid_to or 'now'}"
        table.add_row(rule.title, rule.part.value if rule.part else "UK", amount, span, rule.source)
    out.print(table)
    if result.seat:
        seat = result.seat
        out.print(
            f"[bold]{seat.seat.name}[/] ({seat.seat.gss}, {seat.seat.part.value}, "
            f"{seat.seat.seat_type}, {seat.seat.electorate or 'unknown'} electors): "
            f"non-party constituency limit {pounds(seat.constituency_pence)}; for or against "
            f"one named candidate {pounds(seat.named_candidate_pence)}; candidate's "
            f"short-campaign limit "
            + (pounds(seat.candidate_pence) if seat.candidate_pence is not None else "unknown")
        )


def _db() -> Any:
    from hustings.settings import Settings
    from hustings.storage.engine import open_database

    db = open_database(Settings())
    db.require_schema()
    return db


import_app = typer.Typer(
    help="Import spending, donations or pledges from a CSV file (all rows or none).",
    no_args_is_help=True,
)
money_app.add_typer(import_app, name="import")
OverrideOpt = typer.Option(
    False, "--override", help="Save even if it breaches a limit (written to the audit log)."
)
EncodingOpt = typer.Option("utf-8", "--encoding", help="The file's text encoding.")


@import_app.command("spend")
@handle_errors
def import_spend_command(
    path: Path = typer.Argument(..., help="CSV: ref,date,amount,category,where[,supplier,...]."),
    election: str = ElectionOpt,
    override: bool = OverrideOpt,
    encoding: str = EncodingOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Import spending; refused whole if a row is bad or a limit would be breached."""
    from hustings.money import SeatResolver
    from hustings.money.ledger import import_spend

    store, places = _places(election)
    result = import_spend(
        _db(), places, path, SeatResolver(store, places), override=override, encoding=encoding
    )
    _render_save(result, as_json)


def _render_save(result: Any, as_json: bool) -> None:
    if as_json:
        print_json(result.to_json())
        return
    out = console()
    out.print(f"saved {result.saved} item(s) of spending")
    for row in result.overridden:
        out.print(
            f"[red]overridden[/]: {row.limit_key} in {row.name} "
            f"(GBP {row.to_json()['spent']:,} against GBP {row.to_json()['limit']:,})"
        )


@money_app.command("spend")
@handle_errors
def spend_command(
    ref: str = typer.Option(..., "--ref", help="A unique reference (e.g. the invoice number)."),
    day: str = typer.Option(..., "--date", help="When the spending was incurred (YYYY-MM-DD)."),
    amount: str = typer.Option(..., "--amount", help="Pounds, e.g. 1250.00."),
    category: str = typer.Option(
        ..., "--category", help="material, canvassing, transport, rallies or press."
    ),
    where: str = typer.Option(
        ..., "--where", help="A seat, seats separated by ';', a part of the UK, or UK."
    ),
    supplier: str = typer.Option("", "--supplier", help="Who was paid."),
    description: str = typer.Option("", "--description", help="What was bought."),
    candidate: str | None = typer.Option(
        None, "--candidate", help="For or against this named candidate (one seat)."
    ),
    party: str | None = typer.Option(None, "--targeted-party", help="Party it promotes."),
    notional: bool = typer.Option(False, "--notional", help="Goods or services given free."),
    joint_plan: str | None = typer.Option(None, "--joint-plan", help="The joint plan it is under."),
    paid_by: str | None = typer.Option(None, "--paid-by", help="The partner who paid."),
    invoice: str | None = typer.Option(None, "--invoice", help="Invoice or receipt reference."),
    supplier_address: str = typer.Option("", "--supplier-address", help="The supplier's address."),
    claimed: str = typer.Option("", "--claimed", help="When the claim for payment was made."),
    paid: str = typer.Option("", "--paid", help="When it was paid (YYYY-MM-DD)."),
    status: str = typer.Option("", "--status", help="paid, unpaid or disputed."),
    election: str = ElectionOpt,
    override: bool = OverrideOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Record one item of spending, warned (and refused) before it would breach a limit."""
    from hustings.money import SeatResolver
    from hustings.money.ledger import save_spend, spend_from_row

    store, places = _places(election)
    row = {
        "ref": ref, "date": day, "amount": amount, "category": category, "where": where,
        "supplier": supplier, "description": description, "candidate": candidate or "",
        "targeted_party": party or "", "notional": "yes" if notional else "",
        "joint_plan": joint_plan or "", "paid_by": paid_by or "", "invoice": invoice or "",
        "supplier_address": supplier_address, "claimed": claimed, "paid": paid, "status": status,
    }  # fmt: skip
    item = spend_from_row(row, places, SeatResolver(store, places))
    _render_save(save_spend(_db(), places, [item], override=override), as_json)


@money_app.command("check")
@handle_errors
def check_command(
    election: str = ElectionOpt,
    as_of: str | None = typer.Option(None, "--as-of", help="Count spending up to this date."),
    warn_at: float = typer.Option(0.8, "--warn-at", help="Warn from this share of a limit."),
    show_all: bool = typer.Option(False, "--all", help="List every seat, not only warnings."),
    as_json: bool = JsonOpt,
) -> None:
    """Every seat's and part's spending against its limits: headroom, warnings, breaches."""
    import math
    from fractions import Fraction

    from hustings.errors import InvalidInputError
    from hustings.money.check import check
    from hustings.money.model import parse_day

    _, places = _places(election)
    day = parse_day(as_of, what="--as-of") if as_of else None
    if not math.isfinite(warn_at):
        raise InvalidInputError(f"--warn-at {warn_at} is not a number", hint="give e.g. 0.8")
    result = check(_db(), places, as_of=day, warn_at=Fraction(str(warn_at)).limit_denominator(1000))
    if as_json:
        print_json(result.to_json())
        return
    _render_check(result, show_all)


def _render_check(result: Any, show_all: bool) -> None:
    from rich.table import Table

    from hustings.money import pounds
    from hustings.money.model import round_pence

    out = console()
    counts = result.counts()
    out.print(
        f"[bold]{result.election}[/] election, spending to {result.as_of.isoformat()}: "
        f"{pounds(round_pence(result.total))} in all; {counts['breach']} breach(es), "
        f"{counts['warning']} warning(s), {counts['ok']} ok"
    )
    table = Table("where", "limit", "spent", "limit (GBP)", "headroom", "status", "largest items")
    colour = {"ok": "green", "warning": "yellow", "breach": "red"}
    for row in [*result.parts, *result.seats]:
        if row.status == "ok" and not show_all and row.level == "seat":
            continue
        items = ", ".join(f"{i.ref} ({pounds(round_pence(i.share))})" for i in row.items)
        table.add_row(
            row.name + (f" ({row.party})" if row.party else ""),
            row.limit_key.removeprefix("non_party."),
            pounds(round_pence(row.spent)),
            pounds(row.limit_pence),
            pounds(round_pence(row.headroom)),
            f"[{colour[row.status]}]{row.status}[/]",
            items,
        )
    out.print(table)
    for threshold in result.thresholds:
        if threshold.crossed:
            amount = pounds(threshold.threshold_pence)
            out.print(f"crossed: {threshold.title} ({threshold.where}, {amount})")


@import_app.command("donations")
@handle_errors
def import_donations_command(
    path: Path = typer.Argument(
        ..., help="CSV: ref,donor_ref,amount,received[,donor_name,kind,accepted,evidence,...]."
    ),
    encoding: str = EncodingOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Import donations (new donors need a kind; evidence columns record a check)."""
    from hustings.money.donations import import_donations

    saved = import_donations(_db(), path, encoding=encoding)
    _done({"saved": saved}, f"saved {saved} donation(s)", as_json)


@import_app.command("pledges")
@handle_errors
def import_pledges_command(
    path: Path = typer.Argument(
        ..., help="CSV: ref,crowdfund,amount,pledged_on[,email,paid,paid_on,refunded_on]."
    ),
    encoding: str = EncodingOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Import pledges to crowdfunds, with what was paid and refunded."""
    from hustings.money.crowdfund import import_pledges

    saved = import_pledges(_db(), path, encoding=encoding)
    _done({"saved": saved}, f"saved {saved} pledge(s)", as_json)


def _done(payload: dict[str, Any], text: str, as_json: bool) -> None:
    if as_json:
        print_json(payload)
    else:
        console().print(text)


@money_app.command("donations")
@handle_errors
def donations_command(
    election: str = ElectionOpt,
    dissolved: str | None = typer.Option(
        None, "--dissolved", help="The day Parliament is dissolved (for a poll still to come)."
    ),
    as_json: bool = JsonOpt,
) -> None:
    """Donations over GBP 500 not shown permissible, and what each quarterly and weekly
    pre-poll report and the return must hold, with its deadline."""
    from hustings.money import pounds
    from hustings.money.donations import donation_report
    from hustings.money.model import parse_day

    _, places = _places(election)
    report = donation_report(
        _db(),
        polling_day=places.polling_day,
        dissolved=parse_day(dissolved, what="--dissolved") if dissolved else None,
    )
    if as_json:
        print_json(report.to_json())
        return
    out = console()
    out.print(f"{report.count} donation(s), {pounds(report.total_pence)} held")
    for line in report.flagged:
        out.print(
            f"[red]not shown permissible[/]: {line.ref} from donor {line.donor_ref} "
            f"({line.kind}, {pounds(line.pence)}); needs a passed '{line.needed_check}' check"
        )
    for period in report.periods:
        if not period.due:
            continue
        out.print(f"[bold]{period.period.label}[/], due by {period.period.due.isoformat()}:")
        for item in period.reportable:
            refs = ", ".join(item.refs)
            out.print(f"  donor {item.donor_ref}: {pounds(item.pence)} ({refs})")
        if period.other_pence:
            out.print(f"  other reportable donations: {pounds(period.other_pence)} in all")
        if period.returned:
            out.print(f"  returned as impermissible: {', '.join(period.returned)}")


@money_app.command("donor-check")
@handle_errors
def donor_check_command(
    donor_ref: str = typer.Argument(..., help="The donor's reference."),
    evidence: str = typer.Option(..., "--evidence", help="What was checked, where and when."),
    check_name: str | None = typer.Option(
        None, "--check", help="The check (default: the one the donor's kind needs)."
    ),
    failed: bool = typer.Option(False, "--failed", help="The check failed."),
    as_json: bool = JsonOpt,
) -> None:
    """Record a permissibility check of a donor, with its evidence (audited)."""
    from hustings.money.donations import record_check

    check_id = record_check(
        _db(), donor_ref, evidence=evidence, passed=not failed, check_name=check_name
    )
    _done({"check_id": check_id}, f"recorded check {check_id}", as_json)


crowdfund_app = typer.Typer(help="Crowdfunds: targets, pledges, progress.", no_args_is_help=True)
money_app.add_typer(crowdfund_app, name="crowdfund")


@crowdfund_app.command("add")
@handle_errors
def crowdfund_add_command(
    name: str = typer.Argument(..., help="The crowdfund's name."),
    target: str = typer.Option(..., "--target", help="Target in pounds."),
    seat: str | None = typer.Option(None, "--seat", help="The seat it raises for (default all)."),
    all_or_nothing: bool = typer.Option(
        False, "--all-or-nothing", help="Refund everything if the target is not met."
    ),
    closes: str | None = typer.Option(None, "--closes", help="Closing date (YYYY-MM-DD)."),
    election: str = ElectionOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Open a crowdfund with a target, national or for one seat."""
    from hustings.money import SeatResolver
    from hustings.money.crowdfund import add_crowdfund
    from hustings.money.model import parse_day, parse_pence

    code = None
    if seat:
        store, places = _places(election)
        code = SeatResolver(store, places)(seat)
    new = add_crowdfund(
        _db(), name, target_pence=parse_pence(target, what="target"), seat=code,
        all_or_nothing=all_or_nothing, closes_on=parse_day(closes) if closes else None,
    )  # fmt: skip
    _done({"id": new}, f"opened crowdfund {new}", as_json)


@crowdfund_app.command("list")
@handle_errors
def crowdfund_list_command(as_json: bool = JsonOpt) -> None:
    """Every crowdfund's progress: pledged and paid by the pledges that stand, refunded apart,
    status and refunds due."""
    from rich.table import Table

    from hustings.money import pounds
    from hustings.money.crowdfund import progress

    found = progress(_db())
    if as_json:
        print_json({"crowdfunds": [p.to_json() for p in found]})
        return
    table = Table("crowdfund", "target", "pledges", "pledged", "paid", "refunded", "status",
                  "refunds due")  # fmt: skip
    for item in found:
        back = f"{pounds(item.refunded_pence)} ({item.refunded_pledges})"
        table.add_row(item.name, pounds(item.target_pence), str(item.pledges),
                      pounds(item.pledged_pence), pounds(item.paid_pence), back, item.status,
                      pounds(item.refunds_due_pence))  # fmt: skip
    console().print(table)


@money_app.command("return")
@handle_errors
def return_command(
    election: str = ElectionOpt,
    csv_path: Path | None = typer.Option(None, "--csv", help="Write the totals as CSV here."),
    items_path: Path | None = typer.Option(
        None, "--items-csv", help="Write every item (supplier, dates, claim) as CSV here."
    ),
    donations_path: Path | None = typer.Option(
        None, "--donations-csv", help="Write the statement of donations as CSV here."
    ),
    html_path: Path | None = typer.Option(None, "--html", help="Write a printable page here."),
    as_json: bool = JsonOpt,
) -> None:
    """The spending return: totals per seat and part by category, every item with its supplier
    and claim, unpaid and disputed claims, the statement of donations, and its deadline."""
    from hustings.money import pounds
    from hustings.money.model import round_pence
    from hustings.money.returns import (
        return_csv,
        return_donations_csv,
        return_html,
        return_items_csv,
        spending_return,
        write_atomically,
    )

    _, places = _places(election)
    result = spending_return(_db(), places)
    if csv_path:
        write_atomically(csv_path, return_csv(result))
    if items_path:
        write_atomically(items_path, return_items_csv(result))
    if donations_path:
        write_atomically(donations_path, return_donations_csv(result))
    if html_path:
        write_atomically(html_path, return_html(result))
    if as_json:
        print_json(result.to_json())
        return
    uk = result.lines[0]
    console().print(
        f"{result.election} election: {pounds(round_pence(uk.total))} in all, "
        f"{len(result.lines) - 5} seat(s) with spending; due {result.due.isoformat()}"
        + (" with an auditor's report" if result.audited else "")
    )


def register(app: typer.Typer) -> None:
    """Add ``hustings money`` to the main app."""
    app.add_typer(money_app, name="money")


__all__ = ["money_app", "register"]
