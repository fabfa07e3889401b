"""The DOCX reader on python-docx renderings of the corpus and on small made-up documents."""

from __future__ import annotations

import io
import time
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from tests.support.render import Span, _add_hyperlink, numbered_rows, squash
from tiltak.documents.blocks import Block, BlockDocument, BlockKind
from tiltak.documents.readers import read_bytes
from tiltak.documents.readers.docx import read_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture(scope="module")
def plan(plan_docx: Path) -> BlockDocument:
    return read_docx(plan_docx.read_bytes())


@pytest.fixture(scope="module")
def strategy(strategy_docx: Path) -> BlockDocument:
    return read_docx(strategy_docx.read_bytes())


def _save(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_document_properties(plan: BlockDocument) -> None:
    assert plan.source_format == "docx"
    assert plan.hard_wrapped is False
    assert plan.metadata["title"] == (
        "Opptrappingsplan mot vold og overgrep mot barn og vold i nære relasjoner (2024–2028)"
    )


def test_headings(plan: BlockDocument) -> None:
    headings = [b for b in plan.blocks if b.kind is BlockKind.HEADING]
    assert headings[0].style == "Title" and headings[0].level == 1
    assert headings[0].text.split("\n")[0] == "Opptrappingsplan mot vold og overgrep"
    chapters = [b.text for b in headings if b.level == 1 and b.style == "Heading 1"]
    assert chapters[0] == "1 Helhetlig og samordnet innsats"
    assert len(chapters) == 7
    measures = [b.text for b in headings if b.level == 2]
    assert len(measures) == 122
    assert any(m.startswith("82. Styrke psykososial") for m in measures)
    # Bold runs inside a heading are not marked up: the heading style is bold anyway.
    assert measures[3].startswith("4. Etablere en struktur") and "**" not in measures[3]


def test_fields_lists_and_inline_markdown(plan: BlockDocument) -> None:
    paragraphs = [b.text for b in plan.blocks if b.kind is BlockKind.PARAGRAPH]
    assert "Ansvarlig departement: AID, alle" in paragraphs
    assert "Status: Gjennomført" in paragraphs
    assert any(
        "[*Sjef i eget liv – Styrket innsats mot negativ sosial kontroll og æresmotivert vold "
        "(2025–2028)*](#) ble lansert" in p
        for p in paragraphs
    )
    assert any(p.startswith("*«Kommunen skal") and "**vold og overgrep**," in p for p in paragraphs)
    items = [b for b in plan.blocks if b.kind is BlockKind.LIST_ITEM]
    assert len(items) == 72
    assert items[0].style == "List Bullet" and items[0].level == 1
    assert not items[0].text.startswith(("-", "•"))


def test_overview_table(plan: BlockDocument) -> None:
    rows = numbered_rows(plan.blocks)
    assert sorted(map(int, rows)) == [*range(1, 123), *range(611, 620)]
    assert {len(cells) for cells in rows.values()} == {4}
    assert rows["10"] == (
        "10",
        "Gjenetablere forumet for samarbeid mellom myndigheter og frivillige "
        "organisasjoner i arbeidet mot vold i nære relasjoner",
        "JD, alle",
        "Gjennomført",
    )
    # The Word table has whole rows: no continuation rows, and merged cells appear once.
    table_rows = [b for b in plan.blocks if b.kind is BlockKind.TABLE_ROW]
    assert not any(b.continued or b.cells[0] == "" for b in table_rows)
    assert ("Helhetlig og samordnet innsats",) in [b.cells for b in table_rows]
    assert (
        rows["14"][1]
        == "Videreføre EØS-nettverket *SYNERGY Network against Gender-based and Domestic Violence*"
    )


def test_strategy_keeps_line_breaks(strategy: BlockDocument) -> None:
    text = "\n".join(b.text for b in strategy.blocks)
    assert "et men\nneske kan" in text
    assert "regjerin\ngens viktigste" in text
    first = next(b for b in strategy.blocks if b.text.startswith("Overgrep er"))
    assert squash(first.text).startswith("Overgrep er noe av det mest alvorlige")


def test_speed(plan_docx: Path) -> None:
    data = plan_docx.read_bytes()
    start = time.perf_counter()
    read_docx(data)
    assert time.perf_counter() - start < 3


def test_read_bytes_detects_docx(plan_docx: Path) -> None:
    assert read_bytes(plan_docx.read_bytes()).source_format == "docx"


# --- small made-up documents ---------------------------------------------------------------


def _numbered_document() -> bytes:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
            '<w:lvlText w:val="%2)"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="91">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            '<w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {W} w:numId="92"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="20"/></w:lvlOverride></w:num>'
        )
    )

    def item(text: str, num_id: int, ilvl: int = 0) -> None:
        paragraph = document.add_paragraph(text)
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )

    item("Gjere tydeleg", 90)
    item("Syte for", 90)
    item("underpunkt", 90, 1)
    item("Vidareutvikle", 90)
    item("Eit punkt", 91)
    item("Frå tjue", 92)
    return _save(document)


def test_decimal_numbering_is_kept() -> None:
    blocks = read_docx(_numbered_document()).blocks
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        (BlockKind.LIST_ITEM, "5. Gjere tydeleg", 1),
        (BlockKind.LIST_ITEM, "6. Syte for", 1),
        (BlockKind.LIST_ITEM, "underpunkt", 2),
        (BlockKind.LIST_ITEM, "7. Vidareutvikle", 1),
        (BlockKind.LIST_ITEM, "Eit punkt", 1),
        (BlockKind.LIST_ITEM, "20. Frå tjue", 1),
    ]


def test_localised_heading_styles_and_breaks() -> None:
    document = docx.Document()
    document.styles.add_style("Overskrift 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Tiltak", style="Overskrift 2")
    paragraph = document.add_paragraph("første linje")
    paragraph.add_run().add_break()
    paragraph.add_run("andre ")
    paragraph.add_run("linje").bold = True
    paragraph.add_run(" og ")
    paragraph.add_run("kursiv").italic = True
    document.add_paragraph("")
    blocks = read_docx(_save(document)).blocks
    assert blocks == [
        Block(BlockKind.HEADING, "Tiltak", 2, style="Overskrift 2"),
        Block(BlockKind.PARAGRAPH, "første linje\nandre **linje** og *kursiv*"),
    ]


def test_hyperlinks() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Se ")
    _add_hyperlink(paragraph, [Span("regjeringen.no", url="https://www.regjeringen.no/")])
    paragraph.add_run(" og ")
    _add_hyperlink(paragraph, [Span("planen", italic=True, url="#")])
    field = document.add_paragraph("Felt: ")
    field._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'))
    field._p.append(
        parse_xml(f'<w:r {W}><w:instrText> HYPERLINK "https://lovdata.no/" </w:instrText></w:r>')
    )
    field._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'))
    field._p.append(parse_xml(f"<w:r {W}><w:t>Lovdata</w:t></w:r>"))
    field._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))
    anchor = document.add_paragraph()
    anchor._p.append(
        parse_xml(
            f'<w:hyperlink {W} w:anchor="_Toc1"><w:r><w:t>Innleiing</w:t></w:r></w:hyperlink>'
        )
    )
    texts = [b.text for b in read_docx(_save(document)).blocks]
    assert texts == [
        "Se [regjeringen.no](https://www.regjeringen.no/) og [*planen*](#)",
        "Felt: [Lovdata](https://lovdata.no/)",
        "[Innleiing](#_Toc1)",
    ]


def test_merged_cells_appear_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Seksjon"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "JD"
    table.cell(1, 1).text = "Tiltak A"
    table.cell(1, 2).text = "Gjennomført"
    table.cell(2, 1).text = "Tiltak B"
    table.cell(2, 2).text = "Under arbeid"
    rows = [b.cells for b in read_docx(_save(document)).blocks]
    assert rows == [
        ("Seksjon",),
        ("JD", "Tiltak A", "Gjennomført"),
        ("", "Tiltak B", "Under arbeid"),
    ]


def test_body_order_interleaves_paragraphs_and_tables() -> None:
    document = docx.Document()
    document.add_paragraph("Før")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "celle"
    document.add_paragraph("Etter")
    kinds = [b.kind for b in read_docx(_save(document)).blocks]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.TABLE_ROW, BlockKind.PARAGRAPH]


def test_list_markers_typed_as_text_open_items() -> None:
    # As a Word user types a list, and as LibreOffice imports a text file: no list numbering,
    # the marker is text. The paragraph's lines read as the text reader reads them.
    document = docx.Document()
    document.add_paragraph("Planen inneheld følgjande tiltak:")
    document.add_paragraph("• Ei ny tilskotsordning")
    paragraph = document.add_paragraph("Regjeringen vil blant annet:")
    for line in ("– Styrke kunnskapen om vold.", "– Etablere et nytt", "tilbud."):
        paragraph.add_run().add_break()
        paragraph.add_run(line)
    document.add_paragraph("– oppfølging og evaluering")  # a capital is missing: no item
    blocks = read_docx(_save(document)).blocks
    assert [(b.kind, b.text, b.marker) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Planen inneheld følgjande tiltak:", None),
        (BlockKind.LIST_ITEM, "Ei ny tilskotsordning", "•"),
        (BlockKind.PARAGRAPH, "Regjeringen vil blant annet:", None),
        (BlockKind.LIST_ITEM, "Styrke kunnskapen om vold.", "–"),
        (BlockKind.LIST_ITEM, "Etablere et nytt\ntilbud.", "–"),
        (BlockKind.PARAGRAPH, "– oppfølging og evaluering", None),
    ]


def _line_per_paragraph(groups: list[list[str]]) -> bytes:
    # As LibreOffice opens a text file: a paragraph per line, an empty one per blank line.
    document = docx.Document()
    for number, group in enumerate(groups):
        if number:
            document.add_paragraph("")
        for line in group:
            document.add_paragraph(line)
    return _save(document)


def test_lines_of_hard_wrapped_text_are_rejoined() -> None:
    wrapped = [
        [
            "Overgrep er noe av det mest",
            "alvorlige og forferdelige et men",
            "neske kan bli utsatt for.",
        ],
        [
            "Regjeringen vil styrke arbeidet",
            "mot overgrep på internett i alle",
            "deler av landet og i skolen.",
        ],
        [
            "1. Legge til rette for at barn og",
            "unge er trygge på internett",
            "gjennom opplæring og kunnskap.",
        ],
        [
            "Ansvarlig: BFD og JD i samarbeid",
            "med Kunnskapsdepartementet og",
            "Helse- og omsorgsdepartementet.",
        ],
        [
            "2. Barn og unges behov skal være",
            "utgangspunktet for innsatsen mot",
            "internettrelaterte overgrep.",
        ],
    ]
    blocks = read_docx(_line_per_paragraph(wrapped)).blocks
    assert [b.text for b in blocks] == ["\n".join(group) for group in wrapped]


def test_paragraphs_typed_on_lines_of_their_own_stay_apart() -> None:
    # Labels, titles and short paragraphs are not layout lines, even between empty paragraphs.
    groups = [
        ["Tiltak 1: Styrke kunnskapen om vold", "Ansvarlig: JD", "Status: Pågår"],
        ["Tiltak 2: Etablere et nytt tilbud", "Ansvarlig: HOD", "Status: Gjennomført"],
        ["Tiltak 3: Evaluere ordningen", "Ansvarlig: BFD", "Status: Ikke startet"],
        ["Tiltak 4: Lage en veileder", "Ansvarlig: KD", "Status: Pågår"],
    ]
    blocks = read_docx(_line_per_paragraph(groups)).blocks
    assert [b.text for b in blocks] == [line for group in groups for line in group]
