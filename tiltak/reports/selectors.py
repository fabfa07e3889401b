"""Selectors: the rounds and documents the reports are made from."""

from __future__ import annotations

from tiltak.documents.model import Organisation as DocOrganisation
from tiltak.documents.model import PlanDocument, as_organisation_kind
from tiltak.plans.models import Organisation
from tiltak.rounds.documents import round_document
from tiltak.rounds.models import ReportingRound


def report_document(rnd: ReportingRound) -> PlanDocument:
    """The round as a `PlanDocument`, with every stored organisation for the acronym list.

    The renderer lists only the organisations whose acronym occurs in the report.
    """
    document = round_document(rnd)
    known = {organisation.acronym for organisation in document.organisations}
    extra = [
        DocOrganisation(
            organisation.acronym, organisation.name, as_organisation_kind(organisation.kind)
        )
        for organisation in Organisation.objects.exclude(acronym__in=known).order_by("acronym")
    ]
    document.organisations = sorted(
        [*document.organisations, *extra], key=lambda o: o.acronym.casefold()
    )
    return document


def published_round(plan_slug: str, round_slug: str) -> ReportingRound | None:
    """The published round `round_slug` of plan `plan_slug`, if there is one."""
    return (
        ReportingRound.objects.select_related("plan")
        .filter(plan__slug=plan_slug, slug=round_slug, state=ReportingRound.State.PUBLISHED)
        .first()
    )


def latest_round(rounds: list[ReportingRound]) -> ReportingRound | None:
    """The newest of `rounds` (they come oldest first)."""
    return rounds[-1] if rounds else None


def round_by_id(round_id: int) -> ReportingRound:
    """The round with this id, its plan with it (a report job knows the round by id)."""
    return ReportingRound.objects.select_related("plan").get(pk=round_id)


def workflow_states(rnd: ReportingRound) -> dict[str, str]:
    """Measure number → workflow state of the round's entries (for a draft report)."""
    return dict(rnd.entries.values_list("measure__number", "workflow_state"))
