"""Token authentication of the write API, with a throttle on failed attempts per client."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import HttpBearer

from .. import throttle, tokens
from ..models import ApiToken


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind AXES_IPWARE_PROXY_COUNT trusted proxies (the
    login throttle's setting, AXES_PROXY_COUNT) the address they put in X-Forwarded-For. An
    X-Forwarded-For without trusted proxies is ignored: a client could choose it."""
    proxies = int(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0)
    forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return str(request.META.get("REMOTE_ADDR") or "-")


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <secret>` with a personal API token; request.auth is the token.

    A valid token is always let in. A client address with TILTAK_API_AUTH_FAILURE_LIMIT failed
    attempts in TILTAK_API_AUTH_FAILURE_WINDOW seconds gets 429 for anything else until the
    oldest failure leaves the window; the failures are counted in the database (throttle), so
    the limit holds across workers and servers. Letting a valid token in while throttled gives
    nothing away: a secret has 256 random bits, so the throttle is not what stops guessing; it
    keeps floods of bad tokens cheap and must not lock out a colleague behind the same address.
    """

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = tokens.authenticate_token(token.strip())
        if found is not None:
            return found
        address = client_address(request)
        limit = throttle.failure_limit()
        wait = throttle.wait_seconds(address, limit)
        if wait:
            raise Throttled(wait=wait)
        throttle.record_failure(address, limit)
        return None


def request_token(request: HttpRequest) -> ApiToken:
    """The token the request was authenticated with."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return token


def token_user(request: HttpRequest) -> Any:
    """The token's user (never the session's)."""
    return request_token(request).user
