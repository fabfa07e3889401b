"""Services for lineage: suggest successors, and confirm or reject links.

Every service that changes data takes an `actor`; `check_permission` is the one place where the
permission rules of the reporting-rounds work will be enforced (today every actor may link).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from tiltak.plans.models import Measure, Plan, ReportingRound

from . import similarity
from .models import MeasureLink

DEFAULT_TOP = 3


class LinkError(Exception):
    """A link cannot be made; the message is one line for the user."""


class PermissionDenied(LinkError):
    """The actor may not change this link."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: a user when there is one, and a name for the record ("cli:alice")."""

    name: str
    user: Any = None  # a django.contrib.auth user, when the request has one


def check_permission(actor: Actor, action: str, measure: Measure, successor: Measure) -> None:
    """Raise PermissionDenied unless the actor may do `action` on the link; all may, for now."""
    if not actor.name and actor.user is None:
        raise PermissionDenied("an anonymous actor cannot change links")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One likely successor in plan B of a measure of plan A."""

    measure: Measure
    successor: Measure
    rank: int
    score: float
    terms: list[str] = field(default_factory=list)


def _texts(plan: Plan) -> list[similarity.Text]:
    """The plan's measures (not the Storting's requests) with their latest published narrative."""
    rnd = plan.rounds.filter(state=ReportingRound.State.PUBLISHED).order_by("as_of", "id").last()
    narratives = dict(rnd.entries.values_list("measure_id", "narrative")) if rnd is not None else {}
    measures = plan.measures.filter(kind=Measure.Kind.MEASURE).prefetch_related(
        "responsibilities__organisation"
    )
    return [
        similarity.Text(
            key=m,
            title=m.title,
            narrative=narratives.get(m.pk, ""),
            organisations=tuple(r.organisation.acronym for r in m.responsibilities.all()),
        )
        for m in measures.order_by("order", "id")
    ]


def suggest_successors(plan_a: Plan, plan_b: Plan, *, top: int = DEFAULT_TOP) -> list[Suggestion]:
    """For each measure of plan A, its `top` most likely successors in plan B, best first."""
    if plan_a.pk == plan_b.pk:
        raise LinkError("the two plans must differ")
    ranked = similarity.rank(_texts(plan_a), _texts(plan_b), top=max(1, top))
    return [
        Suggestion(measure, match.key, index, match.score, match.terms)
        for measure, matches in ranked.items()
        for index, match in enumerate(matches, start=1)
    ]


def store_suggestions(suggestions: list[Suggestion], *, actor: Actor) -> int:
    """Store suggestions as suggested links; links already stored are left as they are.

    Returns how many links were created.
    """
    created = 0
    with transaction.atomic():
        for s in suggestions:
            check_permission(actor, "suggest", s.measure, s.successor)
            _, made = MeasureLink.objects.get_or_create(
                measure=s.measure,
                successor=s.successor,
                defaults={"score": s.score, "matched_terms": s.terms},
            )
            created += made
    return created


def _validate_pair(measure: Measure, successor: Measure) -> None:
    """The two measures must be in different plans."""
    if measure.plan_id == successor.plan_id:
        raise LinkError("a measure can only be linked to a measure of another plan")


def confirm_link(
    measure: Measure,
    successor: Measure,
    *,
    actor: Actor,
    relation: str = MeasureLink.Relation.CONTINUES,
    note: str = "",
) -> MeasureLink:
    """Record that `successor` continues, replaces or absorbs `measure`; returns the link."""
    if relation not in MeasureLink.Relation.values:
        raise LinkError(f"unknown relation {relation!r}")
    return _decide(measure, successor, MeasureLink.State.CONFIRMED, actor, note, relation)


def reject_link(
    measure: Measure, successor: Measure, *, actor: Actor, note: str = ""
) -> MeasureLink:
    """Record that `successor` does not follow `measure`, so it is not suggested again."""
    return _decide(measure, successor, MeasureLink.State.REJECTED, actor, note, None)


def _decide(
    measure: Measure,
    successor: Measure,
    state: str,
    actor: Actor,
    note: str,
    relation: str | None,
) -> MeasureLink:
    """Create or update the pair's link with a decision by the actor."""
    _validate_pair(measure, successor)
    check_permission(actor, state, measure, successor)
    with transaction.atomic():
        link, _ = MeasureLink.objects.select_for_update().get_or_create(
            measure=measure, successor=successor
        )
        link.state = state
        if relation is not None:
            link.relation = relation
        link.note = note.strip() or link.note
        link.decided_by = actor.user if getattr(actor.user, "pk", None) else None
        link.decided_by_name = actor.name[:200]
        link.decided_at = timezone.now()
        link.save()
    return link
