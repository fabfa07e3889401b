"""Services for lineage: suggest successors, and confirm, reject or undo links.

Every service that changes data takes an `actor`. An actor with a user (the web pages, the API)
is held to tiltak.rounds.permissions.can_link_measures: the coordinator of either plan, or an
administrator. An actor without a user is a command run by the operator ("cli:alice"), trusted.
Every change is recorded in the audit log (tiltak.audit) with the actor.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core import exceptions
from django.db import transaction
from django.utils import timezone

from tiltak.audit.context import audit_context
from tiltak.plans.models import Measure, Plan
from tiltak.rounds import permissions
from tiltak.rounds.models import ReportingRound

from . import similarity
from .models import MeasureLink

DEFAULT_TOP = 3


class LinkError(Exception):
    """A link cannot be made; the message is one line for the user."""


class PermissionDenied(LinkError, exceptions.PermissionDenied):
    """The actor may not change this link (HTTP 403 when a view lets it through)."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: a user when there is one, and a name for the record ("cli:alice")."""

    name: str
    user: Any = None  # a django.contrib.auth user, when the request has one


def check_permission(actor: Actor, action: str, measure: Measure, successor: Measure) -> None:
    """Raise PermissionDenied unless the actor may do `action` on the link.

    With a user: the coordinator of either measure's plan, or an administrator. Without one, a
    named actor is the operator at the command line and may; an unnamed one may not.
    """
    if actor.user is None:
        if not actor.name:
            raise PermissionDenied("an anonymous actor cannot change links")
        return
    if not permissions.can_link_measures(actor.user, measure, successor):
        raise PermissionDenied(
            "Bare koordinator for en av planene eller en administrator kan koble tiltak."
        )


def check_plan_permission(actor: Actor, plan_a: Plan, plan_b: Plan) -> None:
    """Raise PermissionDenied unless the actor may link measures of plan A to plan B."""
    if actor.user is None:
        if not actor.name:
            raise PermissionDenied("an anonymous actor cannot change links")
        return
    if not permissions.can_link_plans(actor.user, plan_a, plan_b):
        raise PermissionDenied(
            "Bare koordinator for en av planene eller en administrator kan koble tiltak."
        )


@contextmanager
def _recorded(actor: Actor, action: str, reason: str = "") -> Iterator[None]:
    """Changes inside the block go to the audit log as `action` by the actor."""
    user = actor.user if getattr(actor.user, "is_authenticated", False) else None
    with audit_context(actor=user, action=action, reason=reason, actor_name=actor.name):
        yield


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
    with transaction.atomic(), _recorded(actor, "suggest_links"):
        for s in suggestions:
            check_permission(actor, "suggest", s.measure, s.successor)
            _, made = MeasureLink.objects.get_or_create(
                measure=s.measure,
                successor=s.successor,
                defaults={"score": s.score, "matched_terms": s.terms},
            )
            created += made
    return created


def generate_suggestions(
    plan_a: Plan, plan_b: Plan, *, actor: Actor, top: int = DEFAULT_TOP
) -> tuple[int, int]:
    """Suggest successors in plan B for plan A's measures and store the new ones.

    The permission is checked before the work. Returns (suggestions found, links created).
    """
    check_plan_permission(actor, plan_a, plan_b)
    suggestions = suggest_successors(plan_a, plan_b, top=top)
    return len(suggestions), store_suggestions(suggestions, actor=actor)


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
    action = "confirm_link" if state == MeasureLink.State.CONFIRMED else "reject_link"
    decision: dict[str, Any] = {
        "state": state,
        "decided_by": actor.user if getattr(actor.user, "pk", None) else None,
        "decided_by_name": actor.name[:200],
        "decided_at": timezone.now(),
    }
    if relation is not None:
        decision["relation"] = relation
    if note.strip():
        decision["note"] = note.strip()
    with transaction.atomic(), _recorded(actor, action, note.strip()):
        # A new link is stored with the decision at once: one audit event, not two.
        link, created = MeasureLink.objects.select_for_update().get_or_create(
            measure=measure, successor=successor, defaults=decision
        )
        if not created:
            for name, value in decision.items():
                setattr(link, name, value)
            link.save()
    return link


def undo_link(measure: Measure, successor: Measure, *, actor: Actor) -> MeasureLink | None:
    """Take a decision back: a suggested link is suggested again; a link made by hand (one
    that was never suggested, so it has no score) is deleted. Returns the link, or None when
    it was deleted or there was none."""
    check_permission(actor, "undo", measure, successor)
    with transaction.atomic(), _recorded(actor, "undo_link"):
        link = (
            MeasureLink.objects.select_for_update()
            .filter(measure=measure, successor=successor)
            .first()
        )
        if link is None:
            return None
        if link.score is None:
            link.delete()
            return None
        link.state = MeasureLink.State.SUGGESTED
        link.decided_by = None
        link.decided_by_name = ""
        link.decided_at = None
        link.save()
    return link
