"""Where people land after logging in, and the header link to the coordinator's desk."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.support.world import PASSWORD, World, round_settings


@pytest.fixture(autouse=True)
def _round_settings(settings: Any) -> None:
    round_settings(settings)


def _login(username: str, next_url: str = "") -> str:
    client = Client()
    address = "/konto/logg-inn/" + (f"?next={next_url}" if next_url else "")
    response = client.post(address, {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return str(response["Location"])


def test_a_coordinator_lands_at_the_desk_and_an_editor_at_the_workspace(world: World) -> None:
    assert _login("koordinator") == "/koordinator/"
    assert _login(world.users["lead_editor"].username) == "/arbeidsflate/"


def test_a_next_address_wins(world: World) -> None:
    assert _login("koordinator", "/arbeidsflate/") == "/arbeidsflate/"


def test_only_coordinators_see_the_desk_in_the_header(world: World) -> None:
    desk = '<a href="/koordinator/">Koordinator</a>'
    assert desk in world.client("coordinator").get("/arbeidsflate/").content.decode()
    assert desk not in world.client("lead_editor").get("/arbeidsflate/").content.decode()


def test_account_address_follows_the_same_rule(world: World) -> None:
    response = world.client("coordinator").get("/konto/")
    assert response.status_code == 302 and response["Location"] == "/koordinator/"
