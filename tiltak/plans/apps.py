"""App configuration for tiltak.plans."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Plans, measures, reporting rounds and statuses."""

    name = "tiltak.plans"
    label = "plans"
    verbose_name = "Planer og tiltak"
    default_auto_field = "django.db.models.BigAutoField"
