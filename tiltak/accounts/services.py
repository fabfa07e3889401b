"""Giving and taking access: invitations by e-mail, accepting them, revoking roles.

An invitation's link carries a random secret (`secrets.token_urlsafe(32)`); only its SHA-256
hash is stored. A link works once and until it expires (TILTAK_INVITATION_DAYS, default 14).
A person who already has an account gets the access at once and an e-mail with a login link;
a new person gets a link to set a password (or to log in with OpenID Connect when that is
configured). Who may invite and revoke is decided in `tiltak.rounds.permissions`
(`can_manage_access`, asked through `policy`). Every change is in the audit log.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from tiltak.audit.context import audit_context
from tiltak.plans.models import Organisation, Plan

from . import emails, policy, selectors
from .models import Invitation, PlanRole, Profile

LOGGER = logging.getLogger(__name__)
Role = Invitation.Role
DEFAULT_DAYS = 14
DEFAULT_PER_HOUR = 30


class InvitationError(Exception):
    """The invitation cannot be sent or accepted as asked; str() is a Norwegian message."""


@dataclass(frozen=True, slots=True)
class Sent:
    """An invitation sent: `granted` when the person already had an account and has the
    access now, else the link waits to be accepted."""

    invitation: Invitation
    granted: bool


def invitation_days() -> int:
    """Days an invitation link works: settings.TILTAK_INVITATION_DAYS, else 14."""
    return int(getattr(settings, "TILTAK_INVITATION_DAYS", DEFAULT_DAYS))


def hash_token(token: str) -> str:
    """The stored form of an invitation's secret: SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _normalised_email(email: str) -> str:
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationError("Skriv en gyldig e-postadresse.") from None
    return email


def _check_rate(actor: Any) -> None:
    limit = int(getattr(settings, "TILTAK_INVITATIONS_PER_HOUR", DEFAULT_PER_HOUR))
    since = timezone.now() - timedelta(hours=1)
    if selectors.invitations_sent_since(actor, since) >= limit:
        raise InvitationError(
            f"Du har sendt {limit} invitasjoner den siste timen. Vent litt og prøv igjen."
        )


def _has_access(user: Any, plan: Plan, role: str, organisation: Organisation | None) -> bool:
    if role == Role.EDITOR:
        return selectors.editor_organisation_id(user) == getattr(organisation, "pk", None)
    return role in selectors.plan_role_names(user, plan.pk)


def _refuse_other_organisation(user: Any, organisation: Organisation | None) -> None:
    current = selectors.editor_organisation_id(user)
    if organisation is not None and current is not None and current != organisation.pk:
        raise InvitationError(
            f"{user.get_username()} er redaktør for en annen organisasjon. En person kan være "
            "redaktør for én organisasjon; en administrator kan flytte personen."
        )


def _grant(user: Any, plan: Plan, role: str, organisation: Organisation | None) -> None:
    """Give `user` the role: editor for the organisation, or a role on the plan."""
    if role == Role.EDITOR:
        _refuse_other_organisation(user, organisation)
        profile, _ = Profile.objects.get_or_create(
            user=user, defaults={"organisation": organisation, "is_editor": True}
        )
        if profile.organisation_id != getattr(organisation, "pk", None) or not profile.is_editor:
            profile.organisation = organisation
            profile.is_editor = True
            profile.save()
    else:
        PlanRole.objects.get_or_create(user=user, plan=plan, role=role)


def invite(
    actor: Any,
    plan: Plan,
    email: str,
    role: str,
    organisation: Organisation | None = None,
    *,
    request: HttpRequest | None = None,
) -> Sent:
    """Invite `email` to the plan as editor for `organisation`, coordinator or reader, and send
    the e-mail. An existing account gets the access at once; earlier unanswered invitations of
    the address to the plan stop working."""
    policy.require_access_manager(actor, plan.pk)
    email = _normalised_email(email)
    if role not in Role.values:
        raise InvitationError("Velg en rolle.")
    if role == Role.EDITOR and organisation is None:
        raise InvitationError("Velg organisasjonen personen skal være redaktør for.")
    if role != Role.EDITOR:
        organisation = None
    account = selectors.account_by_email(email)
    if account is not None:
        if not account.is_active:
            raise InvitationError(
                f"Kontoen {account.get_username()} er deaktivert; en administrator må aktivere den."
            )
        if _has_access(account, plan, role, organisation):
            raise InvitationError(f"{account.get_username()} har allerede denne tilgangen.")
        if role == Role.EDITOR:
            _refuse_other_organisation(account, organisation)
    _check_rate(actor)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic(), audit_context(actor=actor, action="invite"):
        for earlier in selectors.pending_invitations(plan).filter(email__iexact=email):
            earlier.withdrawn_at = now
            earlier.save(update_fields=["withdrawn_at"])
        invitation = Invitation.objects.create(
            email=email,
            plan=plan,
            role=role,
            organisation=organisation,
            invited_by=actor,
            token_hash=hash_token(token),
            expires_at=now + timedelta(days=invitation_days()),
        )
        if account is not None:
            with audit_context(action="grant_access", reason=f"Invitert av {actor}"):
                _grant(account, plan, role, organisation)
            invitation.accepted_at = now
            invitation.accepted_by = account
            invitation.save(update_fields=["accepted_at", "accepted_by"])
    try:
        if account is not None:
            emails.send_access_granted(invitation, request)
        else:
            emails.send_invitation(invitation, token, request)
    except (OSError, smtplib.SMTPException) as exc:
        LOGGER.warning("Invitation e-mail to %s not sent: %s", email, exc)
        if account is not None:
            raise InvitationError(
                f"{account.get_username()} har fått tilgangen, men e-posten om det kunne ikke "
                "sendes."
            ) from None
        with audit_context(actor=actor, action="withdraw_invitation", reason="E-post feilet"):
            invitation.withdrawn_at = timezone.now()
            invitation.save(update_fields=["withdrawn_at"])
        raise InvitationError("E-posten kunne ikke sendes. Prøv igjen senere.") from None
    return Sent(invitation, granted=account is not None)


def _refusal(invitation: Invitation) -> str:
    """Why the invitation can no longer be accepted, or "" if it can."""
    if invitation.accepted_at is not None:
        return "Invitasjonen er allerede brukt. Logg inn, eller be om nytt passord."
    if invitation.withdrawn_at is not None:
        return "Invitasjonen er trukket tilbake. Be koordinatoren om en ny."
    if invitation.expires_at <= timezone.now():
        return "Invitasjonen har utløpt. Be koordinatoren om en ny."
    return ""


def open_invitation(token: str) -> Invitation:
    """The invitation of a link that can still be accepted, else InvitationError."""
    invitation = selectors.invitation_by_hash(hash_token(token)) if token else None
    if invitation is None:
        raise InvitationError("Lenken er ikke gyldig. Kontroller at hele lenken ble med.")
    refusal = _refusal(invitation)
    if refusal:
        raise InvitationError(refusal)
    return invitation


def accept_invitation(token: str, password: str | None) -> Any:
    """Accept the invitation: its account (made now, with the address as username, if there is
    none) gets the access and, if given, the password; the link stops working. Returns the
    account. The password must be validated already (SetPasswordForm)."""
    with transaction.atomic():
        invitation = open_invitation(token)
        # Locked and checked again: a second tab or a double click must not accept it twice.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        refusal = _refusal(invitation)
        if refusal:
            raise InvitationError(refusal)
        reason = f"Invitasjon sendt {invitation.created_at:%d.%m.%Y} til {invitation.email}"
        with audit_context(action="accept_invitation", reason=reason):
            user = selectors.account_by_email(invitation.email)
            if user is not None and not user.is_active:
                raise InvitationError("Kontoen er deaktivert. Kontakt en administrator.")
            if user is None:
                user = get_user_model().objects.create_user(
                    invitation.email.lower()[:150], email=invitation.email
                )
            if password is not None:
                user.set_password(password)
                user.save()
            _grant(user, invitation.plan, invitation.role, invitation.organisation)
            invitation.accepted_at = timezone.now()
            invitation.accepted_by = user
            invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def withdraw_invitation(actor: Any, plan: Plan, invitation_id: int) -> Invitation:
    """Stop an unanswered invitation of the plan from working."""
    policy.require_access_manager(actor, plan.pk)
    invitation = selectors.pending_invitations(plan).filter(pk=invitation_id).first()
    if invitation is None:
        raise InvitationError("Fant ingen ventende invitasjon å trekke tilbake.")
    with audit_context(actor=actor, action="withdraw_invitation"):
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
    return invitation


def revoke_plan_role(actor: Any, plan: Plan, role_id: int) -> PlanRole:
    """Take a coordinator's or reader's role on the plan away (not one's own)."""
    policy.require_access_manager(actor, plan.pk)
    role = PlanRole.objects.filter(pk=role_id, plan=plan).select_related("user").first()
    if role is None:
        raise InvitationError("Fant ikke tilgangen; den kan allerede være fjernet.")
    if role.user_id == actor.pk:
        raise PermissionDenied("Du kan ikke fjerne din egen tilgang.")
    with audit_context(actor=actor, action="revoke_access"):
        role.delete()
    return role


def revoke_editor(actor: Any, plan: Plan, profile_id: int) -> Profile:
    """Stop an editor of one of the plan's organisations from editing (in every plan: an
    editor edits for the organisation)."""
    policy.require_access_manager(actor, plan.pk)
    profile = next((p for p in selectors.plan_access(plan).editors if p.pk == profile_id), None)
    if profile is None:
        raise InvitationError("Fant ikke redaktøren; tilgangen kan allerede være fjernet.")
    if profile.user_id == actor.pk:
        raise PermissionDenied("Du kan ikke fjerne din egen tilgang.")
    with audit_context(actor=actor, action="revoke_access"):
        profile.is_editor = False
        profile.save()
    return profile
