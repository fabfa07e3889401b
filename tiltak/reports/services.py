"""Services: render a round's report, and keep one cached file per round and format.

The files are kept in the named storage "reports" (Django's storage API: TILTAK_DATA_DIR/reports
by default, or object storage shared by several servers, see tiltak.deployment) as
`<round id>-<content hash>.<fmt>`. The hash covers
everything the report shows and the renderer version, so a published correction (or a new
renderer) gives a new file; older files of the same round and format are removed.
"""

from __future__ import annotations

import hashlib
import json
from fnmatch import fnmatch
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

from tiltak.documents.model import PlanDocument
from tiltak.documents.reports import (
    FORMATS,
    RENDERER_VERSION,
    render_changes,
    render_draft,
    render_report,
)
from tiltak.rounds import permissions
from tiltak.rounds.models import ReportingRound

from .selectors import report_document, workflow_states

REPORT_STORAGE = "reports"


def report_storage() -> Storage:
    """Where the generated reports are kept (STORAGES["reports"])."""
    return storages[REPORT_STORAGE]


def content_hash(document: PlanDocument) -> str:
    """A short hash of everything a report of `document` shows, and of the renderer version."""
    data = json.dumps(document.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{RENDERER_VERSION}\n{data}".encode()).hexdigest()[:16]


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (formats: {', '.join(FORMATS)})")


def report_bytes(rnd: ReportingRound, fmt: str) -> bytes:
    """The round's status report in format `fmt`, rendered now."""
    _check_format(fmt)
    return render_report(report_document(rnd), fmt)


def report_name(rnd: ReportingRound, fmt: str, document: PlanDocument | None = None) -> str:
    """The stored file the round's report in format `fmt` has while its content is unchanged."""
    _check_format(fmt)
    document = document or report_document(rnd)
    return f"{rnd.pk}-{content_hash(document)}.{fmt}"


def _stored(name: str) -> bytes | None:
    try:
        with report_storage().open(name, "rb") as stored:
            return bytes(stored.read())
    except FileNotFoundError:
        return None


def stored_report(rnd: ReportingRound, fmt: str) -> bytes | None:
    """The round's report in format `fmt` if it is in the storage already, else None."""
    return _stored(report_name(rnd, fmt))


def report_file(rnd: ReportingRound, fmt: str) -> bytes:
    """The round's report in format `fmt`, from the storage or generated into it."""
    document = report_document(rnd)
    name = report_name(rnd, fmt, document)
    if (data := _stored(name)) is not None:
        return data
    storage = report_storage()
    data = render_report(document, fmt)
    # Names are content hashes: a file written meanwhile by another server is the same report.
    storage.save(name, ContentFile(data))
    _, files = storage.listdir("")
    for old in files:
        if old != name and fnmatch(old, f"{rnd.pk}-*.{fmt}"):
            storage.delete(old)
    return data


def warm_reports(rnd: ReportingRound, formats: tuple[str, ...] = FORMATS) -> list[str]:
    """Generate every format of a round into the storage (call it when a round is published);
    returns the stored names."""
    for fmt in formats:
        report_file(rnd, fmt)
    document = report_document(rnd)
    return [report_name(rnd, fmt, document) for fmt in formats]


def draft_report_bytes(user: Any, rnd: ReportingRound, fmt: str) -> bytes:
    """The unpublished round's draft report («UTKAST» on every page), rendered now for its
    coordinator. Never stored: public downloads look only in the storage, by content hash."""
    permissions.require(
        permissions.can_download_draft_report(user, rnd),
        "Bare koordinatoren kan laste ned utkastet til rapporten.",
    )
    return render_draft(report_document(rnd), workflow_states(rnd), fmt)


def draft_download_name(rnd: ReportingRound, fmt: str) -> str:
    """The file name a download of the draft report gets."""
    return f"{rnd.plan.slug}-{rnd.slug}-utkast.{fmt}"


def change_report_bytes(before: ReportingRound, after: ReportingRound, fmt: str) -> bytes:
    """What changed in `after` since `before`, in format `fmt`."""
    _check_format(fmt)
    return render_changes(report_document(before), report_document(after), fmt)


def download_name(rnd: ReportingRound, fmt: str) -> str:
    """The file name a download of the report gets."""
    return f"{rnd.plan.slug}-{rnd.slug}.{fmt}"
