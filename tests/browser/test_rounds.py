"""The workspace and coordinator pages in headless Chromium: no axe-core violations, and a
whole round from opening to the public portal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from tests.support.world import World, build_world
from tiltak.rounds import services
from tiltak.rounds.models import StatusEntry

from .conftest import axe_violations, screenshot


@pytest.fixture
def live(live_server: Any, transactional_db: None, settings: Any) -> Iterator[tuple[str, World]]:
    """A live server with the hand-built plan, its draft round opened."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TILTAK_WARM_REPORTS_ON_PUBLISH = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world = build_world()
    yield str(live_server.url), world


def sign_in(page: Any, site: str, user: Any) -> None:
    """Give the browser a session of `user` (no password round trip)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": site}])


def write_markdown(page: Any, text: str) -> None:
    """Put Markdown in the form's field as a browser without the editor script would send it."""
    page.eval_on_selector("#f-narrative", "(field, text) => { field.value = text; }", text)


def check(page: Any, axe_source: str, name: str, status: int = 200) -> None:
    assert page.evaluate("document.documentElement.lang") == "nb"
    assert page.locator("h1").count() == 1
    screenshot(page, f"rounds-{name}")
    assert axe_violations(page, axe_source) == [], name


def test_pages_have_no_accessibility_violations(
    live: tuple[str, World], page: Any, axe_source: str
) -> None:
    site, world = live
    world.open(date.today() + timedelta(days=10))
    jd, hod, coordinator = (world.users[r] for r in ("lead_editor", "co_editor", "coordinator"))
    entry = world.entry("2")
    sign_in(page, site, jd)
    assert page.goto(site + "/arbeidsflate/").status == 200
    check(page, axe_source, "workspace")
    assert page.goto(f"{site}/arbeidsflate/tiltak/{entry.pk}/").status == 200
    write_markdown(page, "Ny **omtale** med [lenke](https://www.regjeringen.no/).")
    page.click("button[value=preview]")
    assert page.locator(".preview strong").inner_text() == "omtale"
    check(page, axe_source, "edit")
    # Someone else saves meanwhile: the conflict page.
    services.save_entry(hod, entry.pk, expected_version=1, status_label="", narrative="HOD skrev.")
    write_markdown(page, "JD skrev.")
    with page.expect_navigation():
        page.click("button[value=save]")
    assert "Noen andre har lagret" in page.content()
    check(page, axe_source, "conflict")
    # Submit some so the queue has entries, then the coordinator's pages.
    for number, user in (("1", jd), ("3", world.users["unrelated_editor"])):
        e = world.entry(number)
        services.save_entry(user, e.pk, expected_version=e.version, status_label="Under arbeid",
                            narrative=f"Tiltak {number} går.", submit=True)  # fmt: skip
    sign_in(page, site, coordinator)
    base = f"{site}/koordinator/{world.plan.slug}/{world.draft.slug}/"
    assert page.goto(base).status == 200
    check(page, axe_source, "review")
    assert page.goto(base + "fremdrift/").status == 200
    check(page, axe_source, "progress")
    assert page.goto(base + "publiser/").status == 200
    check(page, axe_source, "publish")
    assert page.goto(f"{site}/konto/logg-inn/").status == 200  # signed in: redirected
    page.context.clear_cookies()
    assert page.goto(f"{site}/konto/logg-inn/").status == 200
    check(page, axe_source, "login")


def test_a_whole_round_in_the_browser(live: tuple[str, World], page: Any) -> None:
    """The coordinator opens the round, JD and BFD update and submit, BFD's is returned and
    fixed, the coordinator approves and publishes, and the portal shows the new round."""
    site, world = live
    sign_in(page, site, world.users["coordinator"])
    base = f"{site}/koordinator/{world.plan.slug}/{world.draft.slug}/"
    page.goto(base)
    page.fill("#f-deadline", (date.today() + timedelta(days=7)).isoformat())
    with page.expect_navigation():
        page.click("button[value=open]")
    assert "Runden er åpnet" in page.content()

    def update(user: Any, number: str, text: str) -> None:
        sign_in(page, site, user)
        page.goto(site + "/arbeidsflate/")
        page.get_by_role("link", name=world.entry(number).measure.title).click()
        page.select_option("#f-status", "Gjennomført")
        write_markdown(page, text)
        with page.expect_navigation():
            page.click("button[value=submit]")
        assert "Tiltaket er sendt inn" in page.content()

    update(world.users["lead_editor"], "1", "Politiet har fått flere etterforskere.")
    update(world.users["lead_editor"], "2", "Helsetilbudet er bedre.")
    update(world.users["unrelated_editor"], "3", "Barnehus")
    sign_in(page, site, world.users["coordinator"])
    page.goto(f"{base}tiltak/{world.entry('3').pk}/")
    page.fill("#f-comment", "Skriv hvor mange barnehus som er etablert.")
    with page.expect_navigation():
        page.click("button[value=return]")
    assert world.entry("3").workflow_state == StatusEntry.Workflow.RETURNED
    update(world.users["unrelated_editor"], "3", "Fem nye barnehus er etablert.")
    sign_in(page, site, world.users["coordinator"])
    page.goto(base)
    for checkbox in page.locator("input[name=entries]").all():
        checkbox.check()
    with page.expect_navigation():
        page.click("text=Godkjenn valgte")
    assert "3 tiltak er godkjent" in page.content()
    page.goto(base + "publiser/")
    if page.locator("#f-override").count():
        page.fill("#f-override", "Funnene er vurdert.")
    with page.expect_navigation():
        page.click("button:has-text('Publiser')")
    assert "Runden er publisert" in page.content()
    page.context.clear_cookies()
    page.goto(f"{site}/planer/{world.plan.slug}/tiltak/3/")
    assert "Status våren 2026" in page.content()
    assert "Fem nye barnehus er etablert." in page.content()
    screenshot(page, "rounds-portal-after-publish")


def test_portal_and_api_docs_work_under_the_content_security_policy(
    live: tuple[str, World], page: Any
) -> None:
    site, world = live
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(f"{site}/planer/{world.plan.slug}/")
    assert (
        response.status == 200
        and "script-src 'self'" in response.headers["content-security-policy"]
    )
    response = page.goto(f"{site}/api/docs")
    assert response.status == 200
    page.wait_for_selector(".swagger-ui .info", timeout=15000)
    assert violations == []


def test_the_edit_page_at_desktop_and_390_px(
    live: tuple[str, World], page: Any, axe_source: str
) -> None:
    """The whole long title, last round's text beside the draft with the word diff; at 390 px
    the two stack and nothing scrolls sideways."""
    site, world = live
    world.open(date.today() + timedelta(days=10))
    entry = world.entry("1")
    long_title = (
        "Styrke politiets og påtalemyndighetens arbeid med vold i nære relasjoner gjennom "
        "bedre opplæring, felles rutiner for risikovurdering og et tettere samarbeid med "
        "barnevernet, kommunene og krisesentrene i hele landet"
    )
    entry.measure.title = long_title
    entry.measure.save()
    jd = world.users["lead_editor"]
    services.save_entry(jd, entry.pk, expected_version=1, status_label="Gjennomført",
                        narrative="Omtale av **tiltak 1** i 2026, med en ny veileder.")  # fmt: skip
    sign_in(page, site, jd)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.goto(f"{site}/arbeidsflate/tiltak/{entry.pk}/").status == 200
        assert long_title in page.locator("h1").inner_text()
        assert page.locator("[data-testid=previous-diff] ins").count() >= 1
        assert page.locator("[data-testid=previous-diff] del").count() >= 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        check(page, axe_source, f"edit-compare-{width}")
        boxes = [page.locator(s).bounding_box() for s in (".last-published", "#rediger")]
        assert boxes[0] is not None and boxes[1] is not None
        side_by_side = boxes[1]["x"] > boxes[0]["x"] + boxes[0]["width"] - 1
        assert side_by_side == (width == 1280)
        assert page.goto(f"{site}/arbeidsflate/").status == 200
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        check(page, axe_source, f"workspace-{width}")
