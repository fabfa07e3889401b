"""App configuration for tiltak.imports."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Uploading a document, reviewing what was read, and saving it as a plan or a round."""

    name = "tiltak.imports"
    label = "imports"
    verbose_name = "Import"
    default_auto_field = "django.db.models.BigAutoField"
