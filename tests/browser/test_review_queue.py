"""The coordinator's review queue in headless Chromium: filter by ministry, «Velg alle» (the
static script), approve; acknowledge a group of findings with a reason. axe-core finds nothing
and nothing scrolls sideways at 1280 and 390 px."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from tests.support.world import World, build_world, round_settings
from tiltak.rounds import services
from tiltak.rounds.models import FindingAcknowledgement, StatusEntry

from .conftest import axe_violations, screenshot
from .test_rounds import sign_in

WIDTHS = (1280, 390)
Workflow = StatusEntry.Workflow


@pytest.fixture
def live(live_server: Any, transactional_db: None, settings: Any) -> Iterator[tuple[str, World]]:
    round_settings(settings)
    yield str(live_server.url), build_world()


def _too_wide(page: Any, width: int) -> list[str]:
    """The elements reaching past the viewport, to say what scrolls sideways."""
    found: list[str] = page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > width + 1)
            .filter((el) => !el.closest('.table-scroll'))
            .slice(0, 8).map((el) => el.tagName + '.' + el.className)""",
        width,
    )
    return found


def _look(page: Any, axe_source: str, name: str) -> None:
    """Every group of findings open; at each width no sideways scroll and no axe violations."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        screenshot(page, f"review-{name}-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (
            name,
            width,
            _too_wide(page, width),
        )
        assert axe_violations(page, axe_source) == [], (name, width)
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def test_coordinator_filters_selects_all_approves_and_acknowledges(
    live: tuple[str, World], page: Any, axe_source: str
) -> None:
    site, world = live
    world.open(date.today() + timedelta(days=7))
    for role, number, text in [
        ("lead_editor", "1", "Se [rapporten](#) og [her](#). Politiet har fått flere folk."),
        ("lead_editor", "2", "Helsetilbudet til utsatte barn er bedre i hele landet."),
        ("unrelated_editor", "3", "Fem nye barnehus."),
    ]:
        entry = world.entry(number)
        services.save_entry(
            world.users[role], entry.pk, expected_version=entry.version,
            status_label="Gjennomført", narrative=text, submit=True,
        )  # fmt: skip
    base = f"{site}/koordinator/{world.plan.slug}/{world.draft.slug}/"
    sign_in(page, site, world.users["coordinator"])
    assert page.goto(base).status == 200
    _look(page, axe_source, "queue")

    # Filter by ministry: JD's two measures, with last round's status beside the new.
    page.select_option("#f-ministry", "JD")
    with page.expect_navigation():
        page.click("button:has-text('Filtrer')")
    assert "departement=JD" in page.url
    assert page.locator("input[name=entries]").count() == 2
    assert "Under arbeid → " in page.locator("[data-testid=queue-status]").first.inner_text()

    # «Velg alle» (shown by the script) ticks both; approve.
    select_all = page.locator("[data-select-all=entries]")
    assert select_all.is_visible()
    select_all.check()
    assert all(box.is_checked() for box in page.locator("input[name=entries]").all())
    with page.expect_navigation():
        page.click("button[value=approve]")
    assert "2 tiltak er godkjent" in page.content()
    assert "departement=JD" in page.url
    assert [world.entry(n).workflow_state for n in "123"] == [
        Workflow.APPROVED, Workflow.APPROVED, Workflow.SUBMITTED,
    ]  # fmt: skip

    # Acknowledge the links without target as a group, with a reason.
    group = page.locator("details[data-code=link-without-target]")
    group.locator("summary").click()
    assert "Tiltak 1" in group.inner_text() and "tiltak 1: lenken" not in group.inner_text()
    group.locator("input[name=reason]").fill("Lenkene mangler mål i kildedokumentet.")
    with page.expect_navigation():
        group.locator("button[name=gruppe]").click()
    assert "2 funn er kvittert ut" in page.content()
    assert FindingAcknowledgement.objects.count() == 2
    assert page.locator("details[data-code=link-without-target]").count() == 0
    toggle = page.locator("[data-testid=show-acknowledged]")
    assert toggle.inner_text() == "Vis kvitterte (2)"
    with page.expect_navigation():
        toggle.click()
    assert page.locator("[data-testid=acknowledged]").count() == 2
    _look(page, axe_source, "acknowledged")
