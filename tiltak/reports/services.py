"""Services: render a round's report, and keep one cached file per round and format.

The cache lives in TILTAK_DATA_DIR/reports as `<round id>-<content hash>.<fmt>`. The hash covers
everything the report shows and the renderer version, so a published correction (or a new
renderer) gives a new file; older files of the same round and format are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings

from tiltak.documents.model import PlanDocument
from tiltak.documents.reports import FORMATS, RENDERER_VERSION, render_changes, render_report
from tiltak.rounds.models import ReportingRound

from .selectors import report_document


def cache_dir() -> Path:
    """Where the generated reports are kept."""
    return Path(settings.DATA_DIR) / "reports"


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


def report_path(rnd: ReportingRound, fmt: str, document: PlanDocument | None = None) -> Path:
    """The cache file the round's report in format `fmt` has while its content is unchanged."""
    _check_format(fmt)
    document = document or report_document(rnd)
    return cache_dir() / f"{rnd.pk}-{content_hash(document)}.{fmt}"


def report_file(rnd: ReportingRound, fmt: str) -> bytes:
    """The round's report in format `fmt`, from the cache or generated into it."""
    document = report_document(rnd)
    path = report_path(rnd, fmt, document)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = render_report(document, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=f".{fmt}")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for old in path.parent.glob(f"{rnd.pk}-*.{fmt}"):
        if old != path:
            old.unlink(missing_ok=True)
    return data


def warm_reports(rnd: ReportingRound, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Generate every format of a round into the cache (call it when a round is published)."""
    for fmt in formats:
        report_file(rnd, fmt)
    document = report_document(rnd)
    return [report_path(rnd, fmt, document) for fmt in formats]


def change_report_bytes(before: ReportingRound, after: ReportingRound, fmt: str) -> bytes:
    """What changed in `after` since `before`, in format `fmt`."""
    _check_format(fmt)
    return render_changes(report_document(before), report_document(after), fmt)


def download_name(rnd: ReportingRound, fmt: str) -> str:
    """The file name a download of the report gets."""
    return f"{rnd.plan.slug}-{rnd.slug}.{fmt}"
