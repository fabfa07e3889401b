"""App configuration for tiltak.portal."""

from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save

# Apps and models whose rows the public pages show: a change to any moves the data version on.
WATCHED_APPS = ("plans", "lineage")
WATCHED_MODELS = ("rounds.ReportingRound", "rounds.StatusEntry", "rounds.RoundFinding")


class PortalConfig(AppConfig):
    """The public, read-only web portal."""

    name = "tiltak.portal"
    label = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        from tiltak.caching.version import bump_data_version
        from tiltak.plans.signals import plans_changed

        from .caching import on_change

        watched = [m for label in WATCHED_APPS for m in apps.get_app_config(label).get_models()]
        for model in watched + [apps.get_model(label) for label in WATCHED_MODELS]:
            post_save.connect(on_change, sender=model, weak=False)
            post_delete.connect(on_change, sender=model, weak=False)
        plans_changed.connect(lambda **_: bump_data_version(), weak=False, dispatch_uid="portal")
