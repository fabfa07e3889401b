"""App configuration for tiltak.lineage."""

from django.apps import AppConfig


class LineageConfig(AppConfig):
    """Links between measures across plans, and suggestions for them."""

    name = "tiltak.lineage"
    label = "lineage"
    verbose_name = "Tiltakshistorikk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Track links between plans in the audit log."""
        from tiltak.audit.registry import track

        from .models import MeasureLink
        from .selectors import link_plan_id

        track(MeasureLink, where=lambda link: (link_plan_id(link), None, None))
