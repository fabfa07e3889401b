"""E-mails that tell people what happened to an entry or a round: returned, approved, a new
comment, a new deadline. Built inside the change's transaction, sent after it commits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.formats import date_format

from tiltak.accounts.models import PlanRole

from . import mail, permissions
from .models import EntryComment, ReportingRound, StatusEntry
from .reminders import pending_by_user


def _with_email(users: QuerySet[Any], exclude: Any = None) -> list[Any]:
    users = users.filter(is_active=True).exclude(email="")
    if exclude is not None and getattr(exclude, "pk", None) is not None:
        users = users.exclude(pk=exclude.pk)
    return list(users.order_by("username").distinct())


def entry_editors(entry: StatusEntry, exclude: Any = None) -> list[Any]:
    """Active editors (with an e-mail address) of the measure's responsible organisations."""
    orgs = permissions.entry_organisation_ids(entry)
    users = get_user_model().objects.filter(
        tiltak_profile__is_editor=True, tiltak_profile__organisation_id__in=orgs
    )
    return _with_email(users, exclude)


def plan_coordinators(plan_id: int, exclude: Any = None) -> list[Any]:
    """Active coordinators (with an e-mail address) of the plan."""
    users = get_user_model().objects.filter(
        plan_roles__plan_id=plan_id, plan_roles__role=PlanRole.Role.COORDINATOR
    )
    return _with_email(users, exclude)


def _where(entry: StatusEntry) -> str:
    rnd = entry.round
    return f"runden «{rnd.title}» i {rnd.plan.title}"


def returned(entry: StatusEntry, comment: str, by: Any) -> None:
    """Tell the entry's editors that the coordinator returned it, with the comment."""
    subject = f"Tiltak {entry.measure.number} er returnert til dere"
    body = mail.letter(
        f"{mail.person(by)} har returnert dette tiltaket i {_where(entry)}:",
        mail.measure_line(entry),
        f"Kommentar:\n{comment}",
        f"Rett og send inn på nytt her: {mail.edit_link(entry)}",
    )
    mail.send_after_commit([(subject, body, [u.email]) for u in entry_editors(entry, by)])


def approved(entries: Iterable[StatusEntry], by: Any) -> None:
    """Tell each editor which of their entries the coordinator approved (one e-mail each)."""
    by_user: dict[Any, list[StatusEntry]] = defaultdict(list)
    for entry in entries:
        for user in entry_editors(entry, by):
            by_user[user].append(entry)
    messages: list[mail.Message] = []
    for user, mine in by_user.items():
        if len(mine) == 1:
            subject = f"Tiltak {mine[0].measure.number} er godkjent"
        else:
            subject = f"{len(mine)} tiltak er godkjent"
        lines = "\n".join(f"- {mail.measure_line(e)}\n  {mail.edit_link(e)}" for e in mine)
        body = mail.letter(
            f"{mail.person(by)} har godkjent i {_where(mine[0])}:", lines, "Takk for jobben."
        )
        messages.append((subject, body, [user.email]))
    mail.send_after_commit(messages)


def commented(comment: EntryComment) -> None:
    """Tell the other side of the thread: a coordinator's comment goes to the entry's editors,
    an editor's to the plan's coordinators."""
    entry, author = comment.entry, comment.author
    if permissions.is_entry_editor(author, entry):
        recipients = plan_coordinators(entry.round.plan_id, author)
        link = mail.review_link(entry)
    else:
        recipients = entry_editors(entry, author)
        link = mail.edit_link(entry)
    subject = f"Ny kommentar til tiltak {entry.measure.number}"
    body = mail.letter(
        f"{mail.person(author)} har skrevet en kommentar til dette tiltaket i {_where(entry)}:",
        mail.measure_line(entry),
        f"«{comment.body}»",
        f"Les og svar her: {link}#kommentarer",
    )
    mail.send_after_commit([(subject, body, [u.email]) for u in recipients])


def deadline_changed(rnd: ReportingRound, before: date | None, by: Any) -> None:
    """Tell the editors with entries not yet submitted the round's new deadline."""
    assert rnd.deadline is not None
    new = date_format(rnd.deadline, "j. F Y")
    was = f" (var {date_format(before, 'j. F Y')})" if before else ""
    subject = f"Ny frist {new}: {rnd.plan.title}, {rnd.title}"
    messages: list[mail.Message] = []
    for user, entries in pending_by_user(rnd).items():
        lines = "\n".join(f"- {mail.measure_line(e)}\n  {mail.edit_link(e)}" for e in entries)
        body = mail.letter(
            f"{mail.person(by)} har endret fristen for rapportering i runden «{rnd.title}» i "
            f"{rnd.plan.title} til {new}{was}.",
            f"Disse tiltakene er ikke sendt inn:\n{lines}",
            f"Alle tiltakene dine: {mail.workspace_link()}",
        )
        messages.append((subject, body, [user.email]))
    mail.send_after_commit(messages)
