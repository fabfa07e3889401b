"""The audit log moves here from tiltak.rounds: in state only, on the rounds_auditevent
table it has (0002 renames it)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("rounds", "0002_audit_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
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
                            "at",
                            models.DateTimeField(
                                db_index=True,
                                default=django.utils.timezone.now,
                                verbose_name="tidspunkt",
                            ),
                        ),
                        (
                            "actor_name",
                            models.CharField(blank=True, max_length=150, verbose_name="brukernavn"),
                        ),
                        ("action", models.CharField(max_length=40, verbose_name="handling")),
                        ("model", models.CharField(max_length=60, verbose_name="objekttype")),
                        ("object_id", models.CharField(max_length=40, verbose_name="objekt-id")),
                        (
                            "object_repr",
                            models.CharField(blank=True, max_length=300, verbose_name="objekt"),
                        ),
                        (
                            "plan_id",
                            models.BigIntegerField(
                                blank=True, db_index=True, null=True, verbose_name="plan-id"
                            ),
                        ),
                        (
                            "round_id",
                            models.BigIntegerField(blank=True, null=True, verbose_name="runde-id"),
                        ),
                        (
                            "measure_id",
                            models.BigIntegerField(
                                blank=True, db_index=True, null=True, verbose_name="tiltak-id"
                            ),
                        ),
                        ("before", models.JSONField(blank=True, null=True, verbose_name="før")),
                        ("after", models.JSONField(blank=True, null=True, verbose_name="etter")),
                        ("reason", models.TextField(blank=True, verbose_name="begrunnelse")),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="utført av",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "rounds_auditevent",
                        "verbose_name": "revisjonslogg",
                        "verbose_name_plural": "revisjonslogg",
                        "ordering": ["at", "id"],
                    },
                ),
            ],
        ),
    ]
