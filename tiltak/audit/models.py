"""The append-only audit log."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone

from .labels import current_label, stored_labels


class AppendOnlyError(Exception):
    """The audit log is never updated or deleted."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    """Refuses bulk updates and deletes."""

    def update(self, **kwargs: Any) -> NoReturn:
        """Refused: the audit log is append-only."""
        raise AppendOnlyError("Revisjonsloggen kan ikke endres.")

    def delete(self) -> NoReturn:
        """Refused: the audit log is append-only."""
        raise AppendOnlyError("Revisjonsloggen kan ikke slettes.")

    def about(self, model: type[models.Model] | str) -> AuditQuerySet:
        """Events about a model, stored under its label or a former one."""
        return self.filter(model__in=stored_labels(model))


class AuditEvent(models.Model):
    """One change: who, when, what, and the object before and after (JSON). Append-only.

    No foreign keys except a loose one to the user, so deleting anything never touches the log.
    """

    at = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="utført av",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField("brukernavn", max_length=150, blank=True)
    action = models.CharField("handling", max_length=40)
    model = models.CharField("objekttype", max_length=60)
    object_id = models.CharField("objekt-id", max_length=40)
    object_repr = models.CharField("objekt", max_length=300, blank=True)
    plan_id = models.BigIntegerField("plan-id", null=True, blank=True, db_index=True)
    round_id = models.BigIntegerField("runde-id", null=True, blank=True)
    measure_id = models.BigIntegerField("tiltak-id", null=True, blank=True, db_index=True)
    before = models.JSONField("før", null=True, blank=True)
    after = models.JSONField("etter", null=True, blank=True)
    reason = models.TextField("begrunnelse", blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "revisjonslogg"
        verbose_name_plural = "revisjonslogg"
        ordering = ["at", "id"]

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> AuditEvent:
        """Events stored before their model moved to another app read with its label now."""
        event = super().from_db(db, field_names, values)
        if "model" in event.__dict__:
            event.model = current_label(event.model)
        return event

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '–'} {self.action} {self.model}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert only; saving a stored event again is refused."""
        if self.pk is not None:
            raise AppendOnlyError("Revisjonsloggen kan ikke endres.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        """Refused: the audit log is append-only."""
        raise AppendOnlyError("Revisjonsloggen kan ikke slettes.")

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for every field that differs."""
        before, after = self.before or {}, self.after or {}
        keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
        return [(k, before.get(k), after.get(k)) for k in keys]
