"""``hustings targets``, ``hustings tactical`` and ``hustings alliance``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from hustings.cli._common import MAX_SIMS, console, handle_errors, print_json

if TYPE_CHECKING:
    from hustings.data.api import Store
    from hustings.tactics.forecasts import Forecast

JsonFlag = typer.Option(False, "--json", help="Print JSON instead of tables.")
BaseOption = typer.Option(
    "2024",
    "--base",
    help="Base election: 2024 (the default, for the next election), 2010-2019 or 2019-notional.",
)
SharesOption = typer.Option(
    None,
    "--shares",
    help="Project under GB shares: LAB=33.7,CON=23.7 (percent), latest-polls, polls-YYYY-MM-DD, "
    "final-polls-2024 or actual-2024.",
)
SeedOption = typer.Option(0, "--seed", min=0, help="Random seed of the simulations.")
ModelOption = typer.Option("uns", "--model", help="Projection swing model.")


def _store() -> Store:
    from hustings.data.api import Store

    return Store()


def _shares(store: Store, text: str | None) -> dict[str, float] | None:
    if text is None or text.strip().lower() == "base":
        return None
    from hustings.projection import parse_shares

    return parse_shares(text, store)


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def targets_command(
    party: str = typer.Option(..., "--party", help="Party code, e.g. LAB."),
    base: str = BaseOption,
    shares: str | None = SharesOption,
    top: int | None = typer.Option(None, "--top", min=1, help="Show only the first N seats."),
    defence: bool = typer.Option(False, "--defence", help="Seats the party holds, weakest first."),
    jeopardy: bool = typer.Option(
        False, "--jeopardy", help="Held seats lost under --shares (seats in jeopardy)."
    ),
    rank_by: str | None = typer.Option(None, "--rank-by", help="swing or probability."),
    sims: int = typer.Option(
        0, "--sims", min=0, max=MAX_SIMS, help="Simulations for win probabilities (needs --shares)."
    ),
    seed: int = SeedOption,
    model: str = ModelOption,
    csv_path: Path | None = typer.Option(
        None, "--csv", writable=True, help="Also write the list to this CSV."
    ),
    as_json: bool = JsonFlag,
) -> None:
    """Attack list (default), defence list or seats in jeopardy for a party."""
    from hustings._io import check_output, write_text
    from hustings.targets import target_list

    if defence and jeopardy:
        from hustings.errors import InvalidInputError

        raise InvalidInputError(
            "--defence and --jeopardy ask for different lists",
            hint="give one: --defence (held seats, weakest first) or --jeopardy (held seats "
            "lost under --shares)",
        )
    if csv_path is not None:
        check_output(csv_path, what="CSV")
    store = _store()
    mode = "jeopardy" if jeopardy else ("defence" if defence else "attack")
    result = target_list(
        store, party=party, base=base, shares=_shares(store, shares), mode=mode, top=top,
        rank_by=rank_by, sims=sims, seed=seed, model=model,
    )  # fmt: skip
    if csv_path is not None:
        write_text(csv_path, result.to_csv(), what="CSV")
    if as_json:
        print_json(result.to_json())
        return
    from rich.table import Table

    table = Table(title=f"{result.party} {result.mode} list from {result.base}")
    chances = any(r.win_probability is not None for r in result.rows)
    projected = any(r.projected_winner for r in result.rows)
    columns = ("seat", "region", "holder", "majority", "maj %", "swing", "win", "projected")
    shown = [c for c in columns if (c != "win" or chances) and (c != "projected" or projected)]
    for col in [*shown, "leave"]:
        numeric = col in ("majority", "maj %", "swing", "win", "leave")
        table.add_column(col, overflow="fold", justify="right" if numeric else "left")
    for r in result.rows:
        chance = (_pct(r.win_probability),) if chances else ()
        winner = (r.projected_winner or "",) if projected else ()
        table.add_row(
            r.name, r.region, r.holder, f"{r.majority:,}", f"{r.majority_pct:.1f}",
            f"{r.swing_needed:.1f}", *chance, *winner, _pct(r.leave),
        )  # fmt: skip
    console().print(table)


def tactical_command(
    base: str | None = typer.Option(
        None,
        "--base",
        help="Base election (default: 2024 for advice, 2019-notional for "
        "--backtest, which may not be scored on its own base).",
    ),
    bloc: str = typer.Option("LAB,LD,GRN,SNP,PC", "--bloc", help="The bloc's parties."),
    against: str = typer.Option("CON", "--against", help="The opponent party."),
    shares: str | None = typer.Option(
        None,
        "--shares",
        help="GB shares to project under (default: latest-polls for advice, "
        "the final polls for --backtest): LAB=33.7,CON=23.7 (percent), latest-polls, "
        "polls-YYYY-MM-DD, final-polls-2024, actual-2024, or base (the base result itself).",
    ),
    policy: str = typer.Option("projection", "--policy", help="projection or previous-result."),
    sims: int = typer.Option(
        10_000, "--sims", min=0, max=MAX_SIMS, help="Simulations behind the probabilities."
    ),
    seed: int = SeedOption,
    model: str = ModelOption,
    backtest: bool = typer.Option(
        False, "--backtest", help="Score the policies and the 2024 sites on the 2024 result."
    ),
    forecast: list[str] = typer.Option(
        [],
        "--forecast",
        help="A published seat forecast to count as much as the projection (repeatable): a CSV "
        "file with gss,party columns, or with --backtest a stored 2024 forecast (economist, "
        "election-maps-uk, new-statesman, principal-fish).",
    ),
    as_json: bool = JsonFlag,
) -> None:
    """Whom the bloc's supporters should back in every seat, how sure, and why."""
    store = _store()
    if backtest:
        _backtest(
            store, base or "2019-notional", bloc, against, shares, sims, seed, model, as_json,
            forecast,
        )  # fmt: skip
        return
    from hustings.tactics import advise
    from hustings.tactics.forecasts import resolve

    given = resolve(store, forecast, None)
    advice = advise(
        store, base=base or "2024", bloc=bloc, against=against,
        shares=_shares(store, shares or "latest-polls"), policy=policy, sims=sims, seed=seed,
        model=model, forecasts=given,
    )  # fmt: skip
    if as_json:
        print_json(advice.to_json())
        return
    from rich.table import Table

    table = Table(title=f"Tactical advice ({advice.policy}) against {advice.against}")
    for col in ("seat", "back", "sure", "label", "evidence"):
        table.add_column(col, overflow="fold")
    for r in advice.rows:
        table.add_row(r.name, r.recommended, _pct(r.probability), r.label, r.evidence)
    console().print(table)
    _credit(advice.forecasts)


def _credit(forecasts: Sequence[Forecast]) -> None:
    for f in forecasts:
        console().print(f"Seat forecast '{f.name}' ({len(f.calls)} seats): {f.source}")


def _backtest(
    store: Store, base: str, bloc: str, against: str, shares: str | None, sims: int,
    seed: int, model: str, as_json: bool, forecasts: Sequence[str],
) -> None:  # fmt: skip
    from hustings.tactics.backtest import backtest

    result = backtest(
        store, base=base, bloc=bloc, against=against, shares=_shares(store, shares),
        sims=sims, seed=seed, model=model, forecasts=forecasts,
    )  # fmt: skip
    if as_json:
        print_json(result.to_json())
        return
    from rich.table import Table

    table = Table(title=f"Tactical back-test on {result.election} from {result.base}")
    for col in ("scorer", "seats", "1st or 2nd", "best placed", "won", "any", "TBC"):
        table.add_column(col, overflow="fold")
    for s in result.scores:
        table.add_row(
            s.scorer, str(s.seats), f"{s.first_or_second:.1%}", f"{s.best_placed:.1%}",
            f"{s.won:.1%}", str(s.no_call), str(s.undecided),
        )  # fmt: skip
    out = console()
    out.print(table)
    clashes = Table(title="Disagreements with the sites (right = the bloc's best placed)")
    for col in ("site", "seat", "ours", "theirs", "best placed", "right"):
        clashes.add_column(col, overflow="fold")
    for d in result.disagreements:
        clashes.add_row(d.site, d.name, d.ours, d.theirs, d.best_placed, d.right)
    out.print(clashes)
    _credit(result.forecasts)


def alliance_command(
    stand_down: list[str] = typer.Option(
        ..., "--stand-down", help="PARTY:all, PARTY:all-where-LAB-or-LD-best or PARTY:GSS,GSS."
    ),
    base: str = BaseOption,
    transfers: Path | None = typer.Option(
        None, "--transfers", help='JSON {"GRN": {"LAB": 0.5, "ABSTAIN": 0.1}} or CSV from,to,rate.'
    ),
    shares: str | None = SharesOption,
    sims: int = typer.Option(
        0, "--sims", min=0, max=MAX_SIMS, help="Simulations for the chance each seat changes."
    ),
    seed: int = SeedOption,
    model: str = ModelOption,
    as_json: bool = JsonFlag,
) -> None:
    """Seats that change hands when parties stand down, net change and sensitivity."""
    from hustings.tactics.alliance import simulate_alliance
    from hustings.tactics.transfers import read_transfers

    store = _store()
    rates = read_transfers(transfers) if transfers is not None else None
    result = simulate_alliance(
        store, base=base, stand_down=stand_down, transfers=rates,
        shares=_shares(store, shares), sims=sims, seed=seed, model=model,
    )  # fmt: skip
    if as_json:
        print_json(result.to_json())
        return
    _render_alliance(result)


def _render_alliance(result: Any) -> None:
    from rich.table import Table

    out = console()
    for s in result.stand_downs:
        out.print(f"{s.party} stands down in {len(s.seats)} seats ({s.rule})")
    changes = Table(title="Seats that change hands")
    for col in ("seat", "before", "after", "chance"):
        changes.add_column(col, overflow="fold")
    for c in result.changes:
        changes.add_row(c.name, c.before, c.after, _pct(c.probability))
    out.print(changes)
    out.print("Net change: " + ", ".join(f"{p} {n:+d}" for p, n in result.net.items()))
    sens = Table(title="Sensitivity: share of stood-down voters following the transfer matrix")
    for col in ("factor", "seats changing", "net"):
        sens.add_column(col, overflow="fold")
    for r in result.sensitivity:
        net = ", ".join(f"{p} {n:+d}" for p, n in r.net.items())
        sens.add_row(f"{r.factor:.0%}", str(r.changed), net)
    out.print(sens)


def register(app: typer.Typer) -> None:
    """Add ``targets``, ``tactical`` and ``alliance`` to ``app``."""
    app.command("targets")(handle_errors(targets_command))
    app.command("tactical")(handle_errors(tactical_command))
    app.command("alliance")(handle_errors(alliance_command))
