"""The rounds app: accounts and roles, round workflow, audit log, bulk update, reminders."""

from django.apps import AppConfig


class RoundsConfig(AppConfig):
    """Connects the audit log's signal receivers and registers the OpenID Connect settings
    check when Django starts."""

    name = "tiltak.rounds"
    verbose_name = "Rapporteringsrunder"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Connect the audit receivers; register the OpenID Connect check."""
        from . import audit, oidc  # noqa: F401 (oidc registers its system check)

        audit.connect()
