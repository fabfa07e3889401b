"""An import upload above TILTAK_JOB_THRESHOLD_BYTES is read by the worker (issue 16): the upload
POST keeps the file, queues a job and shows its page, waiting; the worker, run in the test
process, reads it and the page leads to the review table, or says why it could not."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.support.word import plan_docx
from tests.support.world import World
from tiltak.imports.models import ImportDraft
from tiltak.jobs.worker import run_once

pytestmark = pytest.mark.django_db(transaction=True)
UPLOAD = "/koordinator/import/"


def _quiet(_: str) -> None:
    pass


@pytest.fixture(autouse=True)
def _small_threshold(settings: Any) -> None:
    settings.TILTAK_JOB_THRESHOLD_BYTES = 100


def _upload(client: Client, data: bytes, name: str = "plan.docx") -> Any:
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def test_a_large_upload_is_read_by_the_worker(world: World) -> None:
    client = world.client("coordinator")
    answer = _upload(client, plan_docx())
    job = DBTaskResult.objects.get()
    location = reverse("imports:upload_job", args=[job.id])
    assert (answer.status_code, answer["Location"]) == (302, location)
    kept = job.args_kwargs["kwargs"]["upload_file"]
    assert kept.endswith(".docx") and storages["default"].exists(kept)
    assert not ImportDraft.objects.exists()  # nothing read in the request
    waiting = client.get(location)
    assert waiting["Cache-Control"] == "no-store"
    assert "Venter" in waiting.content.decode() and "Last inn på nytt" in waiting.content.decode()

    run_once(report=_quiet)

    draft = ImportDraft.objects.get()
    assert not storages["default"].exists(kept)
    done = client.get(location)
    assert done["Location"] == reverse("imports:review", args=[draft.pk])
    assert client.get(done["Location"]).status_code == 200


def test_a_document_tiltak_cannot_read_says_why(world: World) -> None:
    client = world.client("coordinator")
    location = _upload(client, b"\x00\x01 ikke et dokument " * 20, "plan.pdf")["Location"]

    run_once(report=_quiet)

    page = client.get(location).content.decode()
    assert "Fullført" in page and "Tiltak kunne ikke lese «plan.pdf»" in page
    assert not ImportDraft.objects.exists()


def test_a_failed_job_shows_its_error(world: World, settings: Any) -> None:
    settings.TILTAK_JOB_ATTEMPTS = 1
    client = world.client("coordinator")
    location = _upload(client, plan_docx())["Location"]
    storages["default"].delete(DBTaskResult.objects.get().args_kwargs["kwargs"]["upload_file"])

    run_once(report=_quiet)

    page = client.get(location).content.decode()
    assert "Feilet" in page and "Filen jobben skulle bruke, finnes ikke lenger." in page


def test_permissions_are_unchanged(world: World) -> None:
    for role in ("lead_editor", "reader"):
        assert _upload(world.client(role), plan_docx()).status_code == 403
    assert not DBTaskResult.objects.exists()
    location = _upload(world.client("coordinator"), plan_docx())["Location"]
    assert world.client("admin").get(location).status_code == 404  # another user's job
    assert world.client("lead_editor").get(location).status_code == 403
    assert world.client("anonymous").get(location).status_code == 302


def test_small_uploads_are_read_in_the_request(world: World, settings: Any) -> None:
    settings.TILTAK_JOB_THRESHOLD_BYTES = 2 * 1024**2
    answer = _upload(world.client("coordinator"), plan_docx())
    assert answer["Location"] == reverse("imports:review", args=[ImportDraft.objects.get().pk])
    assert not DBTaskResult.objects.exists()
