"""Read-only queries for the public portal; only published rounds are ever returned."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    Prefetch,
    QuerySet,
    prefetch_related_objects,
)
from django.utils.translation import gettext as _

from tiltak.documents.vocabulary import DISPLAY_ORDER_WITH_NONE, status_key, status_label
from tiltak.plans.models import (
    Chapter,
    Measure,
    MeasureReference,
    MeasureResponsibility,
    Organisation,
    Plan,
)
from tiltak.rounds import public
from tiltak.rounds.models import ReportingRound, RoundFinding, StatusEntry

from .plan_language import status_language

STATUS_ORDER = DISPLAY_ORDER_WITH_NONE
STATUS_LABELS: dict[str, str] = {status: status_label(status) for status in STATUS_ORDER}
"""The bokmål labels in display order (the files people download, and which filters exist)."""


def status_labels() -> dict[str, str]:
    """The status labels in the active language (or the nynorsk of the plan whose page this is,
    `plan_language.py`), in display order (templates iterate over it)."""
    language = status_language()
    return {status: status_label(status, language) for status in STATUS_ORDER}


KIND_PARAMS: dict[str, str] = {"tiltak": "measure", "anmodningsvedtak": "request"}
PAGE_SIZE = 50
# The front page shows this many plans, the newest first; /planer/ lists them all.
FRONT_PAGE_PLANS = 24


@dataclass(slots=True)
class Distribution:
    """How many measures have each status; `counts` has every key of STATUS_ORDER."""

    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUS_ORDER, 0))
    key: str = ""
    url: str = ""

    @property
    def total(self) -> int:
        """All measures counted."""
        return sum(self.counts.values())

    def items(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in display order."""
        labels = status_labels()
        return [(s, labels[s], self.counts[s]) for s in STATUS_ORDER]


@dataclass(slots=True)
class PlanOverview:
    """A plan with its latest published round and that round's status distribution."""

    plan: Plan
    round: ReportingRound
    distribution: Distribution
    round_count: int


published_rounds = public.public_rounds


def public_plans() -> QuerySet[Plan]:
    """Plans with at least one public round."""
    return public.public_plans().select_related("coordinating_organisation")


def public_plan(slug: str) -> Plan | None:
    """The plan with this slug if it has a published round."""
    return public_plans().filter(slug=slug).first()


def plan_published_rounds(plan: Plan) -> list[ReportingRound]:
    """The plan's published rounds, oldest first."""
    return list(public.plan_public_rounds(plan))


def pick_round(rounds: Sequence[ReportingRound], slug: str | None) -> ReportingRound | None:
    """The round with this slug, or the latest when no slug is given; None for an unknown slug."""
    if not rounds:
        return None
    if not slug:
        return rounds[-1]
    return next((r for r in rounds if r.slug == slug), None)


def _count_rows(rows: Iterable[dict[str, Any]], key: str) -> dict[object, Distribution]:
    """Distributions keyed by `key` from aggregate rows (`values()`) with "status" and "n"."""
    result: dict[object, Distribution] = {}
    for row in rows:
        dist = result.setdefault(row[key], Distribution(label=""))
        dist.counts[status_key(row["status"])] += int(row["n"])
    return result


def round_distribution(rnd: ReportingRound) -> Distribution:
    """The status distribution of all measures in the round (one aggregate query)."""
    dist = Distribution(label=_("Alle tiltak"))
    for row in rnd.entries.values("status").annotate(n=Count("id")).order_by():
        dist.counts[status_key(row["status"])] += row["n"]
    return dist


def rounds_distributions(rounds: Sequence[ReportingRound]) -> dict[int, Distribution]:
    """Status distributions of several rounds, by round id (one aggregate query)."""
    rows = (
        StatusEntry.objects.filter(round__in=[r.pk for r in rounds])
        .values("round_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    found = _count_rows(rows, "round_id")
    return {r.pk: found.get(r.pk, Distribution(label="")) for r in rounds}


def chapter_distributions(rnd: ReportingRound) -> list[Distribution]:
    """Status distribution per chapter of the round's plan, in chapter order (two queries)."""
    rows = rnd.entries.values("measure__chapter_id", "status").annotate(n=Count("id")).order_by()
    found = _count_rows(rows, "measure__chapter_id")
    result = []
    for chapter in Chapter.objects.filter(plan_id=rnd.plan_id).order_by("order", "key"):
        dist = found.get(chapter.pk)
        if dist is None:
            continue
        dist.label = f"{chapter.key}. {chapter.title}" if chapter.key else chapter.title
        dist.key = chapter.key
        result.append(dist)
    if None in found:
        dist = found[None]
        dist.label = _("Uten kapittel")
        result.append(dist)
    return result


def organisation_distributions(rnd: ReportingRound) -> list[Distribution]:
    """Status distribution per responsible organisation; a measure counts once for each."""
    org = "measure__responsibilities__organisation"
    rows = (
        rnd.entries.filter(**{f"{org}__isnull": False})
        .values(f"{org}__acronym", f"{org}__name", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    result: dict[str, Distribution] = {}
    for row in rows:
        acronym, name = row[f"{org}__acronym"], row[f"{org}__name"]
        label = acronym if name in {"", acronym} else f"{acronym} – {name}"
        dist = result.setdefault(acronym, Distribution(label=label, key=acronym))
        dist.counts[status_key(row["status"])] += row["n"]
    return sorted(result.values(), key=lambda d: (-d.total, d.key.lower()))


def _public_rounds_by_plan(plans: Sequence[Plan]) -> dict[int, list[ReportingRound]]:
    """The plans' public rounds by plan id, oldest first (one query)."""
    rounds_by_plan: dict[int, list[ReportingRound]] = {}
    for rnd in published_rounds().filter(plan__in=plans).order_by("as_of", "published_at", "id"):
        rounds_by_plan.setdefault(rnd.plan_id, []).append(rnd)
    return rounds_by_plan


def front_page(limit: int) -> tuple[list[PlanOverview], int]:
    """The newest `limit` public plans with their latest published round and status
    distribution, and how many public plans there are (3 queries)."""
    plans = list(public_plans().order_by("-period_start", "title"))
    total = len(plans)
    plans = plans[:limit]
    rounds_by_plan = _public_rounds_by_plan(plans)
    latest = [rounds[-1] for rounds in rounds_by_plan.values()]
    distributions = rounds_distributions(latest)
    overviews = [
        PlanOverview(
            plan=plan,
            round=rounds_by_plan[plan.pk][-1],
            distribution=distributions[rounds_by_plan[plan.pk][-1].pk],
            round_count=len(rounds_by_plan[plan.pk]),
        )
        for plan in plans
        if plan.pk in rounds_by_plan
    ]
    return overviews, total


# Index pages


@dataclass(slots=True)
class PlanIndexItem:
    """A public plan on the plan index: its latest public round and how many measures it has."""

    plan: Plan
    latest_round: ReportingRound
    round_count: int
    measure_count: int


def plan_index() -> list[PlanIndexItem]:
    """Every public plan, newest period first, with its latest public round (2 queries)."""
    plans = list(
        public_plans()
        .annotate(measure_count=Count("measures", distinct=True))
        .order_by("-period_start", "title", "id")
    )
    rounds_by_plan = _public_rounds_by_plan(plans)
    return [
        PlanIndexItem(
            plan=plan,
            latest_round=rounds_by_plan[plan.pk][-1],
            round_count=len(rounds_by_plan[plan.pk]),
            measure_count=plan.measure_count,
        )
        for plan in plans
        if plan.pk in rounds_by_plan
    ]


@dataclass(slots=True)
class OrganisationIndexItem:
    """An organisation responsible for measures in public plans, and how many."""

    organisation: Organisation
    measure_count: int
    plan_count: int


def organisation_index() -> list[OrganisationIndexItem]:
    """Organisations responsible for measures in public plans, by name (one query)."""
    # filter() before annotate(): the counts run over the same join, public plans only.
    organisations = (
        Organisation.objects.filter(responsibilities__measure__plan__in=public.public_plans())
        .annotate(
            public_measures=Count("responsibilities__measure", distinct=True),
            public_plans=Count("responsibilities__measure__plan", distinct=True),
        )
        .order_by("name", "acronym")
    )
    return [
        OrganisationIndexItem(
            organisation=org,
            measure_count=org.public_measures,
            plan_count=org.public_plans,
        )
        for org in organisations
    ]


# Measure lists


@dataclass(frozen=True, slots=True)
class MeasureFilters:
    """The measure list's filters as given in the query string (unknown values are ignored)."""

    chapter: str = ""
    organisation: str = ""
    status: str = ""
    kind: str = ""
    query: str = ""

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return any((self.chapter, self.organisation, self.status, self.kind, self.query))

    def public(self) -> public.MeasureFilters:
        """The filters in the public read layer's terms (the free text is searched apart)."""
        return public.MeasureFilters(
            chapter=self.chapter,
            organisation=self.organisation,
            status=self.status if self.status in STATUS_LABELS else "",
            kind=KIND_PARAMS.get(self.kind, ""),
        )


def _responsibilities_prefetch(
    prefix: str = "",
) -> Prefetch[str, QuerySet[MeasureResponsibility]]:
    """Prefetch of the responsible organisations, lead first."""
    return Prefetch(
        f"{prefix}responsibilities",
        queryset=MeasureResponsibility.objects.select_related("organisation").order_by("position"),
    )


def round_entries(rnd: ReportingRound, filters: MeasureFilters) -> QuerySet[StatusEntry]:
    """The round's status entries in plan order, filtered (the free text is not applied here)."""
    return public.round_entries(rnd, filters.public())


def with_responsible(entries: Iterable[StatusEntry]) -> list[StatusEntry]:
    """The entries with their measures' responsible organisations loaded (one query)."""
    entries = list(entries)
    prefetch_related_objects([e.measure for e in entries], _responsibilities_prefetch())
    return entries


def plan_chapters(plan: Plan) -> list[Chapter]:
    """The plan's chapters in order."""
    return list(plan.chapters.order_by("order", "key"))


def plan_organisations(plan: Plan) -> list[Organisation]:
    """Organisations responsible for at least one of the plan's measures."""
    return list(
        Organisation.objects.filter(responsibilities__measure__plan=plan)
        .distinct()
        .order_by("acronym")
    )


# One measure


@dataclass(slots=True)
class TimelineItem:
    """A measure's status in one published round."""

    round: ReportingRound
    status: str
    label: str
    updated: bool = True  # False: the previous round's status, carried forward


@dataclass(slots=True)
class MeasureDetail:
    """Everything the measure page shows."""

    measure: Measure
    entry: StatusEntry | None
    timeline: list[TimelineItem]
    findings: list[RoundFinding]
    references: list[Measure]
    referenced_by: list[Measure]
    responsibilities: list[MeasureResponsibility]


def public_measure(plan: Plan, number: str) -> Measure | None:
    """The plan's measure with this number, if the plan is public."""
    return (
        Measure.objects.filter(plan=plan, number=number).select_related("chapter", "plan").first()
    )


def measure_detail(measure: Measure, rnd: ReportingRound) -> MeasureDetail:
    """The measure in the round `rnd`, with its status in every published round and its findings."""
    entries = list(
        StatusEntry.objects.filter(measure=measure, round__in=public.public_rounds())
        .select_related("round")
        .order_by("round__as_of", "round__published_at", "round_id")
    )
    entry = next((e for e in entries if e.round_id == rnd.pk), None)
    timeline = [
        TimelineItem(
            e.round,
            status_key(e.status),
            STATUS_LABELS[status_key(e.status)],
            e.updated_this_round,
        )
        for e in entries
    ]
    findings = list(
        RoundFinding.objects.filter(measure=measure, round__in=public.public_rounds())
        .select_related("round")
        .order_by("round__as_of", "round_id", "position", "id")
    )
    public_plan_ids = public_plans().values("pk")
    references = [
        ref.to_measure
        for ref in MeasureReference.objects.filter(
            from_measure=measure, to_measure__plan__in=public_plan_ids
        )
        .select_related("to_measure", "to_measure__plan")
        .order_by("to_measure__plan_id", "to_measure__order")
    ]
    referenced_by = [
        ref.from_measure
        for ref in MeasureReference.objects.filter(
            to_measure=measure, from_measure__plan__in=public_plan_ids
        )
        .select_related("from_measure", "from_measure__plan")
        .order_by("from_measure__plan_id", "from_measure__order")
    ]
    responsibilities = list(
        measure.responsibilities.select_related("organisation", "organisation__successor")
    )
    return MeasureDetail(
        measure=measure,
        entry=entry,
        timeline=timeline,
        findings=findings,
        references=references,
        referenced_by=referenced_by,
        responsibilities=responsibilities,
    )


# Organisations


@dataclass(slots=True)
class OrganisationMeasure:
    """A measure an organisation is responsible for, with its latest published status."""

    measure: Measure
    lead: bool
    round: ReportingRound
    status: str


@dataclass(slots=True)
class OrganisationPage:
    """An organisation with its measures, grouped by plan."""

    organisation: Organisation
    plans: list[tuple[Plan, ReportingRound, list[OrganisationMeasure]]]
    predecessors: list[Organisation]

    @property
    def measure_count(self) -> int:
        """How many measures in all."""
        return sum(len(items) for _, _, items in self.plans)


def organisation_by_acronym(acronym: str) -> Organisation | None:
    """The organisation with this acronym (exact, else ignoring case)."""
    base = Organisation.objects.select_related("successor")
    return base.filter(acronym=acronym).first() or base.filter(acronym__iexact=acronym).first()


def organisation_page(organisation: Organisation) -> OrganisationPage:
    """Every public measure the organisation is responsible for, with its latest status."""
    latest: dict[int, ReportingRound] = {}
    for rnd in published_rounds().select_related("plan").order_by("as_of", "published_at", "id"):
        latest[rnd.plan_id] = rnd
    responsibilities = list(
        MeasureResponsibility.objects.filter(
            organisation=organisation, measure__plan_id__in=list(latest)
        )
        .select_related("measure", "measure__plan", "measure__chapter")
        .order_by("measure__plan__title", "measure__order", "measure_id")
    )
    statuses = dict(
        StatusEntry.objects.filter(
            round_id__in=[r.pk for r in latest.values()],
            measure_id__in=[r.measure_id for r in responsibilities],
        ).values_list("measure_id", "status")
    )
    grouped: dict[int, list[OrganisationMeasure]] = {}
    for resp in responsibilities:
        measure = resp.measure
        grouped.setdefault(measure.plan_id, []).append(
            OrganisationMeasure(
                measure=measure,
                lead=resp.position == 0,
                round=latest[measure.plan_id],
                status=status_key(statuses.get(measure.pk)),
            )
        )
    plans = [(items[0].measure.plan, latest[plan_id], items) for plan_id, items in grouped.items()]
    return OrganisationPage(
        organisation=organisation,
        plans=plans,
        predecessors=list(organisation.predecessors.order_by("acronym")),
    )
