"""The Typst source of the PDF: data text stays text, narrative Markdown becomes structure."""

from __future__ import annotations

import io
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest

from tiltak.documents.reports.pdf import render_pdf
from tiltak.documents.reports.tree import (
    Group,
    Heading,
    Labels,
    Markdown,
    Paragraph,
    Report,
    Table,
    TitlePage,
    Toc,
)
from tiltak.documents.reports.typesetting import literal, markdown, render_typst

HOSTILE = [
    "#set page(fill: red) $x^2$ @ref <label> ] [ \\ \" * _ = - + / ~ ` ' ://",
    "1. not a list\n= not a heading",
    '#import "/etc/passwd": * #read("/etc/passwd")',
    '\\"); #panic("escaped") //',
    "*/ /* #{ } ]]] [[[",
    "RUNNING_HEADER LANG FONT LINK_COLOUR RULE_COLOUR",
]


def _report(text: str, narrative: str) -> Report:
    return Report(
        title=text,
        title_page=TitlePage(text, text, text, text),
        blocks=[
            Toc(),
            Heading(1, text, "a"),
            Heading(2, text, "b", toc=False),
            Labels(((text, text),)),
            Paragraph(text),
            Paragraph(text, note=True),
            Markdown(narrative),
            Table(header=(text, text), rows=[Group(text), (text, text)], caption=text, note=text),
        ],
        author=text,
        description=text,
    )


def _text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _tags(data: bytes) -> set[str]:
    found: set[str] = set()
    with pikepdf.open(io.BytesIO(data)) as document:
        stack: list[Any] = [document.Root.StructTreeRoot]
        while stack:
            kids = stack.pop().get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    found.add(str(kid.S))
                    stack.append(kid)
    return found


def test_literal_escapes_every_special_character() -> None:
    assert literal('a"b\\c\nd\te\x01', printed=False) == '"a\\"b\\\\c\\nd\\te\\u{1}"'
    assert literal("a\x01b") == '"ab"'


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_printed_as_written(text: str) -> None:
    """Typst syntax in any data field compiles and is printed literally, never run."""
    data = render_pdf(_report(text, text.replace("\n", " ")))
    printed = " ".join(_text(data).split())
    for line in text.split("\n"):
        assert " ".join(line.split()) in printed


def test_narrative_markdown_becomes_tagged_structure() -> None:
    """Headings, emphasis, lists, links and tables of a narrative become PDF structure."""
    narrative = (
        "# Delmål\n\nTekst med **fet** og *kursiv* og [lenke](https://example.org/a?b=1#c).\n\n"
        "- ett\n- to\n\n3. tre\n4. fire\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n"
        "> sitat\n\n<div>rå <b>HTML</b></div>\n\n[tom](#) og [skjult](javascript:alert(1))"
    )
    source = markdown(narrative)
    assert '#link("javascript' not in source and '#link("https:' in source
    data = render_pdf(_report("Rapport", narrative))
    tags = _tags(data)
    for kind in ("/H4", "/Strong", "/Em", "/Link", "/L", "/LI", "/Table", "/TH", "/TD"):
        assert kind in tags, kind
    printed = _text(data)
    for words in ("fet", "kursiv", "lenke", "tre", "sitat", "rå HTML", "tom", "[skjult]"):
        assert words in printed


def test_language_and_title() -> None:
    report = _report("Status", "Tekst.")
    report.language = "nn"
    source = render_typst(report)
    assert 'lang: "nn"' in source and "hyphenate: true" in source
    with pikepdf.open(io.BytesIO(render_pdf(report))) as document:
        assert str(document.Root.Lang) == "nn"
        with document.open_metadata() as meta:
            assert meta["dc:title"] == "Status"


def test_characters_the_font_lacks_do_not_fail_the_report() -> None:
    """PDF/UA allows no missing glyph: a script the font lacks prints a replacement mark, and
    control characters are dropped, instead of the report failing."""
    from tiltak.documents.reports.fonts import covered, printable

    assert covered("ŋ") and covered("đ") and not covered("中")
    assert printable("Sámi ŋ đ ŧ, 中文\x07!") == "Sámi ŋ đ ŧ, \ufffd\ufffd!"
    data = render_pdf(_report("中文 ŋ", "Tekst på 中文 med \x07 kontrolltegn og ŧ."))
    printed = _text(data)
    assert "ŋ" in printed and "ŧ." in printed and "中" not in printed
    with pikepdf.open(io.BytesIO(data)) as document, document.open_metadata() as meta:
        assert meta["dc:title"] == "中文 ŋ"  # metadata needs no glyphs: kept as written
