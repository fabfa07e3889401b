"""Units: the logical lines the parser walks, one per line of a cleaned block."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..blocks import Block, BlockKind


@dataclass(frozen=True, slots=True)
class Unit:
    kind: BlockKind
    text: str
    block: int
    """Index of the block the unit came from: units of one block form one paragraph."""
    level: int = 0
    style: str | None = None
    cells: tuple[str, ...] = ()
    continued: bool = False
    marker: str | None = None
    plain: str = ""
    """The text without Markdown markup, computed once."""

    def __post_init__(self) -> None:
        if not self.plain:
            object.__setattr__(self, "plain", strip_markup(self.text))


def units_of(blocks: list[Block]) -> list[Unit]:
    """One unit per line of every block; table rows stay whole."""
    units: list[Unit] = []
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.TABLE_ROW:
            units.append(
                Unit(block.kind, block.text, index, cells=block.cells, continued=block.continued)
            )
            continue
        for line in block.text.split("\n"):
            line = " ".join(line.split())
            if line:
                units.append(
                    Unit(block.kind, line, index, block.level, block.style, marker=block.marker)
                )
    return units


# Link text holds no brackets and targets no parentheses or spaces, so that a run of "[" or "("
# fails at once instead of scanning to the end of the text (linear, not quadratic).
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_MARKUP = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|</?[a-z]+[^<>]{0,200}>")
# Pure functions of a narrative are memoised per process: the workspace checks a whole round
# on every change, and all narratives but one are the same as the last time.
TEXT_CACHE_SIZE = 4096


# Not markdown_to_text: a document's lines are cut from bold runs that span several lines, so
# an unpaired "**" must go too, and list numbers and "#" at the start of a line must stay.
@lru_cache(maxsize=TEXT_CACHE_SIZE)
def strip_markup(text: str) -> str:
    """Plain text: no emphasis markers, links reduced to their text, whitespace collapsed."""
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    text = text.replace("\\(", "(").replace("\\)", ")")
    return " ".join(text.split())


def comparable(text: str) -> str:
    """A title reduced to its words, for comparing two spellings of it."""
    text = strip_markup(text).casefold()
    return " ".join(re.sub(r"[^\wæøå]+", " ", text).split())
