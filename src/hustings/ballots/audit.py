"""The audit table of a count: one row per stage and candidate, as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from hustings.ballots.model import CountResult

AUDIT_COLUMNS = (
    "file",
    "method",
    "stage",
    "action",
    "subject",
    "candidate",
    "total",
    "transfer",
    "status",
    "quota",
    "non_transferable",
    "rounding_loss",
    "note",
)


def audit_rows(result: CountResult, *, file: str = "") -> list[dict[str, str]]:
    """Every stage x candidate of ``result`` as flat rows (values as exact decimal strings)."""
    rows: list[dict[str, str]] = []
    done: dict[str, str] = {}
    ties = {t.stage: t for t in result.ties}
    for stage in result.stages:
        for name in stage.elected:
            done[name] = "elected"
        for name in stage.excluded:
            done[name] = "excluded"
        tie = ties.get(stage.number)
        note = "; ".join(
            part
            for part in (
                stage.note,
                f"tie ({tie.reason}) among {', '.join(tie.tied)}: {tie.chosen} {tie.how}"
                if tie
                else "",
            )
            if part
        )
        for i, name in enumerate(result.candidates):
            rows.append(
                {
                    "file": file,
                    "method": result.method,
                    "stage": str(stage.number),
                    "action": stage.action,
                    "subject": stage.subject or "",
                    "candidate": name,
                    "total": str(stage.totals[i]),
                    "transfer": str(stage.transfers[i]),
                    "status": done.get(name, "continuing"),
                    "quota": "" if stage.quota is None else str(stage.quota),
                    "non_transferable": str(stage.non_transferable),
                    "rounding_loss": str(stage.rounding_loss),
                    "note": note,
                }
            )
    return rows


def write_audit(results: Iterable[tuple[str, CountResult]], path: str | Path) -> int:
    """Write the audit rows of every ``(file, result)`` to one CSV; returns the row count."""
    from hustings._io import atomic_writer

    written = 0
    with atomic_writer(path, what="audit CSV") as fh:
        writer = csv.DictWriter(fh, fieldnames=AUDIT_COLUMNS)
        writer.writeheader()
        for file, result in results:
            rows = audit_rows(result, file=file)
            writer.writerows(rows)
            written += len(rows)
    return written
