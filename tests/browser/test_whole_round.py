"""A whole reporting round in headless Chromium, as the people who run it would: the coordinator
invites an editor; the editor opens the e-mail's link, chooses a password, writes with the
toolbar (a heading, a list, a link), pastes from Word and submits; the coordinator comments and
returns; the editor follows the e-mail's absolute link, fixes and resubmits; the coordinator
extends the deadline, downloads the draft report (it says UTKAST), approves all and publishes;
the public portal shows the new text. Every page: axe-core finds nothing, and at 390 px nothing
scrolls sideways."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail

from tests.reports.test_draft import page_texts
from tests.support.world import World, build_world, round_settings
from tiltak.rounds import services
from tiltak.rounds.models import ReportingRound, StatusEntry

from .conftest import axe_violations, screenshot
from .test_comments import _link_in
from .test_editor import BUNDLE, REGJERINGEN, WORD_HTML, paste_html, write_with_toolbar
from .test_rounds import sign_in

EMAIL = "kari.nordmann@jd.dep.no"
PASSWORD = "et-langt-og-godt-passord"
Workflow = StatusEntry.Workflow


@pytest.fixture
def live(live_server: Any, transactional_db: None, settings: Any) -> Iterator[tuple[str, World]]:
    """A live server whose address is the site's; publishing renders the PDF at once."""
    if not BUNDLE.exists():
        pytest.skip("the editor is not built (make assets bundles it)")
    round_settings(settings)
    settings.TILTAK_BASE_URL = str(live_server.url)
    settings.TILTAK_WARM_REPORTS_ON_PUBLISH = True
    settings.TILTAK_WARM_REPORT_FORMATS = ("pdf",)
    yield str(live_server.url), build_world()


def look(page: Any, axe_source: str, name: str) -> None:
    """The page as it is: a screenshot at 1280 and at 390 px, no sideways scroll at 390 px,
    no axe-core violations, one h1, in bokmål."""
    assert page.evaluate("document.documentElement.lang") == "nb", name
    assert page.locator("h1").count() == 1, name
    screenshot(page, f"round-{name}")
    assert axe_violations(page, axe_source) == [], name
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"round-{name}-390")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(
        e => e.getBoundingClientRect().right > 391).slice(0, 8).map(
        e => e.tagName + '.' + e.className)""")
    assert axe_violations(page, axe_source) == [], f"{name} at 390 px"
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"{name} is {width} px wide at 390: {wide}"


def last_mail_to(address: str) -> Any:
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, [message.to for message in mail.outbox]
    return sent[-1]


def submit_by_service(world: World, number: str, role: str, label: str, text: str) -> None:
    entry = world.entry(number)
    services.save_entry(
        world.users[role], entry.pk, expected_version=entry.version,
        status_label=label, narrative=text, submit=True,
    )  # fmt: skip


def test_a_whole_round(live: tuple[str, World], page: Any, axe_source: str) -> None:
    site, world = live
    world.open(date.today() + timedelta(days=7))
    rnd = world.draft
    base = f"{site}/koordinator/{world.plan.slug}/{rnd.slug}/"
    coordinator = world.users["coordinator"]

    # 1. The coordinator invites an editor for JD on the access page.
    sign_in(page, site, coordinator)
    assert page.goto(site + "/koordinator/").status == 200
    look(page, axe_source, "coordinator-home")
    with page.expect_navigation():
        page.click(f"text=Tilgang til {world.plan.title}")
    page.fill("#f-email", EMAIL)
    page.check("#f-role-editor")
    page.select_option("#f-organisation", label="JD – Justisdepartementet")
    with page.expect_navigation():
        page.click("button:has-text('Send invitasjon')")
    assert f"Invitasjonen er sendt til {EMAIL}" in page.content()
    look(page, axe_source, "access")

    # 2. The editor opens the link in the e-mail and chooses a password.
    found = re.search(re.escape(site) + r"/konto/invitasjon/\S+/", last_mail_to(EMAIL).body)
    assert found, last_mail_to(EMAIL).body
    page.context.clear_cookies()
    assert page.goto(found[0]).status == 200
    look(page, axe_source, "accept")
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    with page.expect_navigation():
        page.click("button:has-text('Velg passord og godta')")
    assert page.url == site + "/arbeidsflate/"
    look(page, axe_source, "workspace")

    # 3. The editor writes with the toolbar, pastes from Word, and submits.
    entry = world.entry("1")
    with page.expect_navigation():
        page.click("text=Styrke politiets arbeid")
    assert page.url == f"{site}/arbeidsflate/tiltak/{entry.pk}/"
    page.wait_for_selector(".rich-editor__content[contenteditable=true]")
    write_with_toolbar(
        page,
        "Politiet har fått flere etterforskere.",
        ("Flere etterforskere", "Raskere saksbehandling"),
        "Les mer",
    )
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    paste_html(page, WORD_HTML)
    editor = page.get_by_role("textbox", name="Omtale")
    assert editor.locator("[style*=mso], [class^=Mso]").count() == 0
    page.select_option("#f-status", label="Gjennomført")
    look(page, axe_source, "edit")
    with page.expect_navigation():
        page.click("button[value=submit]")
    entry.refresh_from_db()
    assert entry.workflow_state == Workflow.SUBMITTED
    text = entry.narrative
    assert text.startswith("# Status i 2026\n\nPolitiet har fått flere etterforskere.\n\n")
    assert "- Flere etterforskere\n- Raskere saksbehandling" in text
    assert f"[Les mer]({REGJERINGEN})" in text
    assert "## Tiltak fra Word" in text and "mso" not in text
    look(page, axe_source, "submitted")

    # 4. The coordinator comments and returns; the editor is told by e-mail.
    sign_in(page, site, coordinator)
    assert page.goto(base).status == 200
    look(page, axe_source, "review")
    with page.expect_navigation():
        page.click(f"a[href*='/tiltak/{entry.pk}/']")
    look(page, axe_source, "review-entry")
    page.fill("#f-comment-body", "Hvor mange **nye** etterforskere?")
    with page.expect_navigation():
        page.click("text=Legg til kommentar")
    assert "Kommentaren er lagt til" in page.content()
    mail.outbox.clear()
    page.fill("#f-comment", "Skriv tallet for 2026.")
    with page.expect_navigation():
        page.click("button[value=return]")
    assert world.entry("1").workflow_state == Workflow.RETURNED
    look(page, axe_source, "returned")
    link = _link_in(last_mail_to(EMAIL).body)
    assert link.startswith(site + "/arbeidsflate/tiltak/")  # absolute, to the entry

    # 5. The editor signs in with the password, follows the link, fixes and resubmits.
    page.context.clear_cookies()
    assert page.goto(link).status == 200  # to the login page, then back to the link
    look(page, axe_source, "login")
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button:has-text('Logg inn')")
    assert page.url.split("#")[0].split("?")[0] == link.split("#")[0].split("?")[0]
    assert "Skriv tallet for 2026." in page.content()
    assert "Hvor mange" in page.locator("section.comments").inner_text()
    look(page, axe_source, "fix")
    page.wait_for_selector(".rich-editor__content[contenteditable=true]")
    editor = page.get_by_role("textbox", name="Omtale")
    editor.locator("p", has_text="Politiet har fått flere etterforskere.").click()
    page.keyboard.press("End")
    page.keyboard.type(" Tolv nye i 2026.")
    with page.expect_navigation():
        page.click("button[value=submit]")
    entry.refresh_from_db()
    assert entry.workflow_state == Workflow.SUBMITTED
    assert "Politiet har fått flere etterforskere. Tolv nye i 2026." in entry.narrative

    # The other two measures are submitted meanwhile by their ministries' editors.
    submit_by_service(world, "2", "lead_editor", "Under arbeid", "Helsetilbudet er bedre.")
    submit_by_service(world, "3", "unrelated_editor", "Gjennomført", "Tre nye barnehus.")

    # 6. The coordinator extends the deadline and downloads the draft report.
    sign_in(page, site, coordinator)
    page.goto(base)
    new = date.today() + timedelta(days=21)
    page.fill("#f-new-deadline", new.isoformat())
    with page.expect_navigation():
        page.click("text=Endre fristen")
    assert "Fristen er endret til" in page.content()
    assert ReportingRound.objects.get(pk=rnd.pk).deadline == new
    look(page, axe_source, "deadline")
    with page.expect_download() as download:
        page.click("[data-testid=draft-report] >> text=PDF")
    pages = page_texts(Path(download.value.path()).read_bytes())
    assert len(pages) > 1 and all("UTKAST" in text for text in pages)
    assert "Tolv nye i 2026" in "\n".join(pages)

    # 7. «Velg alle», approve; then publish.
    page.check("[data-select-all=entries]")
    assert page.locator("input[name=entries]:checked").count() == 3
    with page.expect_navigation():
        page.click("button[value=approve]")
    assert "3 tiltak er godkjent" in page.content()
    look(page, axe_source, "approved")
    assert page.goto(base + "publiser/").status == 200
    look(page, axe_source, "publish")
    assert page.locator("#f-override").count() == 0  # all approved, the checks found no error
    with page.expect_navigation():
        page.click("#publiser ~ form button, section[aria-labelledby=publiser] button")
    assert "Runden er publisert" in page.content()
    assert ReportingRound.objects.get(pk=rnd.pk).state == ReportingRound.State.PUBLISHED

    # 8. The public portal shows the new text; the report is there.
    page.context.clear_cookies()
    assert page.goto(f"{site}/planer/{world.plan.slug}/tiltak/1/").status == 200
    main = page.locator("main").inner_text()
    assert "Tolv nye i 2026" in main and "Raskere saksbehandling" in main
    assert "Status våren 2026 (per juni 2026): Gjennomført" in main
    look(page, axe_source, "public-measure")
    report = page.request.get(f"{site}/rapporter/{world.plan.slug}/{rnd.slug}.pdf")
    assert report.status == 200
    assert not any("UTKAST" in text for text in page_texts(report.body()))
    assert User.objects.get(email=EMAIL).check_password(PASSWORD)
