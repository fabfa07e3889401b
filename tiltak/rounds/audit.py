"""The audit log: signal receivers record every change to plans, measures, rounds, entries,
accounts and links between plans, with the acting user and action taken from a context the
services and middleware set."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse

from tiltak.lineage.models import MeasureLink
from tiltak.plans.models import Measure, Plan, ReportingRound, StatusEntry

from .models import AuditEvent, PlanRole, Profile

SKIPPED_FIELDS = frozenset({"updated_at", "created_at", "last_login"})
SECRET_FIELDS = frozenset({"password"})
GENERIC_ACTIONS = frozenset({"create", "update", "delete"})


@dataclass(frozen=True, slots=True)
class AuditContext:
    """Who acts, and what the current service calls the action."""

    actor: Any = None
    request: HttpRequest | None = None
    action: str = ""
    reason: str = ""
    actor_name: str = ""  # who acts when there is no user: a command's operator ("cli:alice")


_context: ContextVar[AuditContext] = ContextVar("tiltak_audit", default=AuditContext())  # noqa: B039


@contextmanager
def audit_context(
    *, actor: Any = None, action: str = "", reason: str = "", actor_name: str = ""
) -> Iterator[AuditContext]:
    """Changes inside the block are recorded with this actor, action and reason; actor_name
    names an actor that is not a user (a command's operator)."""
    current = _context.get()
    new = replace(
        current,
        actor=actor if actor is not None else current.actor,
        action=action or current.action,
        reason=reason or current.reason,
        actor_name=actor_name or current.actor_name,
    )
    token = _context.set(new)
    try:
        yield new
    finally:
        _context.reset(token)


class AuditMiddleware:
    """Makes the request's user the actor of every change recorded while it is served."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _context.set(AuditContext(request=request))
        try:
            return self.get_response(request)
        finally:
            _context.reset(token)


def _actor(context: AuditContext) -> Any:
    """The acting user, if any is known and signed in."""
    actor = context.actor
    if actor is None and context.request is not None:
        actor = getattr(context.request, "user", None)
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's stored fields as JSON values; secrets only as a digest-free marker."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        value = field.value_from_object(instance)
        if field.name in SECRET_FIELDS:
            value = "(satt)" if value else ""
        data[field.attname] = value
    result: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return result


def _where(instance: models.Model) -> tuple[int | None, int | None, int | None]:
    """(plan, round, measure) ids the change belongs to, for filtering the log."""
    if isinstance(instance, StatusEntry):
        rnd = ReportingRound.objects.filter(pk=instance.round_id).values("plan_id").first()
        return (rnd["plan_id"] if rnd else None), instance.round_id, instance.measure_id
    if isinstance(instance, Measure):
        return instance.plan_id, None, instance.pk
    if isinstance(instance, ReportingRound):
        return instance.plan_id, instance.pk, None
    if isinstance(instance, Plan):
        return instance.pk, None, None
    if isinstance(instance, PlanRole):
        return instance.plan_id, None, None
    if isinstance(instance, MeasureLink):
        # A link between two plans is logged with the later plan, whose coordinator decides it.
        if MeasureLink.successor.is_cached(instance):
            return instance.successor.plan_id, None, None
        plan_id = (
            Measure.objects.filter(pk=instance.successor_id)
            .values_list("plan_id", flat=True)
            .first()
        )
        return plan_id, None, None
    return None, None, None


def record(
    instance: models.Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    reason: str = "",
    actor: Any = None,
) -> AuditEvent:
    """Append one event about `instance` to the log."""
    context = _context.get()
    user = actor if actor is not None else _actor(context)
    plan_id, round_id, measure_id = _where(instance)
    return AuditEvent.objects.create(
        actor=user,
        actor_name=user.get_username() if user is not None else context.actor_name[:150],
        action=(context.action or action) if action in GENERIC_ACTIONS else action,
        model=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        plan_id=plan_id,
        round_id=round_id,
        measure_id=measure_id,
        before=before,
        after=after,
        reason=reason or context.reason,
    )


def bulk_record_created(instances: list[models.Model], *, actor: Any, action: str) -> None:
    """Append a creation event for each of many new objects (after a bulk_create)."""
    for instance in instances:
        record(instance, action, None, snapshot(instance), actor=actor)


def _pre_save(sender: type[models.Model], instance: models.Model, raw: bool, **_: Any) -> None:
    if raw or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old is not None else None  # type: ignore[attr-defined]


def _post_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool, **_: Any
) -> None:
    if raw:
        return
    before = None if created else getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if before == after:
        return
    record(instance, "create" if before is None else "update", before, after)
    instance._audit_before = after  # type: ignore[attr-defined]


def _post_delete(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    record(instance, "delete", snapshot(instance), None)


def tracked_models() -> list[type[models.Model]]:
    """The models whose every change is logged, links between plans too."""
    return [
        Plan,
        Measure,
        ReportingRound,
        StatusEntry,
        get_user_model(),
        Profile,
        PlanRole,
        MeasureLink,
    ]


def connect() -> None:
    """Connect the receivers (once)."""
    for model in tracked_models():
        uid = f"rounds.audit.{model._meta.label_lower}"
        pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + ".pre")
        post_save.connect(_post_save, sender=model, dispatch_uid=uid + ".post")
        post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + ".delete")
