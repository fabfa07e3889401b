"""The import in headless Chromium: upload a DOCX, see that it is being read, review it (no
axe-core violations, wide and narrow), correct a responsible, save it as a new plan and find
the correction on the portal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.word import plan_docx
from tests.support.world import World, build_world
from tiltak.plans.models import Plan

from .conftest import axe_violations, screenshot
from .test_rounds import sign_in

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def live(live_server: Any, transactional_db: None, settings: Any) -> Iterator[tuple[str, World]]:
    """A live server with the rounds tests' plan and users."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TILTAK_WARM_REPORTS_ON_PUBLISH = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield str(live_server.url), build_world()


def test_import_review_and_save_as_a_new_plan(
    live: tuple[str, World], page: Any, axe_source: str
) -> None:
    site, world = live
    errors: list[str] = []
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error"
            and "favicon" not in m.location.get("url", "")
            and "status of 400" not in m.text  # the form with a mistake, on purpose
            else None
        ),
    )
    sign_in(page, site, world.users["coordinator"])
    page.goto(f"{site}/koordinator/")
    with page.expect_navigation():
        page.get_by_role("link", name="Importer en plan eller statusrapport").click()
    assert page.locator("h1").inner_text() == "Importer en plan eller statusrapport"
    assert axe_violations(page, axe_source) == []
    page.set_input_files(
        "#f-file", files=[{"name": "testplan.docx", "mimeType": DOCX, "buffer": plan_docx()}]
    )
    # The first submission is held in the page, so what it shows while reading can be seen;
    # then the form is sent for real.
    page.evaluate(
        """() => document.querySelector('.import-upload').addEventListener('submit', (event) => {
            if (!window.sent) event.preventDefault();
        })"""
    )
    button = page.locator(".import-upload button[type=submit]")
    button.click()
    page.wait_for_function("document.querySelector('.import-upload button').disabled")
    assert button.inner_text() == "Leser dokumentet …"
    assert "Leser dokumentet" in page.locator("[data-busy-status]").inner_text()
    assert page.locator(".import-progress").is_visible()
    screenshot(page, "imports-upload-busy")
    with page.expect_navigation():
        page.evaluate("window.sent = true; document.querySelector('.import-upload').submit()")

    assert page.locator("h1").inner_text() == "Se gjennom importen"
    rows = page.locator(".import-table tbody tr")
    assert rows.count() == 4
    assert page.input_value("#id_m-1-title") == "Etablere et nasjonalt testsenter"
    assert page.get_by_label("Ansvarlig, tiltak 2", exact=True).count() == 1
    screenshot(page, "imports-review")
    assert axe_violations(page, axe_source) == []
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "imports-review-390")
    assert axe_violations(page, axe_source) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    # A mistake: the page again with the field marked, nothing saved.
    page.get_by_label("Nr., tiltak 3", exact=True).fill("")
    page.locator("#id_m-2-number").evaluate("input => input.removeAttribute('required')")
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre", exact=True).click()
    assert page.locator("#id_m-2-number").get_attribute("aria-invalid") == "true"
    alert = page.locator("[role=alert]")
    assert alert.inner_text().startswith("Noe i skjemaet må rettes")
    assert alert.get_by_role("link").get_attribute("href") == "#id_m-2-number"
    assert not Plan.objects.filter(title__startswith="Handlingsplan mot testing").exists()
    screenshot(page, "imports-review-error")
    assert axe_violations(page, axe_source) == []

    page.get_by_label("Nr., tiltak 3", exact=True).fill("3")
    page.get_by_label("Ansvarlig, tiltak 2", exact=True).fill("JD, BFD")
    page.fill("#id_new_slug", "testing-2025-2028")
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre", exact=True).click()
    assert "er lagret som ny plan" in page.content()
    screenshot(page, "imports-plan")
    assert axe_violations(page, axe_source) == []
    plan = Plan.objects.get(slug="testing-2025-2028")
    assert plan.measures.get(number="2").responsible_acronyms() == ["JD", "BFD"]
    with page.expect_navigation():
        page.get_by_role("link", name="Se planen i portalen").click()
    assert page.locator("h1").inner_text().startswith("Handlingsplan mot testing")
    page.context.clear_cookies()  # the public sees it too
    page.goto(f"{site}/planer/testing-2025-2028/tiltak/2/")
    assert "Etablere et nasjonalt testsenter" in page.content()
    assert "BFD" in page.locator("main").inner_text()
    screenshot(page, "imports-portal-measure")
    assert errors == []


def test_a_plan_by_hand(live: tuple[str, World], page: Any, axe_source: str) -> None:
    site, world = live
    sign_in(page, site, world.users["coordinator"])
    page.goto(f"{site}/koordinator/import/")
    with page.expect_navigation():
        page.get_by_role("link", name="Opprett en tom plan").click()
    assert axe_violations(page, axe_source) == []
    page.get_by_label("Planens tittel").fill("Strategi for håndarbeid (2026–2030)")
    with page.expect_navigation():
        page.get_by_role("button", name="Opprett planen").click()
    assert "Planen har ingen tiltak ennå" in page.content()
    page.get_by_label("Nr., ny rad 1", exact=True).fill("1")
    page.get_by_label("Tittel, ny rad 1", exact=True).fill("Lage en veileder")
    page.get_by_label("Ansvarlig, ny rad 1", exact=True).fill("KD")
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre tiltakene").click()
    assert "1 tiltak er lagt til" in page.content()
    assert page.locator("table").first.inner_text().count("Lage en veileder") == 1
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "imports-by-hand-390")
    assert axe_violations(page, axe_source) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
