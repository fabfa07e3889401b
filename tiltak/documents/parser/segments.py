"""Measures of documents without a labelled body: candidates, selection, segments, fields.

Web pages, PDF transcripts and white papers list their measures as numbered lines, "Tiltak N:"
headings, codes, letter sub-items or bullets. The chosen starts cut the document into one
segment per measure; the title comes from the start (or the line after it), the rest goes
through the field step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..blocks import BlockKind
from ..model import Chapter
from .body import DraftMeasure
from .candidates import Candidate, candidates, split_run_on
from .fields import read_fields
from .selection import select
from .units import Unit

# Below this confidence in the choice of measure starts, the parser says it is unsure.
CONFIDENT = 0.8
# A title longer than this on its own line is prose, not a title.
MAX_TITLE = 300
_SENTENCE_END = re.compile(r"(?<=[a-zæøå)»”]{2})[.!?](?=\s+[A-ZÆØÅ«])")
_GROUP_LINE = re.compile(r"^[A-ZÆØÅ«][^\t]{2,118}$")
_GOALS_HEADING = re.compile(
    r"^(?:\*\*)?(?:del|hoved|hovud|over\w*)?mål(?:et|a|ene|setting(?:ar|er|en)?)?\b", re.I
)
# A footnote a PDF printed inside a paragraph: "sam-7 Diku (2019f)." keeps "sam-".
_FOOTNOTE = re.compile(r"^(?P<keep>\S*-)?\d{1,2}\s+\S.{0,100}\.$")


@dataclass(slots=True)
class Segmented:
    measures: list[DraftMeasure]
    chapters: list[Chapter]
    introduction: list[Unit]
    notes: list[tuple[str | None, str, str]] = field(default_factory=list)
    """(measure, code, message) for what was inferred."""


def read_segments(units: list[Unit], complete: Callable[[str], bool]) -> Segmented | None:
    """Measures found by the most consistent sequence of starts, or None.

    `complete` tells a title that ends as a finished one does, for a document cut in a title.
    """
    units = split_run_on(units)
    found = candidates(units)
    selection = select(found)
    if selection is None:
        return None
    starts, groups = _expand_letters(selection.starts, found, units)
    if not starts:
        return None
    item_family = selection.family.startswith("item:")
    if item_family:
        starts = _without_goal_lists(units, starts)
        starts, glued = _glued_items(units, starts, selection.family)
        groups.update(glued)
        if not starts:
            return None
    measures: list[DraftMeasure] = []
    chapters: list[Chapter] = []
    notes: list[tuple[str | None, str, str]] = []
    for position, start in enumerate(starts):
        end = starts[position + 1].index if position + 1 < len(starts) else len(units)
        body = units[start.index + 1 : end]
        if item_family and start.family.startswith("item:"):
            body = _item_body(units, start, end)
        title, body = _title(start, units, body, item_family)
        group = groups.get(start.index) or _group_before(units, start, starts, position)
        if group and (not chapters or chapters[-1].title != group):
            chapters.append(Chapter(str(len(chapters) + 1), group))
        if group and measures and not item_family:
            _drop_group_line(measures[-1], group)
        number = start.number if selection.numbered and start.number else str(position + 1)
        fields = read_fields(body)
        draft = DraftMeasure(
            number,
            "request" if start.family == "request" else "measure",
            title,
            chapters[-1].key if chapters else None,
            labels=fields.labels,
            narrative=fields.narrative,
            notes=fields.notes,
        )
        measures.append(draft)
    if _cut_last(measures, starts, units, complete):
        cut = measures.pop()
        notes.append(
            (
                cut.number,
                "measure-cut",
                f"dokumentet slutter midt i tittelen på tiltak {cut.number} "
                f"(«{cut.title[-60:]}»); det er utelatt",
            )
        )
    if selection.confidence < CONFIDENT:
        other = f"; «{selection.runner_up}» passer nesten like godt" if selection.runner_up else ""
        notes.append(
            (
                None,
                "measures-uncertain",
                f"usikkert hvilke linjer som er tiltak (sikkerhet {selection.confidence:.0%}): "
                f"valgte merket «{selection.family}»{other}",
            )
        )
    if not selection.numbered:
        notes.append(
            (None, "measures-numbered-by-position", "tiltakene har ikke nummer i dokumentet")
        )
    introduction = units[: starts[0].index]
    return Segmented(measures, chapters, introduction, notes)


def _without_goal_lists(units: list[Unit], starts: list[Candidate]) -> list[Candidate]:
    """List items under a goals heading ("Mål:", "Delmål:") are goals, not measures."""
    kept: list[Candidate] = []
    goals = False
    for position, start in enumerate(starts):
        previous_end = starts[position - 1].index if position else -1
        lead = next(
            (
                units[index]
                for index in range(start.index - 1, previous_end, -1)
                if units[index].kind is not BlockKind.LIST_ITEM
            ),
            None,
        )
        if lead is not None:  # a new list starts here: is it a list of goals?
            goals = bool(_GOALS_HEADING.match(lead.plain))
        if not goals:
            kept.append(start)
    return kept


def _glued_items(
    units: list[Unit], starts: list[Candidate], family: str
) -> tuple[list[Candidate], dict[int, str]]:
    """An item a PDF glued onto its group heading: "Samarbeid – Regjeringen forventer …"."""
    glyph = family.removeprefix("item:")
    openings = [start.title.split()[0] for start in starts if start.title.split()]
    common = max(set(openings), key=openings.count) if openings else ""
    if not glyph or not common or openings.count(common) < 0.5 * len(openings):
        return starts, {}
    glued = re.compile(rf"^(?P<group>[A-ZÆØÅ][^.]{{2,118}}?)\s+{re.escape(glyph)}\s+(?={common}\b)")
    taken = {start.index for start in starts}
    added: list[Candidate] = []
    groups: dict[int, str] = {}
    for index in range(starts[0].index, starts[-1].index):
        unit = units[index]
        match = glued.match(unit.plain)
        if index in taken or unit.kind is not BlockKind.PARAGRAPH or not match:
            continue
        added.append(Candidate(index, None, family, unit.plain[match.end() :]))
        groups[index] = match.group("group")
    return sorted(starts + added, key=lambda c: c.index), groups


def _cut_last(
    measures: list[DraftMeasure],
    starts: list[Candidate],
    units: list[Unit],
    complete: Callable[[str], bool],
) -> bool:
    """The document ends inside the last measure's title, which ends unlike the others'."""
    if len(measures) < 3 or complete(measures[-1].title):
        return False
    last, others = measures[-1], measures[:-1]
    if last.narrative or last.labels or starts[-1].index < len(units) - 2:
        return False
    if starts[-1].index == len(units) - 2 and last.title != units[-1].plain:
        return False
    endings = [re.search(r"[.!?)»”]\W?$", m.title) is not None for m in others]
    ends_like_others = re.search(r"[.!?)»”]\W?$", last.title) is not None
    if sum(endings) >= 0.8 * len(endings) and not ends_like_others:
        return True
    return all(m.narrative or m.labels for m in others)


def _expand_letters(
    starts: list[Candidate], found: list[Candidate], units: list[Unit]
) -> tuple[list[Candidate], dict[int, str]]:
    """A measure whose segment opens with "a)", "b)" … becomes the group of its sub-items."""
    letters = [c for c in found if c.family == "letter"]
    expanded: list[Candidate] = []
    groups: dict[int, str] = {}
    for position, start in enumerate(starts):
        end = starts[position + 1].index if position + 1 < len(starts) else len(units)
        children = [c for c in letters if start.index < c.index < end]
        opens = (
            bool(children) and children[0].number == "a" and children[0].index <= start.index + 3
        )
        if not opens or len(children) < 2 or start.number is None:
            expanded.append(start)
            continue
        chain = [children[0]]
        for child in children[1:]:
            if ord(child.number or "a") == ord(chain[-1].number or "a") + 1:
                chain.append(child)
        group = start.title or units[start.index + 1].plain
        for child in chain:
            number = f"{start.number}{child.number}"
            expanded.append(Candidate(child.index, number, start.family, child.title))
        groups[chain[0].index] = group
    return expanded, groups


def _item_body(units: list[Unit], start: Candidate, end: int) -> list[Unit]:
    """A list item's own lines, and what continues it: a sentence cut by a page or footnote."""
    block = units[start.index].block
    index = start.index + 1
    body = []
    while index < end and units[index].block == block:
        body.append(units[index])
        index += 1
    last = (body[-1] if body else units[start.index]).plain
    while index < end and not re.search(r"[.!?:;»”)]$", last):
        following = units[index]
        footnote = _FOOTNOTE.match(following.plain)
        if footnote:
            index += 1
            if footnote.group("keep"):
                body.append(_with_text(following, footnote.group("keep")))
                last = footnote.group("keep")
            continue
        if following.kind is BlockKind.PARAGRAPH and following.plain[:1].islower():
            body.append(following)
            last = following.plain
            index += 1
            continue
        break
    return body


def _with_text(unit: Unit, text: str) -> Unit:
    return Unit(unit.kind, text, unit.block, unit.level, unit.style, marker=unit.marker)


def _title(
    start: Candidate, units: list[Unit], body: list[Unit], item_family: bool
) -> tuple[str, list[Unit]]:
    """The measure's title and the units after it."""
    if item_family and start.family.startswith("item:"):
        parts = [start.title] + [unit.plain for unit in body]
        return _joined(parts), []
    title = start.title
    if not title and body and len(body[0].plain) <= MAX_TITLE:
        title, body = body[0].plain, body[1:]
    sentence_end = _SENTENCE_END.search(title)
    if sentence_end and start.number:
        # "Tiltak PU 1 Tilskudd til lokal planlegging. I hovedsak rettet mot …"
        rest = title[sentence_end.end() :].strip()
        title = title[: sentence_end.start()]
        unit = units[start.index]
        body = [Unit(unit.kind, rest, unit.block, unit.level, unit.style), *body]
    return title.strip(), body


def _joined(parts: list[str]) -> str:
    """Lines of one item as one text; a word broken at a hyphen stays as printed."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        text = f"{text}{part}" if text.endswith("-") else f"{text} {part}".strip()
    return text


def _group_before(
    units: list[Unit], start: Candidate, starts: list[Candidate], position: int
) -> str | None:
    """A short line right before a start, after the previous measure's title: a group title."""
    floor = starts[position - 1].index + 1 if position else 0
    index = start.index - 1
    while index >= floor and units[index].block == units[start.index].block:
        index -= 1
    if index < floor:
        return None
    unit = units[index]
    text = unit.plain.rstrip(":").strip()
    if unit.kind is BlockKind.LIST_ITEM or unit.kind is BlockKind.TABLE_ROW:
        return None
    if not _GROUP_LINE.match(text) or unit.plain.endswith((".", ",", ";")):
        return None
    if position and starts[position - 1].index == index:
        return None
    return text


def _drop_group_line(measure: DraftMeasure, group: str) -> None:
    if measure.narrative and measure.narrative[-1].plain.rstrip(":").strip() == group:
        measure.narrative.pop()
