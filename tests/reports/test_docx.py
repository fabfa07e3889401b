"""The DOCX uses Word's own styles, a TOC field, page numbers, and opens in LibreOffice."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx

from tiltak.documents.model import PlanDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def chapter_headings(document: PlanDocument) -> list[str]:
    return [f"{c.key} {c.title}" for c in document.chapters]


def test_named_styles(rendered: dict[str, Path], stored_document: PlanDocument) -> None:
    """Title, Heading 1–2, List Bullet, Table Grid; every chapter and measure is a heading."""
    document = docx.Document(str(rendered["docx"]))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == [stored_document.plan.title]
    assert set(chapter_headings(stored_document)) <= set(by_style["Heading 1"])
    assert {"Akronymer", "Innledning"} <= set(by_style["Heading 1"])
    assert len(by_style["Heading 2"]) == 131
    assert "1. Legge fram en ny handlingsplan" in by_style["Heading 2"][0]
    assert by_style["Heading 2"][-9].startswith("611 Stortinget ber")
    assert len(by_style["List Bullet"]) > 50
    assert "Ansvarlig departement: AID, alle" in by_style["Normal"]
    assert {table.style.name for table in document.tables} == {"Table Grid"}
    assert document.core_properties.title.startswith(stored_document.plan.title)
    assert document.core_properties.language == "nb-NO"


def test_fields_and_links(rendered: dict[str, Path], stored_document: PlanDocument) -> None:
    """A TOC field listing every chapter, a PAGE field in the footer, real hyperlinks."""
    document = docx.Document(str(rendered["docx"]))
    body = document.element.body
    instructions = [node.text for node in body.iter(f"{W}instrText")]
    assert any(text.strip().startswith("TOC ") for text in instructions)
    toc = [p.text for p in document.paragraphs if p.style.name == "toc 1"]
    for heading in chapter_headings(stored_document):
        assert any(entry.startswith(heading) for entry in toc), heading
    footer = document.sections[0].footer._element
    assert [n.text.strip() for n in footer.iter(f"{W}instrText")] == ["PAGE"]
    settings = document.settings.element
    assert settings.find(f"{W}updateFields") is not None
    external = [
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    ]
    assert "https://ung.no" in external
    links = list(body.iter(f"{W}hyperlink"))
    bookmarks = {node.get(f"{W}name") for node in body.iter(f"{W}bookmarkStart")}
    anchors = {node.get(f"{W}anchor") for node in links if node.get(f"{W}anchor")}
    assert anchors and anchors <= bookmarks


def test_opens_in_libreoffice(
    rendered: dict[str, Path], stored_document: PlanDocument, soffice: str, tmp_path: Path
) -> None:
    """LibreOffice converts the DOCX without complaint, and its TOC lists every chapter."""
    result = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(rendered["docx"])],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    pdf = tmp_path / "report.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-layout", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Innhold" in text
    for heading in chapter_headings(stored_document):
        assert heading in text, heading
