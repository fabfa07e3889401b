"""A report as a Word document built with python-docx, using Word's own styles.

Title, Subtitle, Heading 1–3, List Bullet/Number, Caption, TOC Heading and toc 1, Table Grid
and Hyperlink; a TOC field (Word updates it on opening, w:updateFields; LibreOffice with
Verktøy › Oppdater) whose cached entries carry estimated page numbers; page numbers in the
footer via a PAGE field; links are real hyperlinks. The chart is not drawn: there is no
pure-Python way to rasterise its SVG, and its numbers are in the table that follows it.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from .markup import tokens
from .tree import (
    Block,
    Chart,
    Group,
    Heading,
    Labels,
    Markdown,
    PageBreak,
    Paragraph,
    Report,
    Table,
    Toc,
)

LINES_PER_PAGE = 44.0
CHARS_PER_LINE = 96.0
TABLE_CHARS_PER_LINE = 120.0
SMALL = 18
"""Table text: 9 pt, in half-points."""
LANGUAGE = {"nb": "nb-NO", "nn": "nn-NO"}


def _docx() -> Any:
    import docx

    return docx


def _el(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name.replace("_", ":", 1)), value)
    return element


def _bookmark_name(anchor: str) -> str:
    return ("_Toc_" + re.sub(r"[^0-9A-Za-z]", "_", anchor))[:40]


@dataclass(slots=True)
class _Format:
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(slots=True)
class _Estimate:
    """A rough layout of the report, for the page numbers the TOC shows until it is updated."""

    lines: float = 0.0
    page: int = 1
    pages: dict[str, int] = field(default_factory=dict)

    def advance(
        self, text_length: float, extra: float = 0.6, per_line: float = CHARS_PER_LINE
    ) -> None:
        self.lines += max(1, math.ceil(text_length / per_line)) + extra
        while self.lines > LINES_PER_PAGE:
            self.lines -= LINES_PER_PAGE
            self.page += 1

    def new_page(self) -> None:
        if self.lines > 0:
            self.page += 1
            self.lines = 0.0


@dataclass(slots=True)
class _Writer:
    """Adds blocks to a python-docx Document."""

    document: Any
    styles: dict[str, Any] = field(default_factory=dict)
    bookmark_id: int = 0

    def style(self, name: str) -> Any:
        if name not in self.styles:
            self.styles[name] = self.document.styles[name]
        return self.styles[name]

    def paragraph(self, style: str | None = None) -> Any:
        paragraph = self.document.add_paragraph()
        if style:
            # Setting the id directly: python-docx resolves a style name by scanning all styles.
            paragraph._p.style = self.style(style).style_id
        return paragraph

    def run(self, paragraph: Any, text: str, fmt: _Format) -> None:
        if fmt.link is not None:
            self.link(paragraph, text, fmt)
            return
        _append_run(paragraph, text, bold=fmt.bold, italic=fmt.italic)

    def link(self, paragraph: Any, text: str, fmt: _Format) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE

        target = fmt.link or ""
        if target.startswith("#"):
            link = _el("w:hyperlink", w_anchor=_bookmark_name(target[1:]), w_history="1")
        else:
            rel = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link = _el("w:hyperlink", r_id=rel, w_history="1")
        run = _el("w:r")
        props = _el("w:rPr")
        props.append(_el("w:rStyle", w_val="Hyperlink"))
        if fmt.bold:
            props.append(_el("w:b"))
        if fmt.italic:
            props.append(_el("w:i"))
        run.append(props)
        run_text = _el("w:t", xml_space="preserve")
        run_text.text = text
        run.append(run_text)
        link.append(run)
        paragraph._p.append(link)

    def bookmark(self, paragraph: Any, anchor: str) -> None:
        self.bookmark_id += 1
        ident = str(self.bookmark_id)
        start = _el("w:bookmarkStart", w_id=ident, w_name=_bookmark_name(anchor))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(_el("w:bookmarkEnd", w_id=ident))

    # blocks

    def heading(self, block: Heading, page_break: bool) -> None:
        paragraph = self.paragraph(f"Heading {block.level}")
        if page_break:
            paragraph.paragraph_format.page_break_before = True
        _append_run(paragraph, block.text)
        self.bookmark(paragraph, block.anchor)

    def labels(self, block: Labels) -> None:
        for name, value in block.items:
            paragraph = self.paragraph()
            paragraph.paragraph_format.space_after = self.document_pt(2)
            _append_run(paragraph, f"{name}:", bold=True)
            _append_run(paragraph, f" {value}")

    def document_pt(self, points: float) -> Any:
        from docx.shared import Pt

        return Pt(points)

    def plain(self, block: Paragraph) -> None:
        paragraph = self.paragraph()
        run = paragraph.add_run(block.text)
        if block.note:
            run.italic = True
            run.font.size = self.document_pt(9)

    def markdown(self, text: str) -> None:
        items = tokens(text)
        lists: list[str] = []
        index = 0
        while index < len(items):
            token = items[index]
            kind = token.type
            if kind == "bullet_list_open":
                lists.append("List Bullet")
            elif kind == "ordered_list_open":
                lists.append("List Number")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "heading_open":
                paragraph = self.paragraph("Heading 3")
                self.inline(paragraph, items[index + 1])
                index += 2
            elif kind == "paragraph_open":
                inline = items[index + 1]
                if lists:
                    depth = min(len(lists), 3)
                    name = lists[-1] + (f" {depth}" if depth > 1 else "")
                    paragraph = self.paragraph(name)
                elif token.level and _inside(items, index, "blockquote_open"):
                    paragraph = self.paragraph("Quote")
                else:
                    paragraph = self.paragraph()
                self.inline(paragraph, inline)
                index += 2
            elif kind == "table_open":
                index = self.markdown_table(items, index)
            elif kind in ("fence", "code_block"):
                for line in token.content.rstrip("\n").split("\n"):
                    paragraph = self.paragraph("macro")
                    paragraph.add_run(line)
            index += 1

    def inline(self, paragraph: Any, token: Token) -> None:
        fmt = _Format()
        stack: list[_Format] = []
        for child in token.children or []:
            kind = child.type
            if kind == "text" or kind == "code_inline":
                if child.content:
                    self.run(paragraph, child.content, fmt)
            elif kind == "softbreak":
                self.run(paragraph, " ", fmt)
            elif kind == "hardbreak":
                paragraph.add_run().add_break()
            elif kind in ("strong_open", "em_open", "link_open"):
                stack.append(fmt)
                fmt = _Format(
                    fmt.bold or kind == "strong_open",
                    fmt.italic or kind == "em_open",
                    str(child.attrGet("href") or "") if kind == "link_open" else fmt.link,
                )
            elif kind in ("strong_close", "em_close", "link_close"):
                fmt = stack.pop() if stack else _Format()
            elif kind == "html_inline":
                tag = child.content.strip().lower()
                if tag in ("<i>", "<em>", "<b>", "<strong>"):
                    stack.append(fmt)
                    bold = tag in ("<b>", "<strong>")
                    fmt = _Format(fmt.bold or bold, fmt.italic or not bold, fmt.link)
                elif tag in ("</i>", "</em>", "</b>", "</strong>"):
                    fmt = stack.pop() if stack else _Format()
                elif tag.startswith("<br"):
                    paragraph.add_run().add_break()
            elif kind == "image":
                self.run(paragraph, child.content, fmt)

    def markdown_table(self, items: list[Token], index: int) -> int:
        rows: list[list[Token]] = []
        header_rows = 0
        in_head = False
        while index < len(items) and items[index].type != "table_close":
            kind = items[index].type
            if kind == "thead_open":
                in_head = True
            elif kind == "thead_close":
                in_head = False
            elif kind == "tr_open":
                rows.append([])
                header_rows += 1 if in_head else 0
            elif kind == "inline":
                rows[-1].append(items[index])
            index += 1
        if not rows:
            return index
        width = max(len(row) for row in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        table.style = self.style("Table Grid")
        for r, row in enumerate(rows):
            for c, inline in enumerate(row):
                paragraph = table.rows[r].cells[c].paragraphs[0]
                self.inline(paragraph, inline)
                if r < header_rows:
                    for run in paragraph.runs:
                        run.bold = True
        if header_rows:
            _repeat_header(table.rows[0])
        return index

    def table(self, block: Table) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        if block.caption:
            caption = self.paragraph("Caption")
            caption.add_run(block.caption)
            caption.paragraph_format.keep_with_next = True
        body = [row for row in block.rows]
        width = len(block.header) or max(
            (len(row) for row in body if isinstance(row, tuple)), default=1
        )
        header = 1 if block.header else 0
        table = self.document.add_table(rows=len(body) + header, cols=width)
        table.style = self.style("Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _table_description(table, block.caption or block.label or "")
        size = Pt(9)
        if block.widths:
            table.autofit = False
            total = sum(block.widths)
            for index, column in enumerate(table.columns):
                column.width = Cm(16.0 * block.widths[index] / total)  # the grid; Word and
                # LibreOffice lay out fixed-width tables from it
        rows = table.rows
        if header:
            for index, text in enumerate(block.header):
                paragraph = rows[0].cells[index].paragraphs[0]
                _append_run(paragraph, text, bold=True, size=SMALL)
                if index in block.numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _repeat_header(rows[0])
            _shade(rows[0].cells, "E8EEF4")
        for offset, row in enumerate(body):
            cells = rows[offset + header].cells
            if isinstance(row, Group):
                merged = cells[0].merge(cells[width - 1]) if width > 1 else cells[0]
                _append_run(merged.paragraphs[0], row.text, bold=True, size=SMALL)
                _shade([merged], "F2F2F2")
                _keep_with_next(merged)
                continue
            for index, text in enumerate(row):
                paragraph = cells[index].paragraphs[0]
                _append_run(paragraph, text, bold=index == 0 and block.row_headers, size=SMALL)
                if index in block.numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if block.note:
            note = self.paragraph()
            run = note.add_run(block.note)
            run.italic = True
            run.font.size = size
        else:
            self.paragraph().paragraph_format.space_after = Pt(0)

    def toc(self, block: Toc, headings: list[Heading], pages: dict[str, int]) -> None:
        self.paragraph("TOC Heading").add_run(block.title)
        entries = headings or []
        first = self.paragraph("toc 1")
        _field_start(first, ' TOC \\o "1-1" \\h \\z \\u ')
        paragraph = first
        for position, heading in enumerate(entries):
            if position:
                paragraph = self.paragraph("toc 1")
            bookmark = _bookmark_name(heading.anchor)
            link = _el("w:hyperlink", w_anchor=bookmark, w_history="1")
            link.append(_text_run(heading.text))
            link.append(_tab_run())
            for element in _field_runs(
                f" PAGEREF {bookmark} \\h ", str(pages.get(heading.anchor, ""))
            ):
                link.append(element)
            paragraph._p.append(link)
        _field_end(paragraph)


def _append_run(
    paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, size: int = 0
) -> None:
    """A run of text, built directly (python-docx's add_run is slow for thousands of runs)."""
    run = _el("w:r")
    if bold or italic or size:
        props = _el("w:rPr")
        if bold:
            props.append(_el("w:b"))
        if italic:
            props.append(_el("w:i"))
        if size:
            props.append(_el("w:sz", w_val=str(size)))
        run.append(props)
    t = _el("w:t", xml_space="preserve")
    t.text = text
    run.append(t)
    paragraph._p.append(run)


def _inside(items: list[Token], index: int, kind: str) -> bool:
    depth = 0
    for token in reversed(items[:index]):
        if token.nesting == -1:
            depth += 1
        elif token.nesting == 1:
            if depth == 0 and token.type == kind:
                return True
            depth = max(0, depth - 1)
    return False


def _text_run(text: str) -> Any:
    run = _el("w:r")
    t = _el("w:t", xml_space="preserve")
    t.text = text
    run.append(t)
    return run


def _tab_run() -> Any:
    run = _el("w:r")
    run.append(_el("w:tab"))
    return run


def _fld_char(kind: str) -> Any:
    run = _el("w:r")
    run.append(_el("w:fldChar", w_fldCharType=kind))
    return run


def _instr(text: str) -> Any:
    run = _el("w:r")
    instr = _el("w:instrText", xml_space="preserve")
    instr.text = text
    run.append(instr)
    return run


def _field_runs(instruction: str, result: str) -> list[Any]:
    """begin, instruction, separate, cached result, end: a complete simple field."""
    return [
        _fld_char("begin"),
        _instr(instruction),
        _fld_char("separate"),
        _text_run(result),
        _fld_char("end"),
    ]


def _field_start(paragraph: Any, instruction: str) -> None:
    paragraph._p.append(_fld_char("begin"))
    paragraph._p.append(_instr(instruction))
    paragraph._p.append(_fld_char("separate"))


def _field_end(paragraph: Any) -> None:
    paragraph._p.append(_fld_char("end"))


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(_el("w:tblHeader", w_val="true"))
    properties.append(_el("w:cantSplit", w_val="true"))


def _keep_with_next(cell: Any) -> None:
    for paragraph in cell.paragraphs:
        paragraph.paragraph_format.keep_with_next = True


def _shade(cells: list[Any], colour: str) -> None:
    for cell in cells:
        properties = cell._tc.get_or_add_tcPr()
        properties.append(_el("w:shd", w_val="clear", w_color="auto", w_fill=colour))


def _table_description(table: Any, text: str) -> None:
    """Word's table alt text (w:tblCaption), read by screen readers."""
    if not text:
        return
    properties = table._tbl.tblPr
    look = properties.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblLook")
    caption = _el("w:tblCaption", w_val=text[:255])
    if look is not None:
        look.addnext(caption)
    else:
        properties.append(caption)


def _setup(document: Any, report: Report) -> None:
    """A4 page, language, the styles the report uses, footer page numbers and properties."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Cm, Pt, RGBColor

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    section.different_first_page_header_footer = True
    language = LANGUAGE.get(report.language, "nb-NO")
    styles = document.styles
    defaults = styles.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults"
    )
    if defaults is not None:
        rpr = defaults.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPrDefault/"
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr"
        )
        if rpr is not None:
            for old in rpr.findall(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"
            ):
                rpr.remove(old)
            rpr.append(_el("w:lang", w_val=language, w_eastAsia=language, w_bidi="ar-SA"))
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for name, size in (("Heading 1", 16), ("Heading 2", 12.5), ("Heading 3", 11)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        style.paragraph_format.keep_with_next = True
    styles["Heading 2"].paragraph_format.space_before = Pt(14)
    styles["Title"].font.size = Pt(26)
    toc_style = styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    toc_style.base_style = normal
    toc_style.paragraph_format.space_after = Pt(4)
    toc_style.paragraph_format.tab_stops.add_tab_stop(
        Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
    )
    link_style = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link_style.font.color.rgb = RGBColor(0x0B, 0x4F, 0x8A)
    link_style.font.underline = True
    styles["Caption"].font.size = Pt(10)
    styles["Caption"].font.bold = True
    styles["Caption"].font.italic = False
    styles["Caption"].font.color.rgb = RGBColor(0x1E, 0x1E, 0x1E)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for element in _field_runs(" PAGE ", "1"):
        footer._p.append(element)
    if report.watermark:
        _mark_headers(section, report.watermark)
    settings = document.settings.element
    settings.append(_el("w:updateFields", w_val="true"))
    properties = document.core_properties
    properties.title = report.title
    properties.author = report.author or ""
    properties.subject = report.description or ""
    properties.language = language
    properties.comments = ""
    properties.keywords = "statusrapport"


def _mark_headers(section: Any, mark: str) -> None:
    """The mark («UTKAST») in the header of every page of the section, the first one too."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    for header in (section.header, section.first_page_header):
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        run = paragraph.add_run(mark)
        run.bold = True
        run.font.size = Pt(10)
        run.font.color.rgb = RGBColor(0xA4, 0x00, 0x0F)


def render_docx(report: Report) -> bytes:
    """The report as a .docx file."""
    docx = _docx()
    document = docx.Document()
    _setup(document, report)
    writer = _Writer(document)
    page = report.title_page
    if page.owner:
        owner = writer.paragraph("Subtitle")
        owner.add_run(page.owner)
        owner.paragraph_format.space_after = writer.document_pt(60)
    title = writer.paragraph("Title")
    title.add_run(page.title)
    if page.subtitle:
        writer.paragraph("Subtitle").add_run(page.subtitle)
    if page.round_title:
        writer.paragraph("Subtitle").add_run(page.round_title).bold = True
    headings = [b for b in report.blocks if isinstance(b, Heading) and b.level == 1 and b.toc]
    # Two passes would be exact only in a word processor; one pass records the estimate and
    # the TOC, written first, takes the numbers from a dry run of the same layout estimate.
    pages = _estimate_pages(report)
    pending_break = True
    for block in report.blocks:
        if isinstance(block, PageBreak):
            pending_break = True
            continue
        _write(writer, block, headings, pages, pending_break)
        pending_break = False
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _write(
    writer: _Writer,
    block: Block,
    headings: list[Heading],
    pages: dict[str, int],
    page_break: bool,
) -> None:
    if isinstance(block, Toc):
        if page_break:
            writer.paragraph().add_run().add_break(_page_break())
        writer.toc(block, headings, pages)
    elif isinstance(block, Heading):
        writer.heading(block, page_break)
    elif isinstance(block, Labels):
        writer.labels(block)
    elif isinstance(block, Markdown):
        writer.markdown(block.text)
    elif isinstance(block, Paragraph):
        writer.plain(block)
    elif isinstance(block, Table):
        writer.table(block)
    elif isinstance(block, Chart):
        pass  # see the module docstring: its numbers are in the next table


def _page_break() -> Any:
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE


def _estimate_pages(report: Report) -> dict[str, int]:
    """Where each heading is expected to start, from a layout estimate of the whole report."""
    scratch = _Estimate()
    headings = [b for b in report.blocks if isinstance(b, Heading) and b.level == 1 and b.toc]
    scratch.advance(0)
    pending_break = True
    for block in report.blocks:
        if isinstance(block, PageBreak):
            pending_break = True
            continue
        if isinstance(block, Toc):
            scratch.new_page()
            scratch.advance(0, extra=2 + 1.3 * len(headings))
        elif isinstance(block, Heading):
            if pending_break:
                scratch.new_page()
            scratch.pages[block.anchor] = scratch.page
            scratch.advance(len(block.text) * 1.3, extra=1.5)
        elif isinstance(block, Labels):
            for name, value in block.items:
                scratch.advance(len(name) + len(value), extra=0.2)
        elif isinstance(block, Markdown):
            for part in re.split(r"\n\s*\n|\n(?=- )", block.text):
                scratch.advance(len(part), extra=0.5)
        elif isinstance(block, Paragraph):
            scratch.advance(len(block.text))
        elif isinstance(block, Table):
            total = sum(block.widths) if block.widths else 0
            for row in block.rows:
                if isinstance(row, Group):
                    scratch.advance(len(row.text), extra=0.4, per_line=TABLE_CHARS_PER_LINE)
                    continue
                longest = 0.0
                for index, text in enumerate(row):
                    share = block.widths[index] / total if total else 1 / max(len(row), 1)
                    longest = max(longest, len(text) / max(share, 0.05))
                scratch.advance(int(longest), extra=0.4, per_line=TABLE_CHARS_PER_LINE)
        pending_break = False
    return scratch.pages
