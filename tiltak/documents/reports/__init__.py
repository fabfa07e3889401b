"""Publishing: a round's status report (and a change report) as Markdown, HTML, DOCX and PDF.

Pure Python, no Django: callers pass `PlanDocument`s (tiltak.plans.selectors.round_document).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from ..model import PlanDocument
from .build import draft_report, status_report
from .changes import Changes, change_report, compare
from .tree import Report

Format = Literal["md", "html", "docx", "pdf"]
FORMATS: tuple[Format, ...] = ("md", "html", "docx", "pdf")
MEDIA_TYPES: dict[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
DRAFT_FORMATS: tuple[Format, ...] = ("pdf", "docx")
"""The formats of a draft report (an unpublished round, for its coordinator)."""
RENDERER_VERSION = "2"
"""Part of every cache key: bump it when a renderer's output changes."""

__all__ = [
    "DRAFT_FORMATS",
    "FORMATS",
    "MEDIA_TYPES",
    "RENDERER_VERSION",
    "Changes",
    "Format",
    "Report",
    "change_report",
    "compare",
    "draft_report",
    "render",
    "render_changes",
    "render_draft",
    "render_report",
    "status_report",
]


def render(report: Report, fmt: str) -> bytes:
    """`report` in format `fmt` ("md", "html", "docx" or "pdf")."""
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(report).encode("utf-8")
    if fmt == "html":
        from .html import render_html

        return render_html(report).encode("utf-8")
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(report)
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(report)
    raise ValueError(f"unknown report format {fmt!r} (formats: {', '.join(FORMATS)})")


def render_report(document: PlanDocument, fmt: str) -> bytes:
    """The status report of `document` in format `fmt`."""
    return render(status_report(document), fmt)


def render_changes(before: PlanDocument, after: PlanDocument, fmt: str) -> bytes:
    """The change report of `after` since `before` in format `fmt`."""
    return render(change_report(before, after), fmt)


def render_draft(document: PlanDocument, workflow: Mapping[str, str], fmt: str) -> bytes:
    """The draft report of an unpublished round in format `fmt`, «UTKAST» on every page."""
    if fmt not in DRAFT_FORMATS:
        raise ValueError(f"unknown draft format {fmt!r} (formats: {', '.join(DRAFT_FORMATS)})")
    return render(draft_report(document, workflow), fmt)
