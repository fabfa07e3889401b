"""Narrative Markdown from the units that follow a measure."""

from __future__ import annotations

from itertools import groupby

from ..blocks import BlockKind
from .units import Unit


def to_markdown(units: list[Unit]) -> str:
    """Paragraphs, bullet lists, sub-headings and tables as Markdown."""
    parts: list[str] = []
    for (_, kind), group in groupby(units, key=lambda unit: (unit.block, unit.kind)):
        lines = [unit.text for unit in group]
        if kind is BlockKind.LIST_ITEM:
            item = "- " + " ".join(lines)
            if parts and parts[-1].startswith("- "):
                parts[-1] += "\n" + item
            else:
                parts.append(item)
        elif kind is BlockKind.HEADING:
            parts.append("**" + " ".join(lines).strip("*") + "**")
        elif kind is BlockKind.TABLE_ROW:
            row = "| " + " | ".join(unit_cells(lines)) + " |"
            if parts and parts[-1].startswith("| "):
                parts[-1] += "\n" + row
            else:
                width = row.count(" | ") + 1
                parts.append(row + "\n|" + " --- |" * width)
        else:
            parts.append(" ".join(lines))
    return "\n\n".join(_join_page_breaks([part for part in parts if part.strip()]))


_SENTENCE_END = (".", "!", "?", ":", ";", "»", ")", '"', "”", "*", "]")
_FOOTNOTE = "¹²³⁴⁵⁶⁷⁸⁹⁰"


def _join_page_breaks(parts: list[str]) -> list[str]:
    """A paragraph a page break cut ("… komite og" / "deres organisasjonsledd …") made whole;
    a footnote printed between the two halves moves after them."""
    joined: list[str] = []
    footnotes: list[str] = []
    for part in parts:
        if part[0] in _FOOTNOTE and joined:
            footnotes.append(part)
            continue
        previous = joined[-1] if joined else ""
        continues = (
            previous
            and not previous.startswith(("- ", "| ", "**"))
            and not previous.rstrip().endswith(_SENTENCE_END)
            and part[0].islower()
        )
        if continues:
            joined[-1] = f"{previous.rstrip()} {part}"
        else:
            joined.extend(footnotes)
            footnotes = []
            joined.append(part)
    return joined + footnotes


def unit_cells(lines: list[str]) -> list[str]:
    return [cell.replace("|", "\\|") for line in lines for cell in line.split("\t")]
