"""Invitations: sending, accepting once before they expire, revoking, and who may."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from tests.support.world import World, round_settings
from tiltak.accounts import services
from tiltak.accounts.models import Invitation, PlanRole, Profile
from tiltak.audit.models import AuditEvent

LINK = re.compile(r"https?://\S+/konto/invitasjon/(?P<token>[A-Za-z0-9_-]{43})/")


@pytest.fixture(autouse=True)
def _round_settings(settings: Any) -> None:
    round_settings(settings)
    settings.TILTAK_BASE_URL = "https://tiltak.example.no"


def _token(message: Any) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match["token"]


def _invite_editor(world: World, email: str = "Ny.Redaktor@jd.dep.no") -> str:
    sent = services.invite(world.users["coordinator"], world.plan, email, "editor", world.jd)
    assert not sent.granted
    return _token(mail.outbox[-1])


def test_an_invitation_sends_an_absolute_link_in_norwegian(world: World) -> None:
    _invite_editor(world)
    message = mail.outbox[-1]
    assert message.to == ["Ny.Redaktor@jd.dep.no"]
    assert message.subject == f"Invitasjon til Tiltak: {world.plan.title}"
    assert "https://tiltak.example.no/konto/invitasjon/" in message.body
    assert "redaktør for Justisdepartementet (JD)" in message.body
    assert "Lenken virker én gang" in message.body
    assert message.body.count("Koordinator har invitert deg") == 1
    invitation = Invitation.objects.get()
    assert invitation.token_hash == services.hash_token(_token(message))
    assert _token(message) not in invitation.token_hash  # only the hash is stored
    assert invitation.expires_at > timezone.now() + timedelta(days=13)


def test_accepting_makes_the_account_with_role_and_password(world: World) -> None:
    token = _invite_editor(world)
    user = services.accept_invitation(token, "et-langt-og-godt-passord")
    assert user.username == "ny.redaktor@jd.dep.no"
    assert user.email == "Ny.Redaktor@jd.dep.no"
    assert user.check_password("et-langt-og-godt-passord")
    assert Profile.objects.get(user=user).organisation == world.jd
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user and invitation.accepted_at is not None


def test_a_link_works_once(world: World) -> None:
    token = _invite_editor(world)
    services.accept_invitation(token, "et-langt-og-godt-passord")
    with pytest.raises(services.InvitationError, match="allerede brukt"):
        services.accept_invitation(token, "et-annet-langt-passord")
    assert User.objects.filter(email__iexact="ny.redaktor@jd.dep.no").count() == 1


def test_an_expired_link_is_refused(world: World) -> None:
    token = _invite_editor(world)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(services.InvitationError, match="utløpt"):
        services.accept_invitation(token, "et-langt-og-godt-passord")
    assert not User.objects.filter(email__iexact="ny.redaktor@jd.dep.no").exists()


def test_an_unknown_link_is_refused(world: World) -> None:
    with pytest.raises(services.InvitationError, match="ikke gyldig"):
        services.open_invitation("x" * 43)


def test_a_new_invitation_replaces_the_unanswered_one(world: World) -> None:
    first = _invite_editor(world)
    second = _invite_editor(world, "ny.redaktor@jd.dep.no")
    with pytest.raises(services.InvitationError, match="trukket tilbake"):
        services.open_invitation(first)
    assert services.open_invitation(second).email == "ny.redaktor@jd.dep.no"


def test_withdrawn_invitations_stop_working(world: World) -> None:
    token = _invite_editor(world)
    invitation = Invitation.objects.get()
    services.withdraw_invitation(world.users["coordinator"], world.plan, invitation.pk)
    with pytest.raises(services.InvitationError, match="trukket tilbake"):
        services.accept_invitation(token, "et-langt-og-godt-passord")


def test_an_existing_account_gets_the_role_at_once_and_a_login_link(world: World) -> None:
    reader = world.users["lead_editor"]
    sent = services.invite(world.users["coordinator"], world.plan, reader.email, "reader")
    assert sent.granted
    assert PlanRole.objects.filter(user=reader, plan=world.plan, role="reader").exists()
    message = mail.outbox[-1]
    assert message.subject == f"Du har fått tilgang i Tiltak: {world.plan.title}"
    assert "https://tiltak.example.no/konto/logg-inn/" in message.body
    assert "/konto/invitasjon/" not in message.body


def test_the_same_access_twice_is_refused(world: World) -> None:
    with pytest.raises(services.InvitationError, match="har allerede denne tilgangen"):
        services.invite(
            world.users["coordinator"], world.plan, "jd-redaktor@example.no", "editor", world.jd
        )


def test_an_editor_of_another_organisation_is_not_moved(world: World) -> None:
    with pytest.raises(services.InvitationError, match="annen organisasjon"):
        services.invite(
            world.users["coordinator"], world.plan, "hod-redaktor@example.no", "editor", world.jd
        )
    assert Profile.objects.get(user=world.users["co_editor"]).organisation == world.hod


@pytest.mark.parametrize(
    ("email", "role", "message"),
    [
        ("ikke-en-adresse", "reader", "gyldig e-postadresse"),
        ("ny@example.no", "sjef", "Velg en rolle"),
        ("ny@example.no", "editor", "Velg organisasjonen"),
    ],
)
def test_bad_input_gives_a_clear_message(world: World, email: str, role: str, message: str) -> None:
    with pytest.raises(services.InvitationError, match=message):
        services.invite(world.users["coordinator"], world.plan, email, role)
    assert not Invitation.objects.exists() and not mail.outbox


@pytest.mark.parametrize("role", ["lead_editor", "reader", "anonymous"])
def test_only_the_coordinator_invites(world: World, role: str) -> None:
    from django.contrib.auth.models import AnonymousUser

    actor = AnonymousUser() if role == "anonymous" else world.users[role]
    with pytest.raises(PermissionDenied):
        services.invite(actor, world.plan, "ny@example.no", "reader")
    assert not Invitation.objects.exists()


def test_an_administrator_invites_too(world: World) -> None:
    sent = services.invite(world.users["admin"], world.plan, "ny@example.no", "coordinator")
    assert sent.invitation.role == "coordinator" and sent.invitation.organisation is None


def test_sending_is_limited_per_hour(world: World, settings: Any) -> None:
    settings.TILTAK_INVITATIONS_PER_HOUR = 2
    coordinator = world.users["coordinator"]
    for number in range(2):
        services.invite(coordinator, world.plan, f"person{number}@example.no", "reader")
    with pytest.raises(services.InvitationError, match="2 invitasjoner den siste timen"):
        services.invite(coordinator, world.plan, "person3@example.no", "reader")
    assert len(mail.outbox) == 2


def test_revoking_a_role_is_audited(world: World) -> None:
    role = PlanRole.objects.get(user=world.users["reader"], plan=world.plan)
    services.revoke_plan_role(world.users["coordinator"], world.plan, role.pk)
    assert not PlanRole.objects.filter(pk=role.pk).exists()
    event = AuditEvent.objects.get(model="accounts.planrole", action="revoke_access")
    assert event.actor == world.users["coordinator"] and event.plan_id == world.plan.pk


def test_revoking_an_editor_stops_editing(world: World) -> None:
    profile = Profile.objects.get(user=world.users["lead_editor"])
    services.revoke_editor(world.users["coordinator"], world.plan, profile.pk)
    profile.refresh_from_db()
    assert profile.is_editor is False
    assert AuditEvent.objects.filter(model="accounts.profile", action="revoke_access").exists()


def test_an_editor_may_not_revoke(world: World) -> None:
    role = PlanRole.objects.get(user=world.users["reader"], plan=world.plan)
    with pytest.raises(PermissionDenied):
        services.revoke_plan_role(world.users["lead_editor"], world.plan, role.pk)
    profile = Profile.objects.get(user=world.users["co_editor"])
    with pytest.raises(PermissionDenied):
        services.revoke_editor(world.users["lead_editor"], world.plan, profile.pk)
    assert PlanRole.objects.filter(pk=role.pk).exists()
    assert Profile.objects.get(pk=profile.pk).is_editor


def test_nobody_removes_their_own_role(world: World) -> None:
    role = PlanRole.objects.get(user=world.users["coordinator"], plan=world.plan)
    with pytest.raises(PermissionDenied, match="egen tilgang"):
        services.revoke_plan_role(world.users["coordinator"], world.plan, role.pk)


def test_invitations_are_audited_without_the_hash(world: World) -> None:
    _invite_editor(world)
    token = _invite_editor(world)
    services.accept_invitation(token, "et-langt-og-godt-passord")
    events = AuditEvent.objects.filter(model="accounts.invitation").order_by("id")
    actions = [event.action for event in events]
    assert actions.count("invite") == 3  # two created, the first withdrawn
    assert actions[-1] == "accept_invitation"
    invitation = Invitation.objects.get(accepted_at__isnull=False)
    for event in events:
        for values in (event.before or {}, event.after or {}):
            assert invitation.token_hash not in str(values)


class FailingBackend(BaseEmailBackend):
    """An e-mail server that does not answer."""

    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("no server")


def test_a_failed_e_mail_leaves_no_working_link(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(services.InvitationError, match="kunne ikke sendes"):
        services.invite(world.users["coordinator"], world.plan, "ny@example.no", "reader")
    assert Invitation.objects.get().withdrawn_at is not None


def test_without_a_registered_rule_nobody_manages_access(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiltak.accounts import policy

    assert policy.may_manage_access(world.users["coordinator"], world.plan.pk)
    monkeypatch.setattr(policy, "_rule", None)
    assert not policy.may_manage_access(world.users["admin"], world.plan.pk)
    with pytest.raises(PermissionDenied):
        services.invite(world.users["admin"], world.plan, "ny@example.no", "reader")


def test_the_history_tells_it_in_norwegian(world: World) -> None:
    from tiltak.audit.history import sentence

    services.invite(world.users["coordinator"], world.plan, "ny@example.no", "reader")
    role = PlanRole.objects.get(user=world.users["reader"], plan=world.plan)
    services.revoke_plan_role(world.users["coordinator"], world.plan, role.pk)
    invited = AuditEvent.objects.get(model="accounts.invitation")
    revoked = AuditEvent.objects.get(model="accounts.planrole", action="revoke_access")
    assert sentence(invited).startswith("koordinator inviterte")
    assert sentence(revoked) == "koordinator fjernet tilgang og slettet rollen i planen"
