"""Every test here sees the API at /api/ and open data at /data/ (tests.support.api)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.api import api_urls


@pytest.fixture(autouse=True)
def _test_urls(settings: Any) -> None:
    """The test URLconf: the API and open data, as the project mounts them."""
    api_urls(settings)
