"""What the pages show of the jobs: the jobs of a round with their state and error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeAlias

from django.core.exceptions import ValidationError
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tiltak.documents.vocabulary import JOB_STATE_COLOURS, JOB_STATE_LABELS

from . import tasks

# django-tasks' row of a job (generic in the task's parameters and result for type checkers).
Job: TypeAlias = "DBTaskResult[Any, Any]"
TASK_LABELS = {
    tasks.render_reports.module_path: "Lage rapportene",
    tasks.send_reminders.module_path: "Sende påminnelser",
    tasks.apply_bulk_update.module_path: "Masseoppdatering fra regneark",
    "tiltak.imports.tasks.read_upload": "Lese et opplastet dokument",  # a surface's own task
}
SHOWN_PER_ROUND = 20


@dataclass(frozen=True, slots=True)
class JobRow:
    """One job as the coordinator sees it."""

    label: str
    state: str
    state_label: str
    colour: str
    attempts: int
    enqueued_at: datetime
    finished_at: datetime | None
    error: str
    result: Any = None  # what the task returned, once done


def job_state(result: Job) -> str:
    """waiting, running, retrying (waiting after a failed attempt), done or failed."""
    if result.status == TaskResultStatus.READY:
        return "retrying" if result.traceback else "waiting"
    if result.status == TaskResultStatus.RUNNING:
        return "running"
    return "done" if result.status == TaskResultStatus.SUCCESSFUL else "failed"


def last_error(result: Job) -> str:
    """The last line of the job's last error (the exception and its message), or ''."""
    lines = [line for line in result.traceback.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def error_message(error: str) -> str:
    """An error line without its exception's dotted name, for the person who queued the job."""
    name, colon, message = error.partition(": ")
    return message if colon and " " not in name else error


def _row(result: Job) -> JobRow:
    label = TASK_LABELS.get(result.task_path, result.task_path.rsplit(".", 1)[-1])
    formats = result.args_kwargs.get("kwargs", {}).get("formats")
    if formats:
        label = f"{label} ({', '.join(formats)})"
    state = job_state(result)
    return JobRow(
        label=label,
        state=state,
        state_label=JOB_STATE_LABELS[state],
        colour=JOB_STATE_COLOURS[state],
        attempts=len(result.worker_ids),
        enqueued_at=result.enqueued_at,
        finished_at=result.finished_at,
        error=last_error(result) if state in {"retrying", "failed"} else "",
        result=result.return_value if state == "done" else None,
    )


def user_job(
    job_id: str, task_path: str, *, user_id: int, round_id: int | None = None
) -> JobRow | None:
    """The job `job_id` of `task_path` the user `user_id` queued (in the round, if given)."""
    where = {} if round_id is None else {"args_kwargs__kwargs__round_id": round_id}
    try:
        result = DBTaskResult.objects.get(
            pk=job_id, task_path=task_path, args_kwargs__kwargs__user_id=user_id, **where
        )
    except (DBTaskResult.DoesNotExist, ValidationError):  # no such job, or not an id at all
        return None
    return _row(result)


def _round_results(round_id: int) -> list[Job]:
    return list(
        DBTaskResult.objects.filter(args_kwargs__kwargs__round_id=round_id).order_by(
            "-enqueued_at"
        )[:SHOWN_PER_ROUND]
    )


def round_jobs(round_id: int) -> list[JobRow]:
    """The round's newest jobs, newest first."""
    return [_row(result) for result in _round_results(round_id)]


def report_job(round_id: int, fmt: str) -> JobRow | None:
    """The newest job that renders the round's report in `fmt`, if there is one."""
    for result in _round_results(round_id):
        if result.task_path == tasks.render_reports.module_path and fmt in result.args_kwargs.get(
            "kwargs", {}
        ).get("formats", []):
            return _row(result)
    return None


def due_for_reminders(since: datetime) -> bool:
    """Whether no reminder job has been queued since `since`."""
    return not DBTaskResult.objects.filter(
        task_path=tasks.send_reminders.module_path, enqueued_at__gte=since
    ).exists()
