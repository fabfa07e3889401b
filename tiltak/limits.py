"""Limits on input that enters through the web, the API and imports; one value for all three.

The document readers' own limits (file size, PDF pages, DOCX expansion) are in
`tiltak.documents.readers.limits`; the README's limits table lists both.
"""

from __future__ import annotations

MAX_NARRATIVE_CHARS = 20_000
"""Longest narrative of one measure in one round (the longest in the corpus is about 5 300)."""

MAX_XLSX_ROWS = 5_000
"""Most rows of an uploaded or imported XLSX sheet, header included."""
MAX_XLSX_COLUMNS = 32
"""Most columns read from an XLSX sheet; the exchange format has 14."""
MAX_XLSX_CELL_CHARS = MAX_NARRATIVE_CHARS
"""Longest text of one XLSX or CSV cell."""
MAX_XLSX_UNCOMPRESSED_BYTES = 100 * 2**20
"""Largest total uncompressed size of an XLSX archive (100 MiB): a zip bomb stops here."""


def narrative_problem(text: str) -> str | None:
    """Why a narrative cannot be stored (in Norwegian), or None when it can."""
    if len(text) <= MAX_NARRATIVE_CHARS:
        return None
    return f"Omtalen er {len(text):,} tegn lang; grensen er {MAX_NARRATIVE_CHARS:,} tegn.".replace(
        ",", "\u00a0"
    )
