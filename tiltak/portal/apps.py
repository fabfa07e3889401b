"""App configuration for tiltak.portal."""

from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save

# Apps whose rows the public pages show: a change to any of them moves the data version on.
WATCHED_APPS = ("plans", "lineage")


class PortalConfig(AppConfig):
    """The public, read-only web portal."""

    name = "tiltak.portal"
    label = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        from .caching import on_change

        for label in WATCHED_APPS:
            for model in apps.get_app_config(label).get_models():
                post_save.connect(on_change, sender=model, weak=False)
                post_delete.connect(on_change, sender=model, weak=False)
