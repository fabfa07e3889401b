"""App configuration for tiltak.audit."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The append-only audit log; the apps track their models from their own ready()."""

    name = "tiltak.audit"
    label = "audit"
    verbose_name = "Revisjonslogg"
    default_auto_field = "django.db.models.BigAutoField"
