"""App configuration for tiltak.plans."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Plans, measures, reporting rounds and statuses."""

    name = "tiltak.plans"
    label = "plans"
    verbose_name = "Planer og tiltak"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Track plans and measures in the audit log."""
        from tiltak.audit.registry import track

        from .models import Measure, Plan

        track(Plan, where=lambda plan: (plan.pk, None, None))
        track(Measure, where=lambda measure: (measure.plan_id, None, measure.pk))
