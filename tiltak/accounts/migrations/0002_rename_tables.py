"""The tables of profiles and plan roles get this app's names; their rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("rounds", "0005_accounts_audit_move_out"),
    ]

    operations = [
        migrations.AlterModelTable(name="profile", table=None),
        migrations.AlterModelTable(name="planrole", table=None),
    ]
