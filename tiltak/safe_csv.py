"""CSV that is safe to open in a spreadsheet: no cell is run as a formula (OWASP CSV injection).

A cell that begins with =, +, -, @, a tab or a carriage return gets a single quote in front, so
Excel, LibreOffice and Google Sheets show it as text. A cell that begins with a quote that
`restore` would remove gets one more, so `restore(neutralise(text)) == text` for every text and
CSV files Tiltak wrote import again unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_QUOTED_STARTS = (*FORMULA_STARTS, QUOTE)


def neutralise(value: str) -> str:
    """The cell as text a spreadsheet will not evaluate: a quote in front when needed."""
    first, second = value[:1], value[1:2]
    if first in FORMULA_STARTS or (first == QUOTE and second in _QUOTED_STARTS):
        return QUOTE + value
    return value


def restore(value: str) -> str:
    """The text `neutralise` was given: the quote it added taken off again."""
    if value[:1] == QUOTE and value[1:2] in _QUOTED_STARTS:
        return value[1:]
    return value


def spreadsheet_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """RFC 4180 CSV in UTF-8 with a byte order mark (so Excel reads it as UTF-8), every cell
    neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
