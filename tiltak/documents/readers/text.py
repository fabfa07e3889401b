"""Plain text and Markdown: blank lines separate blocks, tabs separate table cells."""

from __future__ import annotations

import re

from ..blocks import Block, BlockDocument, BlockKind
from ..cleanup import looks_hard_wrapped
from ..errors import DocumentError
from .limits import MAX_BLOCKS
from .typed_lists import typed_item

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
# A Markdown pipe table: "| a | b |" rows, and the "| --- | --- |" rule under the header.
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else Windows-1252; binary is refused."""
    if b"\x00" in data[:65536]:
        raise DocumentError("the file is binary, not a text, PDF, DOCX or HTML document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > len(sample) * 0.01:
        raise DocumentError("the file is binary, not a text, PDF, DOCX or HTML document")
    return _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def read_text(data: bytes) -> BlockDocument:
    """Blocks of a plain text or Markdown document."""
    return parse_text(decode(data))


def parse_text(text: str) -> BlockDocument:
    """Blocks of text already decoded."""
    blocks: list[Block] = []
    for chunk in _chunks(text):
        blocks.extend(_chunk_blocks(chunk))
        if len(blocks) > MAX_BLOCKS:
            raise DocumentError(f"the document has more than {MAX_BLOCKS} blocks")
    return BlockDocument(blocks, "text", hard_wrapped=looks_hard_wrapped(blocks))


def _chunks(text: str) -> list[list[str]]:
    """Runs of non-blank lines; a line indented by one space starts a new run (a PDF text box)."""
    chunks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            if current:
                chunks.append(current)
            current = []
            continue
        if current and re.match(r"^ \S", line) and "\t" not in line:
            chunks.append(current)
            current = []
        current.append(line)
    if current:
        chunks.append(current)
    return chunks


def _chunk_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    item: list[str] | None = None
    marker: str | None = None

    def flush() -> None:
        nonlocal paragraph, item
        if paragraph:
            blocks.append(_paragraph(paragraph))
        if item:
            blocks.append(Block(BlockKind.LIST_ITEM, "\n".join(item), marker=marker))
        paragraph, item = [], None

    for raw in lines:
        line = raw.rstrip("\n")
        if _PIPE_ROW.match(line):
            flush()
            if not _PIPE_RULE.match(line):
                blocks.append(Block.row([cell.strip() for cell in line.strip()[1:-1].split("|")]))
            continue
        if "\t" in line:
            flush()
            cells = [cell.strip() for cell in line.split("\t")]
            while len(cells) > 1 and not cells[-1]:
                cells.pop()
            continued = not cells[0] and any(cells)
            blocks.append(Block.row(cells, continued=continued))
            continue
        heading = _MARKDOWN_HEADING.match(line)
        if heading:
            flush()
            blocks.append(Block(BlockKind.HEADING, heading.group(2), level=len(heading.group(1))))
            continue
        opened = typed_item(line, (item or paragraph or [""])[-1])
        if opened:
            flush()
            marker, first = opened
            item = [first]
            continue
        if item is not None:
            item.append(line.strip())
        else:
            # Keep trailing spaces: PDF-extracted text marks a word boundary at a line end that way.
            paragraph.append(line.lstrip())
    flush()
    return blocks


def _paragraph(lines: list[str]) -> Block:
    text = "\n".join(lines)
    stripped = text.strip()
    bold = stripped.startswith("**") and stripped.endswith("**") and stripped.count("**") == 2
    return Block(BlockKind.PARAGRAPH, text, style="bold" if bold else None)
