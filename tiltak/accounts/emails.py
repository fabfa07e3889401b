"""The e-mails of invitations: a link to accept (and set a password), or, for a person who
already has an account, word that the access is given and a login link. Links are absolute
(`tiltak.display.links.site_url`)."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from tiltak.audit.history import person_name
from tiltak.display.links import site_url

from .models import Invitation


def _send(invitation: Invitation, template: str, context: dict[str, Any]) -> None:
    inviter = invitation.invited_by
    context = {
        "invitation": invitation,
        "plan": invitation.plan,
        "inviter": person_name(inviter) if inviter else "",
        **context,
    }
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [invitation.email])


def send_invitation(invitation: Invitation, token: str, request: HttpRequest | None) -> None:
    """The invitation with its link (the secret is only here, never stored)."""
    link = site_url(reverse("accounts:invitation", args=[token]), request)
    _send(invitation, "invitation", {"link": link})


def send_access_granted(invitation: Invitation, request: HttpRequest | None) -> None:
    """Word to an existing account that it has the access now, with a login link."""
    link = site_url(reverse("accounts:login"), request)
    _send(invitation, "access_granted", {"link": link})
