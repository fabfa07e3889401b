"""Selectors for lineage: a measure's predecessors and successors, and stored links."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from tiltak.plans.models import Measure, Plan, ReportingRound, StatusEntry

from .models import MeasureLink


@dataclass(frozen=True, slots=True)
class LinkedMeasure:
    """A measure on the other end of a confirmed link, with its latest published status."""

    measure: Measure
    relation: str
    link: MeasureLink
    latest: StatusEntry | None  # its entry in its plan's latest published round, if any


@dataclass(frozen=True, slots=True)
class Lineage:
    """Where a measure came from and where it went."""

    predecessors: list[LinkedMeasure]
    successors: list[LinkedMeasure]


def measure_lineage(measure: Measure, *, include_suggested: bool = False) -> Lineage:
    """The measure's confirmed predecessors and successors, each with its latest published status.

    include_suggested adds links not yet confirmed or rejected (for editors, not the public).
    """
    states = [MeasureLink.State.CONFIRMED]
    if include_suggested:
        states.append(MeasureLink.State.SUGGESTED)
    related = ("measure__plan", "successor__plan", "measure__chapter", "successor__chapter")
    back = list(
        MeasureLink.objects.filter(successor=measure, state__in=states)
        .select_related(*related)
        .order_by("measure__plan__period_start", "measure__order", "id")
    )
    forward = list(
        MeasureLink.objects.filter(measure=measure, state__in=states)
        .select_related(*related)
        .order_by("successor__plan__period_start", "successor__order", "id")
    )
    latest = latest_published_entries(
        [link.measure for link in back] + [link.successor for link in forward]
    )
    return Lineage(
        predecessors=[
            LinkedMeasure(link.measure, link.relation, link, latest.get(link.measure_id))
            for link in back
        ],
        successors=[
            LinkedMeasure(link.successor, link.relation, link, latest.get(link.successor_id))
            for link in forward
        ],
    )


def latest_published_entries(measures: list[Measure]) -> dict[int, StatusEntry]:
    """Each measure's entry in the latest published round of its plan that has one."""
    if not measures:
        return {}
    entries = (
        StatusEntry.objects.filter(
            measure__in=measures, round__state=ReportingRound.State.PUBLISHED
        )
        .select_related("round")
        .order_by("measure_id", "round__as_of", "round__id")
    )
    return {entry.measure_id: entry for entry in entries}  # later rounds overwrite earlier


def plan_links(plan_a: Plan, plan_b: Plan) -> QuerySet[MeasureLink]:
    """Stored links from measures of plan A to measures of plan B, in A's order."""
    return (
        MeasureLink.objects.filter(measure__plan=plan_a, successor__plan=plan_b)
        .select_related("measure", "successor")
        .order_by("measure__order", "-score", "id")
    )
