"""App configuration for tiltak.display."""

from django.apps import AppConfig


class DisplayConfig(AppConfig):
    """Presentation shared by the web surfaces and the workspace (the `display` filters)."""

    name = "tiltak.display"
    label = "display"
    verbose_name = "Visning"

    def ready(self) -> None:
        from django.core import checks

        from .checks import base_url_check

        checks.register(base_url_check)
