"""Following a plan in headless Chromium: the changes page's narrative diffs fit 390 and 1280 px,
the feed link on the plan page and the CSV link on the measure list fit a phone; axe-core passes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.portal.conftest import HandBuilt, hand_built  # noqa: F401 (a fixture)

from .conftest import axe_violations, screenshot

SENTENCE = (
    "Arbeidet med krisesentrene er i gang i alle fylker, og kommunene har fått en veileder om "
    "hvordan tilbudet skal organiseres for barn som følger foreldrene sine. "
)
BEFORE = SENTENCE * 4 + "Evalueringen starter i 2026."
AFTER = SENTENCE * 3 + "Evalueringen er startet og skal være ferdig i 2027."


@pytest.fixture
def site(live_server: Any, settings: Any, hand_built: HandBuilt) -> tuple[str, HandBuilt]:  # noqa: F811
    """A live server with the hand-built plan, whose narratives change between its rounds."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    for rnd, numbers in (
        (hand_built.spring, {"2": BEFORE, "4 b": "Kartlagt i tre fylker."}),
        (hand_built.autumn, {"2": AFTER, "4 b": "Kartlagt i alle fylker."}),
    ):
        for number, text in numbers.items():
            rnd.entries.filter(measure__number=number).update(narrative=text)
    return str(live_server.url), hand_built


def _phone(browser: Any) -> Any:
    return browser.new_context(viewport={"width": 390, "height": 844}, locale="nb-NO")


@pytest.mark.parametrize("width", [390, 1280])
def test_changes_page_with_narrative_diffs_fits_the_screen(
    site: tuple[str, HandBuilt], browser: Any, axe_source: str, width: int
) -> None:
    url, built = site
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="nb-NO")
    page = context.new_page()
    try:
        assert page.goto(f"{url}/planer/{built.plan.slug}/endringer/").status == 200
        summary = page.locator("section[aria-labelledby=ny-omtale] details summary")
        assert summary.count() == 1
        summary.click()
        assert page.locator("details[open] .word-diff del").count() > 0
        assert page.locator("li[data-number='4 b'] .word-diff ins").inner_text() == "alle"
        page.wait_for_timeout(500)  # the details' opening animation
        screenshot(page, f"changes-narratives-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert axe_violations(page, axe_source) == []
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "link"), [("", "Følg planen (Atom)"), ("tiltak/", "Last ned som CSV")]
)
def test_follow_links_fit_a_phone(
    site: tuple[str, HandBuilt], browser: Any, axe_source: str, path: str, link: str
) -> None:
    url, built = site
    context = _phone(browser)
    page = context.new_page()
    try:
        assert page.goto(f"{url}/planer/{built.plan.slug}/{path}").status == 200
        target = page.get_by_role("link", name=link)
        assert target.count() == 1
        box = target.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        screenshot(page, f"follow-{path.strip('/') or 'plan'}-390")
        assert axe_violations(page, axe_source) == []
    finally:
        context.close()
