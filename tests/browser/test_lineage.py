"""The coordinator's pages for links between plans in headless Chromium, on the corpus pair (the
2021 strategy → the 2024–2028 plan): no axe-core violations, and a suggestion confirmed with the
keyboard alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from tiltak.accounts.models import PlanRole
from tiltak.documents import parse_path
from tiltak.lineage import services
from tiltak.lineage.models import MeasureLink
from tiltak.plans.models import Plan
from tiltak.rounds.importing import import_plan_document

from .conftest import SCREENSHOTS, axe_violations, screenshot
from .test_rounds import sign_in

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
PLAN = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
STRATEGY = "forebygging-og-bekjempelse-av-internettrelaterte-2021-2025"

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")


@pytest.fixture
def site(live_server: Any, transactional_db: None, settings: Any) -> tuple[str, User]:
    """A live server with both corpus plans, stored suggestions, a few decisions, and the
    coordinator of the 2024–2028 plan."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    for name in ("plan-2024-2028-status-2026.txt", "strategy-2021-internet-related-abuse.txt"):
        import_plan_document(parse_path(CORPUS / name), source_name=name, source_sha256=name)
    strategy, plan = Plan.objects.get(slug=STRATEGY), Plan.objects.get(slug=PLAN)
    coordinator = User.objects.create_user("koordinator")
    PlanRole.objects.create(user=coordinator, plan=plan, role="coordinator")
    actor = services.Actor("koordinator", user=coordinator)
    services.generate_suggestions(strategy, plan, actor=actor)
    measure = strategy.measures.get
    successor = plan.measures.get
    services.confirm_link(measure(number="1"), successor(number="60"), actor=actor,
                          note="ung.no videreføres.")  # fmt: skip
    first = MeasureLink.objects.filter(measure=measure(number="2")).order_by("-score").first()
    services.reject_link(first.measure, first.successor, actor=actor)  # type: ignore[union-attr]
    services.confirm_link(measure(number="3"), successor(number="28"), actor=actor,
                          relation="replaces")  # fmt: skip
    return str(live_server.url), coordinator


def check(page: Any, axe_source: str, name: str) -> None:
    assert page.evaluate("document.documentElement.lang") == "nb"
    assert page.locator("h1").count() == 1
    screenshot(page, f"lineage-{name}")
    assert axe_violations(page, axe_source) == [], name


def test_link_pages_have_no_accessibility_violations(
    site: tuple[str, User], page: Any, axe_source: str
) -> None:
    url, coordinator = site
    sign_in(page, url, coordinator)
    assert page.goto(url + "/koordinator/").status == 200
    page.get_by_role("link", name="Koblinger mellom planer").click()
    page.wait_for_url("**/koordinator/koblinger/")
    check(page, axe_source, "choose")
    with page.expect_navigation():
        page.click("text=Vis koblingene")
    assert page.url.endswith(f"/koordinator/koblinger/{STRATEGY}/til/{PLAN}/")
    assert page.locator("article.link-card").count() == 30
    page.locator("details.link-manual").first.locator("summary").click()  # one form open
    check(page, axe_source, "review")
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "lineage-review-top.png"))
    assert (
        page.goto(f"{url}/koordinator/koblinger/{STRATEGY}/til/{PLAN}/?vis=uavklarte").status == 200
    )
    assert page.locator("article.link-card").count() == 28
    check(page, axe_source, "review-unsettled")


def test_confirm_a_suggestion_with_the_keyboard(site: tuple[str, User], page: Any) -> None:
    url, coordinator = site
    sign_in(page, url, coordinator)
    strategy = Plan.objects.get(slug=STRATEGY)
    link = MeasureLink.objects.get(
        measure__plan=strategy, measure__number="10", successor__number="11"
    )
    page.goto(f"{url}/koordinator/koblinger/{STRATEGY}/til/{PLAN}/?vis=uavklarte")
    page.focus(f"#rel-{link.pk}")
    page.keyboard.press("End")  # the last relation: merged into
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"note-{link.pk}"
    page.keyboard.type("Samarbeidet med tilbyderne fortsetter.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "confirm"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"&sist={link.measure_id}#tiltak-{link.measure_id}")
    card = page.locator(f"#tiltak-{link.measure_id}")
    assert "Bekreftet: tiltak 10 → tiltak 11 (slått sammen med)." in card.inner_text()
    link.refresh_from_db()
    assert (link.state, link.relation) == ("confirmed", "merged_into")
    assert link.note == "Samarbeidet med tilbyderne fortsetter."
    page.screenshot(path=str(SCREENSHOTS / "lineage-after-confirm.png"))  # at the card
