"""Reading the audit log: the history of a measure, an object or a plan."""

from __future__ import annotations

from django.db import models
from django.db.models import Q, QuerySet

from .models import AuditEvent


def measure_events(measure_id: int) -> QuerySet[AuditEvent]:
    """The events of a measure and its entries, newest first."""
    return AuditEvent.objects.filter(measure_id=measure_id).order_by("-at", "-id")


def object_events(model: type[models.Model], object_id: object) -> QuerySet[AuditEvent]:
    """The events about one object (under its model's label or a former one), newest first."""
    return AuditEvent.objects.about(model).filter(object_id=str(object_id)).order_by("-at", "-id")


def plan_events(plan_id: int, round_id: int | None = None) -> QuerySet[AuditEvent]:
    """The events of a plan (optionally one round and the plan itself), oldest first."""
    events = AuditEvent.objects.filter(plan_id=plan_id)
    if round_id is not None:
        events = events.filter(Q(round_id=round_id) | Q(round_id__isnull=True))
    return events.order_by("at", "id")
