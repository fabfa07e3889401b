"""A report as tagged PDF/UA-1, compiled by Typst (the `typst` package) from its Typst markup."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .fonts import font_directories
from .tree import Report
from .typesetting import render_typst


class PdfUnavailable(RuntimeError):
    """The Typst compiler (the `typst` package) or the report's fonts are not installed."""


def _typst() -> Any:
    try:
        import typst
    except ImportError as error:
        raise PdfUnavailable(f"PDF needs the typst package ({error})") from None
    return typst


def _font_paths() -> list[str]:
    """The report font's directories; system fonts are not looked at, so the PDF looks the same
    on every machine."""
    found = [str(path) for path in font_directories()]
    if not found:
        raise PdfUnavailable("PDF needs the DejaVu fonts (apt-get install fonts-dejavu-core)")
    return found


def render_pdf(report: Report, *, created: datetime | None = None) -> bytes:
    """The report as PDF/UA-1: tagged, language and title set, bookmarks from the headings."""
    typst = _typst()
    stamp = int((created or datetime.now(UTC)).timestamp())
    try:
        data: bytes = typst.compile(
            render_typst(report).encode("utf-8", "replace"),
            format="pdf",
            font_paths=_font_paths(),
            ignore_system_fonts=True,
            pdf_standards=["ua-1"],
            timestamp=stamp,
        )
    except typst.TypstError as error:
        # Every text from the data is a string literal, so this is a bug in the markup.
        raise RuntimeError(f"Typst could not compile the report: {error}") from error
    return data
