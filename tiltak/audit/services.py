"""Appending events to the audit log."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from . import registry
from .context import current
from .models import AuditEvent

SKIPPED_FIELDS = frozenset({"updated_at", "created_at", "last_login"})
SECRET_FIELDS = frozenset({"password", "token_hash"})  # token_hash: an invitation's link
GENERIC_ACTIONS = frozenset({"create", "update", "delete"})


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


def _event(
    instance: models.Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    reason: str = "",
    actor: Any = None,
) -> AuditEvent:
    """The event about `instance`, not yet stored: who from the audit context unless given."""
    context = current()
    user = actor if actor is not None else context.user()
    plan_id, round_id, measure_id = registry.where(instance)
    return AuditEvent(
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
    event = _event(instance, action, before, after, reason=reason, actor=actor)
    event.save()
    return event


def bulk_record_created(instances: list[models.Model], *, actor: Any, action: str) -> None:
    """Append a creation event for each of many new objects (after a bulk_create), in one
    insert."""
    AuditEvent.objects.bulk_create(
        [_event(i, action, None, snapshot(i), actor=actor) for i in instances], batch_size=500
    )


def bulk_record_changes(
    changes: Iterable[tuple[models.Model, dict[str, Any]]], *, action: str = "update"
) -> int:
    """Append an update event for each (object as saved by a bulk_update, its snapshot before)
    whose logged fields changed, in one insert; how many. Actor and reason come from the audit
    context, as for a save."""
    events = []
    for instance, before in changes:
        after = snapshot(instance)
        if after != before:
            events.append(_event(instance, action, before, after))
    AuditEvent.objects.bulk_create(events, batch_size=500)
    return len(events)
