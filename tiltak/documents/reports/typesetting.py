"""A report as Typst markup, the source the PDF is compiled from (tiltak.documents.reports.pdf).

Every text from the data enters the markup as a Typst string literal (`#"…"`), never as
markup, so `#`, `$`, `@`, `<`, `]`, `*`, `=`, "1." and backslashes in a narrative are just text.
Narrative Markdown is walked token by token (markdown-it, as the other renderers parse it) and
written as Typst function calls around those literals.
"""

from __future__ import annotations

import html
import re

import nh3
from markdown_it.token import Token

from .chart import svg
from .fonts import printable
from .markup import URL_SCHEMES, tokens
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
    TitlePage,
    Toc,
)

LINK_COLOUR = "#0b4f8a"
RULE_COLOUR = "#6b6b6b"
HEADER_FILL = "#e8eef4"
GROUP_FILL = "#f2f2f2"
FONT = "DejaVu Sans"
NARRATIVE_HEADING_SHIFT = 3
"""A narrative's "#" sits below the report's measure headings (level 3), as in the HTML."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PLACEHOLDER = re.compile(r"\b(?:RUNNING_HEADER|LINK_COLOUR|RULE_COLOUR|FONT|LANG|WATERMARK)\b")

# The house style of the printed report: A4, DejaVu Sans 10.5 pt, chapter headings 16 pt on a
# new page, measure headings 12 pt, tables 9 pt with a tinted header row that repeats on every
# page; page numbers from page 2 and the plan's title as a running header.
PREAMBLE = """\
#set page(paper: "a4", margin: (top: 2.2cm, bottom: 2.4cm, x: 2cm),
  header: context if here().page() > 1 {
    set text(size: 8pt, fill: rgb("#555555"))
    align(right, RUNNING_HEADER)
  },
  footer: context if here().page() > 1 {
    set text(size: 9pt)
    align(center, counter(page).display())
  })
#set text(font: FONT, size: 10.5pt, lang: LANG, hyphenate: true, fill: rgb("#1e1e1e"))
#set par(leading: 0.65em, spacing: 1.1em, justify: false)
#show link: set text(fill: rgb(LINK_COLOUR))
#show heading: set text(weight: "bold")
#show heading: set par(justify: false)
#show heading: set text(hyphenate: false)
#show heading: set par(leading: 0.45em)
#show heading.where(level: 1): set text(size: 24pt)
#show heading.where(level: 1): set block(below: 1em)
#show heading.where(level: 2): set text(size: 16pt)
#show heading.where(level: 2): set block(above: 1.5em, below: 1em)
#show heading.where(level: 3): set text(size: 12pt)
#show heading.where(level: 3): set block(above: 1.6em, below: 0.7em)
#show heading.where(level: 4): set text(size: 11pt)
#show heading.where(level: 5): set text(size: 10.5pt)
#show heading.where(level: 6): set text(size: 10.5pt)
#set table(stroke: 0.75pt + rgb(RULE_COLOUR), inset: (x: 5pt, y: 4pt))
#show table: set text(size: 9pt)
#show table: set par(justify: false)
#set table.cell(breakable: false)
#show figure: set block(breakable: true)
#show figure.caption: set text(weight: "bold")
#show figure.caption: set align(left)
#set figure.caption(position: top)
#show outline.entry.where(level: 2): set block(above: 0.7em)
#set list(indent: 0.6em)
#set enum(indent: 0.6em)
"""


# A draft: the mark in the running header of every page (the title page too) and set large and
# light across every page behind the text.
DRAFT_PAGE = """\
#set page(
  header: context {
    set text(size: 8pt, fill: rgb("#555555"))
    grid(columns: (auto, 1fr), text(weight: "bold", fill: rgb("#a4000f"), WATERMARK),
      align(right, if here().page() > 1 { RUNNING_HEADER }))
  },
  background: rotate(-45deg, text(size: 96pt, weight: "bold", fill: rgb("#ececec"), WATERMARK)))
"""


def text(value: str) -> str:
    """`value` as an inert Typst string literal in markup: `#"…"`."""
    return "#" + literal(value)


def literal(value: str, *, printed: bool = True) -> str:
    """`value` as a Typst string literal (for code: arguments, alt texts, titles); `printed`
    text loses the characters the font cannot show (PDF/UA allows no missing glyph)."""
    if printed:
        value = printable(value)
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    escaped = _CONTROL.sub(lambda m: f"\\u{{{ord(m.group()):x}}}", escaped)
    return f'"{escaped}"'


def render_typst(report: Report) -> str:
    """The whole report as one Typst source."""
    language = report.language if re.fullmatch(r"[a-z]{2,3}", report.language or "") else "nb"
    values = {
        "RUNNING_HEADER": literal(report.title_page.title),
        "LINK_COLOUR": literal(LINK_COLOUR),
        "RULE_COLOUR": literal(RULE_COLOUR),
        "FONT": literal(FONT),
        "LANG": literal(language),
        "WATERMARK": literal(report.watermark or ""),
    }
    # One pass, so a placeholder's name inside a title is never replaced in turn.
    source = PREAMBLE + (DRAFT_PAGE if report.watermark else "")
    preamble = _PLACEHOLDER.sub(lambda match: values[match.group()], source)
    metadata = f"#set document(title: {literal(report.title, printed=False)}"
    if report.author:
        metadata += f", author: {literal(report.author, printed=False)}"
    if report.description:
        metadata += f", description: {literal(report.description, printed=False)}"
    metadata += ")\n"
    parts = [metadata + preamble, _title_page(report.title_page)]
    for block in report.blocks:
        parts.append(_block(block))
    return "\n\n".join(part for part in parts if part) + "\n"


def _title_page(page: TitlePage) -> str:
    parts = ["#v(3.8cm)"]
    if page.owner:
        parts.append(f"#block(below: 26pt, text(size: 13pt, {literal(page.owner)}))")
    parts.append(f"#heading(level: 1, outlined: false, bookmarked: false, {literal(page.title)})")
    if page.subtitle:
        parts.append(f"#block(below: 22pt, text(size: 16pt, {literal(page.subtitle)}))")
    if page.round_title:
        parts.append(f'#text(size: 16pt, weight: "bold", {literal(page.round_title)})')
    return "\n\n".join(parts)


def _block(block: Block) -> str:
    if isinstance(block, PageBreak):
        return "#pagebreak(weak: true)"
    if isinstance(block, Toc):
        return (
            "#pagebreak(weak: true)\n\n"
            f"#heading(level: 2, outlined: false, bookmarked: true, {literal(block.title)})\n\n"
            "#outline(title: none, depth: 2, indent: 0pt)"
        )
    if isinstance(block, Heading):
        level = block.level + 1
        return (
            f"#heading(level: {level}, outlined: {_bool(block.toc)}, bookmarked: true, "
            f"{literal(block.text)})"
        )
    if isinstance(block, Labels):
        lines = "#linebreak()".join(
            f"#strong({literal(name + ':')}) {text(value)}" for name, value in block.items
        )
        return lines
    if isinstance(block, Markdown):
        return markdown(block.text)
    if isinstance(block, Paragraph):
        if block.note:
            return f"#text(size: 9pt, {literal(block.text)})"
        return text(block.text)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        source = svg(block)
        return (
            f"#figure(kind: image, supplement: none, numbering: none, "
            f"caption: {literal(block.title)}, "
            f'image(bytes({literal(source)}), format: "svg", '
            f"alt: {literal(block.alt, printed=False)}, "
            "width: 100%))"
        )
    return ""


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _table(table: Table) -> str:
    width = len(table.header) or max(
        (len(row) for row in table.rows if isinstance(row, tuple)), default=1
    )
    widths = table.widths if len(table.widths) == width else tuple(1.0 for _ in range(width))
    columns = ", ".join(f"{w:g}fr" for w in widths)
    aligns = ", ".join("right" if i in table.numeric else "left" for i in range(width))
    cells: list[str] = []
    if table.header:
        header = ", ".join(
            f'table.cell(fill: rgb("{HEADER_FILL}"), '
            f"text(hyphenate: false, strong({literal(name)})))"
            for name in table.header
        )
        cells.append(f"table.header(repeat: true, {header})")
    for row in table.rows:
        if isinstance(row, Group):
            cells.append(
                f'table.cell(colspan: {width}, fill: rgb("{GROUP_FILL}"), '
                f"strong({literal(row.text)}))"
            )
            continue
        for index, value in enumerate(row):
            if index == 0 and table.row_headers:
                cells.append(f"strong({literal(value)})")
            else:
                cells.append(literal(value))
    body = f"table(columns: ({columns},), align: ({aligns},),\n  " + ",\n  ".join(cells) + ",\n)"
    if table.caption:
        source = (
            "#figure(kind: table, supplement: none, numbering: none, "
            f"caption: {literal(table.caption)},\n{body})"
        )
    else:
        source = "#" + body
    if table.note:
        source += f"\n\n#text(size: 9pt, {literal(table.note)})"
    return source


def markdown(source: str) -> str:
    """Block Markdown (a narrative or an introduction) as Typst markup."""
    items = tokens(source)
    blocks, _ = _blocks(items, 0, None)
    return "\n\n".join(blocks)


def _blocks(items: list[Token], index: int, until: str | None) -> tuple[list[str], int]:
    """The blocks from `index` up to the closing token `until`; returns them and the index
    just past that token."""
    out: list[str] = []
    while index < len(items):
        token = items[index]
        kind = token.type
        if until is not None and kind == until:
            return out, index + 1
        if kind == "paragraph_open":
            out.append(_inline(items[index + 1]))
            index += 3
        elif kind == "heading_open":
            level = min(int(token.tag[1]) + NARRATIVE_HEADING_SHIFT, 6)
            out.append(
                f"#heading(level: {level}, outlined: false, bookmarked: false)"
                f"[{_inline(items[index + 1])}]"
            )
            index += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            item_blocks, index = _list(items, index)
            out.append(item_blocks)
        elif kind == "blockquote_open":
            inner, index = _blocks(items, index + 1, "blockquote_close")
            out.append(f"#quote(block: true)[{_join(inner)}]")
        elif kind in ("fence", "code_block"):
            out.append(f"#raw({literal(token.content.rstrip())}, block: true)")
            index += 1
        elif kind == "hr":
            out.append("#line(length: 100%)")
            index += 1
        elif kind == "html_block":
            words = _html_text(token.content)
            if words.strip():
                out.append(text(words.strip()))
            index += 1
        elif kind == "table_open":
            table, index = _markdown_table(items, index)
            out.append(table)
        else:
            index += 1
    return out, index


def _join(blocks: list[str]) -> str:
    return "\n\n".join(blocks)


def _list(items: list[Token], index: int) -> tuple[str, int]:
    """A bullet or numbered list from its opening token; returns it and the index past it."""
    opening = items[index]
    ordered = opening.type == "ordered_list_open"
    closing = "ordered_list_close" if ordered else "bullet_list_close"
    index += 1
    entries: list[str] = []
    tight = True
    while index < len(items) and items[index].type != closing:
        if items[index].type == "list_item_open":
            inner, index = _blocks(items, index + 1, "list_item_close")
            tight = tight and len(inner) <= 1
            entries.append(f"[{_join(inner)}]")
        else:
            index += 1
    arguments = [f"tight: {_bool(tight)}"]
    if ordered:
        start = opening.attrGet("start")
        if start is not None and str(start).isdigit():
            arguments.append(f"start: {int(str(start))}")
    name = "enum" if ordered else "list"
    return f"#{name}({', '.join(arguments + entries)})", index + 1


def _markdown_table(items: list[Token], index: int) -> tuple[str, int]:
    header: list[str] = []
    rows: list[list[str]] = []
    in_head = False
    while index < len(items) and items[index].type != "table_close":
        kind = items[index].type
        if kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open" and not in_head:
            rows.append([])
        elif kind == "inline":
            cell = f"[{_inline(items[index])}]"
            if in_head:
                header.append(f"strong({cell})")
            else:
                rows[-1].append(cell)
        index += 1
    width = max([len(header), *(len(row) for row in rows)], default=1) or 1
    cells: list[str] = []
    if header:
        cells.append(
            "table.header(repeat: true, "
            + ", ".join(f'table.cell(fill: rgb("{HEADER_FILL}"), {c})' for c in header)
            + ")"
        )
    for row in rows:
        cells += row + ["[]"] * (width - len(row))
    return f"#table(columns: {width}, {', '.join(cells)})", index + 1


def _inline(token: Token) -> str:
    """Inline Markdown (text, emphasis, links, code, breaks) as Typst markup."""
    out: list[str] = []
    closers: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind == "text" and child.content:
            out.append(text(child.content))
        elif kind == "code_inline":
            out.append(f"#raw({literal(child.content)})")
        elif kind == "softbreak":
            out.append(text(" "))
        elif kind == "hardbreak":
            out.append("#linebreak()")
        elif kind in ("em_open", "strong_open"):
            out.append("#emph[" if kind == "em_open" else "#strong[")
            closers.append("]")
        elif kind == "link_open":
            href = str(child.attrGet("href") or "").strip()
            if _safe_url(href):
                out.append(f"#link({literal(href, printed=False)})[")
                closers.append("]")
            else:
                closers.append("")
        elif kind in ("em_close", "strong_close", "link_close"):
            out.append(closers.pop() if closers else "")
        elif kind == "html_inline":
            if child.content.strip().lower().startswith("<br"):
                out.append("#linebreak()")
        elif kind == "image" and child.content:
            out.append(text(child.content))
    out += reversed(closers)
    return "".join(out)


def _safe_url(href: str) -> bool:
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    return scheme in URL_SCHEMES


def _html_text(fragment: str) -> str:
    """The words of a raw HTML block, as the HTML renderer's sanitiser would leave them."""
    return html.unescape(nh3.clean(fragment, tags=set()))
