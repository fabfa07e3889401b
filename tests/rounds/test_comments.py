"""The comment thread of an entry: who may write and read it, how it is rendered, audited and
told in the history, e-mailed to the other side, and never shown to the public."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from tiltak.audit.models import AuditEvent
from tiltak.rounds import comments, selectors, services
from tiltak.rounds.models import EntryComment
from tiltak.rounds.services import WorkflowError

from .conftest import World

Capture = Callable[..., Any]
BASE = "https://tiltak.example.no"


@pytest.fixture(autouse=True)
def _base_url(settings: Any) -> None:
    settings.TILTAK_BASE_URL = BASE + "/"


def _comment(world: World, capture: Capture, role: str, number: str, body: str) -> EntryComment:
    with capture(execute=True):
        return comments.add_comment(world.users[role], world.entry(number).pk, body)


def test_editors_and_coordinators_write_others_may_not(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    world.open()
    entry = world.entry("2")  # JD leads, HOD shares
    for role in ("lead_editor", "co_editor", "coordinator", "admin"):
        comments.add_comment(world.users[role], entry.pk, f"Fra {role}.")
    for outsider in ("unrelated_editor", "reader"):
        with pytest.raises(PermissionDenied):
            comments.add_comment(world.users[outsider], entry.pk, "Jeg blander meg.")
    assert [c.body for c in selectors.entry_comments(entry)] == [
        "Fra lead_editor.",
        "Fra co_editor.",
        "Fra coordinator.",
        "Fra admin.",
    ]


def test_empty_too_long_and_draft_or_published_rounds_are_refused(world: World) -> None:
    draft_entry_round = world.published
    world.open()
    entry = world.entry("1")
    coordinator = world.users["coordinator"]
    with pytest.raises(WorkflowError, match="Skriv en kommentar"):
        comments.add_comment(coordinator, entry.pk, "  \n ")
    with pytest.raises(WorkflowError, match="for lang"):
        comments.add_comment(coordinator, entry.pk, "x" * (comments.MAX_COMMENT_CHARS + 1))
    published_entry = world.entry("1", draft_entry_round)
    with pytest.raises(PermissionDenied):
        comments.add_comment(coordinator, published_entry.pk, "For sent.")
    assert EntryComment.objects.count() == 0


def test_a_comment_is_audited_and_told_in_the_history(world: World) -> None:
    coordinator = world.users["coordinator"]
    coordinator.first_name, coordinator.last_name = "Kari", "Nordmann"
    coordinator.save()
    world.open()
    entry = world.entry("1")
    comments.add_comment(coordinator, entry.pk, "Hvor  **mange**\netterforskere?")
    event = AuditEvent.objects.get(model="rounds.entrycomment")
    assert (event.action, event.actor_id) == ("comment", coordinator.pk)
    assert (event.plan_id, event.round_id, event.measure_id) == (
        world.plan.pk,
        world.draft.pk,
        entry.measure_id,
    )
    here = selectors.measure_history(entry.measure_id, current_round_id=world.draft.pk)
    assert here[0].sentence == "Kari Nordmann kommenterte: «Hvor mange etterforskere?»"
    elsewhere = selectors.measure_history(entry.measure_id, current_round_id=world.published.pk)
    assert elsewhere[0].sentence == (
        "Kari Nordmann kommenterte (runde Status våren 2026): «Hvor mange etterforskere?»"
    )


def test_a_coordinators_comment_mails_the_entrys_editors(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    world.open()
    entry = world.entry("2")
    _comment(world, django_capture_on_commit_callbacks, "coordinator", "2", "Legg til tall.")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "hod-redaktor@example.no",
        "jd-redaktor@example.no",
    ]
    message = mail.outbox[0]
    assert message.subject == "Ny kommentar til tiltak 2"
    assert "koordinator har skrevet en kommentar" in message.body
    assert "2. Bedre helsetilbudet til utsatte barn" in message.body
    assert "«Legg til tall.»" in message.body
    assert f"{BASE}/arbeidsflate/tiltak/{entry.pk}/#kommentarer" in message.body


def test_an_editors_comment_mails_the_plans_coordinators_only(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    world.open()
    entry = world.entry("2")
    _comment(world, django_capture_on_commit_callbacks, "co_editor", "2", "Tallene kommer.")
    assert [m.to for m in mail.outbox] == [["koordinator@example.no"]]
    review = f"{BASE}/koordinator/{world.plan.slug}/{world.draft.slug}/tiltak/{entry.pk}/"
    assert review in mail.outbox[0].body


def test_no_mail_when_the_comment_is_refused(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    world.open()
    with pytest.raises(PermissionDenied), django_capture_on_commit_callbacks(execute=True):
        comments.add_comment(world.users["unrelated_editor"], world.entry("1").pk, "Hei")
    assert mail.outbox == []


# Pages.


def test_the_thread_on_the_editors_and_the_coordinators_pages(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    world.open()
    entry = world.entry("1")
    edit_url = f"/arbeidsflate/tiltak/{entry.pk}/"
    jd = world.client("lead_editor")
    with django_capture_on_commit_callbacks(execute=True):
        response = jd.post(
            f"{edit_url}kommentar/",
            {"body": "Se **tallene** <script>alert(1)</script>", "next": edit_url},
        )
    assert response.status_code == 302 and response["Location"] == edit_url + "#kommentarer"
    page = jd.get(edit_url).content.decode()
    assert "Kommentaren er lagt til" in page
    assert 'id="kommentarer"' in page and "<strong>tallene</strong>" in page
    assert "<script>alert(1)" not in page
    assert f'action="/arbeidsflate/tiltak/{entry.pk}/kommentar/"' in page
    assert [m.to for m in mail.outbox] == [["koordinator@example.no"]]
    review_url = f"/koordinator/{world.plan.slug}/{world.draft.slug}/tiltak/{entry.pk}/"
    coordinator = world.client("coordinator")
    page = coordinator.get(review_url).content.decode()
    assert "<strong>tallene</strong>" in page and "Legg til kommentar" in page
    response = coordinator.post(f"{edit_url}kommentar/", {"body": "Takk.", "next": review_url})
    assert response["Location"] == review_url + "#kommentarer"
    assert "Takk." in coordinator.get(review_url).content.decode()


def test_readers_and_outsiders_do_not_see_or_write_the_thread(world: World) -> None:
    world.open()
    entry = world.entry("1")
    comments.add_comment(world.users["coordinator"], entry.pk, "Hemmelig merknad 4711.")
    review_url = f"/koordinator/{world.plan.slug}/{world.draft.slug}/tiltak/{entry.pk}/"
    page = world.client("reader").get(review_url)
    assert page.status_code == 200 and "Hemmelig merknad 4711" not in page.content.decode()
    assert 'id="kommentarer"' not in page.content.decode()
    url = f"/arbeidsflate/tiltak/{entry.pk}/kommentar/"
    for role in ("reader", "unrelated_editor"):
        assert world.client(role).post(url, {"body": "Hei"}).status_code == 403
    assert world.client("anonymous").post(url, {"body": "Hei"}).status_code == 302  # log in
    assert world.client("lead_editor").get(url).status_code == 405
    assert EntryComment.objects.count() == 1


def test_an_empty_comment_says_so_and_foreign_next_addresses_are_ignored(world: World) -> None:
    world.open()
    entry = world.entry("1")
    url = f"/arbeidsflate/tiltak/{entry.pk}/kommentar/"
    client = world.client("lead_editor")
    response = client.post(url, {"body": " ", "next": "https://evil.example/"})
    assert response["Location"] == f"/arbeidsflate/tiltak/{entry.pk}/#kommentarer"
    assert "Skriv en kommentar." in client.get(response["Location"]).content.decode()


def test_comments_are_never_public(world: World) -> None:
    """A published round's thread shows on no public page, API answer or open-data file."""
    world.open()
    marker = "Intern kommentar 9731"
    for number, role in (("1", "lead_editor"), ("3", "unrelated_editor")):
        entry = world.entry(number)
        comments.add_comment(world.users["coordinator"], entry.pk, marker)
        services.save_entry(
            world.users[role], entry.pk, expected_version=1, status_label="Gjennomført",
            narrative="Ferdig.", submit=True,
        )  # fmt: skip
        comments.add_comment(world.users[role], entry.pk, marker + " svar")
    services.approve_entries(world.users["coordinator"], [world.entry("1").pk, world.entry("3").pk])
    services.publish_round(world.users["coordinator"], world.draft, override_reason="Test.")
    slug, rnd = world.plan.slug, world.draft.slug
    public = world.client("anonymous")
    urls = [
        f"/planer/{slug}/",
        f"/planer/{slug}/tiltak/",
        f"/planer/{slug}/tiltak/1/",
        f"/planer/{slug}/tiltak/3/",
        f"/planer/{slug}/endringer/",
        f"/planer/{slug}/atom/",
        f"/planer/{slug}/tiltak.csv",
        f"/api/plans/{slug}/measures?round={rnd}",
        f"/api/plans/{slug}/measures/1",
        f"/api/plans/{slug}/rounds/{rnd}",
        "/api/search?q=kommentar",
        f"/data/{slug}.json",
        f"/data/{slug}.csv",
        "/api/openapi.json",
    ]
    for url in urls:
        response = public.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert marker.encode() not in body, url
    assert "Ferdig." in public.get(f"/planer/{slug}/tiltak/1/").content.decode()
    assert "Ferdig." in public.get(f"/api/plans/{slug}/measures/1").content.decode()
    schema = public.get("/api/openapi.json").json()
    for name, component in schema["components"]["schemas"].items():
        assert "comments" not in component.get("properties", {}), name
    # The published entry's page still shows its thread to the people in it, read-only.
    page = world.client("lead_editor").get(f"/arbeidsflate/tiltak/{world.entry('1').pk}/")
    assert marker in page.content.decode() and "Legg til kommentar" not in page.content.decode()


def test_administrators_find_comments_in_the_admin(world: World) -> None:
    world.open()
    comment = comments.add_comment(world.users["coordinator"], world.entry("1").pk, "Se tallene.")
    admin = world.client("admin")
    row = f"Kommentar {comment.pk} til"
    page = admin.get("/admin/rounds/entrycomment/?q=tallene")
    assert page.status_code == 200 and row in page.content.decode()
    assert row not in admin.get("/admin/rounds/entrycomment/?q=barnehus").content.decode()
    assert world.client("coordinator").get("/admin/rounds/entrycomment/").status_code == 302
