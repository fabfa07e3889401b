"""Publishing answers at once and a job renders the reports (issue 16): the publish POST
returns while the job waits and no report exists; the worker, run in the test process, renders
them and the downloads serve them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tiltak.documents.reports import FORMATS
from tiltak.jobs.worker import run_once
from tiltak.reports.services import stored_report

pytestmark = pytest.mark.django_db(transaction=True)


def _quiet(_: str) -> None:
    pass


def test_publish_returns_before_the_reports_and_the_worker_makes_them(world: Any) -> None:
    rnd = world.open()
    coordinator = world.client("coordinator")
    answer = coordinator.post(
        reverse("rounds:publish", args=[world.plan.slug, rnd.slug]),
        {"override_reason": "Ikke alle tiltak er godkjent i testen."},
    )
    assert answer.status_code == 302
    rnd.refresh_from_db()
    assert rnd.state == "published"

    # The response came back with the job waiting and no report rendered.
    job = DBTaskResult.objects.get()
    assert job.status == "READY"
    assert job.args_kwargs["kwargs"] == {"round_id": rnd.pk, "formats": list(FORMATS)}
    assert all(stored_report(rnd, fmt) is None for fmt in FORMATS)
    pending = world.client("anonymous").get(f"/rapporter/{world.plan.slug}/{rnd.slug}.md")
    assert pending.status_code == 202
    assert "Rapporten lages" in pending.content.decode()
    assert pending["Cache-Control"] == "no-store"
    assert DBTaskResult.objects.count() == 1  # the download did not queue a second job
    page = coordinator.get(reverse("rounds:review", args=[world.plan.slug, rnd.slug]))
    assert "Lage rapportene" in page.content.decode() and "Venter" in page.content.decode()

    run_once(report=_quiet)

    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    for fmt in FORMATS:
        assert stored_report(rnd, fmt), fmt
    download = world.client("anonymous").get(f"/rapporter/{world.plan.slug}/{rnd.slug}.md")
    assert download.status_code == 200
    assert download.content == stored_report(rnd, "md")
    assert rnd.title in download.content.decode()
    page = coordinator.get(reverse("rounds:review", args=[world.plan.slug, rnd.slug]))
    assert "Fullført" in page.content.decode()


def test_a_report_never_rendered_is_queued_by_its_download(world: Any) -> None:
    """The round published before the jobs existed: its download queues one job, once."""
    url = f"/rapporter/{world.plan.slug}/{world.published.slug}.html"
    anonymous = world.client("anonymous")
    assert anonymous.get(url).status_code == 202
    assert anonymous.get(url).status_code == 202
    job = DBTaskResult.objects.get()
    assert job.args_kwargs["kwargs"] == {"round_id": world.published.pk, "formats": ["html"]}
    run_once(report=_quiet)
    answer = anonymous.get(url)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/html")
