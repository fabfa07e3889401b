"""Selectors for lineage: a measure's predecessors and successors, stored links, and the
coordinator's review of the links between two plans."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from tiltak.plans.models import Chapter, Measure, Plan
from tiltak.rounds.models import ReportingRound, StatusEntry

from .models import MeasureLink


def link_plan_id(link: MeasureLink) -> int | None:
    """The plan a link between two plans is logged with: the later one, whose coordinator
    decides it."""
    if MeasureLink.successor.is_cached(link):
        return link.successor.plan_id
    return Measure.objects.filter(pk=link.successor_id).values_list("plan_id", flat=True).first()


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


# The coordinator's review of the links from one plan to the next.


@dataclass(frozen=True, slots=True)
class ReviewLink:
    """A stored link from a measure of plan A to one of plan B, with B's latest status."""

    link: MeasureLink
    latest: StatusEntry | None

    @property
    def percent(self) -> int | None:
        """The similarity as a whole percentage (None for a link made by hand)."""
        return None if self.link.score is None else round(100 * self.link.score)


@dataclass(slots=True)
class ReviewRow:
    """A measure of plan A: its undecided suggestions (best first) and its decided links."""

    measure: Measure
    latest: StatusEntry | None
    suggested: list[ReviewLink] = field(default_factory=list)
    decided: list[ReviewLink] = field(default_factory=list)
    notices: list[Any] = field(default_factory=list)  # messages about it, set by the view

    @property
    def confirmed(self) -> list[ReviewLink]:
        """The confirmed links."""
        return [r for r in self.decided if r.link.state == MeasureLink.State.CONFIRMED]

    @property
    def is_settled(self) -> bool:
        """Settled: a successor is confirmed, or every suggestion has been rejected."""
        return bool(self.confirmed) or (bool(self.decided) and not self.suggested)


@dataclass(frozen=True, slots=True)
class ReviewChapter:
    """A chapter of plan A (None: measures without one) and its rows."""

    chapter: Chapter | None
    rows: list[ReviewRow]


@dataclass(frozen=True, slots=True)
class LinkReview:
    """Everything the coordinator's page shows for the pair (plan A → plan B)."""

    plan_a: Plan
    plan_b: Plan
    chapters: list[ReviewChapter]
    measures: int  # measures of plan A, shown or not
    settled: int
    links: Counter[str]  # stored links by state
    successors: list[Measure]  # plan B's measures, for choosing one by number

    @property
    def unsettled(self) -> int:
        """Measures of plan A not settled yet."""
        return self.measures - self.settled

    @property
    def rows(self) -> list[ReviewRow]:
        """The rows shown, in order."""
        return [row for chapter in self.chapters for row in chapter.rows]


def link_review(
    plan_a: Plan, plan_b: Plan, *, unsettled_only: bool = False, keep: int | None = None
) -> LinkReview:
    """Plan A's measures by chapter with their links into plan B, in a fixed number of queries.

    Plan A's measures proper, and any of its Storting requests that has a link. unsettled_only
    leaves out settled measures, except the one with primary key `keep` (just decided).
    """
    measures = list(
        Measure.objects.filter(plan=plan_a)
        .filter(Q(kind=Measure.Kind.MEASURE) | Q(successor_links__successor__plan=plan_b))
        .distinct()
        .select_related("chapter")
        .order_by(F("chapter__order").asc(nulls_last=True), "chapter_id", "order", "id")
    )
    links = list(
        MeasureLink.objects.filter(measure__plan=plan_a, successor__plan=plan_b)
        .select_related("successor")
        .order_by(F("score").desc(nulls_last=True), "successor__order", "id")
    )
    latest = _latest_statuses([m.pk for m in measures] + [link.successor_id for link in links])
    rows = {m.pk: ReviewRow(m, latest.get(m.pk)) for m in measures}
    order: dict[str, int] = {MeasureLink.State.CONFIRMED: 0, MeasureLink.State.REJECTED: 1}
    for link in sorted(links, key=lambda item: order.get(item.state, 2)):  # stable: keeps score
        row = rows.get(link.measure_id)
        if row is None:
            continue
        item = ReviewLink(link, latest.get(link.successor_id))
        (row.suggested if link.state == MeasureLink.State.SUGGESTED else row.decided).append(item)
    settled = sum(row.is_settled for row in rows.values())
    chapters: list[ReviewChapter] = []
    for measure in measures:
        row = rows[measure.pk]
        if unsettled_only and row.is_settled and measure.pk != keep:
            continue
        if not chapters or chapters[-1].chapter != measure.chapter:
            chapters.append(ReviewChapter(measure.chapter, []))
        chapters[-1].rows.append(row)
    return LinkReview(
        plan_a=plan_a,
        plan_b=plan_b,
        chapters=chapters,
        measures=len(measures),
        settled=settled,
        links=Counter(link.state for link in links),
        successors=list(plan_b.measures.order_by("order", "id").only("plan", "number", "title")),
    )


def _latest_statuses(measure_ids: list[int]) -> dict[int, StatusEntry]:
    """Each measure's entry in its plan's latest published round that has one, without the
    narrative (one query)."""
    if not measure_ids:
        return {}
    entries = (
        StatusEntry.objects.filter(
            measure_id__in=set(measure_ids), round__state=ReportingRound.State.PUBLISHED
        )
        .select_related("round")
        .defer("narrative", "review_comment", "round__introduction")
        .order_by("measure_id", "round__as_of", "round__id")
    )
    return {entry.measure_id: entry for entry in entries}  # later rounds overwrite earlier


def plan_measure(plan: Plan, *, pk: Any = None, number: str | None = None) -> Measure | None:
    """The plan's measure with this primary key or number, if there is one."""
    measures = Measure.objects.filter(plan=plan).select_related("plan")
    if pk is not None:
        try:
            return measures.filter(pk=int(pk)).first()
        except (TypeError, ValueError):
            return None
    if number is not None and number.strip():
        return measures.filter(number=number.strip()).first()
    return None


@dataclass(frozen=True, slots=True)
class PlanPair:
    """Two plans with stored links between them, counted by state."""

    plan_a: Plan
    plan_b: Plan
    links: dict[str, int]


def plan_pairs(plans: list[Plan]) -> list[PlanPair]:
    """The pairs of plans with stored links where either plan is one of `plans`."""
    ids = [plan.pk for plan in plans]
    counts = (
        MeasureLink.objects.filter(Q(measure__plan__in=ids) | Q(successor__plan__in=ids))
        .values("measure__plan", "successor__plan", "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    grouped: dict[tuple[int, int], dict[str, int]] = {}
    for row in counts:
        key = (row["measure__plan"], row["successor__plan"])
        grouped.setdefault(key, {})[row["state"]] = row["n"]
    known = Plan.objects.in_bulk({pk for pair in grouped for pk in pair})
    pairs = [PlanPair(known[a], known[b], states) for (a, b), states in grouped.items()]
    return sorted(pairs, key=lambda p: (p.plan_b.title, p.plan_a.title))
