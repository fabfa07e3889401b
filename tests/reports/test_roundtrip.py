"""The corpus report imported into Tiltak, rendered in every format and parsed back again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tiltak.documents import parse_path
from tiltak.documents.model import PlanDocument
from tiltak.documents.parser.units import comparable, strip_markup


def facts(document: PlanDocument, exact_titles: bool = True) -> list[tuple[object, ...]]:
    return [
        (m.number, m.kind, m.chapter, m.title if exact_titles else comparable(m.title),
         m.responsible, m.responsible_all, m.status, m.status_label)
        for m in document.measures
    ]  # fmt: skip


def narrative_text(markdown: str, *, spaces: bool = True) -> str:
    """A narrative's words: markup, list markers, link targets and whitespace normalised."""
    text = re.sub(r"<(https?://[^>]+)>", r"\1", markdown)
    text = re.sub(r"(?m)^\s*(?:[-*]\s+)?(?:\d+[.)]\s+)?", "", text)
    text = " ".join(strip_markup(text).split())
    return text if spaces else text.replace(" ", "")


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_every_item_comes_back(
    fmt: str, rendered: dict[str, Path], stored_document: PlanDocument
) -> None:
    """Numbers, kinds, chapters, titles, responsible and statuses of all 131 items."""
    parsed = parse_path(rendered[fmt])
    assert parsed.source_format in ("text", "markdown", fmt)
    assert len(parsed.measures) == 131
    assert len([m for m in parsed.measures if m.kind == "request"]) == 9
    assert facts(parsed) == facts(stored_document)
    assert parsed.plan.title == stored_document.plan.title
    assert parsed.plan.subtitle == stored_document.plan.subtitle
    assert parsed.plan.owner == stored_document.plan.owner
    assert parsed.report == stored_document.report
    titles = {c.key: c.title for c in parsed.chapters}  # numbered chapters come last per key
    assert [titles[c.key] for c in stored_document.chapters] == [
        c.title for c in stored_document.chapters
    ]


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_same_narratives(
    fmt: str, rendered: dict[str, Path], stored_document: PlanDocument
) -> None:
    """Every narrative reads back with the same text (whitespace and markup normalised)."""
    parsed = parse_path(rendered[fmt])
    for source, back in zip(stored_document.measures, parsed.measures, strict=True):
        assert narrative_text(back.narrative) == narrative_text(source.narrative), source.number


def test_markdown_keeps_narratives_verbatim(
    rendered: dict[str, Path], stored_document: PlanDocument
) -> None:
    """The Markdown report is for diffs: its narratives are the stored Markdown itself."""
    parsed = parse_path(rendered["md"])
    assert [m.narrative for m in parsed.measures] == [m.narrative for m in stored_document.measures]


def test_pdf_narratives(rendered: dict[str, Path], stored_document: PlanDocument) -> None:
    """The PDF's narratives read back with the same words (line breaks may move spaces)."""
    parsed = parse_path(rendered["pdf"])
    differing = {
        source.number
        for source, back in zip(stored_document.measures, parsed.measures, strict=True)
        if narrative_text(back.narrative, spaces=False)
        != narrative_text(source.narrative, spaces=False)
    }
    assert differing == set(), differing


def test_pdf_keeps_two_words_apart(
    rendered: dict[str, Path], stored_document: PlanDocument
) -> None:
    """The PDF's own space glyphs keep words apart that would also make a compound ("felles
    fagdag", "as a", "barnehus tilbud")."""
    parsed = {measure.number: measure for measure in parse_path(rendered["pdf"]).measures}
    for source in stored_document.measures:
        if source.number in ("4", "28", "121"):
            back = parsed[source.number].narrative
            assert narrative_text(back) == narrative_text(source.narrative), source.number
