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


def to_caching(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Forwards: the content type is the caching app's."""
    relabel(apps, schema_editor, "portal", "caching")


def to_portal(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Backwards: the content type is the portal's again."""
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
