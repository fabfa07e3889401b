"""A report as tagged PDF/UA-1, laid out by WeasyPrint from the report's HTML page."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from .html import render_html
from .tree import Report


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or the libraries it loads) is not installed."""


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango missing
        raise PdfUnavailable(f"PDF needs WeasyPrint ({error})") from None
    return weasyprint


def render_pdf(report: Report, *, created: datetime | None = None) -> bytes:
    """The report as PDF/UA-1: tagged, language and title set, bookmarks from the headings."""
    weasyprint = _weasyprint()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=render_html(report), base_url=".").render(
        pdf_variant="pdf/ua-1"
    )
    metadata = document.metadata
    metadata.title = report.title
    metadata.authors = [report.author] if report.author else []
    metadata.description = report.description
    metadata.lang = report.language
    stamp = (created or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    metadata.created = metadata.modified = stamp
    metadata.generator = "Tiltak"
    data: bytes = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return data
