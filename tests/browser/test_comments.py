"""The comment thread and the notifications in headless Chromium: the coordinator comments and
returns an entry, the editor follows the e-mail's absolute link, sees the comment and replies;
the coordinator extends the deadline. axe-core on every page; nothing scrolls sideways at 390 px."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from tests.support.world import World, build_world, round_settings
from tiltak.rounds import services
from tiltak.rounds.models import EntryComment, StatusEntry

from .conftest import axe_violations, screenshot
from .test_rounds import sign_in

WIDTHS = (1280, 390)


@pytest.fixture
def live(live_server: Any, transactional_db: None, settings: Any) -> Iterator[tuple[str, World]]:
    """A live server whose address is the site's (links in e-mails point to it)."""
    round_settings(settings)
    settings.TILTAK_BASE_URL = str(live_server.url)
    yield str(live_server.url), build_world()


def _look(page: Any, axe_source: str, name: str) -> None:
    """At desktop and 390 px: no sideways scroll, no axe violations; a screenshot of each."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        screenshot(page, f"comments-{name}-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (
            name,
            width,
            _too_wide(page, width),
        )
        assert axe_violations(page, axe_source) == [], (name, width)
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def _too_wide(page: Any, width: int) -> list[str]:
    """The elements reaching past the viewport, to say what scrolls sideways."""
    found: list[str] = page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > width + 1)
            .slice(0, 8).map((el) => el.tagName + '.' + el.className)""",
        width,
    )
    return found


def _link_in(body: str) -> str:
    found = re.search(r"https?://\S+/arbeidsflate/tiltak/\d+/\S*", body)
    assert found, body
    return found.group(0)


def test_coordinator_comments_and_returns_the_editor_replies(
    live: tuple[str, World], page: Any, axe_source: str
) -> None:
    site, world = live
    world.open(date.today() + timedelta(days=1))
    rnd = world.draft
    rnd.opened_at = timezone.now() - timedelta(days=20)  # the reminder before the deadline is due
    rnd.save()
    jd, coordinator = world.users["lead_editor"], world.users["coordinator"]
    coordinator.first_name, coordinator.last_name = "Kari", "Nordmann"
    coordinator.save()
    entry = world.entry("1")
    services.save_entry(
        jd, entry.pk, expected_version=1, status_label="Under arbeid",
        narrative="Politiet har fått flere etterforskere.", submit=True,
    )  # fmt: skip
    base = f"{site}/koordinator/{world.plan.slug}/{rnd.slug}/"

    # The coordinator's round page: the deadline form and the missed-reminder warning.
    sign_in(page, site, coordinator)
    assert page.goto(base).status == 200
    assert page.locator("[data-testid=missed-reminder]").count() == 1
    _look(page, axe_source, "review")

    # The coordinator comments, then returns the entry.
    assert page.goto(f"{base}tiltak/{entry.pk}/").status == 200
    page.fill("#f-comment-body", "Hvor mange **nye** etterforskere?")
    with page.expect_navigation():
        page.click("text=Legg til kommentar")
    assert page.locator(".comment-body strong").inner_text() == "nye"
    assert "Kommentaren er lagt til" in page.content()
    _look(page, axe_source, "review-entry")
    mail.outbox.clear()
    page.fill("#f-comment", "Skriv tallet for 2026.")
    with page.expect_navigation():
        page.click("button[value=return]")
    assert world.entry("1").workflow_state == StatusEntry.Workflow.RETURNED
    returned = [m for m in mail.outbox if m.to == ["jd-redaktor@example.no"]]
    assert len(returned) == 1 and "returnert" in returned[0].subject
    link = _link_in(returned[0].body)
    assert link.startswith(site + "/")

    # The editor follows the link, sees the comment and the return, and replies.
    sign_in(page, site, jd)
    assert page.goto(link).status == 200
    assert "Skriv tallet for 2026." in page.content()
    thread = page.locator("section.comments")
    assert "Kari Nordmann" in thread.inner_text() and "Hvor mange" in thread.inner_text()
    mail.outbox.clear()
    page.fill("#f-comment-body", "Tolv nye etterforskere. Teksten er rettet.")
    with page.expect_navigation():
        page.click("text=Legg til kommentar")
    assert page.url.endswith("#kommentarer")
    assert "Tolv nye etterforskere" in page.locator("section.comments").inner_text()
    _look(page, axe_source, "edit")
    assert [m.to for m in mail.outbox] == [["koordinator@example.no"]]
    assert f"{base}tiltak/{entry.pk}/" in mail.outbox[0].body
    assert EntryComment.objects.filter(entry=entry).count() == 2

    # The coordinator extends the deadline; JD (with open entries) is told the new date.
    sign_in(page, site, coordinator)
    page.goto(base)
    new = date.today() + timedelta(days=14)
    mail.outbox.clear()
    page.fill("#f-new-deadline", new.isoformat())
    with page.expect_navigation():
        page.click("text=Endre fristen")
    assert "Fristen er endret til" in page.content()
    assert page.locator("[data-testid=missed-reminder]").count() == 0
    told = {m.to[0]: m.body for m in mail.outbox}
    assert "jd-redaktor@example.no" in told
    assert _link_in(told["jd-redaktor@example.no"]).startswith(site + "/")

    # The editor's workspace shows the new deadline and the days left.
    sign_in(page, site, jd)
    page.goto(site + "/arbeidsflate/")
    assert "14 dager igjen" in page.content()
