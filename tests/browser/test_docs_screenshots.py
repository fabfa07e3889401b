"""The README's screenshots (docs/screenshots/): a reporting round as an editor and as a
coordinator see it. Taken only when TILTAK_DOCS_SCREENSHOTS is set (`python
scripts/screenshots.py` sets it); each is a small palette PNG, at most MAX_BYTES."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.support.world import World, build_world, round_settings
from tiltak.rounds import comments, services

from .conftest import ROOT
from .test_editor import BUNDLE, write_with_toolbar
from .test_rounds import sign_in

OUT = ROOT / "docs" / "screenshots"
WIDTH, HEIGHT = 1100, 760
MAX_BYTES = 120_000

pytestmark = pytest.mark.skipif(
    not os.environ.get("TILTAK_DOCS_SCREENSHOTS"),
    reason="README screenshots: run scripts/screenshots.py",
)


@pytest.fixture
def live(live_server: Any, transactional_db: None, settings: Any) -> Iterator[tuple[str, World]]:
    if not BUNDLE.exists():
        pytest.skip("the editor is not built (make assets bundles it)")
    round_settings(settings)
    settings.TILTAK_BASE_URL = str(live_server.url)
    yield str(live_server.url), build_world()


def save(
    page: Any, name: str, *, element: str | None = None, between: tuple[str, str] | None = None
) -> Path:
    """A screenshot of the viewport, of one element, or of the page from the top of one element
    to the bottom of another, as a palette PNG."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    if element:
        page.locator(element).screenshot(path=str(path))
    elif between:
        top = page.locator(between[0]).first.bounding_box()
        bottom = page.locator(between[1]).first.bounding_box()
        scroll = page.evaluate("window.scrollY")
        y = max(0, top["y"] + scroll - 40)
        height = bottom["y"] + scroll + bottom["height"] + 16 - y
        clip = {"x": 0, "y": y, "width": WIDTH, "height": height}
        page.screenshot(path=str(path), full_page=True, clip=clip)
    else:
        page.screenshot(path=str(path))
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, dither=Image.Dither.NONE)
    small.save(path, optimize=True)
    return path


def test_readme_screenshots(live: tuple[str, World], page: Any) -> None:
    site, world = live
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    world.open(date.today() + timedelta(days=12))
    jd, bfd, coordinator = (
        world.users[r] for r in ("lead_editor", "unrelated_editor", "coordinator")
    )
    coordinator.first_name, coordinator.last_name = "Kari", "Nordmann"
    coordinator.save()
    jd.first_name, jd.last_name = "Ola", "Hansen"
    jd.save()
    one, two, three = (world.entry(n) for n in ("1", "2", "3"))
    services.save_entry(
        jd, one.pk, expected_version=one.version, status_label="Under arbeid",
        narrative="Politiet har fått 40 nye etterforskere.", submit=True,
    )  # fmt: skip
    comments.add_comment(coordinator, one.pk, "Hvor mange av dem arbeider med saker om barn?")
    services.return_entry(coordinator, one.pk, comment="Skriv tallet for 2026.")
    comments.add_comment(jd, one.pk, "Tolv av dem. Jeg retter teksten.")
    services.save_entry(
        jd, two.pk, expected_version=two.version, status_label="Under arbeid",
        narrative="Helsetilbudet til utsatte barn er bedre i hele landet.", submit=True,
    )  # fmt: skip
    services.save_entry(
        bfd, three.pk, expected_version=three.version, status_label="Gjennomført",
        narrative="Fem nye barnehus er åpnet.", submit=True,
    )  # fmt: skip
    paths = []

    # The editor: the workspace, then writing with the toolbar.
    sign_in(page, site, jd)
    page.goto(site + "/arbeidsflate/")
    paths.append(save(page, "editor-workspace"))
    page.goto(f"{site}/arbeidsflate/tiltak/{one.pk}/")
    page.wait_for_selector(".rich-editor__content[contenteditable=true]")
    write_with_toolbar(
        page,
        "Politiet har fått 40 nye etterforskere, tolv av dem for saker om barn.",
        ("Flere etterforskere i alle distrikter", "Kortere saksbehandlingstid"),
        "Les rapporten",
    )
    paths.append(save(page, "editor-writing", between=("h1", "button[value=submit]")))
    paths.append(
        save(page, "comment-thread", between=("section.comments", "section.comments button"))
    )

    # The coordinator: the landing page, the round with its review queue, the access page.
    sign_in(page, site, coordinator)
    page.goto(site + "/koordinator/")
    paths.append(save(page, "coordinator-home"))
    page.goto(f"{site}/koordinator/{world.plan.slug}/{world.draft.slug}/?tilstand=alle")
    paths.append(save(page, "coordinator-review", between=("h1", "button[value=approve_all]")))
    page.goto(f"{site}/konto/tilgang/{world.plan.slug}/")
    paths.append(save(page, "access"))

    sizes = {path.name: path.stat().st_size for path in paths}
    print(sizes)
    assert all(size <= MAX_BYTES for size in sizes.values()), sizes
