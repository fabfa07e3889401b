"""The round models move from plans to rounds, in the state only: the tables stay where they are
(0007 renames them). plans 0004 deletes the models from plans' state, search 0002 points the
search index at them here."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_statusentry_updated_this_round"),
        ("rounds", "0005_accounts_audit_move_out"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReportingRound",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="opprettet"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="endret")),
                        ("title", models.CharField(max_length=300, verbose_name="tittel")),
                        ("slug", models.SlugField(max_length=100, verbose_name="kortnavn")),
                        (
                            "as_of",
                            models.CharField(
                                blank=True,
                                help_text="ÅÅÅÅ-MM",
                                max_length=10,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^\\d{4}(-\\d{2}(-\\d{2})?)?$",
                                        "Bruk ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
                                        code="invalid_date",
                                    )
                                ],
                                verbose_name="per dato",
                            ),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("draft", "Utkast"),
                                    ("open", "Åpen for rapportering"),
                                    ("closed", "Lukket"),
                                    ("published", "Publisert"),
                                ],
                                default="draft",
                                max_length=10,
                                verbose_name="tilstand",
                            ),
                        ),
                        (
                            "published_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="publisert"),
                        ),
                        (
                            "source_name",
                            models.CharField(blank=True, max_length=300, verbose_name="kildefil"),
                        ),
                        (
                            "source_sha256",
                            models.CharField(
                                blank=True, max_length=64, verbose_name="kildefilens SHA-256"
                            ),
                        ),
                        ("introduction", models.TextField(blank=True, verbose_name="innledning")),
                        ("deadline", models.DateField(blank=True, null=True, verbose_name="frist")),
                        (
                            "opened_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="åpnet"),
                        ),
                        (
                            "publish_override_reason",
                            models.TextField(
                                blank=True, verbose_name="begrunnelse for publisering med feil"
                            ),
                        ),
                        (
                            "correction_reason",
                            models.TextField(blank=True, verbose_name="begrunnelse for rettelsen"),
                        ),
                        (
                            "corrects",
                            models.ForeignKey(
                                blank=True,
                                help_text="En rettet versjon av en publisert runde peker på runden den retter.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="corrections",
                                to="rounds.reportinground",
                                verbose_name="retter",
                            ),
                        ),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="rounds",
                                to="plans.plan",
                                verbose_name="plan",
                            ),
                        ),
                        (
                            "published_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="publisert av",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "plans_reportinground",
                        "verbose_name": "rapporteringsrunde",
                        "verbose_name_plural": "rapporteringsrunder",
                        "ordering": ["plan", "as_of", "id"],
                    },
                ),
                migrations.AlterField(
                    model_name="reminderlog",
                    name="round",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="rounds.reportinground",
                        verbose_name="runde",
                    ),
                ),
                migrations.CreateModel(
                    name="RoundFinding",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "position",
                            models.PositiveIntegerField(default=0, verbose_name="rekkefølge"),
                        ),
                        ("code", models.CharField(max_length=64, verbose_name="kode")),
                        (
                            "severity",
                            models.CharField(
                                choices=[
                                    ("error", "Feil"),
                                    ("warning", "Advarsel"),
                                    ("info", "Merknad"),
                                ],
                                max_length=10,
                                verbose_name="alvorlighet",
                            ),
                        ),
                        (
                            "measure_number",
                            models.CharField(
                                blank=True, max_length=20, verbose_name="tiltaksnummer"
                            ),
                        ),
                        ("message", models.TextField(verbose_name="melding")),
                        (
                            "evidence",
                            models.JSONField(blank=True, default=dict, verbose_name="belegg"),
                        ),
                        (
                            "measure",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="findings",
                                to="plans.measure",
                                verbose_name="tiltak",
                            ),
                        ),
                        (
                            "round",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="findings",
                                to="rounds.reportinground",
                                verbose_name="rapporteringsrunde",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "plans_roundfinding",
                        "verbose_name": "funn",
                        "verbose_name_plural": "funn",
                        "ordering": ["round", "position", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="StatusEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="opprettet"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="endret")),
                        (
                            "status",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("not_started", "Ikke startet"),
                                    ("in_progress", "Under arbeid"),
                                    ("completed", "Gjennomført"),
                                    ("ongoing", "Løpende"),
                                ],
                                max_length=20,
                                null=True,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "status_label",
                            models.CharField(
                                blank=True,
                                max_length=200,
                                verbose_name="status slik den er skrevet",
                            ),
                        ),
                        ("narrative", models.TextField(blank=True, verbose_name="omtale")),
                        (
                            "workflow_state",
                            models.CharField(
                                choices=[
                                    ("not_started", "Ikke påbegynt"),
                                    ("draft", "Utkast"),
                                    ("submitted", "Sendt inn"),
                                    ("returned", "Returnert"),
                                    ("approved", "Godkjent"),
                                ],
                                default="not_started",
                                max_length=12,
                                verbose_name="arbeidsflyt",
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1, verbose_name="versjon")),
                        (
                            "updated_this_round",
                            models.BooleanField(
                                default=True,
                                help_text="Nei: ikke godkjent da runden ble publisert, så status og omtale er fra forrige publiserte runde.",
                                verbose_name="oppdatert i denne runden",
                            ),
                        ),
                        (
                            "review_comment",
                            models.TextField(blank=True, verbose_name="kommentar fra koordinator"),
                        ),
                        (
                            "measure",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="status_entries",
                                to="plans.measure",
                                verbose_name="tiltak",
                            ),
                        ),
                        (
                            "round",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="entries",
                                to="rounds.reportinground",
                                verbose_name="rapporteringsrunde",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "plans_statusentry",
                        "verbose_name": "tiltaksstatus",
                        "verbose_name_plural": "tiltaksstatuser",
                        "ordering": ["round", "measure__order"],
                    },
                ),
                migrations.AddIndex(
                    model_name="reportinground",
                    index=models.Index(fields=["source_sha256"], name="round_source_sha256_idx"),
                ),
                migrations.AddConstraint(
                    model_name="reportinground",
                    constraint=models.UniqueConstraint(
                        fields=("plan", "slug"), name="round_slug_unique_in_plan"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="reportinground",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("state__in", ["draft", "open", "closed", "published"])),
                        name="round_state_valid",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="reportinground",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("state", "published"), _negated=True),
                            ("published_at__isnull", False),
                            _connector="OR",
                        ),
                        name="round_published_has_date",
                    ),
                ),
                migrations.AddIndex(
                    model_name="roundfinding",
                    index=models.Index(fields=["round", "code"], name="round_finding_code_idx"),
                ),
                migrations.AddConstraint(
                    model_name="roundfinding",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("severity__in", ["error", "warning", "info"])),
                        name="round_finding_severity_valid",
                    ),
                ),
                migrations.AddIndex(
                    model_name="statusentry",
                    index=models.Index(
                        fields=["round", "status"], name="status_entry_round_status_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="statusentry",
                    constraint=models.UniqueConstraint(
                        fields=("round", "measure"), name="status_entry_unique"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="statusentry",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("status__isnull", True),
                            ("status__in", ["not_started", "in_progress", "completed", "ongoing"]),
                            _connector="OR",
                        ),
                        name="status_entry_status_valid",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="statusentry",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            (
                                "workflow_state__in",
                                ["not_started", "draft", "submitted", "returned", "approved"],
                            )
                        ),
                        name="status_entry_workflow_valid",
                    ),
                ),
            ],
        ),
    ]
