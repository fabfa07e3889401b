"""Checking a stored reporting round against the rules, with the round before it."""

from __future__ import annotations

from dataclasses import dataclass

from tiltak.documents.checks import run_checks
from tiltak.documents.model import Finding, PlanDocument
from tiltak.plans.models import ReportingRound
from tiltak.plans.selectors import plan_rounds, round_document


@dataclass(slots=True)
class RoundCheck:
    """A checked round: its document, the previous round's document if any, and the findings."""

    document: PlanDocument
    previous: PlanDocument | None
    findings: list[Finding]


def previous_round(rnd: ReportingRound) -> ReportingRound | None:
    """The plan's round just before this one (by as-of date), if any."""
    rounds = list(plan_rounds(rnd.plan))
    index = next(i for i, other in enumerate(rounds) if other.pk == rnd.pk)
    return rounds[index - 1] if index > 0 else None


def check_round(
    rnd: ReportingRound,
    previous: ReportingRound | PlanDocument | None = None,
    *,
    compare: bool = True,
) -> RoundCheck:
    """Run every rule over a stored round; `previous` defaults to the round before it."""
    document = round_document(rnd)
    if previous is None and compare:
        previous = previous_round(rnd)
    before = round_document(previous) if isinstance(previous, ReportingRound) else previous
    return RoundCheck(document, before, run_checks(document, before))
