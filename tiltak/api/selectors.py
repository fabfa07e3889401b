"""Selectors for the public API and open data: published data only.

A plan is public when it has at least one published reporting round; its chapters, measures
and organisations are public with it, and statuses are public only from published rounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from tiltak.caching.version import data_version as counter
from tiltak.documents.vocabulary import NO_STATUS, STATUSES, status_key
from tiltak.plans.models import Chapter, Measure, MeasureResponsibility, Organisation, Plan
from tiltak.rounds import public
from tiltak.rounds.models import ReportingRound, StatusEntry


def clean_text(value: str | None) -> str:
    """A user-given string without NUL characters (PostgreSQL refuses them) or outer spaces."""
    return (value or "").replace("\x00", "").strip()


def published_rounds_all() -> QuerySet[ReportingRound]:
    """Every public round, oldest first per plan."""
    return public.public_rounds().order_by("plan_id", "as_of", "published_at", "id")


def public_plans() -> QuerySet[Plan]:
    """Public plans, newest period first, with their measure and public round counts."""
    rounds = public.public_rounds().filter(plan=OuterRef("pk")).order_by().values("plan")
    return (
        public.public_plans()
        .select_related("coordinating_organisation")
        .annotate(
            measure_count=Count("measures", distinct=True),
            round_count=Subquery(rounds.annotate(n=Count("id")).values("n")[:1]),
        )
        .order_by("-period_start", "title", "id")
    )


def public_plan(slug: str, *, counts: bool = False) -> Plan | None:
    """The public plan with this slug, if any; counts adds measure_count and round_count."""
    plans = public_plans() if counts else public.public_plans()
    return plans.select_related("coordinating_organisation").filter(slug=clean_text(slug)).first()


def published_rounds(plan: Plan) -> QuerySet[ReportingRound]:
    """The plan's public rounds, oldest first."""
    return public.plan_public_rounds(plan)


def published_round(plan: Plan, slug: str | None) -> ReportingRound | None:
    """The plan's published round with this slug, or its latest published round if slug is None."""
    rounds = published_rounds(plan)
    if slug is None:
        return rounds.last()
    return rounds.filter(slug=clean_text(slug)).first()


def round_status_counts(rnd: ReportingRound) -> dict[str, int]:
    """How many measures of the round have each status ("none" for no status)."""
    counts = dict.fromkeys((*STATUSES, NO_STATUS), 0)
    for row in rnd.entries.values("status").annotate(n=Count("id")):
        counts[status_key(row["status"])] = row["n"]
    return counts


def plan_chapters(plan: Plan) -> QuerySet[Chapter]:
    """The plan's chapters in order, with their measure counts."""
    return plan.chapters.annotate(measure_count=Count("measures")).order_by("order", "key", "id")


def _responsibilities() -> Prefetch[str, QuerySet[MeasureResponsibility]]:
    """Prefetch of measures' responsible organisations, lead first."""
    return Prefetch(
        "responsibilities",
        queryset=MeasureResponsibility.objects.select_related("organisation").order_by("position"),
    )


MeasureFilters = public.MeasureFilters


def measure_filters(
    chapter: str | None, organisation: str | None, status: str | None, kind: str | None
) -> MeasureFilters:
    """The public read layer's filters from the API's query parameters."""
    return MeasureFilters(
        chapter=clean_text(chapter),
        organisation=clean_text(organisation),
        status=clean_text(status),
        kind=clean_text(kind),
    )


def round_measures(rnd: ReportingRound, filters: MeasureFilters) -> QuerySet[StatusEntry]:
    """The round's status entries in plan order, filtered, with responsible loaded."""
    return public.round_entries(rnd, filters).prefetch_related(
        Prefetch(
            "measure__responsibilities",
            queryset=MeasureResponsibility.objects.select_related("organisation").order_by(
                "position"
            ),
        )
    )


def public_measure(plan: Plan, number: str) -> Measure | None:
    """The plan's measure with this number, with chapter and responsible loaded."""
    return (
        plan.measures.select_related("chapter")
        .prefetch_related(_responsibilities())
        .filter(number=clean_text(number))
        .first()
    )


def measure_statuses(measure: Measure) -> QuerySet[StatusEntry]:
    """The measure's status in every published round, oldest first."""
    return (
        measure.status_entries.filter(round__in=public.public_rounds())
        .select_related("round")
        .order_by("round__as_of", "round__id")
    )


MeasureChange = public.MeasureChange


def round_changes(before: ReportingRound | None, after: ReportingRound) -> list[MeasureChange]:
    """Measures added, removed, or with a new status or narrative, from `before` to `after`."""
    return public.compare_rounds(before, after).changes


def public_organisations() -> QuerySet[Organisation]:
    """Organisations responsible for a measure of, or coordinating, a public plan."""
    plans = public_plans().values("pk")
    return (
        Organisation.objects.filter(
            Q(responsibilities__measure__plan__in=plans) | Q(coordinated_plans__in=plans)
        )
        .select_related("successor")
        .annotate(
            measure_count=Count(
                "responsibilities",
                filter=Q(responsibilities__measure__plan__in=plans),
                distinct=True,
            )
        )
        .order_by("acronym")
        .distinct()
    )


def public_organisation(acronym: str) -> Organisation | None:
    """The public organisation with this acronym (any case), if any."""
    return public_organisations().filter(acronym__iexact=clean_text(acronym)).first()


def paginate(items: QuerySet[Any] | Sequence[Any], page: int, page_size: int) -> dict[str, Any]:
    """One page of items with the total count: count, page, page_size, pages, items."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    start = (page - 1) * page_size
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": max(1, -(-count // page_size)),
        "items": list(items[start : start + page_size]) if start < count else [],
    }


def data_version() -> str:
    """A short string that changes whenever the stored data changes (the data-version counter)."""
    return f"v{counter()}"


# The write API's lookups (any state; the endpoints check what the token's user may see).


def measure_by_ref(plan_slug: str, number: str) -> Measure | None:
    """The measure with this number in the plan with this slug, with its plan."""
    return (
        Measure.objects.select_related("plan").filter(plan__slug=plan_slug, number=number).first()
    )


def has_published_round(plan: Plan) -> bool:
    """Whether the plan has a published round (so its measures are public)."""
    return plan.rounds.filter(state=ReportingRound.State.PUBLISHED).exists()
