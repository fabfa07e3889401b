"""App configuration for tiltak.search."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Free-text search over measures and their status narratives."""

    name = "tiltak.search"
    label = "search"
    verbose_name = "Søk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Keep the index up to date when a status entry or a measure is saved."""
        from . import signals

        signals.connect()
