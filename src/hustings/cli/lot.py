"""``hustings lot``: selection by lot with quotas, exclusions and a verifiable seeded draw."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from hustings.cli._common import console, handle_errors, print_json

lot_app = typer.Typer(
    name="lot",
    help="Select boards and assemblies by lot: quotas, exclusions, LEXIMIN, verifiable draws.",
    no_args_is_help=True,
)

PoolOpt = typer.Option(..., "--pool", help="Pool CSV: one row per person (NationBuilder ok).")
QuotasOpt = typer.Option(
    ...,
    "--quotas",
    help="Quotas CSV: category,feature,min,max or feature,value,min,max or feature,value,share.",
)
SizeOpt = typer.Option(..., "--size", help="Panel size.")
MethodOpt = typer.Option("leximin", "--method", help="leximin, maximin or legacy.")
ExcludeOpt = typer.Option(None, "--exclude", help="File of ids to exclude, one per line.")
WhereOpt = typer.Option(
    None, "--exclude-where", help="Exclude people with COLUMN=VALUE (repeatable), e.g. office=yes."
)
HouseholdOpt = typer.Option(
    None,
    "--household-column",
    help="Column(s) forming the household key; at most one person per household (repeatable).",
)
IdOpt = typer.Option(
    None, "--id-column", help="Id column (default: id/nationbuilder_id, else row)."
)
JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON instead of tables.")
EncodingOpt = typer.Option(
    "utf-8", "--encoding", help="Text encoding of the pool, quotas and exclusion files."
)


def _instance(
    pool: Path,
    quotas: Path,
    size: int,
    exclude: Path | None,
    where: list[str] | None,
    household: list[str] | None,
    id_column: str | None,
    encoding: str,
) -> Any:
    from hustings import lot

    quota_set = lot.read_quotas(quotas, size=size, encoding=encoding)
    people = lot.read_pool(
        pool,
        features=quota_set.features,
        id_column=id_column,
        household_columns=household or (),
        encoding=encoding,
    )
    ids = lot.read_exclusions(exclude, encoding=encoding) if exclude else frozenset()
    return lot.build_instance(
        people,
        quota_set,
        size,
        exclusions=lot.exclusions(ids, where or ()),
        one_per_household=bool(household),
    )


@lot_app.command("select")
@handle_errors
def select_command(
    pool: Path = PoolOpt,
    quotas: Path = QuotasOpt,
    size: int = SizeOpt,
    method: str = MethodOpt,
    exclude: Path | None = ExcludeOpt,
    exclude_where: list[str] | None = WhereOpt,
    household_column: list[str] | None = HouseholdOpt,
    id_column: str | None = IdOpt,
    encoding: str = EncodingOpt,
    seed: str | None = typer.Option(
        None, "--seed", help="Any string, e.g. a published lottery number (default: random)."
    ),
    output: Path | None = typer.Option(
        None, "--output", writable=True, help="Also write the full JSON here."
    ),
    as_json: bool = JsonOpt,
) -> None:
    """Compute the lottery and draw one panel from it with a seed anyone can re-run."""
    import json
    import secrets

    from hustings import lot
    from hustings._io import check_output, write_text

    if output:
        check_output(output, what="result JSON")
    instance = _instance(
        pool, quotas, size, exclude, exclude_where, household_column, id_column, encoding
    )
    result = lot.select(instance, seed=seed or secrets.token_hex(8), method=method)
    payload = result.to_json()
    if output:
        write_text(
            output, json.dumps(payload, indent=2, ensure_ascii=False) + "\n", what="result JSON"
        )
    if as_json:
        print_json(payload)
        return
    _render_panel(result)


def _render_panel(result: Any) -> None:
    from rich.table import Table

    out = console()
    people = {p.id: p for p in result.instance.people}
    features = result.instance.quotas.features
    table = Table("id", *features, "probability", title=f"Panel of {result.instance.size}")
    probabilities = result.probabilities
    for pid in result.panel:
        person = people[pid]
        table.add_row(pid, *(person.features[f] for f in features), f"{probabilities[pid]:.4f}")
    out.print(table)
    out.print(
        f"method {result.method}; minimum probability {result.min_probability:.4f}; "
        f"{len(result.distribution.weights)} panels in the lottery; "
        f"seed '{result.draw.seed}' (sha256 {result.draw.digest[:16]}...); "
        f"{len(result.instance.excluded)} excluded; {result.stats.get('seconds', 0):.2f} s"
    )


@lot_app.command("audit")
@handle_errors
def audit_command(
    pool: Path = PoolOpt,
    quotas: Path = QuotasOpt,
    size: int = SizeOpt,
    method: str = MethodOpt,
    exclude: Path | None = ExcludeOpt,
    exclude_where: list[str] | None = WhereOpt,
    household_column: list[str] | None = HouseholdOpt,
    id_column: str | None = IdOpt,
    encoding: str = EncodingOpt,
    result: Path | None = typer.Option(
        None, "--result", help="A result JSON from 'lot select --json' to verify."
    ),
    as_json: bool = JsonOpt,
) -> None:
    """Print everyone's selection probability and the panel lottery, or verify a result."""

    from hustings import lot

    instance = _instance(
        pool, quotas, size, exclude, exclude_where, household_column, id_column, encoding
    )
    if result is not None:
        audit = lot.audit_result(instance, _read_result(result))
        _render_audit(audit, as_json)
        if not audit.ok:
            raise typer.Exit(2)
        return
    selection = lot.select(instance, seed="audit", method=method)
    payload = selection.to_json()
    if as_json:
        print_json(
            {
                k: payload[k]
                for k in (
                    "method",
                    "probabilities",
                    "min_probability",
                    "distribution",
                    "excluded",
                    "stats",
                )
            }
        )
        return
    _render_lottery(selection)


def _read_result(path: Path) -> Any:
    import json

    from hustings._io import read_text
    from hustings.errors import InvalidInputError

    try:
        return json.loads(read_text(path, what="result"))
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"result file {path}: not valid JSON ({exc.msg} at line {exc.lineno})",
            hint="pass the JSON written by 'hustings lot select --json', complete",
        ) from None


def _render_lottery(selection: Any) -> None:
    from rich.table import Table

    out = console()
    dist = selection.distribution
    probs = dist.type_probabilities()
    people = selection.instance.people
    table = Table("type", "features", "people", "probability", title="Selection probabilities")
    for t, kind in enumerate(dist.types):
        ids = [people[i].id for i in kind.members]
        shown = ", ".join(ids[:4]) + (f" (+{len(ids) - 4})" if len(ids) > 4 else "")
        table.add_row(str(t), " / ".join(kind.features), shown, f"{probs[t]:.4f}")
    out.print(table)
    panels = Table("panel", "probability", "composition (type x count)", title="Panel lottery")
    for j, (comp, weight) in enumerate(zip(dist.compositions, dist.weights, strict=True)):
        text = " ".join(f"{t}x{c}" for t, c in enumerate(comp) if c)
        panels.add_row(str(j), f"{weight:.6f}", text)
    out.print(panels)
    out.print(f"minimum probability {selection.min_probability:.4f} ({selection.method})")


def _render_audit(audit: Any, as_json: bool) -> None:
    if as_json:
        print_json(audit.to_json())
        return
    out = console()
    for name, passed, detail in audit.checks:
        out.print(f"{'PASS' if passed else 'FAIL'}  {name}" + (f"  ({detail})" if detail else ""))


def register(app: typer.Typer) -> None:
    """Add the ``lot`` sub-app to ``app``."""
    app.add_typer(lot_app, name="lot")
