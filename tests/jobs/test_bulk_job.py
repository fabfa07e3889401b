"""A bulk update above TILTAK_JOB_THRESHOLD_ROWS is applied by the worker (issue 16): the apply
POST queues a job and shows its page, waiting; the worker, run in the test process, applies it
and the page shows the result, or why nothing was changed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.support.world import World, edited_workbook
from tiltak.jobs.worker import run_once
from tiltak.rounds import bulk, services

pytestmark = pytest.mark.django_db(transaction=True)


def _quiet(_: str) -> None:
    pass


@pytest.fixture(autouse=True)
def _small_threshold(settings: Any) -> None:
    settings.TILTAK_JOB_THRESHOLD_ROWS = 1


def _previewed(world: World, changes: dict[str, str]) -> tuple[Client, str]:
    """The lead editor's client after uploading a workbook with `changes`; the preview token."""
    rnd = world.open()
    client = world.client("lead_editor")
    user = world.users["lead_editor"]
    data = edited_workbook(bulk.export_round(user, rnd), changes)
    page = client.post(
        reverse("rounds:bulk_upload", args=[rnd.pk]),
        {"file": _upload(data)},
    )
    assert page.status_code == 200, page.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode())
    assert token is not None
    return client, token.group(1)


def _upload(data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("runde.xlsx", data)


def _apply(world: World, client: Client, token: str) -> Any:
    return client.post(reverse("rounds:bulk_apply", args=[world.draft.pk]), {"token": token})


def test_a_large_bulk_update_is_applied_by_the_worker(world: World) -> None:
    client, token = _previewed(world, {"1": "Fra fil 1.", "2": "Fra fil 2."})
    answer = _apply(world, client, token)
    job = DBTaskResult.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("rounds:bulk_job", args=[world.draft.pk, job.id])
    kept = job.args_kwargs["kwargs"]["changes_file"]
    assert storages["default"].exists(kept)
    assert world.entry("1").narrative != "Fra fil 1."  # nothing applied in the request
    waiting = client.get(answer["Location"])
    assert waiting["Cache-Control"] == "no-store"
    assert "Venter" in waiting.content.decode() and "Last inn på nytt" in waiting.content.decode()

    run_once(report=_quiet)

    assert [world.entry(n).narrative for n in ("1", "2")] == ["Fra fil 1.", "Fra fil 2."]
    assert not storages["default"].exists(kept)
    done = client.get(answer["Location"]).content.decode()
    assert "Fullført" in done and "2 tiltak er oppdatert." in done
    review = world.client("coordinator").get(
        reverse("rounds:review", args=[world.plan.slug, world.draft.slug])
    )
    assert "Masseoppdatering fra regneark" in review.content.decode()


def test_a_refused_bulk_update_shows_why_and_changes_nothing(world: World) -> None:
    client, token = _previewed(world, {"1": "Fra fil 1.", "2": "Fra fil 2."})
    location = _apply(world, client, token)["Location"]
    # Someone saves measure 2 before the worker gets to the job: nothing is applied.
    services.save_entry(
        world.users["co_editor"], world.entry("2").pk, expected_version=1, status_label="",
        narrative="Imellom.",
    )  # fmt: skip

    run_once(report=_quiet)

    assert world.entry("1").narrative != "Fra fil 1."
    page = client.get(location).content.decode()
    assert "Ingenting ble endret: Tiltak 2 er endret siden filen ble lastet ned." in page


def test_a_failed_job_shows_its_error(world: World, settings: Any) -> None:
    settings.TILTAK_JOB_ATTEMPTS = 1
    client, token = _previewed(world, {"1": "Fra fil 1.", "2": "Fra fil 2."})
    location = _apply(world, client, token)["Location"]
    job = DBTaskResult.objects.get()
    storages["default"].delete(job.args_kwargs["kwargs"]["changes_file"])  # the upload is lost

    run_once(report=_quiet)

    page = client.get(location).content.decode()
    assert "Feilet" in page and "Endringene kunne ikke lagres" in page
    assert "Filen jobben skulle bruke, finnes ikke lenger." in page
    assert "KeptFileMissing" not in page
    assert world.entry("1").narrative != "Fra fil 1."


def test_only_the_uploader_sees_the_job_page(world: World) -> None:
    client, token = _previewed(world, {"1": "Fra fil 1.", "2": "Fra fil 2."})
    location = _apply(world, client, token)["Location"]
    assert world.client("co_editor").get(location).status_code == 404
    assert world.client("anonymous").get(location).status_code == 302  # to sign in
    other = reverse("rounds:bulk_job", args=[world.draft.pk, "ikke-en-jobb"])
    assert client.get(other).status_code == 404


def test_small_bulk_updates_stay_in_the_request(world: World, settings: Any) -> None:
    settings.TILTAK_JOB_THRESHOLD_ROWS = 2
    client, token = _previewed(world, {"1": "Fra fil 1.", "2": "Fra fil 2."})
    answer = _apply(world, client, token)
    assert answer["Location"] == reverse("rounds:workspace")
    assert not DBTaskResult.objects.exists()
    assert world.entry("2").narrative == "Fra fil 2."


def test_a_job_that_fails_for_good_shows_its_error_and_drops_its_input(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.TILTAK_JOB_ATTEMPTS = 2
    client, token = _previewed(world, {"1": "Fra fil 1.", "2": "Fra fil 2."})
    location = _apply(world, client, token)["Location"]
    kept = DBTaskResult.objects.get().args_kwargs["kwargs"]["changes_file"]

    def explode(*_: object) -> int:
        raise RuntimeError("Databasen svarte ikke.")

    monkeypatch.setattr(bulk, "apply_changes", explode)
    run_once(report=_quiet)  # both attempts (no wait between them in the tests)

    page = client.get(location).content.decode()
    assert "Feilet" in page and "(forsøk 2)" in page
    # The second attempt still found the input (else it would say the file is gone).
    assert "Endringene kunne ikke lagres, og ingenting ble endret: Databasen svarte ikke." in page
    assert not storages["default"].exists(kept)
    assert world.entry("1").narrative != "Fra fil 1."
