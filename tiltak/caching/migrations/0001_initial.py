"""DataVersion moves here from the portal: in the migration state only, its table stays as it
is (0002 renames it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("portal", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DataVersion",
                    fields=[
                        (
                            "id",
                            models.PositiveSmallIntegerField(
                                default=1, primary_key=True, serialize=False
                            ),
                        ),
                        (
                            "value",
                            models.PositiveBigIntegerField(default=0, verbose_name="versjon"),
                        ),
                    ],
                    options={
                        "verbose_name": "dataversjon",
                        "verbose_name_plural": "dataversjon",
                        "db_table": "portal_dataversion",
                    },
                ),
            ],
        ),
    ]
