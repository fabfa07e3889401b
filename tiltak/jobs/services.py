"""Queueing jobs, and what happens to a job that failed or whose worker died."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import files, selectors, tasks
from .selectors import Job

WORKER_DIED = (
    "tiltak.jobs.WorkerStopped: Arbeideren stoppet mens jobben kjørte "
    "(ingen svar på {seconds:g} sekunder)."
)


def queue_reports(round_id: int, formats: Iterable[str]) -> None:
    """Render the round's reports in a job, queued when the current transaction commits (so the
    worker sees the published round, and a rolled-back publish queues nothing)."""
    transaction.on_commit(
        partial(tasks.render_reports.enqueue, round_id=round_id, formats=list(formats))
    )


def queue_report(round_id: int, fmt: str) -> None:
    """Render the round's report in `fmt` in a job, unless a job for it is waiting or running."""
    job = selectors.report_job(round_id, fmt)
    if job is None or job.state not in {"waiting", "running", "retrying"}:
        tasks.render_reports.enqueue(round_id=round_id, formats=[fmt])


def jobs_run_in_the_background() -> bool:
    """Whether queued jobs wait for a worker (TILTAK_JOBS=database); with `immediate` a heavy
    step stays in the request, as there is no worker to show the progress of."""
    return bool(settings.TILTAK_JOBS == "database")


def queue_bulk_update(user_id: int, round_id: int, changes: list[dict[str, object]]) -> str:
    """Apply a previewed bulk update in a job, the changes kept in the upload storage; the
    job's id for its page."""
    name = files.keep_json(changes)
    result = tasks.apply_bulk_update.enqueue(user_id=user_id, round_id=round_id, changes_file=name)
    return str(result.id)


def _attempts_left(result: Job) -> bool:
    return len(result.worker_ids) < settings.TILTAK_JOB_ATTEMPTS


def retry_or_give_up(result: Job, now: datetime | None = None) -> bool:
    """After a failed attempt: wait TILTAK_JOB_RETRY_SECONDS × attempts and try again, while
    attempts are left (the error stays on the job meanwhile); whether it will be retried."""
    if result.status != TaskResultStatus.FAILED or not _attempts_left(result):
        return False
    now = now or timezone.now()
    result.status = TaskResultStatus.READY
    result.finished_at = None
    result.run_after = now + timedelta(
        seconds=settings.TILTAK_JOB_RETRY_SECONDS * len(result.worker_ids)
    )
    result.save(update_fields=["status", "finished_at", "run_after"])
    return True


def discard_inputs(result: Job) -> None:
    """Delete the inputs a job kept in the upload storage (once it failed for good)."""
    for value in result.args_kwargs.get("kwargs", {}).values():
        if isinstance(value, str) and value.startswith(f"{files.FOLDER}/"):
            files.discard(value)


def take_over_stale(now: datetime | None = None) -> int:
    """Jobs running for longer than TILTAK_JOB_TIMEOUT lost their worker (killed, machine
    gone): queue them again, or mark them failed when no attempts are left; how many."""
    now = now or timezone.now()
    timeout = settings.TILTAK_JOB_TIMEOUT
    error = WORKER_DIED.format(seconds=timeout)
    count = 0
    with transaction.atomic():
        stale = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, started_at__lt=now - timedelta(seconds=timeout)
        )
        for result in stale:
            result.exception_class_path = "tiltak.jobs.WorkerStopped"
            result.traceback = error
            if _attempts_left(result):
                result.status = TaskResultStatus.READY
                result.run_after = now
            else:
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
            result.save(
                update_fields=[
                    "status", "run_after", "finished_at", "exception_class_path", "traceback"
                ]
            )  # fmt: skip
            count += 1
    return count


def queue_reminders_if_due(now: datetime | None = None) -> bool:
    """Queue the reminder job unless one was queued in the last TILTAK_REMINDER_HOURS hours;
    whether it was queued. (Two workers may both queue it: each reminder still goes out once.)"""
    now = now or timezone.now()
    if not selectors.due_for_reminders(now - timedelta(hours=settings.TILTAK_REMINDER_HOURS)):
        return False
    tasks.send_reminders.enqueue()
    return True
