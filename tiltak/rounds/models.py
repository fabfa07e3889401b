"""Accounts and roles, the append-only audit log, and sent reminders."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone

from tiltak.plans.models import Organisation, Plan, ReportingRound


class Profile(models.Model):
    """A user's organisation: an editor may edit the measures it is responsible for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="bruker",
        on_delete=models.CASCADE,
        related_name="tiltak_profile",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisasjon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
    )
    is_editor = models.BooleanField(
        "redaktør", default=True, help_text="Kan oppdatere organisasjonens tiltak."
    )

    class Meta:
        verbose_name = "brukerprofil"
        verbose_name_plural = "brukerprofiler"

    def __str__(self) -> str:
        acronym = self.organisation.acronym if self.organisation else "–"
        return f"{self.user} ({acronym})"


class PlanRole(models.Model):
    """A role on one plan: coordinator, or reader of unpublished rounds."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", "Koordinator"
        READER = "reader", "Leser"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bruker",
        on_delete=models.CASCADE,
        related_name="plan_roles",
    )
    plan = models.ForeignKey(
        Plan, verbose_name="plan", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField("rolle", max_length=12, choices=Role.choices)

    class Meta:
        verbose_name = "rolle i plan"
        verbose_name_plural = "roller i planer"
        constraints = [
            models.UniqueConstraint(fields=["user", "plan", "role"], name="plan_role_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=["coordinator", "reader"]), name="plan_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} i {self.plan.slug}"


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


class ReminderLog(models.Model):
    """A reminder sent for a round, so the scheduled ones go out once."""

    class Kind(models.TextChoices):
        BEFORE = "before", "Før fristen"
        AFTER = "after", "Etter fristen"
        MANUAL = "manual", "Sendt av koordinator"

    round = models.ForeignKey(
        ReportingRound, verbose_name="runde", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    sent_on = models.DateField("dato")
    sent_at = models.DateTimeField("sendt", default=timezone.now)
    recipients = models.PositiveIntegerField("mottakere", default=0)

    class Meta:
        verbose_name = "påminnelse"
        verbose_name_plural = "påminnelser"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "kind", "sent_on"],
                condition=~models.Q(kind="manual"),
                name="reminder_once_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.get_kind_display()} {self.sent_on}"
