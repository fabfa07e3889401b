"""Overview tables: one row per measure with number, title, responsible and status."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..blocks import BlockKind
from ..model import OverviewRow
from ..normalise.organisations import OrganisationRegistry, parse_responsible
from ..normalise.status import looks_like_status
from .patterns import MEASURE_LINE
from .units import Unit, strip_markup

_NUMBER_CELL = re.compile(r"^(\d{1,4}(?:\s?[a-z])?)\.?$")
_HEADER_WORDS = {
    "number": re.compile(r"^(nr\.?|nummer|tiltak ?nr\.?|tiltaksnummer|#)$", re.I),
    "responsible": re.compile(r"ansvar|departement", re.I),
    "status": re.compile(r"status|gjennomført|ikke startet|under arbeid|byrja|framdrift", re.I),
    "period": re.compile(r"^(frist|gjennomføring|tidsperiode|periode|tidsplan|tidsramme)$", re.I),
    "title": re.compile(
        r"tiltak|regjeringen vil|regjeringa vil|vedtak|beskrivelse|innhald|innhold", re.I
    ),
    "narrative": re.compile(r"kommentar|merknad|omtale|rapportering|beskriving", re.I),
}


@dataclass(slots=True)
class TableRow:
    row: OverviewRow
    narrative: str | None = None
    period: str | None = None
    positional: bool = False
    """Numbered by its place in a table that prints no numbers."""


def _columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    """Column roles from a header row, or None when the row is not a header."""
    roles: dict[str, int] = {}
    for position, cell in enumerate(cells):
        text = strip_markup(cell)
        if not text or _NUMBER_CELL.match(text):
            continue
        for role, pattern in _HEADER_WORDS.items():
            if role not in roles and pattern.search(text) and len(text) < 60:
                roles[role] = position
                break
    if "title" in roles and ("status" in roles or "responsible" in roles or "number" in roles):
        return roles
    return None


def _guess_columns(cells: tuple[str, ...], registry: OrganisationRegistry) -> dict[str, int]:
    roles: dict[str, int] = {}
    for position, cell in enumerate(cells):
        text = strip_markup(cell)
        if not text:
            continue
        if "number" not in roles and _NUMBER_CELL.match(text):
            roles["number"] = position
        elif "status" not in roles and looks_like_status(text):
            roles["status"] = position
        elif "responsible" not in roles and _is_responsible(text, registry):
            roles["responsible"] = position
    rest = [p for p in range(len(cells)) if p not in roles.values() and cells[p].strip()]
    if rest:
        roles["title"] = max(rest, key=lambda p: len(cells[p]))
    return roles


def _is_responsible(text: str, registry: OrganisationRegistry) -> bool:
    parsed = parse_responsible(text, registry)
    return not parsed.unknown and (bool(parsed.acronyms) or parsed.all) and len(text) < 80


def read_tables(
    units: list[Unit], registry: OrganisationRegistry, start: int = 0
) -> list[TableRow]:
    """Every measure row of the tables from `start` on, rows broken across pages joined."""
    rows: list[TableRow] = []
    columns: dict[str, int] | None = None
    group: str | None = None
    previous: list[str] | None = None
    caption: str | None = None
    for unit in units[start:]:
        if unit.kind is not BlockKind.TABLE_ROW:
            # A short line between rows of a table names the group of the rows below it.
            text = unit.plain
            caption = text if len(text) < 100 and not text.endswith(".") else None
            previous = None
            continue
        if caption is not None and not _columns(unit.cells):
            group = caption
        caption = None
        cells = unit.cells
        filled = [cell for cell in cells if cell.strip()]
        header = _columns(cells)
        if header:
            if header != columns:
                previous = None  # a new table; the same header again repeats it on a new page
            columns = header
            continue
        if previous is not None and (unit.continued or (cells and not cells[0].strip())):
            # A row broken over a page: its cells continue the previous row's.
            for position, cell in enumerate(cells):
                if cell.strip() and position < len(previous):
                    previous[position] = f"{previous[position]} {cell.strip()}".strip()
            joined = _row(previous, columns or {}, group, registry)
            if joined is not None:
                rows[-1] = joined
            continue
        if len(filled) == 1 and not _NUMBER_CELL.match(strip_markup(filled[0])):
            group, previous = strip_markup(filled[0]), None
            continue
        roles = columns or _guess_columns(cells, registry)
        cell_list = list(cells)
        # A table without a number column ("Regjeringen vil | Ansvar") numbers by position.
        place = str(len(rows) + 1) if columns and "number" not in columns else None
        row = _row(cell_list, roles, group, registry, place)
        if row is None:
            previous = None
            continue
        rows.append(row)
        previous = cell_list
    rows = [row for row in rows if row.row.title]
    if any(not row.positional for row in rows):
        # Numbers printed in the titles: a row without one is not a measure.
        rows = [row for row in rows if not row.positional]
    return rows


def _row(
    cells: list[str],
    roles: dict[str, int],
    group: str | None,
    registry: OrganisationRegistry,
    position: str | None = None,
) -> TableRow | None:
    def cell(role: str) -> str | None:
        position = roles.get(role)
        if position is None or position >= len(cells):
            return None
        return cells[position].strip() or None

    title = cell("title") or ""
    number_text = cell("number")
    number = None
    if number_text and _NUMBER_CELL.match(strip_markup(number_text)):
        number = _NUMBER_CELL.match(strip_markup(number_text)).group(1)  # type: ignore[union-attr]
    else:
        numbered = MEASURE_LINE.match(title)
        if numbered:
            number, title = numbered.group(1), numbered.group(2)
    positional = number is None and position is not None
    number = number or (position if title else None)
    if number is None:
        return None
    row = OverviewRow(number, title, cell("responsible"), cell("status"), group)
    return TableRow(row, cell("narrative"), cell("period"), positional)
