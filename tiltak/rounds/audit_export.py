"""The plan's audit log as spreadsheet-safe CSV (the coordinator's download)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tiltak.safe_csv import spreadsheet_csv

from . import selectors
from .models import ReportingRound

HEADER = ["tidspunkt", "bruker", "handling", "objekttype", "objekt-id", "objekt",
          "tiltak-id", "før", "etter", "begrunnelse"]  # fmt: skip


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if value is not None else ""


def audit_rows(rnd: ReportingRound) -> Iterator[list[str]]:
    """One row per audit event of the round and of the plan itself, oldest first."""
    for event in selectors.plan_audit(rnd.plan, rnd.pk):
        yield [
            event.at.isoformat(),
            event.actor_name,
            event.action,
            event.model,
            event.object_id,
            event.object_repr,
            str(event.measure_id or ""),
            _json(event.before),
            _json(event.after),
            event.reason,
        ]


def audit_csv(rnd: ReportingRound) -> bytes:
    """The round's audit log as CSV (UTF-8, formulas neutralised)."""
    return spreadsheet_csv(HEADER, audit_rows(rnd))


def audit_filename(rnd: ReportingRound) -> str:
    """The download's file name: logg-<plan>-<round>.csv."""
    return f"logg-{rnd.plan.slug}-{rnd.slug}.csv"
