"""The tasks the worker runs. Each is a thin call of a service of the app that owns the work;
arguments are plain JSON (ids, format names) because they wait in the database."""

from __future__ import annotations

from datetime import date

from django_tasks import task


@task()
def render_reports(round_id: int, formats: list[str]) -> list[str]:
    """Render the published round's reports in `formats` into the report storage; the names."""
    # Imported here: the rounds' services queue this task, and the report services import them.
    from tiltak.reports.selectors import round_by_id
    from tiltak.reports.services import warm_reports

    return warm_reports(round_by_id(round_id), tuple(formats))


@task()
def send_reminders() -> int:
    """Send the reminders due today (each round and kind once a day); how many e-mails."""
    from tiltak.rounds.reminders import send_due_reminders

    return sum(sent.recipients for sent in send_due_reminders(date.today()))


@task()
def apply_bulk_update(user_id: int, round_id: int, changes_file: str) -> dict[str, object]:
    """Apply a previewed bulk update kept in `changes_file`: {"updated": n, "refused": reason}."""
    from tiltak.rounds.bulk import apply_kept_changes

    return apply_kept_changes(user_id, round_id, changes_file)
