"""The data-version table gets this app's name (portal_dataversion becomes caching_dataversion);
its row is kept, and the admin's content type and permissions follow the model."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def relabel(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor, old: str, new: str) -> None:
    """Move the model's content type (and so its permissions) from app `old` to app `new`."""
    content_types = apps.get_model("contenttypes", "ContentType")
    rows = content_types.objects.using(schema_editor.connection.alias)
    # A fresh database has neither row yet; post_migrate makes the new one.
    if not rows.filter(app_label=new, model="dataversion").exists():
        rows.filter(app_label=old, model="dataversion").update(app_label=new)


def rename_constraints(schema_editor: BaseDatabaseSchemaEditor, old: str, new: str) -> None:
    """PostgreSQL keeps the old table's constraint names on a renamed table; give them the new
    table's, since the primary key's index name must stay free for the old table (a restored
    backup from before the move has it)."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table = "caching_dataversion"  # forwards after AlterModelTable, backwards before it
    with connection.cursor() as cursor:
        names = connection.introspection.get_constraints(cursor, table)
    for name in names:
        if name.startswith(f"{old}_dataversion_"):
            renamed = f"{new}_dataversion" + name.removeprefix(f"{old}_dataversion")
            schema_editor.execute(
                f"ALTER TABLE {schema_editor.quote_name(table)} RENAME CONSTRAINT "
                f"{schema_editor.quote_name(name)} TO {schema_editor.quote_name(renamed)}"
            )


def to_caching(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Forwards: the constraints and the content type are the caching app's."""
    rename_constraints(schema_editor, "portal", "caching")
    relabel(apps, schema_editor, "portal", "caching")


def to_portal(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Backwards: the constraints and the content type are the portal's again."""
    rename_constraints(schema_editor, "caching", "portal")
    relabel(apps, schema_editor, "caching", "portal")


class Migration(migrations.Migration):
    dependencies = [
        ("caching", "0001_initial"),
        ("portal", "0002_move_dataversion_to_caching"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="dataversion", table=None),
        migrations.RunPython(to_caching, to_portal),
    ]
