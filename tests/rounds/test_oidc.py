"""OpenID Connect login against a fake identity provider (no network): the provider's token,
user info and JWKS endpoints answer in-process, and its ID tokens are signed with an RSA key
made for the tests."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from functools import cache
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import mozilla_django_oidc.auth
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth.models import User
from django.core.checks import Error
from django.test import Client

from tiltak.accounts import oidc_config
from tiltak.accounts.models import PlanRole, Profile
from tiltak.audit.models import AuditEvent

from .conftest import PASSWORD, World

ISSUER = "https://idp.example.no"
CLIENT_ID = "tiltak-prove"
CLIENT_SECRET = "klienthemmelighet-for-prove"
KID = "nokkel-2026"
BACKEND = "tiltak.accounts.oidc.TiltakOIDCBackend"
SETTINGS = {
    "OIDC_RP_CLIENT_ID": CLIENT_ID,
    "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{ISSUER}/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": f"{ISSUER}/token",
    "OIDC_OP_USER_ENDPOINT": f"{ISSUER}/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": f"{ISSUER}/jwks",
    "OIDC_OP_ISSUER": ISSUER,
}


@cache
def rsa_key(name: str) -> rsa.RSAPrivateKey:
    """An RSA key per name, made once per test run."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _response(url: str, status: int, body: Any) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.url = url
    response.headers["Content-Type"] = "application/json"
    response._content = json.dumps(body).encode()
    return response


class FakeProvider:
    """An OpenID Connect provider: `authorize` plays the user signing in at the provider and
    returns the code and state the browser brings back; `get` and `post` stand in for the
    `requests` functions mozilla-django-oidc calls."""

    def __init__(self) -> None:
        self.grants: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.calls: list[str] = []

    def authorize(
        self,
        location: str,
        *,
        email: str,
        sub: str = "sub-1",
        id_token: dict[str, Any] | None = None,
        userinfo: dict[str, Any] | None = None,
        key: str = "provider",
        alg: str = "RS256",
    ) -> tuple[str, str]:
        """The user signs in at the provider; per-test changes to the ID token and the user
        info, and the key that signs the token."""
        url = urlsplit(location)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{ISSUER}/authorize"
        query = {name: values[0] for name, values in parse_qs(url.query).items()}
        assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": sub,
            "iat": now,
            "exp": now + 300,
            "nonce": query["nonce"],
            "email": email,
            **(id_token or {}),
        }
        code = secrets.token_urlsafe(16)
        self.grants[code] = {
            "query": query,
            "id_token": {name: value for name, value in claims.items() if value is not None},
            "userinfo": {
                "sub": sub,
                "email": email,
                "given_name": "Kari",
                "family_name": "Nordmann",
                **(userinfo or {}),
            },
            "key": key,
            "alg": alg,
        }
        return code, query["state"]

    def sign(self, claims: dict[str, Any], key: str, alg: str) -> str:
        """The ID token, signed with the named key under the provider's key id."""
        if alg == "none":
            return jwt.encode(claims, None, algorithm="none")
        return jwt.encode(claims, rsa_key(key), algorithm=alg, headers={"kid": KID})

    def post(self, url: str, data: dict[str, Any], **_: Any) -> requests.Response:
        """The token endpoint: a code for an ID token and an access token, once."""
        self.calls.append(url)
        assert url == f"{ISSUER}/token"
        grant = self.grants.pop(data["code"], None)
        if grant is None:
            return _response(url, 400, {"error": "invalid_grant"})
        query = grant["query"]
        assert data["grant_type"] == "authorization_code"
        assert (data["client_id"], data["client_secret"]) == (CLIENT_ID, CLIENT_SECRET)
        assert data["redirect_uri"] == query["redirect_uri"]
        # PKCE: the verifier the client kept must hash to the challenge it sent.
        digest = hashlib.sha256(data["code_verifier"].encode()).digest()
        assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == query["code_challenge"]
        access_token = secrets.token_urlsafe(16)
        self.tokens[access_token] = grant["userinfo"]
        id_token = self.sign(grant["id_token"], grant["key"], grant["alg"])
        body = {"access_token": access_token, "token_type": "Bearer", "id_token": id_token}
        return _response(url, 200, body)

    def get(self, url: str, headers: dict[str, str] | None = None, **_: Any) -> requests.Response:
        """The JWKS endpoint (the provider's public key) and the user info endpoint."""
        self.calls.append(url)
        if url == f"{ISSUER}/jwks":
            public = jwt.algorithms.RSAAlgorithm.to_jwk(
                rsa_key("provider").public_key(), as_dict=True
            )
            return _response(url, 200, {"keys": [{**public, "kid": KID, "use": "sig"}]})
        assert url == f"{ISSUER}/userinfo"
        token = (headers or {}).get("Authorization", "").removeprefix("Bearer ")
        if token not in self.tokens:
            return _response(url, 401, {"error": "invalid_token"})
        return _response(url, 200, self.tokens[token])


@pytest.fixture
def provider(db: None, settings: Any, monkeypatch: pytest.MonkeyPatch) -> FakeProvider:
    """OpenID Connect configured against the fake provider."""
    for name, value in SETTINGS.items():
        setattr(settings, name, value)
    fake = FakeProvider()
    monkeypatch.setattr(mozilla_django_oidc.auth, "requests", fake)
    return fake


def start(client: Client, query: str = "") -> str:
    """Click the login link: the address the browser is sent to at the provider."""
    response = client.get("/oidc/authenticate/" + query)
    assert response.status_code == 302
    return str(response["Location"])


def sign_in(client: Client, provider: FakeProvider, **at_provider: Any) -> Any:
    """The whole round trip; the callback's response."""
    code, state = provider.authorize(start(client), **at_provider)
    return client.get("/oidc/callback/", {"code": code, "state": state})


def signed_in_user(client: Client) -> User | None:
    """The account the client's session belongs to, if any."""
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def assert_refused(client: Client, response: Any) -> None:
    """Back on the login page with a message, without a session."""
    assert response.status_code == 302 and response["Location"] == "/konto/logg-inn/"
    assert signed_in_user(client) is None
    page = client.get("/konto/logg-inn/")
    assert "Innloggingen mislyktes" in page.content.decode()
    assert client.get("/arbeidsflate/").status_code == 302


def test_off_unless_configured(db: None) -> None:
    client = Client()
    assert 'id="oidc-login"' not in client.get("/konto/logg-inn/").content.decode()
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/", {"code": "k", "state": "s"}).status_code == 404
    assert oidc_config.check_oidc_settings() == []


def test_login_page_links_to_the_provider(provider: FakeProvider, settings: Any) -> None:
    page = Client().get("/konto/logg-inn/?next=/koordinator/").content.decode()
    assert 'href="/oidc/authenticate/?next=/koordinator/"' in page
    assert "Logg inn med virksomhetens innlogging" in page
    settings.TILTAK_OIDC_PROVIDER_NAME = "Entra ID"
    assert "Logg inn med Entra ID" in Client().get("/konto/logg-inn/").content.decode()


def test_partial_configuration_fails_the_system_check(settings: Any) -> None:
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ISSUER}/token"
    (error,) = oidc_config.check_oidc_settings()
    assert isinstance(error, Error) and error.id == "tiltak.E101"
    assert "OIDC_OP_JWKS_ENDPOINT" in error.msg and "OIDC_RP_CLIENT_ID" not in error.msg
    assert not oidc_config.oidc_enabled()


def test_authenticate_sends_the_browser_to_the_provider(provider: FakeProvider) -> None:
    client = Client()
    url = urlsplit(start(client, "?next=/koordinator/"))
    query = {name: values[0] for name, values in parse_qs(url.query).items()}
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{ISSUER}/authorize"
    assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
    assert query["scope"].split() == ["openid", "email", "profile"]
    assert query["redirect_uri"] == "http://testserver/oidc/callback/"
    assert query["code_challenge_method"] == "S256" and query["code_challenge"]
    assert len(query["state"]) >= 32 and len(query["nonce"]) >= 32
    kept = client.session["oidc_states"][query["state"]]
    assert kept["nonce"] == query["nonce"] and kept["code_verifier"]
    assert client.session["oidc_login_next"] == "/koordinator/"
    assert provider.calls == []


def test_first_login_creates_an_account_without_roles(world: World, provider: FakeProvider) -> None:
    world.open()
    before = User.objects.count()
    client = Client()
    done = sign_in(client, provider, email="Kari.Nordmann@Dep.no", sub="abc-123")
    assert done.status_code == 302 and done["Location"] == "/arbeidsflate/"
    user = signed_in_user(client)
    assert user is not None and User.objects.count() == before + 1
    assert client.session["_auth_user_backend"] == BACKEND
    assert (user.username, user.email) == ("kari.nordmann@dep.no", "Kari.Nordmann@dep.no")
    assert (user.first_name, user.last_name) == ("Kari", "Nordmann")
    assert user.is_active and not user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert not Profile.objects.filter(user=user).exists()
    assert not PlanRole.objects.filter(user=user).exists()
    # Signed in, but with no roles: an empty workspace, no coordinator pages, no entries.
    workspace = client.get("/arbeidsflate/")
    assert workspace.status_code == 200
    assert "Styrke politiets arbeid" not in workspace.content.decode()
    assert client.get("/koordinator/").status_code == 403
    assert client.get(f"/arbeidsflate/tiltak/{world.entry('1').pk}/").status_code == 403
    assert provider.calls == [f"{ISSUER}/token", f"{ISSUER}/jwks", f"{ISSUER}/userinfo"]
    # The audit log has the new account and the login.
    created = AuditEvent.objects.get(
        model="auth.user", object_id=str(user.pk), action__startswith="oidc_create"
    )
    assert created.action == "oidc_create_account" and created.before is None
    assert created.after["email"] == "Kari.Nordmann@dep.no" and "abc-123" in created.reason
    login = AuditEvent.objects.get(object_id=str(user.pk), action="oidc_login")
    assert login.actor_id == user.pk and ISSUER in login.reason
    # The next login finds the same account.
    again = Client()
    sign_in(again, provider, email="kari.nordmann@dep.no", sub="abc-123")
    assert signed_in_user(again) == user and User.objects.count() == before + 1


def test_existing_editor_is_matched_by_email(world: World, provider: FakeProvider) -> None:
    world.open()
    before = User.objects.count()
    client = Client()
    done = sign_in(client, provider, email="JD-Redaktor@EXAMPLE.no")
    assert done["Location"] == "/arbeidsflate/"
    assert signed_in_user(client) == world.users["lead_editor"]
    assert User.objects.count() == before
    # The editor's Profile decides what they see and may edit.
    page = client.get("/arbeidsflate/").content.decode()
    assert "Styrke politiets arbeid" in page and "Bedre helsetilbudet" in page
    assert "Etablere flere barnehus" not in page
    assert client.get(f"/arbeidsflate/tiltak/{world.entry('1').pk}/").status_code == 200
    assert client.get(f"/arbeidsflate/tiltak/{world.entry('3').pk}/").status_code == 403
    assert client.get("/koordinator/").status_code == 403
    assert AuditEvent.objects.filter(action="oidc_login", actor=world.users["lead_editor"]).exists()
    assert not AuditEvent.objects.filter(action="oidc_create_account").exists()


def test_coordinator_lands_where_they_were_going(world: World, provider: FakeProvider) -> None:
    client = Client()
    code, state = provider.authorize(
        start(client, "?next=/koordinator/"), email="koordinator@example.no"
    )
    done = client.get("/oidc/callback/", {"code": code, "state": state})
    assert done["Location"] == "/koordinator/"
    assert signed_in_user(client) == world.users["coordinator"]
    assert "Handlingsplan for prøving" in client.get("/koordinator/").content.decode()


NOW = int(time.time())
REFUSALS: dict[str, tuple[dict[str, Any], str]] = {
    "signed with another key": ({"key": "someone-else"}, "Signature verification failed"),
    "not signed": ({"alg": "none"}, "Token not signed with RS256"),
    "wrong nonce": ({"id_token": {"nonce": "en-annen-nonce"}}, "nonce does not match"),
    "expired": ({"id_token": {"iat": NOW - 7200, "exp": NOW - 3600}}, "Signature has expired"),
    "for another client": ({"id_token": {"aud": "en-annen-klient"}}, "Audience doesn't match"),
    "from another issuer": ({"id_token": {"iss": "https://falsk.example.no"}}, "Invalid issuer"),
    "without expiry": ({"id_token": {"exp": None}}, 'missing the "exp" claim'),
    "user info about another": ({"userinfo": {"sub": "sub-2"}}, "about another subject"),
    "unverified e-mail": ({"userinfo": {"email_verified": False}}, "Claims verification failed"),
    "no e-mail": (
        {"userinfo": {"email": ""}, "id_token": {"email": None}},
        "Claims verification failed",
    ),
}


def warnings_logged(caplog: pytest.LogCaptureFixture) -> str:
    """The warnings logged while the test ran, one per line."""
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "WARNING")


@pytest.mark.parametrize("case", REFUSALS)
def test_bad_tokens_are_refused(
    world: World, provider: FakeProvider, case: str, caplog: pytest.LogCaptureFixture
) -> None:
    changes, reason = REFUSALS[case]
    before = User.objects.count()
    client = Client()
    assert_refused(client, sign_in(client, provider, email="jd-redaktor@example.no", **changes))
    assert reason in warnings_logged(caplog)
    assert User.objects.count() == before
    assert not AuditEvent.objects.filter(action__startswith="oidc_").exists()


def test_wrong_or_reused_state_is_refused(
    world: World, provider: FakeProvider, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()
    code, state = provider.authorize(start(client), email="jd-redaktor@example.no")
    assert_refused(client, client.get("/oidc/callback/", {"code": code, "state": "feil"}))
    assert "state not found in session" in warnings_logged(caplog)
    assert provider.calls == []  # the code was never exchanged
    # A state from another browser's session is refused too.
    other = Client()
    assert_refused(other, other.get("/oidc/callback/", {"code": code, "state": state}))
    # The right state works, once: it is gone from the session afterwards.
    client.get("/oidc/callback/", {"code": code, "state": state})
    assert signed_in_user(client) == world.users["lead_editor"]
    assert state not in client.session["oidc_states"]


def test_provider_error_is_refused(world: World, provider: FakeProvider) -> None:
    client = Client()
    state = parse_qs(urlsplit(start(client)).query)["state"][0]
    response = client.get("/oidc/callback/", {"error": "access_denied", "state": state})
    assert_refused(client, response)


def test_deactivated_user_is_refused(
    world: World, provider: FakeProvider, caplog: pytest.LogCaptureFixture
) -> None:
    editor = world.users["lead_editor"]
    editor.is_active = False
    editor.save()
    before = User.objects.count()
    client = Client()
    assert_refused(client, sign_in(client, provider, email="jd-redaktor@example.no"))
    assert User.objects.count() == before  # no new account instead of the deactivated one
    assert "jd-redaktor is deactivated" in warnings_logged(caplog)


def test_deactivating_ends_the_session(world: World, provider: FakeProvider) -> None:
    client = Client()
    sign_in(client, provider, email="jd-redaktor@example.no")
    assert client.get("/arbeidsflate/").status_code == 200
    User.objects.filter(pk=world.users["lead_editor"].pk).update(is_active=False)
    assert client.get("/arbeidsflate/").status_code == 302


def test_two_accounts_with_the_address_are_refused(
    world: World, provider: FakeProvider, caplog: pytest.LogCaptureFixture
) -> None:
    User.objects.create_user("jd-kopi", email="JD-REDAKTOR@example.no")
    client = Client()
    assert_refused(client, sign_in(client, provider, email="jd-redaktor@example.no"))
    assert "Multiple users returned" in warnings_logged(caplog)


def test_failed_callbacks_do_not_lock_the_address_out(
    world: World, provider: FakeProvider, settings: Any
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client = Client()
        response = sign_in(client, provider, email="jd-redaktor@example.no", key="someone-else")
        assert_refused(client, response)
    client = Client()
    assert sign_in(client, provider, email="jd-redaktor@example.no").status_code == 302
    assert signed_in_user(client) == world.users["lead_editor"]


def test_password_login_still_works_and_never_asks_the_provider(
    world: World, provider: FakeProvider
) -> None:
    client = Client()
    done = client.post(
        "/konto/logg-inn/?code=k&state=s", {"username": "jd-redaktor", "password": PASSWORD}
    )
    assert done.status_code == 302 and done["Location"] == "/arbeidsflate/"
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
    assert provider.calls == []
