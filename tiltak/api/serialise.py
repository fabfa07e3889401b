"""Model objects as the API's response dictionaries (see schemas)."""

from __future__ import annotations

from typing import Any

from tiltak.plans.models import Chapter, Measure, Organisation, Plan
from tiltak.rounds.models import ReportingRound, StatusEntry

from .selectors import MeasureChange, published_rounds, round_status_counts


def organisation_ref(org: Organisation | None) -> dict[str, str] | None:
    """An organisation as acronym and name."""
    return {"acronym": org.acronym, "name": org.name} if org is not None else None


def organisation(org: Organisation) -> dict[str, Any]:
    """An organisation with its successor and measure count."""
    return {
        "acronym": org.acronym,
        "name": org.name,
        "kind": org.kind,
        "valid_from": org.valid_from,
        "valid_to": org.valid_to,
        "successor": org.successor.acronym if org.successor else None,
        "measure_count": getattr(org, "measure_count", 0),
    }


def round_summary(rnd: ReportingRound) -> dict[str, Any]:
    """A round's slug, title, date and publication time."""
    return {
        "slug": rnd.slug,
        "title": rnd.title,
        "as_of": rnd.as_of,
        "published_at": rnd.published_at.isoformat() if rnd.published_at else None,
    }


def round_detail(rnd: ReportingRound) -> dict[str, Any]:
    """A round with its plan, introduction and status counts."""
    return {
        **round_summary(rnd),
        "plan": rnd.plan.slug,
        "introduction": rnd.introduction,
        "status_counts": round_status_counts(rnd),
    }


def chapter(ch: Chapter) -> dict[str, Any]:
    """A chapter with its measure count."""
    return {
        "chapter": ch.key,
        "chapter_title": ch.title,
        "introduction": ch.introduction,
        "measure_count": getattr(ch, "measure_count", 0),
    }


def plan_summary(plan: Plan) -> dict[str, Any]:
    """A plan as listed."""
    return {
        "plan": plan.slug,
        "plan_title": plan.title,
        "subtitle": plan.subtitle,
        "kind": plan.kind,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "coordinating_organisation": organisation_ref(plan.coordinating_organisation),
        "measure_count": getattr(plan, "measure_count", 0),
        "round_count": getattr(plan, "round_count", 0),
    }


def plan_detail(plan: Plan, chapters: list[Chapter]) -> dict[str, Any]:
    """A plan with chapters and published rounds."""
    return {
        **plan_summary(plan),
        "storting_references": plan.storting_references,
        "chapters": [chapter(c) for c in chapters],
        "rounds": [round_summary(r) for r in published_rounds(plan)],
    }


def _measure_facts(measure: Measure) -> dict[str, Any]:
    """The facts of a measure that do not depend on the round."""
    ch = measure.chapter
    return {
        "number": measure.number,
        "kind": measure.kind,
        "chapter": ch.key if ch else "",
        "chapter_title": ch.title if ch else "",
        "title": measure.title,
        "responsible": [r.organisation.acronym for r in measure.responsibilities.all()],
        "responsible_all": measure.responsible_all,
        "period": measure.period,
    }


def measure_status(entry: StatusEntry, plan: Plan, rnd: ReportingRound) -> dict[str, Any]:
    """One row of the exchange format as JSON."""
    return {
        "plan": plan.slug,
        "round": rnd.slug,
        "round_as_of": rnd.as_of,
        **_measure_facts(entry.measure),
        "status": entry.status or None,
        "status_label": entry.status_label,
        "narrative": entry.narrative,
        "updated_this_round": entry.updated_this_round,
    }


def linked(item: Any) -> dict[str, Any]:
    """A lineage.selectors.LinkedMeasure as the API shows it."""
    entry = item.latest
    return {
        "plan": item.measure.plan.slug,
        "number": item.measure.number,
        "title": item.measure.title,
        "relation": item.relation,
        "round": entry.round.slug if entry else None,
        "status": (entry.status or None) if entry else None,
        "status_label": entry.status_label if entry else "",
    }


def measure_detail(measure: Measure, statuses: list[StatusEntry], lineage: Any) -> dict[str, Any]:
    """A measure with its statuses per published round and its lineage."""
    return {
        "plan": measure.plan.slug,
        **_measure_facts(measure),
        "statuses": [
            {
                "round": e.round.slug,
                "round_title": e.round.title,
                "round_as_of": e.round.as_of,
                "status": e.status or None,
                "status_label": e.status_label,
                "narrative": e.narrative,
                "updated_this_round": e.updated_this_round,
            }
            for e in statuses
        ],
        "predecessors": [linked(i) for i in lineage.predecessors] if lineage else [],
        "successors": [linked(i) for i in lineage.successors] if lineage else [],
    }


def change(item: MeasureChange) -> dict[str, Any]:
    """A change between two rounds."""
    m = item.measure
    return {
        "number": item.number,
        "title": item.title,
        "chapter": m.chapter.key if m is not None and m.chapter else "",
        "change": item.change,
        "status_before": (item.before.status or None) if item.before else None,
        "status_after": (item.after.status or None) if item.after else None,
        "status_label_before": item.before.status_label if item.before else "",
        "status_label_after": item.after.status_label if item.after else "",
    }
