"""The missing-page page in Chromium: the site's look, no axe violation, fits a phone."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import axe_violations, screenshot


@pytest.fixture
def site(live_server: Any, transactional_db: None, settings: Any) -> str:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return str(live_server.url)


@pytest.mark.parametrize("width", [1280, 390])
def test_missing_page(site: str, page: Any, axe_source: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(site + "/planer/finnes-ikke/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Siden finnes ikke"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"error-404-{width}")
    assert axe_violations(page, axe_source) == []
