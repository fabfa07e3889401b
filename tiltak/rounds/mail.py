"""E-mail from the rounds: one way to build the links and send the messages, for reminders and
notifications alike. Links are absolute (TILTAK_BASE_URL) and titles whole."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse

from tiltak.audit.history import NOBODY, person_name
from tiltak.display.links import site_url

from .models import StatusEntry

log = logging.getLogger(__name__)

# Subject, body and the recipients' addresses.
Message = tuple[str, str, list[str]]

GREETING = "Hei,"
SIGNATURE = "Hilsen Tiltak"


def edit_link(entry: StatusEntry) -> str:
    """The entry's edit page (the editor's view) as an absolute address."""
    return site_url(reverse("rounds:edit", args=[entry.pk]))


def review_link(entry: StatusEntry) -> str:
    """The coordinator's review page of the entry as an absolute address."""
    rnd = entry.round
    return site_url(reverse("rounds:review_entry", args=[rnd.plan.slug, rnd.slug, entry.pk]))


def workspace_link() -> str:
    """The editor's workspace as an absolute address."""
    return site_url(reverse("rounds:workspace"))


def measure_line(entry: StatusEntry) -> str:
    """«3. Etablere flere barnehus»: the number and the whole title, never cut."""
    return f"{entry.measure.number}. {entry.measure.title}"


def person(user: Any) -> str:
    """The user's name as the history gives it; «Systemet» for no user."""
    return NOBODY if user is None else person_name(user)


def letter(*paragraphs: str) -> str:
    """A Norwegian e-mail body: greeting, the paragraphs, signature."""
    return "\n\n".join([GREETING, *(p for p in paragraphs if p), SIGNATURE])


def send(messages: list[Message]) -> int:
    """Send the messages from DEFAULT_FROM_EMAIL over one connection; the number sent."""
    if not messages:
        return 0
    sender = settings.DEFAULT_FROM_EMAIL
    return send_mass_mail(
        [(subject, body, sender, to) for subject, body, to in messages], fail_silently=False
    )


def send_after_commit(messages: list[Message]) -> None:
    """Send once the current transaction commits (never for a change rolled back). A mail
    server that fails is logged: the change it tells about is already saved."""
    if not messages:
        return

    def deliver() -> None:
        try:
            send(messages)
        except Exception:  # the change is committed; the log tells the operator
            log.exception("could not send %d notification e-mails", len(messages))

    transaction.on_commit(deliver)
