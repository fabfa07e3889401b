"""The draft report of an unpublished round: «UTKAST» on every page, in the header and title."""

from __future__ import annotations

import io

import docx
import pypdfium2
import pytest

from tiltak.documents.model import PlanDocument
from tiltak.documents.reports import render_draft, render_report
from tiltak.documents.reports.build import DRAFT_MARK, draft_report


def _workflow(document: PlanDocument) -> dict[str, str]:
    states = ["approved", "draft", "submitted", "returned", "not_started"]
    return {m.number: states[i % len(states)] for i, m in enumerate(document.measures)}


def page_texts(data: bytes) -> list[str]:
    """The text of each page of a PDF, by pdfium."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_draft_tree_marks_title_and_workflow(document: PlanDocument) -> None:
    report = draft_report(document, _workflow(document))
    assert report.title.startswith("UTKAST: ")
    assert report.title_page.round_title is not None
    assert report.title_page.round_title.startswith("UTKAST")
    assert report.watermark == DRAFT_MARK
    labels = [item for block in report.blocks for item in getattr(block, "items", ())]
    assert ("Arbeidsflyt", "Sendt inn") in labels
    assert ("Arbeidsflyt", "Godkjent") in labels


def test_draft_pdf_says_utkast_on_every_page(document: PlanDocument) -> None:
    pages = page_texts(render_draft(document, _workflow(document), "pdf"))
    assert len(pages) > 2
    for number, text in enumerate(pages, 1):
        assert "UTKAST" in text, f"page {number} has no UTKAST"


def test_published_pdf_has_no_mark(document: PlanDocument) -> None:
    """The published report is unchanged by the draft's option."""
    pages = page_texts(render_report(document, "pdf"))
    assert not any("UTKAST" in text for text in pages)


def test_draft_docx_header_and_title(document: PlanDocument) -> None:
    word = docx.Document(io.BytesIO(render_draft(document, _workflow(document), "docx")))
    assert word.sections
    for section in word.sections:
        assert "UTKAST" in section.header.paragraphs[0].text
        assert "UTKAST" in section.first_page_header.paragraphs[0].text
    assert word.core_properties.title.startswith("UTKAST")
    subtitles = [p.text for p in word.paragraphs if p.style.name == "Subtitle"]
    assert any(text.startswith("UTKAST") for text in subtitles)


def test_draft_formats_only(document: PlanDocument) -> None:
    with pytest.raises(ValueError, match="unknown draft format"):
        render_draft(document, {}, "html")
