"""The round tables take the rounds app's names: plans_reportinground, plans_statusentry and
plans_roundfinding become rounds_*. A rename keeps every row, key and index."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0006_move_round_models"),
        ("plans", "0004_round_models_to_rounds"),
    ]

    operations = [
        migrations.AlterModelTable(name="reportinground", table=None),
        migrations.AlterModelTable(name="statusentry", table=None),
        migrations.AlterModelTable(name="roundfinding", table=None),
    ]
