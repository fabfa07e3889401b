"""The pages of a large import and a large bulk update run as jobs, in headless Chromium: the
waiting page (no axe-core violations, wide and narrow), the worker runs, a reload shows the
result."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.word import plan_docx
from tests.support.world import World, build_world, edited_workbook
from tiltak.jobs.worker import run_once
from tiltak.rounds import bulk

from .conftest import axe_violations, screenshot
from .test_rounds import sign_in

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _quiet(_: str) -> None:
    pass


@pytest.fixture
def live(live_server: Any, transactional_db: None, settings: Any) -> Iterator[tuple[str, World]]:
    """A live server with the rounds tests' world; jobs wait in the database for the worker,
    and every upload and bulk update is large enough to be one."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TILTAK_WARM_REPORTS_ON_PUBLISH = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TILTAK_JOBS = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TILTAK_JOB_THRESHOLD_BYTES = 100
    settings.TILTAK_JOB_THRESHOLD_ROWS = 1
    yield str(live_server.url), build_world()


def _look(page: Any, name: str, axe_source: str) -> None:
    assert axe_violations(page, axe_source) == []
    screenshot(page, name)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_large_import_waits_for_the_worker_then_shows_the_review(
    live: tuple[str, World], page: Any, axe_source: str
) -> None:
    site, world = live
    sign_in(page, site, world.users["coordinator"])
    page.goto(f"{site}/koordinator/import/")
    page.set_input_files(
        "#f-file", files=[{"name": "testplan.docx", "mimeType": DOCX, "buffer": plan_docx()}]
    )
    with page.expect_navigation():
        page.locator(".import-upload button[type=submit]").click()
    assert "Venter" in page.locator("main").inner_text()
    _look(page, "jobs-import-waiting", axe_source)

    run_once(report=_quiet)
    with page.expect_navigation():
        page.get_by_role("link", name="Last inn på nytt").click()
    assert page.locator("h1").inner_text() == "Se gjennom importen"


def test_a_large_bulk_update_waits_for_the_worker_then_shows_the_result(
    live: tuple[str, World], page: Any, axe_source: str
) -> None:
    site, world = live
    rnd = world.open()
    user = world.users["lead_editor"]
    data = edited_workbook(bulk.export_round(user, rnd), {"1": "Fra fil 1.", "2": "Fra fil 2."})
    sign_in(page, site, user)
    page.goto(f"{site}/arbeidsflate/runde/{rnd.pk}/last-opp/")
    page.set_input_files("#f-file", files=[{"name": "r.xlsx", "mimeType": XLSX, "buffer": data}])
    with page.expect_navigation():
        page.get_by_role("button", name="Forhåndsvis endringene").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre alle endringene").click()
    assert "Venter" in page.locator("main").inner_text()
    _look(page, "jobs-bulk-waiting", axe_source)

    run_once(report=_quiet)
    with page.expect_navigation():
        page.get_by_role("link", name="Last inn på nytt").click()
    assert "2 tiltak er oppdatert." in page.locator("main").inner_text()
    _look(page, "jobs-bulk-done", axe_source)
