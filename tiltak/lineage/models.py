"""A link from a measure to its successor in another plan: suggested, confirmed or rejected."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from tiltak.plans.models import Measure, TimestampedModel


class MeasureLink(TimestampedModel):
    """`successor` (in a later plan) continues, replaces or absorbs `measure`; one per pair."""

    class Relation(models.TextChoices):
        CONTINUES = "continues", "Videreføres i"
        REPLACES = "replaces", "Erstattes av"
        MERGED_INTO = "merged_into", "Slått sammen med"

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Foreslått"
        CONFIRMED = "confirmed", "Bekreftet"
        REJECTED = "rejected", "Avvist"

    measure = models.ForeignKey(
        Measure, verbose_name="tiltak", on_delete=models.CASCADE, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Measure,
        verbose_name="etterfølger",
        on_delete=models.CASCADE,
        related_name="predecessor_links",
    )
    relation = models.CharField(
        "forhold", max_length=20, choices=Relation.choices, default=Relation.CONTINUES
    )
    state = models.CharField(
        "tilstand", max_length=10, choices=State.choices, default=State.SUGGESTED
    )
    score = models.FloatField("likhet", null=True, blank=True)
    matched_terms = models.JSONField("ord som passet", default=list, blank=True)
    note = models.TextField("merknad", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="avgjort av",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by_name = models.CharField("avgjort av (navn)", max_length=200, blank=True)
    decided_at = models.DateTimeField("avgjort", null=True, blank=True)

    class Meta:
        verbose_name = "tiltakskobling"
        verbose_name_plural = "tiltakskoblinger"
        ordering = ["measure", "-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "successor"], name="measure_link_unique"),
            models.CheckConstraint(
                condition=~Q(measure=F("successor")), name="measure_link_not_self"
            ),
            models.CheckConstraint(
                condition=Q(relation__in=["continues", "replaces", "merged_into"]),
                name="measure_link_relation_valid",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["suggested", "confirmed", "rejected"]),
                name="measure_link_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state="suggested") | Q(decided_at__isnull=False),
                name="measure_link_decided_has_date",
            ),
        ]
        indexes = [models.Index(fields=["successor", "state"], name="measure_link_successor_idx")]

    def __str__(self) -> str:
        return f"{self.measure_id} → {self.successor_id} ({self.relation}, {self.state})"
