"""Profiles, plan roles and the audit log now belong to tiltak.accounts and tiltak.audit: they
leave the rounds app's state; their tables and rows stay (the new apps rename the tables)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0002_audit_append_only"),
        ("accounts", "0001_initial"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Profile"),
                migrations.DeleteModel(name="PlanRole"),
                migrations.DeleteModel(name="AuditEvent"),
            ],
        ),
    ]
