"""The worker: django-tasks' database worker, run in passes. Before each pass it takes over the
jobs of a worker that died and queues the reminders when they are due; after each job it gives
a failed one its next attempt, or deletes the inputs it kept when none is left."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker

from . import services
from .selectors import Job, job_state, last_error

Report = Callable[[str], None]


class RetryingWorker(Worker):
    """django-tasks' worker, giving a failed job its next attempt and saying what each job did."""

    def __init__(self, *, report: Report, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.report = report

    def run_task(self, db_task_result: Job) -> None:
        super().run_task(db_task_result)
        retried = services.retry_or_give_up(db_task_result)
        if job_state(db_task_result) == "failed":
            services.discard_inputs(db_task_result)
        name = db_task_result.task_path.rsplit(".", 1)[-1]
        state = "failed, will be retried" if retried else job_state(db_task_result)
        error = last_error(db_task_result) if state != "done" else ""
        self.report(f"job {db_task_result.id} {name}: {state}" + (f": {error}" if error else ""))


def make_worker(report: Report = print) -> RetryingWorker:
    """A worker that runs every job ready now and then returns (one pass)."""
    return RetryingWorker(
        report=report,
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )


def run_once(worker: RetryingWorker | None = None, report: Report = print) -> None:
    """One pass: take over stale jobs, queue due reminders, run every job that is ready."""
    worker = worker or make_worker(report)
    if taken := services.take_over_stale():
        report(f"{taken} job(s) of a stopped worker queued again")
    services.queue_reminders_if_due()
    worker.run()


def run_forever(interval: float, report: Report = print) -> None:
    """Passes every `interval` seconds until SIGINT or SIGTERM (a running job finishes first)."""
    worker = make_worker(report)
    worker.configure_signals()
    report(f"worker {worker.worker_id} started")
    while worker.running:
        run_once(worker, report)
        if worker.running:
            time.sleep(interval)
