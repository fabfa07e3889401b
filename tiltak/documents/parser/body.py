"""The detailed part of a report: chapters, and measures with labels and a narrative."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..blocks import BlockKind
from ..model import Chapter
from .candidates import Candidate, candidates
from .fields import read_fields
from .patterns import (
    CHAPTER_LINE,
    LABELLED_MEASURE,
    MEASURE_LINE,
    OVERVIEW_HEADING,
    REQUEST_LINE,
    label_of,
)
from .selection import select
from .units import Unit

# How far after a numbered line its labels may start (title lines and list items between).
LABEL_LOOKAHEAD = 8
_NUMBERED_FAMILIES = {"dot", "paren", "tiltak", "code", "request"}
_HEADING_LIKE = (BlockKind.HEADING, BlockKind.PARAGRAPH)
_TOC_HEADING = re.compile(r"^(innhold|innhald|innholdsfortegnelse|innhaldsliste)$", re.I)
_TOC_ENTRY = re.compile(r"(?:\.{3,}|\s)\s*\d{1,3}$")


@dataclass(slots=True)
class DraftMeasure:
    number: str
    kind: str
    title: str
    chapter: str | None
    labels: dict[str, str] = field(default_factory=dict)
    narrative: list[Unit] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    """(code, message) for what the field step inferred rather than read."""


@dataclass(slots=True)
class Body:
    chapters: list[Chapter]
    measures: list[DraftMeasure]
    introduction: list[Unit]
    overview_start: int | None
    chapter_intros: dict[str, list[Unit]] = field(default_factory=dict)


def measure_start(units: list[Unit], index: int) -> tuple[str, str, str] | None:
    """(number, kind, title) when the unit at `index` opens a labelled measure."""
    unit = units[index]
    if unit.kind is BlockKind.TABLE_ROW:
        return None
    text = unit.text
    request = REQUEST_LINE.match(text)
    match = request or MEASURE_LINE.match(text) or LABELLED_MEASURE.match(text)
    if not match:
        return None
    is_heading = unit.kind is BlockKind.HEADING and unit.level >= 2
    if not is_heading and not _labels_follow(units, index):
        return None
    number = re.sub(r"\s+", " ", match.group(1))
    return number, "request" if request else "measure", match.group(2)


def _next_in_sequence(
    selected: dict[int, Candidate], index: int, measures: list[DraftMeasure]
) -> tuple[str, str, str] | None:
    """A start without labels of its own that continues the numbering of labelled ones."""
    candidate = selected.get(index)
    if candidate is None or not measures or candidate.number is None:
        return None
    previous = re.match(r"\d+", measures[-1].number)
    if previous is None or candidate.key != (int(previous.group(0)) + 1, ""):
        return None
    kind = "request" if candidate.family == "request" else "measure"
    return candidate.number, kind, candidate.title


def _labels_follow(units: list[Unit], index: int) -> bool:
    for unit in units[index + 1 : index + 1 + LABEL_LOOKAHEAD]:
        if label_of(unit.plain):
            return True
        if unit.kind is BlockKind.TABLE_ROW or MEASURE_LINE.match(unit.text):
            return False
    return False


def _chapter_start(unit: Unit) -> tuple[str | None, str] | None:
    if unit.kind is BlockKind.TABLE_ROW or unit.kind is BlockKind.LIST_ITEM:
        return None
    match = CHAPTER_LINE.match(unit.plain)
    if match and not unit.plain.endswith((".", ":", ",")):
        return match.group(1), match.group(2).strip()
    if unit.kind is BlockKind.HEADING and unit.level <= 1 and unit.style != "Title":
        numbered = re.match(r"^(\d{1,2})\.?\s+(.+)$", unit.plain)
        if numbered:
            return numbered.group(1), numbered.group(2)
        return None, unit.plain
    return None


def _split_unlabelled_last(measures: list[DraftMeasure]) -> None:
    """A document cut off after the next measure's title: that title becomes a measure."""
    last = measures[-1]
    if not last.number.isdigit():
        return
    for position, unit in enumerate(last.narrative):
        match = MEASURE_LINE.match(unit.text)
        if match and match.group(1) == str(int(last.number) + 1):
            cut = DraftMeasure(match.group(1), last.kind, match.group(2), last.chapter)
            cut.narrative = last.narrative[position + 1 :]
            last.narrative = last.narrative[:position]
            measures.append(cut)
            return


def read_body(units: list[Unit], skip: set[int]) -> Body:
    """Chapters and labelled measures in document order, up to the overview."""
    chapters: list[Chapter] = []
    measures: list[DraftMeasure] = []
    introduction: list[Unit] = []
    chapter_intros: dict[str, list[Unit]] = {}
    current: DraftMeasure | None = None
    chapter: Chapter | None = None
    in_toc = False
    overview_start = None
    selection = select(candidates(units), _NUMBERED_FAMILIES)
    selected = {c.index: c for c in selection.starts} if selection else {}
    index = 0
    while index < len(units):
        unit = units[index]
        if index in skip:
            index += 1
            continue
        if _TOC_HEADING.match(unit.plain):
            in_toc = True
            index += 1
            continue
        if in_toc:
            if unit.kind is BlockKind.TABLE_ROW or _TOC_ENTRY.search(unit.plain):
                index += 1
                continue
            in_toc = False
        if OVERVIEW_HEADING.match(unit.plain) and unit.kind in _HEADING_LIKE:
            overview_start = index
            break
        start = measure_start(units, index) or _next_in_sequence(selected, index, measures)
        if start:
            number, kind, title = start
            if chapter and re.search(r"vedtak", chapter.title, re.I):
                kind = "request"
            current = DraftMeasure(number, kind, title, chapter.key if chapter else None)
            measures.append(current)
            index += 1
            # Title lines before the labels: list items that complete "… gjennom å:", and a
            # line that starts in lower case (a title a page layout wrapped into two blocks).
            while index < len(units) and not label_of(units[index].plain):
                extra = units[index]
                wrapped = extra.plain[:1].islower() and extra.kind is not BlockKind.TABLE_ROW
                completes = extra.kind is BlockKind.LIST_ITEM or current.title.endswith(":")
                if not (completes or wrapped) or measure_start(units, index):
                    break
                current.title += (" " if wrapped and not completes else "\n") + extra.text
                index += 1
            continue
        chapter_start = _chapter_start(unit)
        if chapter_start and not label_of(unit.plain):
            key, title = chapter_start
            # An unnumbered chapter gets its number once the numbered ones are known.
            chapter = Chapter(key or f"#{len(chapters) + 1}", title)
            chapters.append(chapter)
            chapter_intros[chapter.key] = []
            current = None
            index += 1
            continue
        if current is not None:
            current.narrative.append(unit)  # labels are read from it by the field step
        elif chapter is not None:
            chapter_intros[chapter.key].append(unit)
        else:
            introduction.append(unit)
        index += 1
    for measure in measures:
        fields = read_fields(measure.narrative)
        measure.labels, measure.narrative = fields.labels, fields.narrative
        measure.notes = fields.notes
    if measures:
        _split_unlabelled_last(measures)
    used = {measure.chapter for measure in measures}
    # Chapters without measures ("Innledning") belong to the introduction when they come first.
    first_used = next((c for c in chapters if c.key in used), None)
    for chapter in chapters:
        if chapter is first_used:
            break
        introduction.extend(chapter_intros.pop(chapter.key, []))
    chapters = [chapter for chapter in chapters if chapter.key in used]
    _number_unnumbered(chapters, measures, chapter_intros)
    return Body(chapters, measures, introduction, overview_start, chapter_intros)


def _number_unnumbered(
    chapters: list[Chapter], measures: list[DraftMeasure], intros: dict[str, list[Unit]]
) -> None:
    """Keys for chapters the document did not number, after the numbers it did use."""
    taken = {chapter.key for chapter in chapters if not chapter.key.startswith("#")}
    renamed: dict[str, str] = {}
    for chapter in chapters:
        if chapter.key.startswith("#"):
            key = next(str(n) for n in range(1, 1000) if str(n) not in taken)
            taken.add(key)
            renamed[chapter.key] = key
            intros[key] = intros.pop(chapter.key, [])
            chapter.key = key
    for measure in measures:
        if measure.chapter in renamed:
            measure.chapter = renamed[measure.chapter]
