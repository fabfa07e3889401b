"""Access without the admin in headless Chromium: the coordinator invites an editor, the editor
opens the link from the e-mail, chooses a password and lands on the workspace with the
ministry's measures; «Glemt passord» end to end. axe-core finds nothing on these pages, and at
390 px wide nothing scrolls sideways."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail

from tests.support.world import World

from .conftest import screenshot
from .test_rounds import check, live, sign_in

__all__ = ["live"]

PASSWORD = "et-langt-og-godt-passord"


def narrow(page: Any, name: str) -> None:
    """At 390 px wide the page does not scroll sideways."""
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"access-{name}-390")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(
        e => e.getBoundingClientRect().right > 391).slice(0, 8).map(
        e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"{name} is {width} px wide at 390: {wide}"


def both(page: Any, axe_source: str, name: str) -> None:
    check(page, axe_source, f"access-{name}")
    narrow(page, name)


def _link(pattern: str) -> str:
    match = re.search(pattern, mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match[0]


def test_a_coordinator_invites_an_editor_who_sets_a_password(
    live: tuple[str, World], page: Any, axe_source: str
) -> None:
    site, world = live
    world.open()
    sign_in(page, site, world.users["coordinator"])
    assert page.goto(site + "/koordinator/").status == 200
    with page.expect_navigation():
        page.click(f"text=Tilgang til {world.plan.title}")
    assert page.url == f"{site}/konto/tilgang/{world.plan.slug}/"
    both(page, axe_source, "page")
    page.fill("#f-email", "kari.nordmann@jd.dep.no")
    page.check("#f-role-editor")
    page.select_option("#f-organisation", label="JD – Justisdepartementet")
    with page.expect_navigation():
        page.click("button:has-text('Send invitasjon')")
    assert "Invitasjonen er sendt til kari.nordmann@jd.dep.no" in page.content()
    assert page.locator("td.access-email", has_text="kari.nordmann@jd.dep.no").count() == 1
    both(page, axe_source, "page-pending")

    link = _link(re.escape(site) + r"/konto/invitasjon/[A-Za-z0-9_-]{43}/")
    page.context.clear_cookies()
    assert page.goto(link).status == 200
    assert page.url == site + "/konto/invitasjon/godta/"
    both(page, axe_source, "accept")
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", "noe annet")
    with page.expect_navigation():
        page.click("button:has-text('Velg passord og godta')")
    assert page.locator("[aria-invalid=true]").count() >= 1
    both(page, axe_source, "accept-error")
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    with page.expect_navigation():
        page.click("button:has-text('Velg passord og godta')")
    assert page.url == site + "/arbeidsflate/"
    content = page.content()
    assert "Styrke politiets arbeid" in content  # JD's measure
    assert "Etablere flere barnehus" not in content  # BFD's
    assert page.goto(link).status == 400
    assert "allerede brukt" in page.content()


def test_forgotten_password(live: tuple[str, World], page: Any, axe_source: str) -> None:
    site, world = live
    assert page.goto(site + "/konto/logg-inn/").status == 200
    with page.expect_navigation():
        page.click("text=Glemt passord?")
    both(page, axe_source, "reset-form")
    page.fill("#id_email", world.users["lead_editor"].email)
    with page.expect_navigation():
        page.click("button:has-text('Send lenke')")
    assert page.url == site + "/konto/glemt-passord/sendt/"
    both(page, axe_source, "reset-sent")
    link = _link(re.escape(site) + r"/konto/nytt-passord/\S+/\S+/")
    page.goto(link)
    both(page, axe_source, "reset-confirm")
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    with page.expect_navigation():
        page.click("button:has-text('Lagre nytt passord')")
    assert page.url == site + "/konto/nytt-passord/ferdig/"
    both(page, axe_source, "reset-complete")
    with page.expect_navigation():
        page.click("main >> text=Logg inn")
    page.fill("#id_username", "jd-redaktor")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button:has-text('Logg inn')")
    assert page.url == site + "/arbeidsflate/"
