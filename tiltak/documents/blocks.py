"""The block structure every reader produces and the parser consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# A space a reader put where the source has a gap between glyphs but no space character of its
# own (PUNCTUATION SPACE, which text never uses: still whitespace to `str.split` and `\s`).
# Word repair may join across it; cleaning turns every one into a plain space.
INFERRED_SPACE = "\u2008"


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of document text.

    `text` is inline Markdown (``**bold**``, ``*emphasis*``, ``[text](url)``). Source line
    breaks inside a block are kept as ``\\n`` so that the cleaner can rejoin words that a
    PDF broke; table rows carry their cells in `cells` and the cells joined by tabs in `text`.
    """

    kind: BlockKind
    text: str
    level: int = 0
    """Heading level (1 = chapter) when the source says so, 0 when unknown; list depth for items."""
    cells: tuple[str, ...] = ()
    page: int | None = None
    """1-based page the block starts on, when the source has pages."""
    style: str | None = None
    """Source hint: a DOCX style name, or "bold"/"large" for PDF text set apart by its font."""
    continued: bool = False
    """A table row that continues the previous row across a page break."""
    marker: str | None = None
    """The glyph a list item was printed with ("•", "–", "*"), when the source shows it."""

    @staticmethod
    def row(cells: list[str] | tuple[str, ...], **kwargs: object) -> Block:
        """A table row from its cells."""
        cells = tuple(cells)
        return Block(BlockKind.TABLE_ROW, "\t".join(cells), cells=cells, **kwargs)  # type: ignore[arg-type]


@dataclass(slots=True)
class BlockDocument:
    """What a reader returns: the blocks and what it learned about the source."""

    blocks: list[Block]
    source_format: str
    """One of "text", "markdown", "pdf", "docx", "html"."""
    hard_wrapped: bool = False
    """True when source lines are layout lines (PDF text), so line ends may split words."""
    word_spaces: bool = False
    """True when a plain space inside a line is one the source wrote (a PDF's space glyph), so
    it stands between two words; a space the reader only inferred from a gap between glyphs
    is then an `INFERRED_SPACE`, and may fall inside a word."""
    pages: int | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    """Title and similar properties the file itself declares."""
