"""Personal API tokens: the secret is shown once and stored hashed, expired, revoked and
unknown tokens get 401, last_used_at follows use, only the owner (or an administrator) revokes,
the page works with CSRF, and session cookies never authenticate the write API."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from tests.api.write_fixtures import World, _round_settings, _test_urls, call
from tiltak.api import tokens
from tiltak.api.models import ApiToken, TokenFailure
from tiltak.audit.models import AuditEvent

__all__ = ["_round_settings", "_test_urls"]

PAGE = "/konto/api-nokler/"
SECRET = re.compile(r"tiltak_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")


def _csrf_client(user: Any) -> tuple[Client, str]:
    """A signed-in client that enforces CSRF, and the token the page's form carries."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get(PAGE)
    assert page.status_code == 200
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content)
    assert match is not None
    return client, match.group(1).decode()


def test_secret_is_shown_once_and_stored_only_as_a_hash(world: World) -> None:
    user = world.users["lead_editor"]
    token, secret = tokens.create_token(user, "Saksbehandlingssystemet")
    assert SECRET.fullmatch(secret)
    assert secret.startswith(token.prefix + "_")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert stored["secret_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    assert not any(secret in str(value) for value in stored.values())
    # Default lifetime: 90 days.
    assert abs(token.expires_at - (token.created_at + timedelta(days=90))) < timedelta(seconds=5)
    assert token.last_used_at is None and token.revoked_at is None and token.state == "active"
    # The audit log has the creation, never the secret or its hash.
    event = AuditEvent.objects.get(action="create_api_token")
    assert event.actor == user and event.object_id == str(token.pk)
    assert event.after["prefix"] == token.prefix and event.after["name"] == token.name
    logged = str(event.before) + str(event.after) + event.object_repr
    assert secret not in logged and stored["secret_hash"] not in logged


def test_lifetime_is_configurable(world: World, settings: Any) -> None:
    settings.TILTAK_API_TOKEN_DAYS = 7
    token, _ = tokens.create_token(world.users["reader"], "kort")
    assert abs(token.expires_at - token.created_at - timedelta(days=7)) < timedelta(seconds=5)
    token, _ = tokens.create_token(world.users["reader"], "lang", days=30)
    assert abs(token.expires_at - token.created_at - timedelta(days=30)) < timedelta(seconds=5)
    for name, days in (("", 30), ("x" * 101, 30), ("ok", 0), ("ok", 367)):
        with pytest.raises(tokens.TokenError):
            tokens.create_token(world.users["reader"], name, days=days)


def test_a_token_authenticates_and_updates_last_used(world: World) -> None:
    token, secret = tokens.create_token(world.users["coordinator"], "test")
    response = call("GET", "/api/me", secret)
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "no-store"
    me = response.json()
    assert me["username"] == "koordinator" and me["token"]["prefix"] == token.prefix
    assert me["plans"] == [{"plan": "testplan", "plan_title": world.plan.title,
                            "roles": ["coordinator"]}]  # fmt: skip
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < timedelta(seconds=10)


@pytest.mark.parametrize("how", ["expired", "revoked", "inactive_user", "unknown", "malformed"])
def test_unusable_tokens_get_401(world: World, how: str) -> None:
    user = world.users["coordinator"]
    rnd = world.open()
    token, secret = tokens.create_token(user, "test")
    if how == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(1))
    elif how == "revoked":
        tokens.revoke_token(user, token.pk)
    elif how == "inactive_user":
        user.is_active = False
        user.save()
    elif how == "unknown":
        secret = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")
    else:
        secret = "not-a-token"
    assert tokens.authenticate_token(secret) is None
    response = call("POST", f"/api/rounds/{rnd.pk}/close", secret)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="tiltak", error="invalid_token"'
    assert response["Cache-Control"] == "no-store"
    assert world.draft.__class__.objects.get(pk=rnd.pk).state == "open"
    token.refresh_from_db()
    assert token.last_used_at is None


def test_no_token_and_other_schemes_get_401(world: World) -> None:
    response = call("GET", "/api/me", None)
    assert response.status_code == 401 and response["WWW-Authenticate"] == 'Bearer realm="tiltak"'
    response = call("GET", "/api/me", None, Authorization="Basic a29vcmRpbmF0b3I6eA==")
    assert response.status_code == 401


def test_a_session_cookie_does_not_authenticate_the_write_api(world: World) -> None:
    """Signed in on the web, with a CSRF token even: the write API still wants a token."""
    rnd = world.open()
    client, csrf = _csrf_client(world.users["coordinator"])
    response = client.post(f"/api/rounds/{rnd.pk}/close", headers={"X-CSRFToken": csrf})
    assert response.status_code == 401
    assert client.get("/api/me").status_code == 401
    assert rnd.__class__.objects.get(pk=rnd.pk).state == "open"


def test_only_the_owner_or_an_administrator_revokes(world: World) -> None:
    owner, other, admin = (world.users[r] for r in ("lead_editor", "co_editor", "admin"))
    token, secret = tokens.create_token(owner, "min")
    with pytest.raises(ApiToken.DoesNotExist):
        tokens.revoke_token(other, token.pk)
    client, csrf = _csrf_client(other)
    response = client.post(f"{PAGE}{token.pk}/tilbakekall/", {"csrfmiddlewaretoken": csrf})
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and call("GET", "/api/me", secret).status_code == 200
    assert not AuditEvent.objects.filter(action="revoke_api_token").exists()
    tokens.revoke_token(admin, token.pk)
    token.refresh_from_db()
    assert token.state == "revoked"
    event = AuditEvent.objects.get(action="revoke_api_token")
    assert event.actor == admin and event.before["revoked_at"] is None
    assert event.after["revoked_at"] is not None


def test_the_page_makes_lists_and_revokes_tokens_with_csrf(world: World) -> None:
    user = world.users["lead_editor"]
    assert Client().get(PAGE).status_code == 302  # signed out: to the login page
    client, csrf = _csrf_client(user)
    # Without the CSRF token nothing is made.
    refused = client.post(PAGE, {"name": "Uten CSRF", "days": "30"})
    assert refused.status_code == 403 and not ApiToken.objects.exists()
    made = client.post(PAGE, {"name": "Saksbehandling", "days": "30", "csrfmiddlewaretoken": csrf})
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    found = SECRET.search(made.content.decode())
    assert found is not None
    secret = found.group(0)
    assert "vises ikke igjen" in made.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.name == "Saksbehandling"
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    # Shown once: the list shows the prefix, never the secret again.
    listed = client.get(PAGE).content.decode()
    assert secret not in listed and f"{token.prefix}…" in listed and "Aktiv" in listed
    assert "Aldri" in listed
    assert call("GET", "/api/me", secret).status_code == 200
    # A bad request says why and makes nothing.
    bad = client.post(PAGE, {"name": " ", "days": "30", "csrfmiddlewaretoken": csrf})
    assert bad.status_code == 400 and "Gi nøkkelen et navn" in bad.content.decode()
    bad = client.post(PAGE, {"name": "x", "days": "mange", "csrfmiddlewaretoken": csrf})
    assert bad.status_code == 400 and ApiToken.objects.count() == 1
    # Revoke: POST with CSRF only.
    url = f"{PAGE}{token.pk}/tilbakekall/"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    response = client.post(url, {"csrfmiddlewaretoken": csrf}, follow=True)
    assert response.status_code == 200 and "er tilbakekalt" in response.content.decode()
    assert "Tilbakekalt" in response.content.decode()
    assert call("GET", "/api/me", secret).status_code == 401
    # The workspace links to the page.
    assert f'href="{PAGE}"' in client.get("/arbeidsflate/").content.decode()


def test_failed_token_attempts_are_throttled(world: World, settings: Any) -> None:
    settings.TILTAK_API_AUTH_FAILURE_LIMIT = 3
    _, secret = tokens.create_token(world.users["coordinator"], "test")
    for _ in range(3):
        assert call("GET", "/api/me", "tiltak_00000000_feil").status_code == 401
    throttled = call("GET", "/api/me", "tiltak_00000000_feil")
    assert throttled.status_code == 429 and 290 < int(throttled["Retry-After"]) <= 300
    assert throttled["Cache-Control"] == "no-store"
    # A valid token from the same address is never refused because of the throttle.
    assert call("GET", "/api/me", secret).status_code == 200
    assert call("GET", "/api/me", "tiltak_00000000_feil").status_code == 429
    # A forged X-Forwarded-For does not make a new address (no trusted proxies configured).
    forged = {"X-Forwarded-For": "192.0.2.7"}
    assert call("GET", "/api/me", "tiltak_00000000_feil", **forged).status_code == 429
    # Behind one trusted proxy, the address it forwards is the client's.
    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert call("GET", "/api/me", "tiltak_00000000_feil", **forged).status_code == 401
    settings.AXES_IPWARE_PROXY_COUNT = None
    # Failures older than the window are forgotten.
    TokenFailure.objects.update(at=timezone.now() - timedelta(seconds=301))
    assert call("GET", "/api/me", "tiltak_00000000_feil").status_code == 401
    assert TokenFailure.objects.count() == 1


def test_the_limit_holds_across_workers(world: World) -> None:
    """30 failures in all, however the requests are spread over worker processes: each worker's
    local cache is emptied between requests, as if every request went to another worker."""
    _, secret = tokens.create_token(world.users["coordinator"], "test")
    answers = []
    for _ in range(31):
        for cache in caches.all():
            cache.clear()
        answers.append(call("GET", "/api/me", "tiltak_00000000_feil").status_code)
    assert answers == [401] * 30 + [429]
    assert call("GET", "/api/me", secret).status_code == 200


def test_admin_lists_and_revokes_tokens_but_never_shows_the_hash(world: World) -> None:
    token, secret = tokens.create_token(world.users["lead_editor"], "i admin")
    client = world.client("admin")
    listing = client.get("/admin/tiltak_api/apitoken/")
    assert listing.status_code == 200 and token.prefix in listing.content.decode()
    change = client.get(f"/admin/tiltak_api/apitoken/{token.pk}/change/").content.decode()
    assert token.secret_hash not in change and secret not in change
    assert client.get("/admin/tiltak_api/apitoken/add/").status_code == 403
    response = client.post(
        "/admin/tiltak_api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.state == "revoked"
    assert AuditEvent.objects.get(action="revoke_api_token").actor == world.users["admin"]
