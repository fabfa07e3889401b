"""Reporting rounds, their status entries and findings, and sent reminders (accounts live in
tiltak.accounts, the audit log in tiltak.audit)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tiltak.documents.model import Finding
from tiltak.documents.vocabulary import ROUND_STATE_LABELS, STATUS_LABELS, WORKFLOW_LABELS
from tiltak.plans.models import Measure, Plan, TimestampedModel, iso_partial_date


class ReportingRound(TimestampedModel):
    """One round of status reporting on all measures of a plan, e.g. «Status våren 2026»."""

    class State(models.TextChoices):
        DRAFT = "draft", ROUND_STATE_LABELS["nb"]["draft"]
        OPEN = "open", ROUND_STATE_LABELS["nb"]["open"]
        CLOSED = "closed", ROUND_STATE_LABELS["nb"]["closed"]
        PUBLISHED = "published", ROUND_STATE_LABELS["nb"]["published"]

    plan = models.ForeignKey(
        Plan, verbose_name="plan", on_delete=models.CASCADE, related_name="rounds"
    )
    title = models.CharField("tittel", max_length=300)
    slug = models.SlugField("kortnavn", max_length=100)
    as_of = models.CharField(
        "per dato", max_length=10, blank=True, validators=[iso_partial_date], help_text="ÅÅÅÅ-MM"
    )
    state = models.CharField("tilstand", max_length=10, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField("publisert", null=True, blank=True)
    source_name = models.CharField("kildefil", max_length=300, blank=True)
    source_sha256 = models.CharField("kildefilens SHA-256", max_length=64, blank=True)
    introduction = models.TextField("innledning", blank=True)
    deadline = models.DateField("frist", null=True, blank=True)
    opened_at = models.DateTimeField("åpnet", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="publisert av",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    publish_override_reason = models.TextField("begrunnelse for publisering med feil", blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name="retter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="En rettet versjon av en publisert runde peker på runden den retter.",
    )
    correction_reason = models.TextField("begrunnelse for rettelsen", blank=True)

    class Meta:
        verbose_name = "rapporteringsrunde"
        verbose_name_plural = "rapporteringsrunder"
        ordering = ["plan", "as_of", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="round_slug_unique_in_plan"),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "open", "closed", "published"]),
                name="round_state_valid",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="round_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["source_sha256"], name="round_source_sha256_idx")]

    def __str__(self) -> str:
        return f"{self.plan.slug}: {self.title}"


class StatusEntry(TimestampedModel):
    """The status of one measure in one reporting round."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", STATUS_LABELS["nb"]["not_started"]
        IN_PROGRESS = "in_progress", STATUS_LABELS["nb"]["in_progress"]
        COMPLETED = "completed", STATUS_LABELS["nb"]["completed"]
        ONGOING = "ongoing", STATUS_LABELS["nb"]["ongoing"]

    class Workflow(models.TextChoices):
        NOT_STARTED = "not_started", WORKFLOW_LABELS["nb"]["not_started"]
        DRAFT = "draft", WORKFLOW_LABELS["nb"]["draft"]
        SUBMITTED = "submitted", WORKFLOW_LABELS["nb"]["submitted"]
        RETURNED = "returned", WORKFLOW_LABELS["nb"]["returned"]
        APPROVED = "approved", WORKFLOW_LABELS["nb"]["approved"]

    round = models.ForeignKey(
        ReportingRound,
        verbose_name="rapporteringsrunde",
        on_delete=models.CASCADE,
        related_name="entries",
    )
    measure = models.ForeignKey(
        Measure, verbose_name="tiltak", on_delete=models.CASCADE, related_name="status_entries"
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, null=True, blank=True
    )
    status_label = models.CharField("status slik den er skrevet", max_length=200, blank=True)
    narrative = models.TextField("omtale", blank=True)
    workflow_state = models.CharField(
        "arbeidsflyt", max_length=12, choices=Workflow.choices, default=Workflow.NOT_STARTED
    )
    version = models.PositiveIntegerField("versjon", default=1)
    updated_this_round = models.BooleanField(
        "oppdatert i denne runden",
        default=True,
        help_text="Nei: ikke godkjent da runden ble publisert, så status og omtale er fra "
        "forrige publiserte runde.",
    )
    review_comment = models.TextField("kommentar fra koordinator", blank=True)

    # Not fields: set for the templates on the entries tiltak.rounds.selectors returns
    # (workspace_groups: finding_count and overdue; review_queue: findings not acknowledged).
    finding_count: int
    overdue: bool
    findings: list[Finding]

    class Meta:
        verbose_name = "tiltaksstatus"
        verbose_name_plural = "tiltaksstatuser"
        ordering = ["round", "measure__order"]
        constraints = [
            models.UniqueConstraint(fields=["round", "measure"], name="status_entry_unique"),
            models.CheckConstraint(
                condition=Q(status__isnull=True)
                | Q(status__in=["not_started", "in_progress", "completed", "ongoing"]),
                name="status_entry_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    workflow_state__in=["not_started", "draft", "submitted", "returned", "approved"]
                ),
                name="status_entry_workflow_valid",
            ),
        ]
        indexes = [models.Index(fields=["round", "status"], name="status_entry_round_status_idx")]

    def __str__(self) -> str:
        return f"{self.measure.number}: {self.get_status_display() or '–'}"

    def clean(self) -> None:
        """The measure must belong to the round's plan."""
        if self.round_id and self.measure_id and self.round.plan_id != self.measure.plan_id:
            raise ValidationError({"measure": "Tiltaket hører til en annen plan enn runden."})


class RoundFinding(models.Model):
    """A doubt found when importing a round: a parser finding or an import conflict."""

    class Severity(models.TextChoices):
        ERROR = "error", "Feil"
        WARNING = "warning", "Advarsel"
        INFO = "info", "Merknad"

    round = models.ForeignKey(
        ReportingRound,
        verbose_name="rapporteringsrunde",
        on_delete=models.CASCADE,
        related_name="findings",
    )
    position = models.PositiveIntegerField("rekkefølge", default=0)
    code = models.CharField("kode", max_length=64)
    severity = models.CharField("alvorlighet", max_length=10, choices=Severity.choices)
    measure = models.ForeignKey(
        Measure,
        verbose_name="tiltak",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    measure_number = models.CharField("tiltaksnummer", max_length=20, blank=True)
    message = models.TextField("melding")
    evidence = models.JSONField("belegg", default=dict, blank=True)

    class Meta:
        verbose_name = "funn"
        verbose_name_plural = "funn"
        ordering = ["round", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__in=["error", "warning", "info"]),
                name="round_finding_severity_valid",
            ),
        ]
        indexes = [models.Index(fields=["round", "code"], name="round_finding_code_idx")]

    def __str__(self) -> str:
        where = f" ({self.measure_number})" if self.measure_number else ""
        return f"{self.code}{where}: {self.message}"


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


class EntryComment(models.Model):
    """A message in the thread of one status entry, between its editors and the plan's
    coordinators. Never public: the public read layer and the API do not read it."""

    entry = models.ForeignKey(
        StatusEntry,
        verbose_name="tiltaksstatus",
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="skrevet av",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField("kommentar")
    created = models.DateTimeField("skrevet", default=timezone.now)

    class Meta:
        verbose_name = "kommentar"
        verbose_name_plural = "kommentarer"
        ordering = ["entry", "created", "id"]
        indexes = [models.Index(fields=["entry", "created"], name="entry_comment_entry_idx")]

    def __str__(self) -> str:
        return f"Kommentar {self.pk} til {self.entry_id}"


class FindingAcknowledgement(models.Model):
    """A coordinator's note that a check finding is known and accepted, with a reason. Keyed by
    the finding's stable identity (plan, measure number, check code, message fingerprint), so
    the same finding is hidden in this round and every later one until its text changes."""

    plan = models.ForeignKey(
        Plan,
        verbose_name="plan",
        on_delete=models.CASCADE,
        related_name="finding_acknowledgements",
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name="tiltak",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    measure_number = models.CharField("tiltaksnummer", max_length=20, blank=True)
    code = models.CharField("kode", max_length=64)
    fingerprint = models.CharField("fingeravtrykk av meldingen", max_length=64)
    message = models.TextField("melding")
    reason = models.TextField("begrunnelse")
    round = models.ForeignKey(
        ReportingRound,
        verbose_name="kvittert i runden",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="kvittert av",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField("kvittert", default=timezone.now)

    class Meta:
        verbose_name = "kvittert funn"
        verbose_name_plural = "kvitterte funn"
        ordering = ["plan", "measure_number", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "measure_number", "code", "fingerprint"],
                name="finding_acknowledged_once",
            )
        ]

    def __str__(self) -> str:
        where = f" ({self.measure_number})" if self.measure_number else ""
        return f"{self.code}{where}: {self.reason}"
