"""Settings for the reporting-round tests; the world itself is `tests.support.world`."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.world import PASSWORD, World, edited_workbook, round_settings

__all__ = ["PASSWORD", "World", "edited_workbook"]


@pytest.fixture(autouse=True)
def _round_settings(settings: Any) -> None:
    """Plain static files, no report rendering on publish, e-mail kept in memory."""
    round_settings(settings)
