"""Login through the organisation's identity provider (OpenID Connect, with mozilla-django-oidc).

Off unless the client and the provider's addresses are configured (`oidc_enabled`, read at
request time): the backend then answers nothing and /oidc/ answers 404.

How a provider's user becomes a Tiltak account: the provider must give an e-mail address (and,
if it sends `email_verified`, a verified one). The address is matched case-insensitively against
the accounts; one match signs that account in, unless it is deactivated. Without a match a new
account is made with that address as its username and no roles: it sees only what the public
sees until an administrator gives it an organisation (editor) or a plan role in the admin. Two
accounts with the same address are refused, never guessed between. Creating the account and
every login are written to the audit log.

The ID token is checked more strictly than mozilla-django-oidc does by itself: signature and
algorithm, audience (our client id), expiry and issue time, issuer (when OIDC_OP_ISSUER is set)
and nonce; the user info must be about the same subject as the ID token. Anything that fails
refuses the login with a message on the login page and leaves no session.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from tiltak.audit import services as audit_log
from tiltak.audit.context import audit_context

from .oidc_config import oidc_enabled

LOGGER = logging.getLogger(__name__)

LEEWAY_SECONDS = 60  # clock skew allowed between the provider and us
FAILED = "Innloggingen mislyktes. Prøv igjen, eller logg inn med brukernavn og passord."
REFUSED_ERRORS = (
    SuspiciousOperation,
    jwt.PyJWTError,
    requests.RequestException,
    KeyError,
    TypeError,
    ValueError,
)


def axes_exempt(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> bool:
    """django-axes (AXES_WHITELIST_CALLABLE) leaves the callback alone: it counts failed
    password logins per username and address, and a failed callback has no username or
    password to guess; counted by address alone it would lock everyone behind a ministry's
    shared address out of OpenID Connect login. The provider throttles its own login."""
    match = getattr(request, "resolver_match", None)
    return match is not None and getattr(match.func, "view_class", None) is OIDCCallbackView


def _truthy(value: Any) -> bool:
    return value is True or str(value).strip().lower() == "true"


class TiltakOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Signs a provider's user in to the Tiltak account with the same e-mail address, or to a
    new account without roles; inert unless OpenID Connect is configured."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        """Only the callback view's call (it passes the nonce) is ours; failures are None."""
        if request is None or "nonce" not in kwargs or not oidc_enabled():
            return None
        if "username" in kwargs or "password" in kwargs:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except REFUSED_ERRORS as exc:
            expected = isinstance(exc, SuspiciousOperation | jwt.PyJWTError)
            LOGGER.warning("OpenID Connect login refused: %s", exc, exc_info=not expected)
            return None

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The token's claims after checking signature, algorithm, audience, expiry, issuer
        and (for the ID token, which comes with a nonce) the nonce."""
        is_id_token = "nonce" in kwargs
        algorithm = self.OIDC_RP_SIGN_ALGO
        if jwt.get_unverified_header(token).get("alg") != algorithm:
            raise SuspiciousOperation(f"Token not signed with {algorithm}.")
        if algorithm.startswith("HS"):
            key: Any = self.OIDC_RP_CLIENT_SECRET
        else:
            key = self.OIDC_RP_IDP_SIGN_KEY or self.retrieve_matching_jwk(token)
        issuer = getattr(settings, "OIDC_OP_ISSUER", "") or None
        required = ["exp", "iat", "aud", "sub"] if is_id_token else []
        try:
            payload: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": required + (["iss"] if issuer else [])},
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"Token refused: {exc}") from exc
        use_nonce = self.get_settings("OIDC_USE_NONCE", True)
        if is_id_token and use_nonce and payload.get("nonce") != kwargs["nonce"]:
            raise SuspiciousOperation("ID token nonce does not match the session's.")
        return payload

    def get_userinfo(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        """The user info, which must be about the ID token's subject, over the ID token's
        claims; `iss` and `sub` always from the ID token."""
        info = super().get_userinfo(access_token, id_token, payload)
        if not isinstance(info, dict) or info.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("User info is about another subject than the ID token.")
        return {**payload, **info, "iss": payload.get("iss", ""), "sub": payload["sub"]}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        """An e-mail address, not one the provider says is unverified."""
        email = str(claims.get("email") or "").strip()
        if not email or "@" not in email:
            return False
        return "email_verified" not in claims or _truthy(claims["email_verified"])

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        """Every account with the address, deactivated ones too (so that a deactivated user
        is refused rather than given a new account)."""
        email = str(claims.get("email") or "").strip()
        return self.UserModel.objects.filter(email__iexact=email) if email else []

    def get_username(self, claims: dict[str, Any]) -> str:
        """The e-mail address in lower case, made unique with a number if it is taken."""
        base = str(claims["email"]).strip().lower()[:140]
        username, number = base, 1
        while self.UserModel.objects.filter(username__iexact=username).exists():
            number += 1
            username = f"{base}-{number}"
        return username

    def create_user(self, claims: dict[str, Any]) -> Any:
        """A new account with no password and no roles, written to the audit log."""
        reason = (
            "Opprettet ved første innlogging med OpenID Connect "
            f"(utsteder {claims.get('iss') or '–'}, subjekt {claims.get('sub')})"
        )
        with audit_context(action="oidc_create_account", reason=reason):
            user = self.UserModel.objects.create_user(
                self.get_username(claims),
                email=str(claims["email"]).strip(),
                first_name=str(claims.get("given_name") or "")[:150],
                last_name=str(claims.get("family_name") or "")[:150],
            )
        user._tiltak_oidc_claims = claims
        LOGGER.info("OpenID Connect: created account %s", user.get_username())
        return user

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        """The matched account, unless it is deactivated."""
        if not self.user_can_authenticate(user):
            raise SuspiciousOperation(f"Account {user.get_username()} is deactivated.")
        user._tiltak_oidc_claims = claims
        return user

    def user_can_authenticate(self, user: Any) -> bool:
        """Active accounts only."""
        return bool(getattr(user, "is_active", False))

    def get_user(self, user_id: Any) -> Any:
        """The session's user while the account is active (as ModelBackend: a deactivated
        user's sessions stop working)."""
        return ModelBackend.get_user(self, user_id)


class _RequireOIDC:
    """404 unless OpenID Connect is configured."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not oidc_enabled():
            raise Http404("Innlogging med OpenID Connect er ikke satt opp.")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,no-any-return]


class OIDCLoginView(_RequireOIDC, OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Sends the browser to the provider with client id, state, nonce and PKCE challenge."""


class OIDCCallbackView(_RequireOIDC, OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The provider sends the browser back here with a code: sign in, or back to the login
    page with a message."""

    def get(self, request: HttpRequest) -> HttpResponse:
        """An unknown state is refused like any other failure."""
        try:
            response: HttpResponse = super().get(request)
        except SuspiciousOperation as exc:
            LOGGER.warning("OpenID Connect callback refused: %s", exc)
            return self.login_failure()
        return response

    def login_failure(self) -> HttpResponse:
        """Back to the login page, with a message."""
        messages.error(self.request, FAILED)
        return HttpResponseRedirect(reverse("accounts:login"))

    def login_success(self) -> HttpResponse:
        """Sign in and write the login to the audit log."""
        response: HttpResponse = super().login_success()
        claims = getattr(self.user, "_tiltak_oidc_claims", {})
        audit_log.record(
            self.user,
            "oidc_login",
            None,
            None,
            actor=self.user,
            reason=f"Innlogging med OpenID Connect (utsteder {claims.get('iss') or '–'})",
        )
        return response


urlpatterns = [
    path("authenticate/", OIDCLoginView.as_view(), name="oidc_authentication_init"),
    path("callback/", OIDCCallbackView.as_view(), name="oidc_authentication_callback"),
]
