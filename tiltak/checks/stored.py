"""Checking a stored reporting round against the rules, with the round before it."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from tiltak.caching.version import data_version
from tiltak.documents.checks import run_checks
from tiltak.documents.model import Finding, PlanDocument
from tiltak.rounds.documents import plan_rounds, round_document
from tiltak.rounds.models import ReportingRound

# A published round's document is the same until the public data change.
PUBLISHED_DOCUMENT_SECONDS = 3600


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
    before = _published_document(previous) if isinstance(previous, ReportingRound) else previous
    return RoundCheck(document, before, run_checks(document, before))


def _published_document(rnd: ReportingRound) -> PlanDocument:
    """The round's document; a published round's from the cache while the data are unchanged
    (during a reporting round every check compares with the same published round)."""
    if rnd.state != ReportingRound.State.PUBLISHED:
        return round_document(rnd)
    key = f"tiltak:round-document:{rnd.pk}:{data_version()}"
    document = cache.get(key)
    if not isinstance(document, PlanDocument):
        document = round_document(rnd)
        cache.set(key, document, PUBLISHED_DOCUMENT_SECONDS)
    return document
