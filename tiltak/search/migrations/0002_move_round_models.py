"""The search index points at the round models in their new app (state only: same tables)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0006_move_round_models"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchdocument",
                    name="entry",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="rounds.statusentry",
                        verbose_name="tiltaksstatus",
                    ),
                ),
                migrations.AlterField(
                    model_name="searchdocument",
                    name="round",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_documents",
                        to="rounds.reportinground",
                        verbose_name="rapporteringsrunde",
                    ),
                ),
            ],
        ),
    ]
