"""Every portal page in headless Chromium: axe-core finds no WCAG 2.1 A/AA violation, and the
keyboard alone reaches and uses the search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tiltak.documents import parse_path
from tiltak.rounds.importing import import_plan_document

from .conftest import axe_violations, screenshot

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
NYNORSK = (
    Path(__file__).resolve().parents[1] / "documents" / "fixtures" / "nynorsk-statustabell.txt"
)
PLAN = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
ROUND = "status-varen-2026"
PAGES = {
    "front": "/",
    "plan": f"/planer/{PLAN}/",
    "measures": f"/planer/{PLAN}/tiltak/",
    "search": f"/planer/{PLAN}/tiltak/?q=overgrepet&status=in_progress",
    "measure": f"/planer/{PLAN}/tiltak/82/",
    "organisation": "/organisasjoner/JD/",
    "changes": f"/planer/{PLAN}/endringer/?fra={ROUND}&til={ROUND}",
    "plans": "/planer/",
    "organisations": "/organisasjoner/",
    "accessibility": "/tilgjengelighet/",
    "data": "/data/",
    "suggestion": f"/planer/{PLAN}/tiltak/?q=barnehsu",
    "report": f"/rapporter/{PLAN}/{ROUND}.html",
    "missing": "/planer/finnes-ikke/",
}
# A phone (iPhone 12-14) and a desktop: no page scrolls sideways on either (issue 14, part 1).
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The report is a standalone HTML document with its own stylesheet and no portal frame.
STANDALONE = ("report",)
FOOTER_LINKS = ("Åpne data", "API-dokumentasjon", "Tilgjengelighetserklæring", "Kildekode")

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")


@pytest.fixture
def site(live_server: Any, transactional_db: None, settings: Any) -> str:
    """A live server with the full 2026 report (narratives included) and the 2021 strategy."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TILTAK_SOURCE_URL = "https://kode.example.no/tiltak"
    for name in ("plan-2024-2028-status-2026.txt", "strategy-2021-internet-related-abuse.txt"):
        import_plan_document(parse_path(CORPUS / name), source_name=name, source_sha256=name)
    import_plan_document(parse_path(NYNORSK), source_name=NYNORSK.name, source_sha256="nn")
    return str(live_server.url)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_the_screen_and_has_no_accessibility_violations(
    name: str, viewport: dict[str, int], site: str, browser: Any, axe_source: str
) -> None:
    context = browser.new_context(viewport=viewport, locale="nb-NO")
    page = context.new_page()
    try:
        response = page.goto(site + PAGES[name])
        assert response.status == (404 if name == "missing" else 200)
        assert response.headers["content-type"].startswith("text/html")
        assert page.evaluate("document.documentElement.lang") == "nb"
        assert page.locator("h1").count() == 1
        # The whole report is some 100 screens tall: its first screen is picture enough.
        screenshot(page, f"{name}-{viewport['width']}", full_page=name not in STANDALONE)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"], f"{name} is {scroll_width} px wide"
        if name not in STANDALONE:
            # The design system's stylesheet is loaded from our own server.
            assert page.evaluate(
                "[...document.styleSheets].some(s => s.href && s.href.includes('designsystemet'))"
            )
            footer = page.locator("footer")
            for label in FOOTER_LINKS:
                assert footer.get_by_role("link", name=label).count() == 1, label
        assert axe_violations(page, axe_source) == []
    finally:
        context.close()


def test_measure_list_on_a_phone_shows_results_first_as_cards(site: str, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE, locale="nb-NO")
    page = context.new_page()
    try:
        page.goto(site + PAGES["measures"])
        first = page.locator(".measure-table tbody tr").first
        assert first.bounding_box()["y"] < PHONE["height"]
        # The card shows the status on screen, not in a column off to the right.
        status = first.locator(".measure-status")
        assert status.is_visible()
        box = status.bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"]
        assert page.locator(".measure-table thead").bounding_box()["width"] <= 1
        # The filters wait behind their disclosure until asked for.
        chapter = page.get_by_label("Kapittel")
        assert not chapter.is_visible()
        page.get_by_text("Flere filtre").click()
        chapter.wait_for(state="visible")  # after the disclosure's opening animation
        screenshot(page, "measures-filters-open-390")
    finally:
        context.close()


def test_measure_list_on_a_desktop_shows_every_filter_and_a_table(site: str, browser: Any) -> None:
    context = browser.new_context(viewport=DESKTOP, locale="nb-NO")
    page = context.new_page()
    try:
        page.goto(site + PAGES["measures"])
        assert page.get_by_label("Kapittel").is_visible()
        assert not page.get_by_text("Flere filtre").is_visible()
        assert page.locator(".measure-table thead").is_visible()
    finally:
        context.close()


def test_keyboard_alone_reaches_the_content_and_searches(site: str, page: Any) -> None:
    page.goto(site + PAGES["measures"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused.startswith("Hopp til hovedinnhold")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#hovedinnhold"
    # Tab on until the free-text field has focus, then search with Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    else:
        pytest.fail("the search field is not reachable with Tab")
    page.keyboard.type("barnehusene")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=barnehusene" in page.url
    marks = page.locator("mark")
    assert marks.count() > 0
    assert marks.first.inner_text().lower().startswith("barnehus")
    screenshot(page, "keyboard-search")


def test_focus_is_visible(site: str, page: Any) -> None:
    page.goto(site + PAGES["plan"])
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"""
    )
    assert outline[0] != "none" or outline[2] != "none", outline


# Every public page type, the missing page too, in each interface language (issue 14, part 2).
# A plan written in nynorsk: its text and labels carry lang="nn" on bokmål and English pages.
NYNORSK_PAGES = {
    "nynorsk-plan": "/planer/handlingsplan-for-trygge-barnehagar-2021-2024/",
    "nynorsk-measures": "/planer/handlingsplan-for-trygge-barnehagar-2021-2024/tiltak/",
    "nynorsk-measure": "/planer/handlingsplan-for-trygge-barnehagar-2021-2024/tiltak/5/",
}
# The report is in its plan's language, not the reader's (tests/portal/test_plan_language.py).
LANGUAGE_PAGES = {
    **{name: path for name, path in PAGES.items() if name not in STANDALONE},
    **NYNORSK_PAGES,
}
BROWSER_LOCALES = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}


@pytest.mark.parametrize("language", list(BROWSER_LOCALES))
def test_every_page_in_each_language_has_no_accessibility_violations(
    language: str, site: str, browser: Any, axe_source: str
) -> None:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale=BROWSER_LOCALES[language]
    )
    try:
        page = context.new_page()
        found = {}
        for name, path in LANGUAGE_PAGES.items():
            response = page.goto(site + path)
            assert response.status == (404 if name == "missing" else 200), name
            assert page.evaluate("document.documentElement.lang") == language, name
            switcher = page.locator("nav.language-switcher a[aria-current='true']")
            assert switcher.get_attribute("hreflang") == language, name
            screenshot(page, f"{language}-{name}")
            found[name] = axe_violations(page, axe_source)
        assert {name: v for name, v in found.items() if v} == {}
        # The switcher takes the reader to the same page in the other language, and stays.
        page.goto(site + PAGES["plan"])
        page.locator("nav.language-switcher a[hreflang='en']").click()
        assert page.url == site + PAGES["plan"]
        assert page.evaluate("document.documentElement.lang") == "en"
        page.goto(site + PAGES["measures"])
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        context.close()
