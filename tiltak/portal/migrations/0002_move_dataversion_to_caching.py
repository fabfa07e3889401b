"""DataVersion moved to tiltak.caching: removed from the portal's state only; the table and its
row stay (caching 0001 took them over)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("caching", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DataVersion")],
        ),
    ]
