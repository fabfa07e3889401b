"""On PostgreSQL, a trigger refuses every UPDATE and DELETE of the audit log."""

from django.db import migrations

TABLE = "rounds_auditevent"
CREATE = f"""
CREATE OR REPLACE FUNCTION tiltak_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER tiltak_audit_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION tiltak_audit_append_only();
"""
DROP = f"""
DROP TRIGGER IF EXISTS tiltak_audit_append_only ON {TABLE};
DROP FUNCTION IF EXISTS tiltak_audit_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(CREATE)  # no parameters: the % in RAISE stays as it is


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("rounds", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
