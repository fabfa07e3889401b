"""The round models now live in rounds (rounds 0006): delete them from plans' state only, so the
tables and their rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_statusentry_updated_this_round"),
        ("rounds", "0006_move_round_models"),
        ("search", "0002_move_round_models"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="StatusEntry"),
                migrations.DeleteModel(name="RoundFinding"),
                migrations.DeleteModel(name="ReportingRound"),
            ],
        ),
    ]
