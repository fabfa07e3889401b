"""Data model: organisations, plans, chapters and measures (rounds and statuses: tiltak.rounds)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q

ISO_PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
iso_partial_date = RegexValidator(
    ISO_PARTIAL_DATE, "Bruk ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.", code="invalid_date"
)


class TimestampedModel(models.Model):
    """Adds created_at and updated_at."""

    created_at = models.DateTimeField("opprettet", auto_now_add=True)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        abstract = True


class Organisation(TimestampedModel):
    """A ministry, directorate or other body that can own measures."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", "Departement"
        DIRECTORATE = "directorate", "Direktorat"
        OTHER = "other", "Annen"

    acronym = models.CharField("forkortelse", max_length=32, unique=True)
    name = models.CharField("navn", max_length=300)
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    valid_from = models.CharField(
        "gyldig fra", max_length=10, blank=True, validators=[iso_partial_date]
    )
    valid_to = models.CharField(
        "gyldig til", max_length=10, blank=True, validators=[iso_partial_date]
    )
    successor = models.ForeignKey(
        "self",
        verbose_name="etterfølger",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = "organisasjon"
        verbose_name_plural = "organisasjoner"
        ordering = ["acronym"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["ministry", "directorate", "other"]),
                name="organisation_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")), name="organisation_not_own_successor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.acronym} – {self.name}" if self.name != self.acronym else self.acronym


class Plan(TimestampedModel):
    """A government action plan, strategy or escalation plan."""

    class Language(models.TextChoices):
        BOKMAL = "nb", "Bokmål"
        NYNORSK = "nn", "Nynorsk"

    class Kind(models.TextChoices):
        OPPTRAPPINGSPLAN = "opptrappingsplan", "Opptrappingsplan"
        HANDLINGSPLAN = "handlingsplan", "Handlingsplan"
        STRATEGI = "strategi", "Strategi"
        OTHER = "other", "Annen"

    slug = models.SlugField("kortnavn", max_length=100, unique=True)
    title = models.CharField("tittel", max_length=500)
    subtitle = models.CharField("undertittel", max_length=500, blank=True)
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    period_start = models.PositiveSmallIntegerField("periode fra", null=True, blank=True)
    period_end = models.PositiveSmallIntegerField("periode til", null=True, blank=True)
    coordinating_organisation = models.ForeignKey(
        Organisation,
        verbose_name="koordinerende organisasjon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_plans",
    )
    storting_references = models.TextField(
        "stortingsdokumenter", blank=True, help_text="For eksempel «Prop. 36 S (2023–2024)»."
    )
    language = models.CharField(
        "målform",
        max_length=2,
        choices=Language.choices,
        default=Language.BOKMAL,
        help_text="Målformen planen er skrevet på; de offentlige sidene viser statusene i den.",
    )

    class Meta:
        verbose_name = "plan"
        verbose_name_plural = "planer"
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="plan_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["opptrappingsplan", "handlingsplan", "strategi", "other"]),
                name="plan_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["nb", "nn"]), name="plan_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Chapter(TimestampedModel):
    """A chapter or focus area of a plan, grouping its measures."""

    plan = models.ForeignKey(
        Plan, verbose_name="plan", on_delete=models.CASCADE, related_name="chapters"
    )
    key = models.CharField("nummer", max_length=20)
    title = models.CharField("tittel", max_length=500)
    order = models.PositiveIntegerField("rekkefølge", default=0)
    introduction = models.TextField("innledning", blank=True)

    class Meta:
        verbose_name = "kapittel"
        verbose_name_plural = "kapitler"
        ordering = ["plan", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="chapter_key_unique_in_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.title}"


class Measure(TimestampedModel):
    """A numbered measure of a plan, or a request resolution (anmodningsvedtak) of the Storting."""

    class Kind(models.TextChoices):
        MEASURE = "measure", "Tiltak"
        REQUEST = "request", "Anmodningsvedtak"

    plan = models.ForeignKey(
        Plan, verbose_name="plan", on_delete=models.CASCADE, related_name="measures"
    )
    number = models.CharField("nummer", max_length=20)
    kind = models.CharField("type", max_length=10, choices=Kind.choices, default=Kind.MEASURE)
    title = models.CharField("tittel", max_length=2000)
    order = models.PositiveIntegerField("rekkefølge", default=0)
    chapter = models.ForeignKey(
        Chapter,
        verbose_name="kapittel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
    )
    responsible: models.ManyToManyField[Organisation, MeasureResponsibility] = (
        models.ManyToManyField(
            Organisation,
            verbose_name="ansvarlige",
            through="MeasureResponsibility",
            related_name="measures",
            blank=True,
        )
    )
    responsible_all = models.BooleanField("alle departementer", default=False)
    period = models.CharField("periode", max_length=100, blank=True)

    class Meta:
        verbose_name = "tiltak"
        verbose_name_plural = "tiltak"
        ordering = ["plan", "order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="measure_number_unique_in_plan"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["measure", "request"]), name="measure_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(number=""), name="measure_number_not_empty"),
        ]
        indexes = [models.Index(fields=["plan", "order"], name="measure_plan_order_idx")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        """The chapter must belong to the measure's plan."""
        if self.chapter_id and self.chapter and self.chapter.plan_id != self.plan_id:
            raise ValidationError({"chapter": "Kapitlet hører til en annen plan."})

    def responsible_acronyms(self) -> list[str]:
        """Acronyms of the responsible organisations, lead first."""
        return [
            r.organisation.acronym
            for r in self.responsibilities.select_related("organisation").order_by("position")
        ]


class MeasureResponsibility(models.Model):
    """An organisation responsible for a measure; position 0 is the lead."""

    measure = models.ForeignKey(
        Measure, verbose_name="tiltak", on_delete=models.CASCADE, related_name="responsibilities"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisasjon",
        on_delete=models.PROTECT,
        related_name="responsibilities",
    )
    position = models.PositiveSmallIntegerField(
        "plass", default=0, help_text="0 er hovedansvarlig."
    )

    class Meta:
        verbose_name = "ansvarlig"
        verbose_name_plural = "ansvarlige"
        ordering = ["measure", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "organisation"], name="responsibility_unique_organisation"
            ),
            models.UniqueConstraint(
                fields=["measure", "position"], name="responsibility_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.number}: {self.organisation.acronym}"


class MeasureReference(models.Model):
    """A measure's text pointing to another measure, in the same or another plan."""

    from_measure = models.ForeignKey(
        Measure, verbose_name="fra tiltak", on_delete=models.CASCADE, related_name="references_out"
    )
    to_measure = models.ForeignKey(
        Measure, verbose_name="til tiltak", on_delete=models.CASCADE, related_name="references_in"
    )

    class Meta:
        verbose_name = "henvisning"
        verbose_name_plural = "henvisninger"
        ordering = ["from_measure", "to_measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_measure", "to_measure"], name="measure_reference_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_measure=F("to_measure")), name="measure_reference_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_measure.number} → {self.to_measure.number}"
