"""Profiles and plan roles move here from tiltak.rounds: in state only, on the
rounds_* tables they have (0002 renames them)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("plans", "0002_reporting_workflow"),
        ("rounds", "0002_audit_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Profile",
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
                            "is_editor",
                            models.BooleanField(
                                default=True,
                                help_text="Kan oppdatere organisasjonens tiltak.",
                                verbose_name="redaktør",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="profiles",
                                to="plans.organisation",
                                verbose_name="organisasjon",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="tiltak_profile",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="bruker",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "rounds_profile",
                        "verbose_name": "brukerprofil",
                        "verbose_name_plural": "brukerprofiler",
                    },
                ),
                migrations.CreateModel(
                    name="PlanRole",
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
                            "role",
                            models.CharField(
                                choices=[("coordinator", "Koordinator"), ("reader", "Leser")],
                                max_length=12,
                                verbose_name="rolle",
                            ),
                        ),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="roles",
                                to="plans.plan",
                                verbose_name="plan",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="plan_roles",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="bruker",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "rounds_planrole",
                        "verbose_name": "rolle i plan",
                        "verbose_name_plural": "roller i planer",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "plan", "role"), name="plan_role_unique"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("role__in", ["coordinator", "reader"])),
                                name="plan_role_valid",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
