"""The fixtures every folder may use are pytest plugins in tests/support; a folder's own
fixtures are in its conftest."""

from __future__ import annotations

from typing import Any

import pytest

from tiltak.translations import compile_messages

pytest_plugins = [
    "tests.support.api",
    "tests.support.plan_document",
    "tests.support.renderings",
    "tests.support.world",
]


def pytest_configure(config: pytest.Config) -> None:
    """The translations compiled before any test runs (a fresh clone has no .mo files)."""
    compile_messages()


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    """Each test starts with an empty cache, so no page rendered for another test is served."""
    from django.conf import settings

    if settings.configured:
        from django.core.cache import cache

        cache.clear()


@pytest.fixture(scope="session")
def _session_files(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return tmp_path_factory.mktemp("files")


@pytest.fixture(autouse=True)
def _files_in_tmp(settings: Any, _session_files: Any) -> None:
    """Reports and uploads go to a temporary folder, never to the data directory of the run."""
    from tiltak.deployment import parse_storage_url

    settings.STORAGES = {**settings.STORAGES, **parse_storage_url("", _session_files)}


@pytest.fixture(autouse=True)
def _jobs_at_once(settings: Any) -> None:
    """Jobs run at once where they are queued (TILTAK_JOBS=immediate); tests of the worker
    switch to the database backend themselves (tests/jobs)."""
    settings.TILTAK_JOBS = "immediate"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
