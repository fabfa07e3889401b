"""The PDF is PDF/UA-1: tagged, with language, title, bookmarks and alt text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf
import pytest

from tiltak.documents.model import PlanDocument


def _kinds(element: Any, found: dict[str, list[Any]], depth: int = 0) -> None:
    """Every structure element below `element`, by its /S type."""
    if depth > 200:
        return
    kids = element.get("/K")
    if kids is None:
        return
    items = kids if isinstance(kids, pikepdf.Array) else [kids]
    for kid in items:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.setdefault(str(kid.S), []).append(kid)
            _kinds(kid, found, depth + 1)


@pytest.fixture(scope="module")
def pdf(rendered: dict[str, Path]) -> Any:
    with pikepdf.open(rendered["pdf"]) as document:
        yield document


def test_pdf_ua_structure(pdf: Any, stored_document: PlanDocument) -> None:
    """Checked with pikepdf:

    - /StructTreeRoot with a /Document element holding H1, H2, H3, P, L/LI, Table/TR/TH/TD and
      a Figure with /Alt (the chart);
    - /MarkInfo /Marked true; /Lang nb; /ViewerPreferences /DisplayDocTitle true;
    - XMP metadata: dc:title is the report's title, pdfuaid:part = 1;
    - /Outlines (bookmarks) with an entry per chapter heading.
    """
    root = pdf.Root
    assert "/StructTreeRoot" in root
    found: dict[str, list[Any]] = {}
    _kinds(root.StructTreeRoot, found)
    assert len(found["/Document"]) == 1
    assert len(found["/H1"]) == 1
    assert len(found["/H2"]) >= len(stored_document.chapters) + 4
    assert len(found["/H3"]) == 131
    for kind in ("/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD", "/Figure", "/Link"):
        assert found.get(kind), kind
    figures = found["/Figure"]
    assert all(str(figure.get("/Alt", "")).startswith("Stolpediagram") for figure in figures)
    assert bool(root.MarkInfo.Marked) is True
    assert str(root.Lang) == "nb"
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True
    with pdf.open_metadata() as meta:
        assert meta["dc:title"].startswith(stored_document.plan.title)
        assert str(meta["pdfuaid:part"]) == "1"
    with pdf.open_outline() as outline:
        titles: list[str] = []

        def walk(items: list[Any]) -> None:
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(outline.root)
    for chapter in stored_document.chapters:
        assert f"{chapter.key} {chapter.title}" in titles
    assert "Innhold" in titles and any(t.startswith("611 Stortinget") for t in titles)


def _fonts(resources: Any, seen: set[int], depth: int = 0) -> list[Any]:
    """Every font a page's resources use, including those of its form XObjects."""
    if resources is None or depth > 20:
        return []
    found: list[Any] = []
    for font in (resources.get("/Font") or {}).values():
        if font.objgen not in seen:
            seen.add(font.objgen)
            found.append(font)
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            found += _fonts(xobject.get("/Resources"), seen, depth + 1)
    return found


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type0":
        return all(_embedded(descendant) for descendant in font.DescendantFonts)
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs drawn by the PDF itself
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def test_pdf_ua_machine_checkable_rules(pdf: Any, stored_document: PlanDocument) -> None:
    """The rules of PDF/UA-1 (ISO 14289-1) a program can check, in the Matterhorn Protocol's
    terms: tagged (MarkInfo /Marked, StructTreeRoot), natural language (/Lang), title in the XMP
    metadata shown by viewers (dc:title, DisplayDocTitle), the PDF/UA identifier (pdfuaid:part),
    alternative text on every Figure, every font embedded, the tab order following the
    structure (/Tabs /S) on every page, and every link annotation tagged and described."""
    root = pdf.Root
    assert bool(root.MarkInfo.Marked) is True
    assert "/StructTreeRoot" in root and "/K" in root.StructTreeRoot
    assert str(root.get("/Lang", "")) == stored_document.language
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True
    with pdf.open_metadata() as meta:
        assert meta.get("dc:title", "").strip()
        assert str(meta["pdfuaid:part"]) == "1"
    found: dict[str, list[Any]] = {}
    _kinds(root.StructTreeRoot, found)
    assert found["/Figure"]
    assert all(str(figure.get("/Alt", "")).strip() for figure in found["/Figure"])
    seen: set[int] = set()
    fonts = [font for page in pdf.pages for font in _fonts(page.get("/Resources"), seen)]
    assert fonts and all(_embedded(font) for font in fonts)
    links = 0
    for page in pdf.pages:
        assert page.get("/Tabs") == "/S"
        for annotation in page.get("/Annots") or []:
            if annotation.get("/Subtype") == "/Link":
                links += 1
                assert "/StructParent" in annotation
                assert str(annotation.get("/Contents", "")).strip()
    assert links > 0
