"""Sent reminders (accounts live in tiltak.accounts, the audit log in tiltak.audit)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from tiltak.plans.models import ReportingRound


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
