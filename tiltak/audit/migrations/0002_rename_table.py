"""The audit log's table gets this app's name; its rows stay. On PostgreSQL the append-only
trigger (rounds 0002) moves with the table; it is made again here so the log refuses UPDATE and
DELETE whatever trigger the renamed table came with."""

from django.db import migrations

TABLE = "audit_auditevent"
# The function names no table (it reports TG_TABLE_NAME), so replacing it is harmless.
ENSURE = f"""
CREATE OR REPLACE FUNCTION tiltak_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS tiltak_audit_append_only ON {TABLE};
CREATE TRIGGER tiltak_audit_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION tiltak_audit_append_only();
"""


def ensure_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(ENSURE)  # no parameters: the % in RAISE stays as it is


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("rounds", "0005_accounts_audit_move_out"),
    ]

    operations = [
        migrations.AlterModelTable(name="auditevent", table=None),
        # Backwards the trigger goes back with the table (rounds 0002 drops it from there).
        migrations.RunPython(ensure_trigger, migrations.RunPython.noop),
    ]
