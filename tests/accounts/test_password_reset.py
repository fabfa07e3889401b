"""«Glemt passord»: a Norwegian e-mail with an absolute link, a new password, and the same
answer whether or not the address has an account."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests.support.world import World, round_settings

LINK = re.compile(r"https://tiltak\.example\.no(/konto/nytt-passord/[^/\s]+/[^/\s]+/)")
NEW = "et-helt-nytt-og-langt-passord"


@pytest.fixture(autouse=True)
def _round_settings(settings: Any) -> None:
    round_settings(settings)
    settings.TILTAK_BASE_URL = "https://tiltak.example.no"


def test_the_login_page_links_to_it(world: World) -> None:
    page = Client().get("/konto/logg-inn/").content.decode()
    assert 'href="/konto/glemt-passord/">Glemt passord?</a>' in page


def test_a_known_address_gets_a_link_and_sets_a_new_password(world: World) -> None:
    client = Client()
    response = client.post("/konto/glemt-passord/", {"email": "JD-redaktor@example.no"})
    assert response.status_code == 302 and response["Location"] == "/konto/glemt-passord/sendt/"
    (message,) = mail.outbox
    assert message.subject == "Nytt passord i Tiltak"
    assert "velge nytt passord for kontoen jd-redaktor i Tiltak" in message.body
    match = LINK.search(message.body)
    assert match, message.body
    response = client.get(match[1], follow=True)
    page = response.content.decode()
    assert "Velg et nytt passord for jd-redaktor." in page
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302 and response["Location"] == "/konto/nytt-passord/ferdig/"
    world.users["lead_editor"].refresh_from_db()
    assert world.users["lead_editor"].check_password(NEW)
    again = Client().get(match[1], follow=True).content.decode()
    assert "Lenken virker ikke lenger" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(world: World) -> None:
    response = Client().post("/konto/glemt-passord/", {"email": "ukjent@example.no"})
    assert response.status_code == 302 and response["Location"] == "/konto/glemt-passord/sendt/"
    assert mail.outbox == []
    page = Client().get("/konto/glemt-passord/sendt/").content.decode()
    assert "Hvis adressen hører til en konto" in page


def test_requests_are_limited_per_address(world: World, settings: Any) -> None:
    settings.TILTAK_PASSWORD_RESETS_PER_HOUR = 2
    for _ in range(4):
        response = Client().post("/konto/glemt-passord/", {"email": "jd-redaktor@example.no"})
        assert response["Location"] == "/konto/glemt-passord/sendt/"
    assert len(mail.outbox) == 2


def test_a_bad_address_is_said_in_norwegian(world: World) -> None:
    response = Client().post("/konto/glemt-passord/", {"email": "ikke en adresse"})
    assert response.status_code == 200
    assert "Skriv en gyldig e-postadresse." in response.content.decode()
