"""Render the corpus text format as DOCX and PDF, the way the real publications look.

The corpus files are plain text: blank-line separated paragraphs, tab-separated table rows
(a row whose first cell is empty continues the previous row across a page break), "- " list
items, and inline Markdown (``**bold**``, ``*italic*``, ``<i>…</i>``, ``[text](url)``).
Lines inside a paragraph are source line breaks: they become soft line breaks in the DOCX
and ``<br>`` in the PDF, so broken words ("men\\nneske") survive into both renderings.

Usage: ``python -m tests.support.render docx|pdf IN OUT``.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path


def libreoffice_convert(
    documents: list[Path], out_dir: Path, target: str = "pdf", *, plain_text: bool = False
) -> list[Path] | None:
    """The files LibreOffice makes of `documents` (one run for all, a profile of its own) in
    `target` format ("pdf", "docx"), as a secretariat exporting from Writer would; `plain_text`
    reads the inputs as UTF-8 text, one paragraph per line. None when LibreOffice is not
    installed."""
    command = shutil.which("soffice") or shutil.which("libreoffice")
    if command is None:
        return None
    out_dir.mkdir(parents=True, exist_ok=True)
    infilter = ["--infilter=Text (encoded):UTF8"] if plain_text else []
    convert_to = "docx:MS Word 2007 XML" if target == "docx" else target
    subprocess.run(
        [command, "--headless", f"-env:UserInstallation=file://{out_dir}/profile", *infilter,
         "--convert-to", convert_to, "--outdir", str(out_dir), *map(str, documents)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return [out_dir / f"{document.stem}.{target}" for document in documents]


def libreoffice_pdfs(documents: list[Path], out_dir: Path) -> list[Path] | None:
    """The PDFs LibreOffice makes of DOCX files (one run for all); None without LibreOffice."""
    return libreoffice_convert(documents, out_dir, "pdf")


def render_word_paragraphs(text: str, path: Path) -> None:
    """`text` as a Word user would type it: a paragraph per blank-line separated group, its
    lines kept as line breaks, every paragraph in the Normal style (no heading or list
    structure the text does not have)."""
    import docx

    document = docx.Document()
    for group in re.split(r"\n[ \t]*\n", text):
        lines = [line.rstrip() for line in group.split("\n")]
        if any(lines):
            _add_plain_lines(document.add_paragraph(), lines)
    document.save(str(path))


def _add_plain_lines(paragraph: object, lines: list[str]) -> None:
    for n, line in enumerate(lines):
        run = paragraph.add_run(line)  # type: ignore[attr-defined]
        if n + 1 < len(lines):
            run.add_break()


# The renderings of a plain-text file that users' tools make, by name (see `render_plain_texts`).
PLAIN_TEXT_FORMATS = ("lo-docx", "word-docx", "lo-pdf", "lo-docx-pdf", "word-docx-pdf")


def render_plain_texts(texts: list[Path], out_dir: Path) -> dict[str, list[Path]] | None:
    """Every file of `texts` in each of `PLAIN_TEXT_FORMATS`: LibreOffice's DOCX and PDF of the
    text, a Word-like DOCX (`render_word_paragraphs`) and LibreOffice's PDFs of both DOCX; in
    the order of `texts`. None when LibreOffice is not installed."""
    lo_docx = libreoffice_convert(texts, out_dir / "lo-docx", "docx", plain_text=True)
    lo_pdf = libreoffice_convert(texts, out_dir / "lo-pdf", "pdf", plain_text=True)
    if lo_docx is None or lo_pdf is None:
        return None
    (out_dir / "word-docx").mkdir(parents=True, exist_ok=True)
    word_docx = [out_dir / "word-docx" / f"{text.stem}.docx" for text in texts]
    for text, docx_path in zip(texts, word_docx, strict=True):
        render_word_paragraphs(text.read_text(encoding="utf-8"), docx_path)
    lo_docx_pdf = libreoffice_convert(lo_docx, out_dir / "lo-docx-pdf", "pdf")
    word_docx_pdf = libreoffice_convert(word_docx, out_dir / "word-docx-pdf", "pdf")
    assert lo_docx_pdf is not None and word_docx_pdf is not None
    return {
        "lo-docx": lo_docx,
        "word-docx": word_docx,
        "lo-pdf": lo_pdf,
        "lo-docx-pdf": lo_docx_pdf,
        "word-docx-pdf": word_docx_pdf,
    }


# --- the corpus text format -------------------------------------------------------------


@dataclass
class Heading:
    level: int  # 0 = document title
    lines: list[str]


@dataclass
class Para:
    lines: list[str]


@dataclass
class Item:
    text: str


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)


Node = Heading | Para | Item | Table

_CHAPTER = re.compile(r"^\d+ [A-ZÆØÅ]")
_MEASURE = re.compile(r"^\d+\. ")


def _blocks(text: str) -> list[list[str]]:
    """Blank-line separated groups of lines (a line of only spaces is blank).

    As for the text reader, a line indented by exactly one space starts a new group: in the
    PDF-extracted brochure such lines are running headers and pull quotes, separate boxes.
    """
    groups: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip() == "":
            if current:
                groups.append(current)
                current = []
            continue
        if current and re.match(r"^ \S", line) and "\t" not in line:
            # A line indented by one space is a separate text box of the brochure layout.
            groups.append(current)
            current = []
        current.append(line)
    if current:
        groups.append(current)
    return groups


def parse_corpus(text: str) -> list[Node]:
    """The structure of a corpus text file."""
    groups = _blocks(text)
    nodes: list[Node] = []
    seen_title = False
    for index, lines in enumerate(groups):
        first = lines[0]
        if len(lines) == 1 and "\t" not in first and not first.startswith("- "):
            stripped = first.strip()
            if _CHAPTER.match(stripped) and len(stripped) < 80 and not stripped.endswith("."):
                nodes.append(Heading(1, [stripped]))
                continue
            if _MEASURE.match(stripped) and any(
                g[0].startswith("Ansvarlig departement:") for g in groups[index + 1 : index + 4]
            ):
                nodes.append(Heading(2, [stripped]))
                continue
        joined = "\n".join(lines)
        if (
            not seen_title
            and joined.startswith("**")
            and joined.endswith("**")
            and joined.count("**") == 2
        ):
            seen_title = True
            nodes.append(Heading(0, [line.strip("*") for line in lines]))
            continue
        para: list[str] = []
        for line in lines:
            if "\t" in line:
                _flush(nodes, para)
                cells = [cell.strip() for cell in line.split("\t")]
                table = nodes[-1] if nodes and isinstance(nodes[-1], Table) else None
                if table is None:
                    table = Table()
                    nodes.append(table)
                if cells[0] == "" and table.rows:
                    previous = table.rows[-1]
                    for i, cell in enumerate(cells):
                        if not cell:
                            continue
                        if i < len(previous):
                            previous[i] = f"{previous[i]} {cell}".strip()
                        else:
                            previous.append(cell)
                else:
                    table.rows.append(cells)
            elif line.startswith("- "):
                _flush(nodes, para)
                nodes.append(Item(line[2:].strip()))
            else:
                para.append(line)
        _flush(nodes, para)
    return nodes


def _flush(nodes: list[Node], para: list[str]) -> None:
    if para:
        nodes.append(Para(list(para)))
        para.clear()


# --- inline Markdown --------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None


def _closing_bracket(s: str, start: int) -> int:
    """Index of the `]` that closes the `[` at `start`, or -1."""
    depth = 0
    i = start
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def parse_inline(s: str, bold: bool = False, italic: bool = False) -> list[Span]:
    """Spans of inline Markdown text (bold, italic, <i>, links, backslash escapes)."""
    spans: list[Span] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            spans.append(Span("".join(buf), bold, italic))
            buf.clear()

    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s) and not s[i + 1].isalnum():
            buf.append(s[i + 1])
            i += 2
        elif c == "[":
            end = _closing_bracket(s, i)
            match = re.match(r"\(([^)\s]*)\)", s[end + 1 :]) if end > 0 else None
            if match is None:
                buf.append(c)
                i += 1
                continue
            flush()
            url = match.group(1)
            for span in parse_inline(s[i + 1 : end], bold, italic):
                spans.append(Span(span.text, span.bold, span.italic, url))
            i = end + 1 + match.end()
        elif s.startswith(("<i>", "<em>"), i) or s.startswith(("</i>", "</em>"), i):
            flush()
            italic = not s.startswith("</", i)
            i = s.index(">", i) + 1
        elif s.startswith("**", i):
            if bold or "**" in s[i + 2 :]:
                flush()
                bold = not bold
            else:
                buf.append("**")
            i += 2
        elif c == "*":
            if italic or "*" in s[i + 1 :].replace("**", ""):
                flush()
                italic = not italic
            else:
                buf.append(c)
            i += 1
        else:
            buf.append(c)
            i += 1
    flush()
    return spans


def plain(s: str) -> str:
    """The text of inline Markdown without its markup."""
    return "".join(span.text for span in parse_inline(s))


# --- DOCX -------------------------------------------------------------------------------


def _add_hyperlink(paragraph: object, spans: list[Span]) -> None:
    """A <w:hyperlink> holding `spans`; url "#" or "" gives a hyperlink without target."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    url = spans[0].url or ""
    link = OxmlElement("w:hyperlink")
    if url not in ("", "#"):
        part = paragraph.part  # type: ignore[attr-defined]
        rel_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link.set(qn("r:id"), rel_id)
    for span in spans:
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), "Hyperlink")
        props.append(style)
        if span.bold:
            props.append(OxmlElement("w:b"))
        if span.italic:
            props.append(OxmlElement("w:i"))
        run.append(props)
        text = OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = span.text
        run.append(text)
        link.append(run)
    paragraph._p.append(link)  # type: ignore[attr-defined]


def _add_inline(paragraph: object, text: str, *, plain_bold: bool = False) -> None:
    spans = parse_inline(text)
    i = 0
    while i < len(spans):
        span = spans[i]
        if span.url is not None:
            j = i
            while j < len(spans) and spans[j].url == span.url:
                j += 1
            _add_hyperlink(paragraph, spans[i:j])
            i = j
            continue
        run = paragraph.add_run(span.text)  # type: ignore[attr-defined]
        if span.bold and not plain_bold:
            run.bold = True
        if span.italic:
            run.italic = True
        i += 1


def _add_lines(paragraph: object, lines: list[str]) -> None:
    for n, line in enumerate(lines):
        if n:
            paragraph.add_run().add_break()  # type: ignore[attr-defined]
        _add_inline(paragraph, line)


def render_docx(text: str, path: Path) -> None:
    """Write `text` (corpus format) as a Word document at `path`."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = ""
    document.core_properties.author = ""
    for node in parse_corpus(text):
        if isinstance(node, Heading):
            if node.level == 0:
                document.core_properties.title = " ".join(plain(line) for line in node.lines)
                paragraph = document.add_paragraph(style="Title")
            else:
                paragraph = document.add_paragraph(style=f"Heading {node.level}")
            _add_lines(paragraph, node.lines)
        elif isinstance(node, Para):
            _add_lines(document.add_paragraph(), node.lines)
        elif isinstance(node, Item):
            _add_inline(document.add_paragraph(style="List Bullet"), node.text)
        else:
            width = max(len(row) for row in node.rows)
            table = document.add_table(rows=len(node.rows), cols=width)
            table.style = "Table Grid"
            for r, cells in enumerate(node.rows):
                row = table.rows[r]
                filled = [c for c in cells if c]
                if len(filled) == 1 and cells[0] and width > 2:
                    # A section row spanning the table, as Word would merge it.
                    merged = row.cells[0].merge(row.cells[width - 1])
                    _add_inline(merged.paragraphs[0], cells[0])
                    continue
                for c, cell_text in enumerate(cells):
                    if cell_text:
                        paragraph = row.cells[c].paragraphs[0]
                        _add_inline(paragraph, cell_text)
                        for run in paragraph.runs:
                            run.font.size = Pt(9)
    path.write_bytes(b"")
    document.save(str(path))


# --- PDF --------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 2cm 2.2cm; }
body { font-family: 'DejaVu Sans'; font-size: 11pt; line-height: 1.35; }
p, li { margin: 0 0 8pt 0; }
p.title { font-size: 22pt; font-weight: bold; margin: 40pt 0 24pt 0; }
h1 { font-size: 17pt; margin: 20pt 0 10pt 0; page-break-after: avoid; }
h2 { font-size: 13.5pt; margin: 14pt 0 8pt 0; page-break-after: avoid; }
ul { margin: 0 0 8pt 0; padding-left: 18pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 10pt 0; font-size: 9pt; }
td { border: 0.6pt solid #444; padding: 3pt 4pt; vertical-align: top; line-height: 1.25; }
tr { break-inside: auto; }
"""


def _html_inline(text: str) -> str:
    out: list[str] = []
    for span in parse_inline(text):
        piece = html.escape(span.text, quote=False)
        if span.italic:
            piece = f"<em>{piece}</em>"
        if span.bold:
            piece = f"<strong>{piece}</strong>"
        if span.url is not None:
            piece = f'<a href="{html.escape(span.url or "#")}">{piece}</a>'
        out.append(piece)
    return "".join(out)


def to_html(text: str) -> str:
    """The corpus text as an HTML page for WeasyPrint."""
    body: list[str] = []
    in_list = False
    for node in parse_corpus(text):
        if isinstance(node, Item) != in_list:
            body.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        if isinstance(node, Heading):
            inner = "<br>".join(_html_inline(line) for line in node.lines)
            if node.level == 0:
                body.append(f'<p class="title">{inner}</p>')
            else:
                body.append(f"<h{node.level}>{inner}</h{node.level}>")
        elif isinstance(node, Para):
            body.append("<p>" + "<br>".join(_html_inline(line) for line in node.lines) + "</p>")
        elif isinstance(node, Item):
            body.append(f"<li>{_html_inline(node.text)}</li>")
        else:
            width = max(len(row) for row in node.rows)
            rows: list[str] = []
            for cells in node.rows:
                filled = [c for c in cells if c]
                if len(filled) == 1 and cells[0] and width > 2:
                    rows.append(f'<tr><td colspan="{width}">{_html_inline(cells[0])}</td></tr>')
                    continue
                cells = cells + [""] * (width - len(cells))
                rows.append(
                    "<tr>" + "".join(f"<td>{_html_inline(c)}</td>" for c in cells) + "</tr>"
                )
            body.append("<table>" + "".join(rows) + "</table>")
    if in_list:
        body.append("</ul>")
    title = next((n for n in parse_corpus(text) if isinstance(n, Heading) and n.level == 0), None)
    head_title = html.escape(" ".join(plain(line) for line in title.lines)) if title else ""
    return (
        '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8">'
        f"<title>{head_title}</title><style>{_CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )


def render_pdf(text: str, path: Path) -> None:
    """Write `text` (corpus format) as an A4 PDF at `path`, laid out by WeasyPrint."""
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    weasyprint.HTML(string=to_html(text)).write_pdf(str(path))


def main(argv: list[str]) -> int:
    if len(argv) != 4 or argv[1] not in ("docx", "pdf"):
        print("usage: python -m tests.support.render docx|pdf IN OUT", file=sys.stderr)
        return 2
    text = Path(argv[2]).read_text(encoding="utf-8")
    (render_docx if argv[1] == "docx" else render_pdf)(text, Path(argv[3]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))


# --- helpers for tests --------------------------------------------------------------------


def squash(text: str) -> str:
    """`text` with layout line breaks undone: "-\\n" keeps the hyphen, other breaks a space."""
    return " ".join(text.replace("-\n", "-").replace("–\n", "–").split())


def numbered_rows(blocks: list[object]) -> dict[str, tuple[str, ...]]:
    """Table rows whose first cell is a number, keyed by it; continuation rows joined in.

    A row whose first cell is empty (a row broken across a page, or wrapped lines without a
    number) is merged cell by cell into the numbered row before it.
    """
    rows: dict[str, list[str]] = {}
    last: list[str] | None = None
    for block in blocks:
        cells = list(getattr(block, "cells", ()) or ())
        if getattr(getattr(block, "kind", None), "value", None) != "table_row":
            last = None
            continue
        first = squash(cells[0]) if cells else ""
        if re.fullmatch(r"\d+", first):
            last = [squash(cell) for cell in cells]
            rows[first] = last
        elif first == "" and last is not None:
            for i, cell in enumerate(cells):
                if i < len(last) and squash(cell):
                    last[i] = f"{last[i]} {squash(cell)}".strip()
        else:
            last = None
    return {key: tuple(value) for key, value in rows.items()}
