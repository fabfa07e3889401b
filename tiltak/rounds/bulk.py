"""Bulk update: download a round as XLSX in the exchange format, edit it, upload it again.

The workbook has the exchange sheet «tiltak» and a sheet «versjoner» with each entry's version
at download. An upload is previewed (every change and every row error) and applied all or
nothing in one transaction; rows changed by someone else since the download are errors.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction

from tiltak.plans.models import ReportingRound, StatusEntry
from tiltak.plans.services.exchange import (
    ExchangeError,
    ExchangeRow,
    export_rounds,
    read_exchange,
    write_xlsx,
)

from . import audit, permissions
from .permissions import require
from .selectors import status_for_label

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


def export_round(user: Any, rnd: ReportingRound) -> bytes:
    """The user's measures of the round as XLSX with the versions at download."""
    require(permissions.can_view_round(user, rnd))
    entries = _visible_entries(user, rnd)
    numbers = {e.measure.number for e in entries}
    rows = [row for row in export_rounds(rnd.plan, [rnd]) if row.number in numbers]
    data = write_xlsx(rows)
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.create_sheet(VERSION_SHEET)
    sheet.append(["number", "version"])
    for entry in entries:
        sheet.append([entry.measure.number, str(entry.version)])
        sheet.cell(sheet.max_row, 1).data_type = "s"
    sheet.sheet_state = "hidden"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _versions(data: bytes) -> dict[str, int] | None:
    """The «versjoner» sheet: measure number → version at download; None if missing."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        return None
    try:
        if VERSION_SHEET not in workbook.sheetnames:
            return None
        versions: dict[str, int] = {}
        for number, version in list(workbook[VERSION_SHEET].iter_rows(values_only=True))[1:]:
            if number is None:
                continue
            key = str(int(number)) if isinstance(number, float) else str(number).strip()
            try:
                versions[key] = int(str(version))
            except ValueError:
                continue
        return versions
    finally:
        workbook.close()


def preview_upload(user: Any, rnd: ReportingRound, data: bytes) -> BulkPreview:
    """Every change and every row error of an uploaded workbook, without changing anything."""
    require(permissions.can_bulk_update(user, rnd), "Du kan ikke masseoppdatere denne runden.")
    preview = BulkPreview()
    if not data.startswith(b"PK"):
        preview.errors.append(RowIssue(0, "", "Filen er ikke en XLSX-fil lastet ned fra Tiltak."))
        return preview
    try:
        rows = read_exchange(data, source="opplastet fil")
    except ExchangeError as error:
        preview.errors += [RowIssue(e.row, "", e.message) for e in error.errors]
        return preview
    versions = _versions(data)
    if versions is None:
        preview.errors.append(
            RowIssue(0, "", "Filen mangler arket «versjoner»: last ned runden på nytt.")
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
    versions: dict[str, int],
    seen: set[str],
    preview: BulkPreview,
) -> None:
    """Check one row and add its change or its error to the preview."""

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
    stored = stored_rows[row.number]
    if any(getattr(row, c) != getattr(stored, c) for c in FIXED_COLUMNS):
        return error("Bare status, statusetikett og omtale kan endres her.")
    label = row.status_label.strip()
    status = row.status
    if label != stored.status_label.strip():
        mapped = status_for_label(rnd.plan, label) if label else None
        if label and mapped is None:
            return error(f"Ukjent statusetikett «{label}».")
        if row.status and row.status != (mapped or "") and row.status != stored.status:
            return error("Kolonnene status og status_label sier forskjellige ting.")
        status = mapped or ""
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
    if not permissions.can_edit_entry(user, entry):
        return error(f"Du kan ikke endre tiltak {row.number}.")
    version = versions.get(row.number)
    if version is None or version != entry.version:
        return error(f"Tiltak {row.number} er endret i Tiltak siden filen ble lastet ned.")
    preview.changes.append(Change(entry.pk, row.number, version, before, after))
    return None


def apply_changes(user: Any, rnd: ReportingRound, changes: list[dict[str, Any]]) -> int:
    """Apply previewed changes all or nothing; BulkRefused (nothing changed) if any entry is
    no longer editable by the user or was changed since the download."""
    require(permissions.can_bulk_update(user, rnd), "Du kan ikke masseoppdatere denne runden.")
    if not changes:
        raise BulkRefused("Filen endrer ingenting.")
    with transaction.atomic(), audit.audit_context(actor=user, action="bulk_update"):
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
