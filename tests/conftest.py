"""The fixtures every folder may use are pytest plugins in tests/support; a folder's own
fixtures are in its conftest."""

from __future__ import annotations

import pytest

pytest_plugins = [
    "tests.support.api",
    "tests.support.plan_document",
    "tests.support.renderings",
    "tests.support.world",
]


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    """Each test starts with an empty cache, so no page rendered for another test is served."""
    from django.conf import settings

    if settings.configured:
        from django.core.cache import cache

        cache.clear()
