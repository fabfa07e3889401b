"""Personal API tokens: create, revoke, list, and authenticate a bearer secret.

A secret looks like `tiltak_1a2b3c4d_<43 URL-safe characters>`: the prefix up to the second
underscore is public (it names the token in lists), the rest is `secrets.token_urlsafe(32)`.
Only the SHA-256 hash of the whole secret is stored. Creating and revoking are recorded in the
audit log (tiltak.audit).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tiltak.audit import services as audit_log
from tiltak.rounds import permissions
from tiltak.rounds.permissions import require

from .models import ApiToken

SECRET_PREFIX = "tiltak_"
DEFAULT_DAYS = 90
MAX_DAYS = 366
MAX_NAME = 100
# Refresh last_used_at at most this often, so a busy client does not write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenError(Exception):
    """The token cannot be created as asked; str() is a Norwegian message."""


def default_days() -> int:
    """Days a new token lives: settings.TILTAK_API_TOKEN_DAYS, else 90."""
    return int(getattr(settings, "TILTAK_API_TOKEN_DAYS", DEFAULT_DAYS))


def hash_secret(secret: str) -> str:
    """The stored form of a secret: SHA-256, hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _prefix_of(secret: str) -> str | None:
    """The public prefix of a well-formed secret (`tiltak_<8 hex>`), else None."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    head, sep, rest = secret[len(SECRET_PREFIX) :].partition("_")
    if not sep or len(head) != 8 or not rest:
        return None
    return SECRET_PREFIX + head


def _audit_values(token: ApiToken) -> dict[str, Any]:
    """What the audit log keeps of a token (never the hash)."""
    return {
        "user": token.user_id,
        "name": token.name,
        "prefix": token.prefix,
        "expires_at": token.expires_at.isoformat(),
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }


def create_token(user: Any, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token of `user`, and its secret: shown to the user once, never stored."""
    require(permissions.is_signed_in(user), "Logg inn for å lage en API-nøkkel.")
    name = name.strip()
    if not name:
        raise TokenError("Gi nøkkelen et navn, for eksempel hva den skal brukes til.")
    if len(name) > MAX_NAME:
        raise TokenError(f"Navnet kan ha høyst {MAX_NAME} tegn.")
    days = default_days() if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise TokenError(f"Nøkkelen må gjelde fra 1 til {MAX_DAYS} dager.")
    while True:
        prefix = SECRET_PREFIX + secrets.token_hex(4)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    secret = f"{prefix}_{secrets.token_urlsafe(32)}"
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=prefix,
            secret_hash=hash_secret(secret),
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        audit_log.record(token, "create_api_token", None, _audit_values(token), actor=user)
    return token, secret


def revoke_token(user: Any, token_id: int) -> ApiToken:
    """Revoke a token: the user's own, or any for an administrator. Others' tokens are not
    found (ApiToken.DoesNotExist), so their ids reveal nothing."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
        if token is None or not permissions.can_manage_api_token(user, token.user_id):
            raise ApiToken.DoesNotExist("Fant ikke nøkkelen.")
        if token.revoked_at is None:
            before = _audit_values(token)
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_log.record(token, "revoke_api_token", before, _audit_values(token), actor=user)
    return token


def user_tokens(user: Any) -> QuerySet[ApiToken]:
    """The user's tokens, newest first."""
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at", "-id")


def authenticate_token(secret: str) -> ApiToken | None:
    """The active token whose secret this is, with its user loaded; None for a malformed,
    unknown, expired or revoked secret or an inactive user. Updates last_used_at."""
    prefix = _prefix_of(secret)
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        return None
    now = timezone.now()
    if token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
