"""Tables that lost their grid: one cell per line, per paragraph or per bullet, back into rows.

Copying a table out of a web page or a PDF, or saving it as text, leaves its cells one after
the other ("Nr" / "Tiltak" / "Ansvar" / "1" / "Styrke …" / "JD" / …). A run of header cells
names the columns; every cell after it goes to the column its content fits (a number, a status,
an owner, otherwise text in the next text column), and a cell for a column already filled
starts the next row. This runs on the blocks before cleaning (which would join the cells into
one paragraph); the rows become table-row blocks, so the one table reader does the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..blocks import Block, BlockKind
from ..normalise.organisations import OrganisationRegistry, parse_responsible
from ..normalise.status import looks_like_status
from .units import strip_markup

_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(r"^(?:nr\.?|nummer|tiltak ?nr\.?|tiltaksnummer|#)$", re.I)),
    (
        "responsible",
        re.compile(
            r"^(?:ansvar|ansvarl[ie]g(?:e)?(?: departement(?:er|a)?| instans(?:er)?)?|"
            r"hovedansvarlig|hovudansvarleg|departement|ansvarleg|utførande|utførende)$",
            re.I,
        ),
    ),
    ("status", re.compile(r"^(?:status(?: \d{4})?|framdrift)$", re.I)),
    (
        "period",
        re.compile(r"^(?:frist|gjennomføring|tidsperiode|periode|tidsplan|tidsramme|år)$", re.I),
    ),
    (
        "narrative",
        re.compile(r"^(?:kommentar|merknad|omtale|status og kommentar|rapportering)$", re.I),
    ),
    (
        "title",
        re.compile(
            r"^(?:tiltak|tiltaket|regjeringen vil|regjeringa vil|beskrivelse|beskriving|innhold|"
            r"innhald|anmodningsvedtak|vedtak|aktivitet|oppgave)$",
            re.I,
        ),
    ),
)
_NUMBER = re.compile(r"^\d{1,4}(?:\s?[a-z])?\.?$")
# A cell longer than this that fits no column ends the table: running prose.
MAX_CELL = 400


def _header_role(text: str) -> str | None:
    text = text.strip(" |:*")
    return next((role for role, pattern in _HEADERS if pattern.match(text)), None)


def _is_owner(text: str, registry: OrganisationRegistry) -> bool:
    parsed = parse_responsible(text, registry)
    return len(text) < 80 and not parsed.unknown and (bool(parsed.acronyms) or parsed.all)


@dataclass(frozen=True, slots=True)
class _Line:
    kind: BlockKind
    text: str
    block: int


def relinearise(blocks: list[Block], registry: OrganisationRegistry) -> list[Block]:
    """The blocks with every table that lost its grid turned back into table rows."""
    lines = [
        _Line(block.kind, " ".join(strip_markup(line).split()), number)
        for number, block in enumerate(blocks)
        if block.kind is not BlockKind.TABLE_ROW
        for line in block.text.split("\n")
        if line.strip()
    ]
    tables: list[tuple[int, int, list[list[str]]]] = []
    index = 0
    while index < len(lines):
        columns = _header_run(lines, index)
        rows, end = _rows(lines, index + len(columns), columns, registry) if columns else ([], 0)
        if columns and len(rows) >= 2:
            tables.append((index, end, [[role_header(role) for role in columns], *rows]))
            index = end
        else:
            index += 1
    if not tables:
        return blocks
    return _rebuilt(blocks, lines, tables)


def _rebuilt(
    blocks: list[Block], lines: list[_Line], tables: list[tuple[int, int, list[list[str]]]]
) -> list[Block]:
    """The blocks again, the lines of each table replaced by its rows."""
    in_table = {index: table for table in tables for index in range(table[0], table[1])}
    result: list[Block] = []
    pending: list[str] = []
    current = -1

    def flush() -> None:
        if pending:
            result.append(replace(blocks[current], text="\n".join(pending)))
            pending.clear()

    by_block: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        by_block.setdefault(line.block, []).append(index)
    for number, block in enumerate(blocks):
        if number not in by_block:
            result.append(block)
            continue
        current = number
        for index in by_block[number]:
            table = in_table.get(index)
            if table is None:
                pending.append(lines[index].text)
                continue
            flush()
            if index == table[0]:
                result.extend(Block.row(cells) for cells in table[2])
        flush()
    return result


def role_header(role: str) -> str:
    """A header cell the table reader recognises for a column role."""
    return {
        "number": "Nr",
        "title": "Tiltak",
        "responsible": "Ansvar",
        "status": "Status",
        "period": "Frist",
        "narrative": "Kommentar",
    }[role]


def _header_run(lines: list[_Line], index: int) -> list[str] | None:
    """The column roles when a run of header cells starts at `index`."""
    roles: list[str] = []
    kind = lines[index].kind
    while index + len(roles) < len(lines) and lines[index + len(roles)].kind is kind:
        role = _header_role(lines[index + len(roles)].text)
        if role is None or role in roles:
            break
        roles.append(role)
    if len(roles) < 2 or not ({"title", "number"} & set(roles)):
        return None
    if not ({"responsible", "status", "period", "number"} & set(roles) - {"title"}):
        return None
    return roles


def _rows(
    lines: list[_Line], index: int, columns: list[str], registry: OrganisationRegistry
) -> tuple[list[list[str]], int]:
    """Rows of cells from `index` on, and where the table ends."""
    rows: list[list[str]] = []
    current: dict[int, str] = {}
    last = -1

    def flush() -> None:
        if current:
            rows.append([current.get(p, "") for p in range(len(columns))])

    kind = lines[index - 1].kind  # the header's: cells of one table are printed alike
    while index < len(lines):
        line = lines[index]
        text = line.text.strip(" |")
        if line.kind is not kind or line.kind is BlockKind.HEADING or not text:
            break
        position = _column_for(text, columns, last, registry)
        if position is None:
            break
        if position <= last:
            flush()
            current = {}
        if position in current:  # a cell that continues the previous one (a wrapped line)
            current[position] += " " + text
        else:
            current[position] = text
        last = position
        index += 1
    flush()
    return rows, index


def _column_for(
    text: str, columns: list[str], last: int, registry: OrganisationRegistry
) -> int | None:
    """The column a cell belongs to, judged by what it holds and where the row stands."""
    typed = (
        ("number", _NUMBER.match(text) is not None),
        ("status", looks_like_status(text)),
        ("responsible", _is_owner(text, registry)),
    )
    for role, fits in typed:
        if fits and role in columns:
            position = columns.index(role)
            # An owner or a status can also be the text of a later column ("Løpende" as period).
            if position > last or role == "number" or not _later_text_column(columns, last):
                return position
    if len(text) > MAX_CELL:
        return None
    for position in range(last + 1, len(columns)):
        if columns[position] in ("title", "narrative", "period"):
            return position
    # No text column left in this row: the text opens the next row (or continues a group).
    first_text = next(
        (p for p, role in enumerate(columns) if role in ("title", "narrative", "period")), None
    )
    return first_text


def _later_text_column(columns: list[str], last: int) -> bool:
    return any(role in ("title", "narrative", "period") for role in columns[last + 1 :])
