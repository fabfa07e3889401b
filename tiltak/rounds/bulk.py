"""Bulk update: download a round as XLSX in the exchange format, edit it, upload it again.

The workbook has the exchange sheet «tiltak» and a hidden sheet «versjoner» with each entry's
version and a digest of its status and narrative at download. An upload is previewed and
applied all or nothing in one transaction. Only rows the editor changed count: a row equal to
the download is ignored, even when someone has since changed the entry in Tiltak. A changed
row whose entry someone else changed since the download is a conflict: reported, not applied,
and the other rows still apply. Permission is checked before a row is compared with anything
stored, so an upload never reveals another ministry's draft.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from tiltak.audit.context import audit_context
from tiltak.jobs import files as job_files
from tiltak.jobs import selectors as job_selectors
from tiltak.jobs import services as jobs
from tiltak.jobs import tasks as job_tasks

from . import permissions
from .exchange import (
    ExchangeError,
    ExchangeRow,
    export_rounds,
    open_xlsx,
    read_exchange,
    write_xlsx,
    xlsx_rows,
)
from .models import ReportingRound, StatusEntry
from .permissions import require
from .selectors import status_choice, unknown_status_message

VERSION_SHEET = "versjoner"
EDITABLE_COLUMNS = ("status", "status_label", "narrative")
FIXED_COLUMNS = ("kind", "chapter", "title", "responsible", "responsible_all")


@dataclass(slots=True)
class Change:
    """One entry the upload changes."""

    entry_id: int
    number: str
    version: int
    before: dict[str, str]
    after: dict[str, str]


@dataclass(slots=True)
class RowIssue:
    """A row the upload cannot apply; row 1 is the header."""

    row: int
    number: str
    message: str


@dataclass(slots=True)
class BulkPreview:
    """What an upload would change, and what is wrong with it."""

    changes: list[Change] = field(default_factory=list)
    errors: list[RowIssue] = field(default_factory=list)
    conflicts: list[RowIssue] = field(default_factory=list)  # not applied; the rest can be

    @property
    def ok(self) -> bool:
        """Nothing is wrong, so it can be applied."""
        return not self.errors

    def to_session(self) -> list[dict[str, Any]]:
        """The changes as JSON for the session, between preview and apply."""
        return [asdict(change) for change in self.changes]


class BulkRefused(Exception):
    """The upload cannot be applied; nothing was changed."""


def _visible_entries(user: Any, rnd: ReportingRound) -> list[StatusEntry]:
    """The round's entries the user may see, in plan order."""
    entries = rnd.entries.select_related("measure", "round").order_by("measure__order", "pk")
    return [e for e in entries if permissions.can_view_entry(user, e)]


def row_digest(status: str, status_label: str, narrative: str) -> str:
    """A digest of a row's editable values, whitespace-insensitive, to tell an edited row."""
    values = [" ".join(value.split()) for value in (status, status_label, narrative)]
    return hashlib.sha256(json.dumps(values).encode()).hexdigest()[:32]


def export_round(user: Any, rnd: ReportingRound) -> bytes:
    """The user's measures of the round as XLSX with the versions and digests at download."""
    require(permissions.can_view_round(user, rnd))
    entries = _visible_entries(user, rnd)
    numbers = {e.measure.number for e in entries}
    rows = [row for row in export_rounds(rnd.plan, [rnd]) if row.number in numbers]
    data = write_xlsx(rows)
    digests = {row.number: row_digest(row.status, row.status_label, row.narrative) for row in rows}
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.create_sheet(VERSION_SHEET)
    sheet.append(["number", "version", "digest"])
    for entry in entries:
        sheet.append([entry.measure.number, str(entry.version), digests[entry.measure.number]])
        sheet.cell(sheet.max_row, 1).data_type = "s"
    sheet.sheet_state = "hidden"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Downloaded:
    """An entry as it was downloaded: its version, and the digest of its values (if known)."""

    version: int
    digest: str = ""


def _versions(data: bytes) -> dict[str, Downloaded] | None:
    """The «versjoner» sheet: measure number → version and digest at download; None if
    missing or unreadable. Values that are not whole numbers (1e400, 2.5, text) are left out."""
    try:
        workbook = open_xlsx(data)
    except ExchangeError:
        return None
    try:
        if VERSION_SHEET not in workbook.sheetnames:
            return None
        versions: dict[str, Downloaded] = {}
        rows = xlsx_rows(workbook[VERSION_SHEET], VERSION_SHEET)
        next(rows, None)  # the header
        for cells in rows:
            number, version, digest = (*cells, None, None, None)[:3]
            key = _whole(number) if isinstance(number, float) else str(number or "").strip()
            count = _whole(version) if isinstance(version, float) else str(version or "").strip()
            if key and count.isdigit():
                versions[key] = Downloaded(int(count), str(digest or "").strip())
        return versions
    except Exception:  # openpyxl raises many kinds for a damaged sheet ("nan" as a number)
        return None
    finally:
        workbook.close()


def _whole(value: float) -> str:
    """A float cell as a whole number's text, or "" (infinite, nan or fractional)."""
    return str(int(value)) if math.isfinite(value) and value.is_integer() else ""


def preview_upload(user: Any, rnd: ReportingRound, data: bytes) -> BulkPreview:
    """Every change, row error and conflict of an uploaded workbook, without changing
    anything."""
    require(permissions.can_bulk_update(user, rnd), "Du kan ikke masseoppdatere denne runden.")
    preview = BulkPreview()
    if not data.startswith(b"PK"):
        preview.errors.append(RowIssue(0, "", "Filen er ikke en XLSX-fil lastet ned fra Tiltak."))
        return preview
    try:
        rows = read_exchange(data, source="opplastet fil", check_labels=False)
    except ExchangeError as error:
        preview.errors += [RowIssue(e.row, "", e.message) for e in error.errors]
        return preview
    versions = _versions(data)
    if versions is None:
        preview.errors.append(
            RowIssue(
                0, "", "Filen mangler arket «versjoner», eller det er skadet: last ned på nytt."
            )
        )
        return preview
    entries = {
        e.measure.number: e
        for e in rnd.entries.select_related("measure", "round", "round__plan").all()
    }
    stored_rows = {row.number: row for row in export_rounds(rnd.plan, [rnd])}
    seen: set[str] = set()
    for index, row in enumerate(rows, start=2):
        preview_row(user, rnd, index, row, entries, stored_rows, versions, seen, preview)
    return preview


def preview_row(
    user: Any,
    rnd: ReportingRound,
    index: int,
    row: ExchangeRow,
    entries: dict[str, StatusEntry],
    stored_rows: dict[str, ExchangeRow],
    versions: dict[str, Downloaded],
    seen: set[str],
    preview: BulkPreview,
) -> None:
    """Check one row and add its change, its error or its conflict to the preview."""

    def error(message: str) -> None:
        preview.errors.append(RowIssue(index, row.number, message))

    if row.plan != rnd.plan.slug or row.round != rnd.title:
        return error(f"Raden hører til en annen plan eller runde ({row.plan}, {row.round}).")
    entry = entries.get(row.number)
    if entry is None:
        return error(f"Ukjent tiltaksnummer {row.number}.")
    if row.number in seen:
        return error(f"Tiltak {row.number} står mer enn én gang i filen.")
    seen.add(row.number)
    downloaded = versions.get(row.number)
    if downloaded and downloaded.digest == row_digest(row.status, row.status_label, row.narrative):
        return None  # as downloaded: the editor did not change it
    # Before anything is compared with stored data, so nothing about the entry is revealed.
    if not permissions.can_edit_entry(user, entry):
        return error(f"Du kan ikke endre tiltak {row.number}.")
    stored = stored_rows[row.number]
    if any(getattr(row, c) != getattr(stored, c) for c in FIXED_COLUMNS):
        return error("Bare status, statusetikett og omtale kan endres her.")
    label = row.status_label.strip()
    status = row.status
    if label != stored.status_label.strip():
        choice = status_choice(rnd.plan, label) if label else None
        if label and choice is None:
            return error(unknown_status_message(rnd.plan, label))
        label, mapped = choice or ("", "")
        if row.status and row.status != mapped and row.status != stored.status:
            return error("Kolonnene status og status_label sier forskjellige ting.")
        status = mapped
    elif row.status != stored.status:
        label = str(StatusEntry.Status(row.status).label) if row.status else ""
    after = {"status": status, "status_label": label, "narrative": row.narrative.strip()}
    before = {
        "status": stored.status,
        "status_label": stored.status_label,
        "narrative": stored.narrative.strip(),
    }
    if after == before:
        return None
    if downloaded is None or downloaded.version != entry.version:
        preview.conflicts.append(
            RowIssue(
                index,
                row.number,
                f"Tiltak {row.number} er endret i Tiltak siden filen ble lastet ned; "
                "endringen din i denne raden er ikke lagret. Last ned på nytt for å endre det.",
            )
        )
        return None
    preview.changes.append(Change(entry.pk, row.number, downloaded.version, before, after))
    return None


def apply_changes(user: Any, rnd: ReportingRound, changes: list[dict[str, Any]]) -> int:
    """Apply previewed changes all or nothing; BulkRefused (nothing changed) if any entry is
    no longer editable by the user or was changed since the download."""
    require(permissions.can_bulk_update(user, rnd), "Du kan ikke masseoppdatere denne runden.")
    if not changes:
        raise BulkRefused("Filen endrer ingenting.")
    with transaction.atomic(), audit_context(actor=user, action="bulk_update"):
        for item in changes:
            change = Change(**item)
            entry = (
                StatusEntry.objects.select_for_update()
                .select_related("round", "round__plan", "measure")
                .filter(pk=change.entry_id, round=rnd)
                .first()
            )
            if entry is None:
                raise BulkRefused(f"Tiltak {change.number} finnes ikke i runden.")
            if not permissions.can_edit_entry(user, entry):
                raise BulkRefused(f"Du kan ikke endre tiltak {change.number}.")
            if entry.version != change.version:
                raise BulkRefused(f"Tiltak {change.number} er endret siden filen ble lastet ned.")
            entry.status = change.after["status"] or None
            entry.status_label = change.after["status_label"]
            entry.narrative = change.after["narrative"]
            entry.workflow_state = StatusEntry.Workflow.DRAFT
            entry.version += 1
            entry.save()
    return len(changes)


def runs_as_job(changes: list[dict[str, Any]]) -> bool:
    """Whether applying these changes is left to the worker (more than
    TILTAK_JOB_THRESHOLD_ROWS of them, with a worker to run it)."""
    return len(changes) > settings.TILTAK_JOB_THRESHOLD_ROWS and jobs.jobs_run_in_the_background()


def queue_changes(user: Any, rnd: ReportingRound, changes: list[dict[str, Any]]) -> str:
    """Apply previewed changes in a job (checked again there, all or nothing); the job's id."""
    require(permissions.can_bulk_update(user, rnd), "Du kan ikke masseoppdatere denne runden.")
    if not changes:
        raise BulkRefused("Filen endrer ingenting.")
    return jobs.queue_bulk_update(user.pk, rnd.pk, changes)


def bulk_job(user: Any, rnd: ReportingRound, job_id: str) -> job_selectors.JobRow | None:
    """The user's bulk update job `job_id` in the round, for its page."""
    return job_selectors.user_job(
        job_id, job_tasks.apply_bulk_update.module_path, user_id=user.pk, round_id=rnd.pk
    )


def apply_kept_changes(user_id: int, round_id: int, changes_file: str) -> dict[str, object]:
    """The bulk update job: apply the changes kept in the upload storage as their user, all or
    nothing. A refusal is an outcome, not a failure to retry: {"updated": 0, "refused": why}.
    The kept file is deleted once applied or refused (kept for the next attempt on an error)."""
    user = get_user_model().objects.get(pk=user_id)
    rnd = ReportingRound.objects.select_related("plan").get(pk=round_id)
    changes = job_files.read_json(changes_file)
    try:
        updated, refused = apply_changes(user, rnd, changes), ""
    except (BulkRefused, PermissionDenied) as error:
        updated, refused = 0, str(error)
    job_files.discard(changes_file)
    return {"updated": updated, "refused": refused}
