"""Selectors that read a plan's rounds and build a stored round as the document core's
`PlanDocument`, for reports, checks and the exchange format."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, QuerySet

from tiltak.documents.language import as_plan_language
from tiltak.documents.model import Chapter as DocChapter
from tiltak.documents.model import (
    Finding,
    PlanDocument,
    PlanInfo,
    ReportInfo,
    Severity,
    as_measure_kind,
    as_organisation_kind,
)
from tiltak.documents.model import Measure as DocMeasure
from tiltak.documents.model import Organisation as DocOrganisation
from tiltak.documents.vocabulary import as_status
from tiltak.plans.models import MeasureReference, MeasureResponsibility, Plan

from .models import ReportingRound, StatusEntry


def plan_rounds(plan: Plan) -> QuerySet[ReportingRound]:
    """The plan's reporting rounds, oldest first."""
    return plan.rounds.order_by("as_of", "id")


def round_by_slug_or_title(plan: Plan, key: str) -> ReportingRound | None:
    """The plan's round whose slug or title is `key`."""
    return plan.rounds.filter(slug=key).first() or plan.rounds.filter(title=key).first()


def round_entries(rnd: ReportingRound) -> QuerySet[StatusEntry]:
    """The round's status entries in plan order, with measure, chapter and responsible loaded."""
    return (
        rnd.entries.select_related("measure", "measure__chapter")
        .prefetch_related(
            Prefetch(
                "measure__responsibilities",
                queryset=MeasureResponsibility.objects.select_related("organisation").order_by(
                    "position"
                ),
            )
        )
        .order_by("measure__order", "measure__id")
    )


def round_document(rnd: ReportingRound) -> PlanDocument:
    """A stored round as the document core's `PlanDocument`, for reports and checks.

    Measures come in plan order with the round's status and narrative (the previous round's,
    marked not updated, where publishing carried them forward); references are the stored
    ones; findings are the round's stored findings. Plain rows, not model instances: the
    checks build this on every workspace page.
    """
    plan = rnd.plan
    entries = rnd.entries.order_by("measure__order", "measure__id").values(
        "status",
        "status_label",
        "narrative",
        "measure_id",
        "measure__number",
        "measure__kind",
        "measure__chapter__key",
        "measure__title",
        "measure__responsible_all",
        "measure__period",
        "updated_this_round",
    )
    responsible: dict[int, list[str]] = defaultdict(list)
    organisations: dict[str, DocOrganisation] = {}
    for measure_id, acronym, name, kind in (
        MeasureResponsibility.objects.filter(measure__plan_id=plan.pk)
        .order_by("measure_id", "position")
        .values_list(
            "measure_id", "organisation__acronym", "organisation__name", "organisation__kind"
        )
    ):
        responsible[measure_id].append(acronym)
        organisations.setdefault(
            acronym, DocOrganisation(acronym, name, as_organisation_kind(kind))
        )
    references: dict[int, list[str]] = defaultdict(list)
    for from_id, to_number in MeasureReference.objects.filter(
        from_measure__plan_id=plan.pk
    ).values_list("from_measure_id", "to_measure__number"):
        references[from_id].append(to_number)
    measures = []
    named: set[str] = set()
    for entry in entries:
        measure_id = entry["measure_id"]
        acronyms = responsible.get(measure_id, [])
        named.update(acronyms)
        measures.append(
            DocMeasure(
                number=entry["measure__number"],
                kind=as_measure_kind(entry["measure__kind"]),
                chapter=entry["measure__chapter__key"],
                title=entry["measure__title"],
                responsible=list(acronyms),
                responsible_all=entry["measure__responsible_all"],
                responsible_raw=_responsible_raw(acronyms, entry["measure__responsible_all"]),
                status=as_status(entry["status"]),
                status_label=entry["status_label"] or None,
                period=entry["measure__period"] or None,
                narrative=entry["narrative"],
                references=references.get(measure_id, []),
                updated_this_round=entry["updated_this_round"],
            )
        )
    coordinator = plan.coordinating_organisation
    return PlanDocument(
        plan=PlanInfo(
            title=plan.title,
            subtitle=plan.subtitle or None,
            period=(plan.period_start, plan.period_end)
            if plan.period_start and plan.period_end
            else None,
            owner=coordinator.name if coordinator else None,
            kind=plan.kind,
        ),
        report=ReportInfo(title=rnd.title, as_of=rnd.as_of or None),
        chapters=[
            DocChapter(chapter.key, chapter.title, chapter.introduction)
            for chapter in plan.chapters.order_by("order", "id")
        ],
        measures=measures,
        organisations=[organisations[acronym] for acronym in sorted(named)],
        language=as_plan_language(plan.language),
        findings=[
            Finding(
                finding.code,
                Severity(finding.severity),
                finding.measure_number or None,
                finding.message,
                finding.evidence,
            )
            for finding in rnd.findings.all()
        ],
        source_format="database",
        introduction=rnd.introduction,
    )


def _responsible_raw(acronyms: list[str], everyone: bool) -> str | None:
    """The responsible field as plans write it: "JD, BFD og HOD", "JD, alle"."""
    if everyone:
        return ", ".join([*acronyms, "alle"]) if acronyms else "Alle"
    if not acronyms:
        return None
    if len(acronyms) == 1:
        return acronyms[0]
    return ", ".join(acronyms[:-1]) + " og " + acronyms[-1]
