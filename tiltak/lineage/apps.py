"""App configuration for tiltak.lineage."""

from django.apps import AppConfig


class LineageConfig(AppConfig):
    """Links between measures across plans, and suggestions for them."""

    name = "tiltak.lineage"
    label = "lineage"
    verbose_name = "Tiltakshistorikk"
    default_auto_field = "django.db.models.BigAutoField"
