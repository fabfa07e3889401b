"""List items typed as text: a line that starts with a bullet glyph or a dash.

The text reader reads lines so; the DOCX reader reads a paragraph's lines so where Word's list
numbering is absent (a user typed "• " or LibreOffice imported a text file).
"""

from __future__ import annotations

import re

# List markers as documents print them, Word's private-use bullet glyphs included.
_BULLET = re.compile(r"^\s*([-*•▪◦–·\uf0b7\uf0a7\uf0d8\uf076\uf0fc]|\\-)\s+(?=\S)")


def typed_item(line: str, previous: str = "") -> tuple[str, str] | None:
    """The marker and text of a line that opens a list item typed as text ("• …", "* …"),
    else None; `previous` is the line before it in the same paragraph, if any."""
    bullet = _BULLET.match(line)
    if bullet is None:
        return None
    if bullet.group(1) == "–":
        # A dash opens an item only where a line could end: "– Regjeringen vil …", not a
        # wrapped "– oppfølging og …" inside a sentence.
        previous = previous.rstrip()
        opens = not previous or previous.endswith((".", ":", ";", "!", "?"))
        if not (opens and line[bullet.end()].isupper()):
            return None
    return bullet.group(1).replace("\\-", "-"), line[bullet.end() :]
