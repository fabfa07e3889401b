"""Whether OpenID Connect login is configured, and the system check that refuses half a
configuration. Apart from tiltak.accounts.oidc so that starting Django (every command, every
worker) does not import the OpenID Connect client, PyJWT and requests."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

REQUIRED_SETTINGS = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


def _needs_jwks() -> bool:
    return not str(getattr(settings, "OIDC_RP_SIGN_ALGO", "RS256")).startswith("HS")


def missing_settings() -> list[str]:
    """The required settings that are empty (JWKS only for provider-signed tokens)."""
    return [
        name
        for name in REQUIRED_SETTINGS
        if not getattr(settings, name, "") and (name != "OIDC_OP_JWKS_ENDPOINT" or _needs_jwks())
    ]


def oidc_enabled() -> bool:
    """Whether OpenID Connect login is configured."""
    return not missing_settings()


def provider_name() -> str:
    """What the login link calls the provider."""
    return getattr(settings, "TILTAK_OIDC_PROVIDER_NAME", "") or "virksomhetens innlogging"


def check_oidc_settings(**_: Any) -> list[checks.CheckMessage]:
    """A partial OpenID Connect configuration is an error, not a silently missing login."""
    missing = missing_settings()
    if not missing or len(missing) == len(REQUIRED_SETTINGS):
        return []
    return [
        checks.Error(
            "OpenID Connect is partly configured: " + ", ".join(missing) + " missing.",
            hint="Set all of them to turn OpenID Connect login on, or none to leave it off.",
            id="tiltak.E101",
        )
    ]
