"""The jobs' tests run on the database backend, with the worker in the test process."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.world import round_settings

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _jobs_in_the_database(settings: Any) -> None:
    """Jobs wait in the database until the test runs the worker; reports render on publish."""
    round_settings(settings)
    settings.TILTAK_JOBS = "database"
    settings.TASKS = DATABASE_BACKEND
    settings.TILTAK_WARM_REPORTS_ON_PUBLISH = True
    settings.TILTAK_JOB_ATTEMPTS = 3
    settings.TILTAK_JOB_RETRY_SECONDS = 0
