"""The access page, the invitation link and the coordinator's way there, through the views."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from tests.support.world import World, round_settings
from tiltak.accounts import services
from tiltak.accounts.models import Invitation, PlanRole, Profile
from tiltak.accounts.oidc_config import REQUIRED_SETTINGS

LINK = re.compile(r"https://tiltak\.example\.no(/konto/invitasjon/[A-Za-z0-9_-]{43}/)")
ACCESS = "/konto/tilgang/testplan/"
PASSWORD = "et-langt-og-godt-passord"


@pytest.fixture(autouse=True)
def _round_settings(settings: Any) -> None:
    round_settings(settings)
    settings.TILTAK_BASE_URL = "https://tiltak.example.no"


def _invite(world: World, email: str = "ny@jd.dep.no") -> str:
    response = world.client("coordinator").post(
        ACCESS, {"email": email, "role": "editor", "organisation": str(world.jd.pk)}
    )
    assert response.status_code == 302 and response["Location"] == ACCESS
    match = LINK.search(mail.outbox[-1].body)
    assert match
    return match[1]


def test_the_coordinator_finds_the_access_page_from_the_desk(world: World) -> None:
    page = world.client("coordinator").get("/koordinator/").content.decode()
    assert f'href="{ACCESS}"' in page


def test_the_access_page_lists_people_roles_and_organisations(world: World) -> None:
    _invite(world, "venter@jd.dep.no")
    page = world.client("coordinator").get(ACCESS).content.decode()
    assert "<h1" in page and "Tilgang til Handlingsplan for prøving" in page
    for name in ("leser", "jd-redaktor", "hod-redaktor", "bfd-redaktor", "venter@jd.dep.no"):
        assert name in page
    assert "Trekk tilbake" in page and "Fjern tilgang" in page
    assert "Deg" in page  # no button to remove one's own role


@pytest.mark.parametrize(("role", "status"), [("lead_editor", 403), ("reader", 403)])
def test_others_may_not_see_the_access_page(world: World, role: str, status: int) -> None:
    assert world.client(role).get(ACCESS).status_code == status
    response = world.client(role).post(ACCESS, {"email": "x@example.no", "role": "reader"})
    assert response.status_code == status
    assert not Invitation.objects.exists()


def test_anonymous_people_are_sent_to_login(world: World) -> None:
    response = world.client("anonymous").get(ACCESS)
    assert response.status_code == 302 and response["Location"].startswith("/konto/logg-inn/")


def test_an_unknown_plan_is_404(world: World) -> None:
    assert world.client("coordinator").get("/konto/tilgang/finnes-ikke/").status_code == 404


def test_a_bad_invitation_shows_the_message_and_keeps_the_input(world: World) -> None:
    response = world.client("coordinator").post(ACCESS, {"email": "ny@jd.dep.no", "role": "editor"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Velg organisasjonen personen skal være redaktør for." in page
    assert 'value="ny@jd.dep.no"' in page


def test_revoking_needs_post_and_csrf(world: World) -> None:
    role = PlanRole.objects.get(user=world.users["reader"])
    url = f"{ACCESS}rolle/{role.pk}/fjern/"
    assert world.client("coordinator").get(url).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.users["coordinator"])
    assert strict.post(url).status_code == 403
    assert PlanRole.objects.filter(pk=role.pk).exists()
    response = world.client("coordinator").post(url, follow=True)
    assert "leser er ikke lenger leser." in response.content.decode()
    assert not PlanRole.objects.filter(pk=role.pk).exists()


def test_revoking_an_editor_and_withdrawing_through_the_page(world: World) -> None:
    _invite(world)
    profile = Profile.objects.get(user=world.users["unrelated_editor"])
    client = world.client("coordinator")
    page = client.post(f"{ACCESS}redaktor/{profile.pk}/fjern/", follow=True).content.decode()
    assert "bfd-redaktor er ikke lenger redaktør." in page
    invitation = Invitation.objects.get()
    url = f"{ACCESS}invitasjon/{invitation.pk}/trekk-tilbake/"
    page = client.post(url, follow=True).content.decode()
    assert "Invitasjonen til ny@jd.dep.no er trukket tilbake." in page
    assert client.post(url, follow=True).content.decode().count("Fant ingen ventende") == 1


def test_the_link_leads_to_a_password_and_the_workspace(world: World) -> None:
    link = _invite(world)
    client = Client()
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == "/konto/invitasjon/godta/"
    page = client.get("/konto/invitasjon/godta/").content.decode()
    assert "Velg et passord" in page and "ny@jd.dep.no" in page
    assert link.split("/")[-2] not in page  # the secret is not on the page
    mismatch = client.post(
        "/konto/invitasjon/godta/", {"new_password1": PASSWORD, "new_password2": "noe annet"}
    )
    assert mismatch.status_code == 400 and 'aria-invalid="true"' in mismatch.content.decode()
    assert not User.objects.filter(username="ny@jd.dep.no").exists()
    response = client.post(
        "/konto/invitasjon/godta/", {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/arbeidsflate/"
    assert client.get("/arbeidsflate/").status_code == 200
    user = User.objects.get(username="ny@jd.dep.no")
    assert user.check_password(PASSWORD) and user.tiltak_profile.organisation == world.jd
    again = Client()
    again.get(link)
    response = again.get("/konto/invitasjon/godta/")
    assert response.status_code == 400 and "allerede brukt" in response.content.decode()


def test_an_account_made_since_the_invitation_just_accepts(world: World) -> None:
    link = _invite(world)
    user = User.objects.create_user("ny@jd.dep.no", email="ny@jd.dep.no", password=PASSWORD)
    client = Client()
    client.get(link)
    page = client.get("/konto/invitasjon/godta/").content.decode()
    assert "Du har allerede en konto" in page
    response = client.post("/konto/invitasjon/godta/", {"action": "accept"})
    assert response.status_code == 302 and response["Location"] == "/konto/logg-inn/"
    assert Profile.objects.get(user=user).organisation == world.jd


def test_without_a_link_the_page_says_so(world: World) -> None:
    response = Client().get("/konto/invitasjon/godta/")
    assert response.status_code == 400
    assert "Lenken er ikke gyldig" in response.content.decode()


def test_with_openid_connect_the_invitation_offers_it(world: World, settings: Any) -> None:
    for name in REQUIRED_SETTINGS:
        setattr(settings, name, "https://idp.example.no/x" if "ENDPOINT" in name else "verdi")
    link = _invite(world)
    client = Client()
    client.get(link)
    assert "Godta og logg inn med" in client.get("/konto/invitasjon/godta/").content.decode()
    response = client.post("/konto/invitasjon/godta/", {"action": "oidc"})
    assert response.status_code == 302 and response["Location"].startswith("/oidc/authenticate/")
    user = User.objects.get(username="ny@jd.dep.no")
    assert not user.has_usable_password() and user.tiltak_profile.organisation == world.jd


def test_an_existing_account_hears_it_has_access(world: World) -> None:
    client = world.client("coordinator")
    response = client.post(
        ACCESS, {"email": "LESER@example.no", "role": "coordinator"}, follow=True
    )
    assert "har fått tilgangen og en e-post om det" in response.content.decode()
    assert services.selectors.plan_role_names(world.users["reader"], world.plan.pk) == {
        "reader",
        "coordinator",
    }
