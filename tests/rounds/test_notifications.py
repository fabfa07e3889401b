"""E-mail on return, approval and a new deadline (absolute links, whole titles, Norwegian), sent
after the change commits; the deadline form; the warning when reminders were missed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from tiltak.audit.models import AuditEvent
from tiltak.plans.models import Measure
from tiltak.rounds import reminders, selectors, services
from tiltak.rounds.models import ReminderLog

from .conftest import World

Capture = Callable[..., Any]
BASE = "https://tiltak.example.no"
LONG_TITLE = (
    "Styrke politiets arbeid " + "med vold i nære relasjoner " * 8 + "i hele landet og på nett"
)


@pytest.fixture(autouse=True)
def _base_url(settings: Any) -> None:
    settings.TILTAK_BASE_URL = BASE


def _submit(world: World, number: str, role: str = "lead_editor") -> int:
    entry = world.entry(number)
    services.save_entry(
        world.users[role], entry.pk, expected_version=entry.version, status_label="Under arbeid",
        narrative=f"Tiltak {number}.", submit=True,
    )  # fmt: skip
    return entry.pk


def test_return_mails_the_editors_with_comment_whole_title_and_absolute_link(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    Measure.objects.filter(plan=world.plan, number="2").update(title=LONG_TITLE)
    world.open()
    pk = _submit(world, "2")
    with django_capture_on_commit_callbacks(execute=True):
        services.return_entry(world.users["coordinator"], pk, comment="Mangler tall for 2026.")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "hod-redaktor@example.no",
        "jd-redaktor@example.no",
    ]
    message = mail.outbox[0]
    assert message.subject == "Tiltak 2 er returnert til dere"
    assert f"2. {LONG_TITLE}\n" in message.body  # whole, on one line
    assert "Mangler tall for 2026." in message.body
    assert f"Rett og send inn på nytt her: {BASE}/arbeidsflate/tiltak/{pk}/" in message.body
    assert "Status våren 2026" in message.body and message.body.startswith("Hei,")


def test_approval_mails_each_editor_once_with_their_measures(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    world.open()
    one, two = _submit(world, "1"), _submit(world, "2")
    three = _submit(world, "3", "unrelated_editor")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_entries(world.users["coordinator"], [one, two, three])
    by_to = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_to) == [
        "bfd-redaktor@example.no",
        "hod-redaktor@example.no",
        "jd-redaktor@example.no",
    ]
    assert by_to["jd-redaktor@example.no"].subject == "2 tiltak er godkjent"
    jd = by_to["jd-redaktor@example.no"].body
    assert "- 1. Styrke politiets arbeid" in jd and "- 2. Bedre helsetilbudet" in jd
    assert f"{BASE}/arbeidsflate/tiltak/{one}/" in jd and "3. Etablere" not in jd
    assert by_to["hod-redaktor@example.no"].subject == "Tiltak 2 er godkjent"
    assert by_to["bfd-redaktor@example.no"].subject == "Tiltak 3 er godkjent"


def test_nothing_is_sent_when_the_change_is_refused_or_not_committed(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    world.open()
    pk = _submit(world, "1")
    with pytest.raises(PermissionDenied), django_capture_on_commit_callbacks(execute=True):
        services.return_entry(world.users["lead_editor"], pk, comment="Selvretur")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.approve_entries(world.users["coordinator"], [pk])
    assert len(callbacks) == 1 and mail.outbox == []  # waits for the commit


def test_a_failing_mail_server_does_not_undo_the_return(
    world: World, django_capture_on_commit_callbacks: Capture, settings: Any
) -> None:
    world.open()
    pk = _submit(world, "1")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.return_entry(world.users["coordinator"], pk, comment="Rett dette.")
    assert entry.workflow_state == "returned"


def test_return_and_approval_from_the_review_page_send_mail(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    world.open()
    pk = _submit(world, "3", "unrelated_editor")
    url = f"/koordinator/{world.plan.slug}/{world.draft.slug}/tiltak/{pk}/"
    coordinator = world.client("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(url, {"action": "return", "comment": "Hvor mange?"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["bfd-redaktor@example.no"]]
    assert "Hvor mange?" in mail.outbox[0].body


# The deadline.


def test_the_coordinator_extends_the_deadline_and_open_editors_hear_of_it(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    world.open(date.today() + timedelta(days=3))
    _submit(world, "3", "unrelated_editor")  # BFD has nothing open any more
    new = date.today() + timedelta(days=20)
    url = f"/koordinator/{world.plan.slug}/{world.draft.slug}/frist/"
    coordinator = world.client("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(url, {"deadline": new.isoformat()})
    assert response.status_code == 302
    world.draft.refresh_from_db()
    assert world.draft.deadline == new
    event = AuditEvent.objects.get(action="change_deadline")
    assert event.before["deadline"] != event.after["deadline"] == new.isoformat()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "hod-redaktor@example.no",
        "jd-redaktor@example.no",
    ]
    body = mail.outbox[0].body
    assert "koordinator har endret fristen" in body
    assert f"{BASE}/arbeidsflate/" in body and f"{BASE}/arbeidsflate/tiltak/" in body
    page = coordinator.get(response["Location"]).content.decode()
    assert "Fristen er endret til" in page and f'value="{new.isoformat()}"' in page


def test_the_deadline_form_refuses_outsiders_past_dates_and_missing_csrf(world: World) -> None:
    old = date.today() + timedelta(days=3)
    world.open(old)
    url = f"/koordinator/{world.plan.slug}/{world.draft.slug}/frist/"
    later = (old + timedelta(days=7)).isoformat()
    for role in ("lead_editor", "reader"):
        assert world.client(role).post(url, {"deadline": later}).status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.users["coordinator"])
    assert strict.post(url, {"deadline": later}).status_code == 403
    coordinator = world.client("coordinator")
    for value, error in (
        ((date.today() - timedelta(days=1)).isoformat(), "kan ikke være før i dag"),
        ("neste uke", "Skriv fristen som en dato"),
    ):
        response = coordinator.post(url, {"deadline": value}, follow=True)
        assert error in response.content.decode()
    services.close_round(world.users["coordinator"], world.draft)
    response = coordinator.post(url, {"deadline": later}, follow=True)
    assert "Bare en åpen runde kan få ny frist" in response.content.decode()
    world.draft.refresh_from_db()
    assert world.draft.deadline == old and mail.outbox == []


def test_the_deadline_change_reads_as_a_sentence() -> None:
    from tiltak.audit.history import sentence
    from tiltak.audit.models import AuditEvent as Event

    event = Event(
        action="change_deadline",
        model="rounds.reportinground",
        actor_name="koordinator",
        before={"deadline": "2026-03-15"},
        after={"deadline": "2026-04-01"},
    )
    assert sentence(event) == ("koordinator endret fristen fra «15. mars 2026» til «1. april 2026»")


# Reminders that did not go out.


def test_missed_reminders_are_found_until_one_is_sent(world: World) -> None:
    deadline = date(2026, 6, 15)
    world.open(deadline)
    rnd = world.draft
    rnd.opened_at = timezone.make_aware(timezone.datetime(2026, 5, 1))
    rnd.save()
    days = reminders.DAYS_BEFORE
    assert selectors.missed_reminders(rnd, days, date(2026, 6, 11)) == []
    [missed] = selectors.missed_reminders(rnd, days, date(2026, 6, 13))
    assert (missed.kind, missed.due) == ("before", date(2026, 6, 12))
    ReminderLog.objects.create(round=rnd, kind="before", sent_on=date(2026, 6, 12))
    assert selectors.missed_reminders(rnd, days, date(2026, 6, 13)) == []
    [missed] = selectors.missed_reminders(rnd, days, date(2026, 6, 17))
    assert (missed.kind, missed.due) == ("after", date(2026, 6, 16))
    ReminderLog.objects.create(round=rnd, kind="manual", sent_on=date(2026, 6, 17))
    assert selectors.missed_reminders(rnd, days, date(2026, 6, 18)) == []


def test_the_coordinators_pages_warn_when_reminders_were_missed(world: World) -> None:
    world.open(date.today() + timedelta(days=1))
    rnd = world.draft
    rnd.opened_at = timezone.now() - timedelta(days=30)
    rnd.save()
    review = f"/koordinator/{world.plan.slug}/{rnd.slug}/"
    coordinator = world.client("coordinator")
    for url in (review, review + "fremdrift/"):
        page = coordinator.get(url).content.decode()
        assert "Ingen påminnelse er sendt" in page and "Påminnelsen før fristen" in page, url
    assert "Ingen påminnelse er sendt" not in world.client("reader").get(review).content.decode()
    coordinator.post(review + "fremdrift/")  # send one now
    assert "Ingen påminnelse er sendt" not in coordinator.get(review).content.decode()
