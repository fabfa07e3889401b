"""Reminders by e-mail to editors whose measures are not submitted: some days before the
deadline and on the day after it, or when the coordinator asks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from . import mail, permissions
from .models import ReminderLog, ReportingRound, StatusEntry
from .permissions import require
from .selectors import UNSUBMITTED

DAYS_BEFORE = 3
Kind = ReminderLog.Kind


@dataclass(slots=True)
class Sent:
    """Reminders sent for one round."""

    round: ReportingRound
    kind: str
    recipients: int


def pending_by_user(rnd: ReportingRound) -> dict[Any, list[StatusEntry]]:
    """Active editors with an e-mail address → the round's unsubmitted entries they may edit."""
    entries = (
        rnd.entries.filter(workflow_state__in=UNSUBMITTED)
        .select_related("measure")
        .prefetch_related("measure__responsibilities")
        .order_by("measure__order", "pk")
    )
    by_org: dict[int, list[StatusEntry]] = defaultdict(list)
    for entry in entries:
        for responsibility in entry.measure.responsibilities.all():
            by_org[responsibility.organisation_id].append(entry)
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            tiltak_profile__is_editor=True,
            tiltak_profile__organisation_id__in=list(by_org),
        )
        .exclude(email="")
        .select_related("tiltak_profile")
    )
    return {
        user: by_org[org_id]
        for user in users
        if (org_id := user.tiltak_profile.organisation_id) is not None
    }


def _message(rnd: ReportingRound, kind: str, entries: list[StatusEntry]) -> tuple[str, str]:
    """Subject and body of a reminder, in Norwegian."""
    deadline = rnd.deadline.strftime("%d.%m.%Y") if rnd.deadline else "ikke satt"
    if kind == Kind.AFTER:
        subject = f"Fristen er ute: {rnd.plan.title}, {rnd.title}"
        intro = f"Fristen for rapportering var {deadline}. Disse tiltakene er ikke sendt inn:"
    else:
        subject = f"Påminnelse: rapportering for {rnd.plan.title}, {rnd.title}"
        intro = f"Fristen for rapportering er {deadline}. Disse tiltakene er ikke sendt inn:"
    lines = [f"- {mail.measure_line(e)}\n  {mail.edit_link(e)}" for e in entries]
    link = mail.workspace_link()
    body = "\n".join(["Hei,", "", intro, "", *lines, "", f"Alle tiltakene dine: {link}"])
    return subject, body


def send_round_reminder(rnd: ReportingRound, kind: str) -> int:
    """E-mail every editor with unsubmitted entries in the round; the number of e-mails."""
    pending = pending_by_user(rnd)
    messages = [(*_message(rnd, kind, entries), [user.email]) for user, entries in pending.items()]
    return mail.send(messages)


def remind_now(user: Any, rnd: ReportingRound) -> int:
    """The coordinator sends a reminder for an open round; the number of e-mails."""
    require(permissions.can_manage_round(user, rnd.plan_id))
    if rnd.state != ReportingRound.State.OPEN:
        raise ValueError("Runden er ikke åpen.")
    count = send_round_reminder(rnd, Kind.MANUAL)
    ReminderLog.objects.create(round=rnd, kind=Kind.MANUAL, sent_on=date.today(), recipients=count)
    return count


def due_kind(rnd: ReportingRound, today: date, days_before: int = DAYS_BEFORE) -> str | None:
    """Which scheduled reminder is due for the round today, if any."""
    if rnd.state != ReportingRound.State.OPEN or rnd.deadline is None:
        return None
    if today == rnd.deadline - timedelta(days=days_before):
        return Kind.BEFORE
    if today == rnd.deadline + timedelta(days=1):
        return Kind.AFTER
    return None


def send_due_reminders(
    today: date, *, days_before: int = DAYS_BEFORE, dry_run: bool = False
) -> list[Sent]:
    """Send the scheduled reminders due today, each round and kind once a day."""
    sent: list[Sent] = []
    for rnd in ReportingRound.objects.filter(state=ReportingRound.State.OPEN).select_related(
        "plan"
    ):
        kind = due_kind(rnd, today, days_before)
        if kind is None:
            continue
        if dry_run:
            sent.append(Sent(rnd, kind, len(pending_by_user(rnd))))
            continue
        try:
            with transaction.atomic():
                log = ReminderLog.objects.create(round=rnd, kind=kind, sent_on=today)
                count = send_round_reminder(rnd, kind)
                ReminderLog.objects.filter(pk=log.pk).update(recipients=count)
        except IntegrityError:
            continue  # already sent today
        sent.append(Sent(rnd, kind, count))
    return sent
