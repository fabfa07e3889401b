"""Settings for the import pages' tests; the world and the Word plan are in tests.support."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.word import plan_docx
from tests.support.world import World

__all__ = ["World", "plan_docx"]


@pytest.fixture(autouse=True)
def _import_settings(settings: Any) -> None:
    """Plain static files, no report rendering on publish, fast password hashing."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TILTAK_WARM_REPORTS_ON_PUBLISH = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
