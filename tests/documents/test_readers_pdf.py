"""The PDF reader on WeasyPrint renderings of the corpus and on small made-up PDFs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.support.render import numbered_rows, squash
from tiltak.documents.blocks import INFERRED_SPACE, BlockDocument, BlockKind
from tiltak.documents.cleanup import clean
from tiltak.documents.normalise.lexicon import norwegian_lexicon
from tiltak.documents.readers import read_bytes
from tiltak.documents.readers.pdf import read_pdf

STATUSES = {"Gjennomført", "Under arbeid", "Ikke startet"}


@pytest.fixture(scope="module")
def plan(plan_pdf: Path) -> BlockDocument:
    return read_pdf(plan_pdf.read_bytes())


@pytest.fixture(scope="module")
def strategy(strategy_pdf: Path) -> BlockDocument:
    return read_pdf(strategy_pdf.read_bytes())


def _texts(document: BlockDocument, kind: BlockKind) -> list[str]:
    return [squash(b.text) for b in document.blocks if b.kind is kind]


def test_document_properties(plan: BlockDocument) -> None:
    assert plan.source_format == "pdf"
    assert plan.hard_wrapped is True
    assert plan.pages is not None and plan.pages > 50
    assert plan.metadata["title"].startswith("Opptrappingsplan mot vold og overgrep")
    pages = [b.page for b in plan.blocks]
    assert all(p is not None for p in pages)
    assert pages == sorted(pages)  # type: ignore[type-var]
    assert pages[-1] == plan.pages


def test_title_and_chapters_are_headings(plan: BlockDocument) -> None:
    title = plan.blocks[1]
    assert title.kind is BlockKind.HEADING and title.style == "Title" and title.level == 1
    assert squash(title.text).endswith("relasjoner (2024–2028)")
    chapters = [squash(b.text) for b in plan.blocks if b.kind is BlockKind.HEADING and b.level == 1]
    assert "1 Helhetlig og samordnet innsats" in chapters
    assert "7 Oversikt over tiltakene i planen" in chapters


def test_measure_headings_and_fields(plan: BlockDocument) -> None:
    measures = [squash(b.text) for b in plan.blocks if b.kind is BlockKind.HEADING and b.level == 2]
    assert any(m.startswith("82. Styrke psykososial") for m in measures)
    assert len([m for m in measures if m.split(".")[0].isdigit()]) == 122
    paragraphs = _texts(plan, BlockKind.PARAGRAPH)
    assert "Ansvarlig departement: AID, alle" in paragraphs
    assert "Status: Gjennomført" in paragraphs


def test_paragraphs_keep_layout_lines(plan: BlockDocument) -> None:
    long = [b for b in plan.blocks if b.kind is BlockKind.PARAGRAPH and len(b.text) > 300]
    assert long and all("\n" in b.text for b in long)
    items = _texts(plan, BlockKind.LIST_ITEM)
    assert "Helsedirektoratet" in items


def test_overview_table_rows(plan: BlockDocument) -> None:
    rows = numbered_rows(plan.blocks)
    assert sorted(map(int, rows)) == [*range(1, 123), *range(611, 620)]
    assert {len(cells) for cells in rows.values()} == {4}
    assert rows["10"][1] == (
        "Gjenetablere forumet for samarbeid mellom myndigheter og frivillige "
        "organisasjoner i arbeidet mot vold i nære relasjoner"
    )
    assert rows["10"][2:] == ("JD, alle", "Gjennomført")
    assert rows["51"][2] == "JD og DFD"
    assert all(cells[3] in STATUSES for cells in rows.values())
    header = next(b for b in plan.blocks if b.cells[:1] == ("Nr.",))
    assert len(header.cells) == 4
    sections = [b.cells for b in plan.blocks if b.kind is BlockKind.TABLE_ROW and len(b.cells) == 1]
    assert ("Forebygging",) in sections


def test_rows_broken_across_pages_are_marked(plan: BlockDocument) -> None:
    continued = [i for i, b in enumerate(plan.blocks) if b.continued]
    assert continued, "the rendering breaks overview rows across pages"
    for i in continued:
        block, before = plan.blocks[i], plan.blocks[i - 1]
        assert block.cells[0] == ""
        assert before.kind is BlockKind.TABLE_ROW
        assert (before.page or 0) < (block.page or 0)


def test_same_rows_as_docx(plan: BlockDocument, plan_docx: Path) -> None:
    from tiltak.documents.readers.docx import read_docx

    def plain(rows: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        return {k: tuple(c.replace("*", "") for c in v) for k, v in rows.items()}

    pdf_rows = plain(numbered_rows(plan.blocks))
    docx_rows = plain(numbered_rows(read_docx(plan_docx.read_bytes()).blocks))
    different = {k for k in docx_rows if pdf_rows.get(k) != docx_rows[k]}
    # Row 82 carries literal HTML that WeasyPrint breaks at a hyphen ("list-\nstyle").
    assert different <= {"82"}


def test_strategy_keeps_broken_words(strategy: BlockDocument) -> None:
    text = "\n".join(b.text for b in strategy.blocks)
    assert "et men\nneske kan" in text
    assert "regjerin\ngens viktigste" in text
    assert not any(b.kind is BlockKind.TABLE_ROW for b in strategy.blocks)


def test_speed(plan_pdf: Path) -> None:
    data = plan_pdf.read_bytes()
    start = time.perf_counter()
    document = read_pdf(data)
    elapsed = time.perf_counter() - start
    assert document.pages is not None
    # About a second for 100 pages on a laptop; generous here for slow CI machines.
    assert elapsed / document.pages < 0.05, f"{elapsed:.2f} s for {document.pages} pages"


def test_read_bytes_detects_pdf(plan_pdf: Path) -> None:
    assert read_bytes(plan_pdf.read_bytes(), "x.bin").source_format == "pdf"


# --- small made-up PDFs ------------------------------------------------------------------


def _pdf_string(text: bytes) -> bytes:
    return b"(%s)" % text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog) with its xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def tiny_pdf(
    lines: list[bytes] | list[bytes | list[bytes | int]],
    size: int = 11,
    footer: bytes = b"",
    font: bytes = b"Helvetica",
    stretch: int = 100,
) -> bytes:
    """A one-page PDF showing `lines` (WinAnsi bytes) in `font`, one under the other, glyphs
    `stretch` % as wide as the font's; a line given as a list is a TJ array: strings, and
    numbers that move the next glyph (-1000 = 1 em to the right), as a producer places words or
    kerns letters without a space glyph."""
    ops = [b"BT", b"/F1 %d Tf" % size, b"%d Tz" % stretch]
    y = 780
    placed = [(y - i * int(size * 1.3), line) for i, line in enumerate(lines)]
    if footer:
        placed.append((30, footer))
    for y, line in placed:
        if isinstance(line, list):
            parts = [b"%d" % part if isinstance(part, int) else _pdf_string(part) for part in line]
            ops.append(b"1 0 0 1 72 %d Tm [%s] TJ" % (y, b" ".join(parts)))
        else:
            ops.append(b"1 0 0 1 72 %d Tm %s Tj" % (y, _pdf_string(line)))
    ops.append(b"ET")
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % font,
    ]
    return pdf_file(objects)


def test_tiny_pdf_lines_form_one_paragraph() -> None:
    document = read_pdf(tiny_pdf([b"Status: Under arbeid", b"og mer tekst her."]))
    assert [b.text for b in document.blocks] == ["Status: Under arbeid\nog mer tekst her."]
    assert document.blocks[0].page == 1


def test_monospaced_word_spaces_are_not_columns() -> None:
    # A monospaced font's space is 0.6 em (stretched here to be wider than PDFium's box of
    # Courier is tall, as LibreOffice's DejaVu Sans Mono is): as wide as a gap between
    # columns. The space glyph written there makes it a word space.
    document = read_pdf(
        tiny_pdf(
            [b"Meld. St. 27 (2022-2023)", b"Eit godt liv i heile Noreg"],
            font=b"Courier",
            stretch=150,
        )
    )
    assert [(b.kind, b.text) for b in document.blocks] == [
        (BlockKind.PARAGRAPH, "Meld. St. 27 (2022-2023)\nEit godt liv i heile Noreg")
    ]
    # Without a space glyph, a gap that wide still parts two cells.
    rows = [[word, -2000, owner] for word, owner in ((b"Tiltak", b"JD"), (b"Styrke", b"BFD"))]
    table = read_pdf(tiny_pdf([*rows, [b"Vurder", -2000, b"HOD"]], font=b"Courier", stretch=150))
    assert [b.cells for b in table.blocks] == [
        ("Tiltak", "JD"),
        ("Styrke", "BFD"),
        ("Vurder", "HOD"),
    ]


def test_line_end_hyphens_keep_hyphen_and_break() -> None:
    # PDFium reports soft and hard hyphens at a line end alike; the cleaner decides.
    document = read_pdf(tiny_pdf([b"Et men\xad", b"neske og barne-", b"og ungdom"]))
    assert document.blocks[0].text == "Et men-\nneske og barne-\nog ungdom"
    assert "\ufffe" not in document.blocks[0].text and "\x02" not in document.blocks[0].text


def test_page_numbers_are_dropped() -> None:
    document = read_pdf(tiny_pdf([b"Innledning til planen."], footer=b"7"))
    assert [b.text for b in document.blocks] == ["Innledning til planen."]
    kept = read_pdf(tiny_pdf([b"Innledning til planen.", b"", b"7"]))
    assert "7" in kept.blocks[-1].text


def test_soft_hyphen_at_line_end_joins_the_word() -> None:
    from tiltak.documents.readers.pdf import _join_lines

    assert _join_lines(["et men\u00ad", "neske kan"]) == "et menneske kan"
    assert _join_lines(["barne\ufffe", "og unge"]) == "barne-\nog unge"
    assert _join_lines(["over\u00adgrep mot", "barn"]) == "overgrep mot\nbarn"


def placed_pdf(placed: list[tuple[int, int, bytes]], size: int = 11) -> bytes:
    """A one-page PDF showing each (x, y, text) in Helvetica at `size` points."""
    ops = [b"BT", b"/F1 %d Tf" % size]
    ops += [b"1 0 0 1 %d %d Tm %s Tj" % (x, y, _pdf_string(text)) for x, y, text in placed]
    stream = b"\n".join([*ops, b"ET"])
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]
    )


LONG = b"Arbeidet med tiltaket er godt i gang og blir fulgt opp av departementet"


def test_fields_set_a_little_apart_are_paragraphs_of_their_own() -> None:
    # Writer's "space after" of 2 pt between labelled fields is less than a paragraph gap; the
    # lines sit lower than the line pitch and the next word would have fitted on them.
    document = read_pdf(
        placed_pdf(
            [
                (72, 780, LONG),
                (72, 766, LONG),
                (72, 752, b"og er snart ferdig."),
                (72, 728, b"Ansvarlig: JD"),
                (72, 712, b"Status: Under arbeid"),
                (72, 696, LONG),
                (72, 682, b"med flere linjer."),
                (72, 658, LONG),
                (72, 642, LONG),
                (72, 628, b"og slutten."),
            ]
        )
    )
    assert [b.text.split("\n")[0][:20] for b in document.blocks] == [
        "Arbeidet med tiltake",
        "Ansvarlig: JD",
        "Status: Under arbeid",
        "Arbeidet med tiltake",
        "Arbeidet med tiltake",
    ]
    # A full line set a little lower is still wrapped text of the same paragraph.
    assert document.blocks[-1].text.count("\n") == 2


def test_table_rows_padded_apart_keep_a_wrapped_number_in_its_row() -> None:
    # Writer pads cells, so rows stand further apart than wrapped lines; a number too wide for
    # its column wraps ("12" / "3") and a row broken over a page continues after the header.
    rows = [
        (700, [(72, b"Nr."), (100, b"Tiltak"), (360, b"Status")]),
        (681, [(72, b"1"), (100, b"Det foerste tiltaket"), (360, b"I gang")]),
        (662, [(72, b"2"), (100, b"Det andre tiltaket med en lang"), (360, b"I gang")]),
        (651, [(100, b"tittel over to linjer")]),
        (632, [(72, b"12"), (100, b"Det tredje tiltaket der nummeret"), (360, b"Ferdig")]),
        (621, [(72, b"3"), (100, b"brytes over to linjer")]),
        (602, [(72, b"124"), (100, b"Det fjerde tiltaket"), (360, b"Ferdig")]),
        (583, [(100, b"resten av en rad fra forrige side")]),
    ]
    placed = [(x, y, text) for y, cells in rows for x, text in cells]
    document = read_pdf(placed_pdf(placed, size=9))
    cells = [[squash(cell) for cell in block.cells] for block in document.blocks]
    assert cells == [
        ["Nr.", "Tiltak", "Status"],
        ["1", "Det foerste tiltaket", "I gang"],
        ["2", "Det andre tiltaket med en lang tittel over to linjer", "I gang"],
        ["123", "Det tredje tiltaket der nummeret brytes over to linjer", "Ferdig"],
        ["124", "Det fjerde tiltaket", "Ferdig"],
        ["", "resten av en rad fra forrige side", ""],
    ]


_SENTENCE = b"Gruppen har hatt sin forste felles fagdag og mange gode samtaler om arbeidet"


def test_spaces_the_pdf_writes_are_told_from_gaps() -> None:
    # Space glyphs between the words; a kerning gap inside "sosi|ale" and none of its own.
    lines: list[bytes | list[bytes | int]] = [_SENTENCE] * 6
    lines.append([b"om sosi", -450, b"ale medier"])
    document = read_pdf(tiny_pdf(lines))
    assert document.word_spaces is True
    assert f"om sosi{INFERRED_SPACE}ale medier" in document.blocks[-1].text
    if not norwegian_lexicon().available:
        pytest.skip("Debian's hunspell-no dictionaries are not installed")
    parsed = clean(document)
    assert "felles fagdag og" in parsed[0].text and "om sosiale medier" in parsed[0].text


def test_a_pdf_without_space_glyphs_leaves_every_space_unsure() -> None:
    # Words placed by offsets alone (as pdfTeX does): every space is inferred, so none is marked.
    words: list[bytes | int] = []
    for word in _SENTENCE.split():
        words += [word, -300]
    document = read_pdf(tiny_pdf([words[:-1]] * 6))
    assert document.word_spaces is False
    assert INFERRED_SPACE not in "".join(block.text for block in document.blocks)
    assert "felles fagdag" in document.blocks[0].text


def paged_pdf(pages: list[list[bytes]], size: int = 11) -> bytes:
    """A PDF of several pages, each showing its lines (WinAnsi bytes) in Helvetica."""
    count = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * index) for index in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(pages):
        ops = [b"BT", b"/F1 %d Tf" % size]
        for number, line in enumerate(lines):
            ops.append(
                b"1 0 0 1 72 %d Tm %s Tj" % (700 - number * int(size * 1.3), _pdf_string(line))
            )
        stream = b"\n".join([*ops, b"ET"])
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * index)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return pdf_file(objects)


def test_a_word_hyphenated_at_a_page_end_goes_on_at_the_next_page() -> None:
    # The last line of a page ends in a hyphen: the paragraph goes on at the top of the next
    # page, joined as at any line end, and word repair mends the word or keeps a real hyphen.
    document = read_pdf(
        paged_pdf(
            [
                [b"Direktoratet startet i 2025 arbeidet med en kampanje. Bak-"],
                [b"grunnen er flere saker i kommunale helse-", b"og omsorgstjenester."],
                [b"Kommunene har fulgt opp. Det gjelder helse-"],
                [b"og omsorgstjenesten og skolen."],
                [b"Arbeidet er ferdig. Neste side:"],
                [b"Status: Gjennomf\xf8rt"],
            ]
        )
    )
    paragraphs = [(block.page, block.text) for block in document.blocks]
    assert paragraphs == [
        (
            1,
            "Direktoratet startet i 2025 arbeidet med en kampanje. Bak-\n"
            "grunnen er flere saker i kommunale helse-\nog omsorgstjenester.",
        ),
        (3, "Kommunene har fulgt opp. Det gjelder helse-\nog omsorgstjenesten og skolen."),
        (5, "Arbeidet er ferdig. Neste side:"),
        (6, "Status: Gjennomført"),
    ]
    texts = [block.text for block in clean(document)]
    assert "kampanje. Bakgrunnen er flere" in texts[0]
    assert texts[0].endswith("kommunale helse- og omsorgstjenester.")
    assert texts[1] == "Kommunene har fulgt opp. Det gjelder helse- og omsorgstjenesten og skolen."
