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
from collections.abc import Callable
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
        if not columns:
            # A PDF's text layer prints a row's cells on one line: "1 Styrke … JD Under arbeid".
            columns = _header_line(lines[index].text)
            rows, end = _run_on_rows(lines, index + 1, columns, registry) if columns else ([], 0)
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


def _header_line(text: str) -> list[str] | None:
    """Column roles when one line holds every header cell ("Nr Tiltak Ansvar Status")."""
    words = text.split()
    roles: list[str] = []
    position = 0
    while position < len(words):
        for size in (3, 2, 1):
            role = _header_role(" ".join(words[position : position + size]))
            if role and role not in roles:
                roles.append(role)
                position += size
                break
        else:
            return None
    if len(roles) < 3 or "title" not in roles or roles.count("title") != 1:
        return None
    return roles if {"number", "responsible", "status"} & set(roles) else None


_PERIOD_CELL = re.compile(r"(?:19|20)\d{2}(?:\s?[–-]\s?(?:19|20)?\d{2})?")
_LEADING_NUMBER = re.compile(r"^(\d{1,4}(?:\s?[a-z])?)\.?\s+(?=\S)")


def _run_on_rows(
    lines: list[_Line], index: int, columns: list[str], registry: OrganisationRegistry
) -> tuple[list[list[str]], int]:
    """Rows whose cells a PDF printed on one line: the typed cells are taken from both ends
    of the line (number first; owners, status and period where the header puts them), and what
    is left is the title. A line without a number continues the previous row's title."""
    title = columns.index("title")
    rows: list[list[str]] = []
    while index < len(lines) and lines[index].kind is not BlockKind.HEADING:
        words = lines[index].text.split()
        cells = [""] * len(columns)
        number = _LEADING_NUMBER.match(lines[index].text) if "number" in columns else None
        if number:
            cells[columns.index("number")] = number.group(1)
            words = lines[index].text[number.end() :].split()
        for position in range(len(columns) - 1, title, -1):
            words, cells[position] = _take(words, columns[position], registry, from_end=True)
        for position in range(title):
            if columns[position] != "number":
                words, cells[position] = _take(words, columns[position], registry, from_end=False)
        text = " ".join(words)
        cells[title] = text
        typed = any(cell for position, cell in enumerate(cells) if position != title)
        unnumbered_start = (
            "number" not in columns and typed and (not rows or _filled(rows[-1], cells, title))
        )
        if (number or unnumbered_start) and text:
            rows.append(cells)
        elif rows and text and len(text) < MAX_CELL and not _filled(rows[-1], cells, title):
            # The row wrapped onto this line: its title goes on, its empty cells fill.
            rows[-1] = [
                f"{old} {new}".strip() if position == title else (old or new)
                for position, (old, new) in enumerate(zip(rows[-1], cells, strict=True))
            ]
        else:
            break
        index += 1
    return rows, index


def _filled(row: list[str], cells: list[str], title: int) -> bool:
    """True when the line brings a typed cell the row already has: it is a row of its own."""
    return any(
        new and old
        for position, (old, new) in enumerate(zip(row, cells, strict=True))
        if position != title
    )


def _take(
    words: list[str], role: str, registry: OrganisationRegistry, *, from_end: bool
) -> tuple[list[str], str]:
    """The longest run of words at one end of a line that fills a typed column."""
    fits: Callable[[str], bool] | None = {
        "status": looks_like_status,
        "responsible": lambda text: _is_owner(text, registry),
        "period": lambda text: _PERIOD_CELL.fullmatch(text) is not None,
    }.get(role)
    if fits is None:
        return words, ""
    for size in range(min(len(words) - 1, 8), 0, -1):
        part = words[-size:] if from_end else words[:size]
        if fits(" ".join(part)):
            return (words[:-size] if from_end else words[size:]), " ".join(part)
    return words, ""


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
