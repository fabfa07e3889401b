"""Fixtures for the write API's tests: the reporting-round world (tests.support.world), the whole
project's URLconf (the web pages and the API side by side), and one API token per role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.support.world import World, round_settings
from tiltak.api import tokens

__all__ = [
    "World",
    "_round_settings",
    "_test_urls",
    "bearer",
    "call",
    "role_secrets",
]


@pytest.fixture(autouse=True)
def _test_urls(settings: Any) -> None:
    """The project's own URLconf: the web pages the API is compared with are there too."""
    settings.ROOT_URLCONF = "tiltak.urls"
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]


@pytest.fixture(autouse=True)
def _round_settings(settings: Any) -> None:
    """The settings of the reporting-round tests (tests.support.world)."""
    round_settings(settings)


@pytest.fixture
def role_secrets(world: World) -> dict[str, str]:
    """A fresh API token's secret for every role but anonymous."""
    return {
        role: tokens.create_token(user, f"test {role}")[1] for role, user in world.users.items()
    }


def bearer(secret: str | None) -> dict[str, str]:
    """The Authorization header for `secret` (none for None)."""
    return {"Authorization": f"Bearer {secret}"} if secret else {}


def call(method: str, url: str, secret: str | None, body: Any = None, **headers: str) -> Any:
    """An API request with a fresh client (no session), JSON body, and the token if any."""
    client = Client()
    kwargs: dict[str, Any] = {"headers": {**bearer(secret), **headers}}
    if body is not None:
        kwargs.update(data=body, content_type="application/json")
    return getattr(client, method.lower())(url, **kwargs)
