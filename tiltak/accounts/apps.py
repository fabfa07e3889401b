"""App configuration for tiltak.accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Profiles, plan roles and OpenID Connect login."""

    name = "tiltak.accounts"
    label = "accounts"
    verbose_name = "Brukere og roller"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Track users, profiles, plan roles and invitations in the audit log; register the
        OpenID Connect check."""
        from django.contrib.auth import get_user_model

        from tiltak.audit.registry import track

        from . import oidc  # noqa: F401 (registers its system check)
        from .models import Invitation, PlanRole, Profile

        track(get_user_model())
        track(Profile)
        track(PlanRole, where=lambda role: (role.plan_id, None, None))
        track(Invitation, where=lambda invitation: (invitation.plan_id, None, None))
