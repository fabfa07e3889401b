"""The worker: a failed job is retried a bounded number of times and then shown to the
coordinator with its error; a job whose worker died is taken over; reminders are queued by the
worker once a period; `tiltak worker` refuses to run when jobs run at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tiltak.cli import main
from tiltak.jobs import tasks
from tiltak.jobs.selectors import round_jobs
from tiltak.jobs.services import take_over_stale
from tiltak.jobs.worker import run_once
from tiltak.reports.services import stored_report

pytestmark = pytest.mark.django_db(transaction=True)
FAILURE = "Skriften mangler i testen"


def _quiet(_: str) -> None:
    pass


def _failing_render(monkeypatch: Any) -> None:
    def fail(*_: Any, **__: Any) -> None:
        raise RuntimeError(FAILURE)

    monkeypatch.setattr("tiltak.reports.services.warm_reports", fail)


def test_a_failing_job_is_tried_three_times_then_shown_failed(world: Any, monkeypatch: Any) -> None:
    _failing_render(monkeypatch)
    tasks.render_reports.enqueue(round_id=world.published.pk, formats=["md"])
    lines: list[str] = []
    run_once(report=lines.append)
    job = DBTaskResult.objects.get(task_path=tasks.render_reports.module_path)
    assert job.status == "FAILED"
    assert len(job.worker_ids) == 3
    assert sum("failed, will be retried" in line for line in lines) == 2
    [row] = round_jobs(world.published.pk)
    assert (row.state, row.attempts) == ("failed", 3)
    assert row.error == f"RuntimeError: {FAILURE}"
    page = world.client("coordinator").get(
        reverse("rounds:review", args=[world.plan.slug, world.published.slug])
    )
    text = page.content.decode()
    assert "Feilet" in text and f"RuntimeError: {FAILURE}" in text
    # Editors do not see the jobs.
    page = world.client("lead_editor").get(
        reverse("rounds:review", args=[world.plan.slug, world.published.slug])
    )
    assert FAILURE not in page.content.decode()


def test_a_failed_job_waits_before_its_next_attempt(
    world: Any, monkeypatch: Any, settings: Any
) -> None:
    settings.TILTAK_JOB_RETRY_SECONDS = 600
    _failing_render(monkeypatch)
    tasks.render_reports.enqueue(round_id=world.published.pk, formats=["md"])
    run_once(report=_quiet)
    run_once(report=_quiet)  # the retry is not due yet
    job = DBTaskResult.objects.get(task_path=tasks.render_reports.module_path)
    assert job.status == "READY" and len(job.worker_ids) == 1
    assert job.run_after > timezone.now() + timedelta(seconds=500)
    [row] = round_jobs(world.published.pk)
    assert row.state == "retrying" and row.error == f"RuntimeError: {FAILURE}"


def _claimed_long_ago(settings: Any, attempts: int) -> DBTaskResult:
    """A render job a worker claimed longer ago than the timeout and never finished."""
    result = tasks.render_reports.enqueue(round_id=0, formats=["md"])
    job = DBTaskResult.objects.get(pk=result.id)
    job.claim("dead-worker")
    job.worker_ids = [f"dead-worker-{n}" for n in range(attempts)]
    job.started_at = timezone.now() - timedelta(seconds=settings.TILTAK_JOB_TIMEOUT + 60)
    job.save()
    return job


def test_a_job_whose_worker_died_is_run_by_the_next_worker(world: Any, settings: Any) -> None:
    job = _claimed_long_ago(settings, attempts=1)
    job.args_kwargs = {"args": [], "kwargs": {"round_id": world.published.pk, "formats": ["md"]}}
    job.save()
    fresh = tasks.render_reports.enqueue(round_id=world.published.pk, formats=["html"])
    assert take_over_stale() == 1
    assert DBTaskResult.objects.get(pk=fresh.id).status == "READY"  # untouched
    run_once(report=_quiet)
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL" and len(job.worker_ids) == 2
    assert stored_report(world.published, "md")


def test_a_running_job_within_the_timeout_is_left_alone(world: Any) -> None:
    result = tasks.render_reports.enqueue(round_id=world.published.pk, formats=["md"])
    DBTaskResult.objects.get(pk=result.id).claim("live-worker")
    assert take_over_stale() == 0
    assert DBTaskResult.objects.get(pk=result.id).status == "RUNNING"


def test_a_job_that_lost_its_last_attempt_fails_with_the_reason(world: Any, settings: Any) -> None:
    job = _claimed_long_ago(settings, attempts=3)
    assert take_over_stale() == 1
    job.refresh_from_db()
    assert job.status == "FAILED"
    assert "Arbeideren stoppet" in job.traceback


def test_the_worker_queues_the_reminders_once_a_period(world: Any, settings: Any) -> None:
    from django.core import mail

    world.open(deadline=timezone.localdate() + timedelta(days=3))
    run_once(report=_quiet)
    run_once(report=_quiet)
    reminders = DBTaskResult.objects.filter(task_path=tasks.send_reminders.module_path)
    assert [job.status for job in reminders] == ["SUCCESSFUL"]
    assert reminders[0].return_value == len(mail.outbox) > 0
    settings.TILTAK_REMINDER_HOURS = 0
    run_once(report=_quiet)
    assert reminders.all().count() == 2  # a fresh query: the first one is cached


def test_tiltak_worker_refuses_immediate_jobs(settings: Any, capsys: Any) -> None:
    settings.TILTAK_JOBS = "immediate"
    assert main(["worker", "--once"]) == 2
    assert "no worker is needed" in capsys.readouterr().err


def test_tiltak_worker_once_runs_what_is_ready(world: Any, capsys: Any) -> None:
    tasks.render_reports.enqueue(round_id=world.published.pk, formats=["md"])
    assert main(["worker", "--once"]) == 0
    assert "render_reports: done" in capsys.readouterr().out
    assert stored_report(world.published, "md")


def test_an_unknown_job_backend_is_one_line(tmp_path: Any) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "TILTAK_JOBS": "celery", "TILTAK_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "tiltak.cli", "worker", "--once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "tiltak: error: TILTAK_JOBS='celery': use database or immediate"
    ]
