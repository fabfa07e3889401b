"""Every plausible start of a measure, from every cue a document may use.

A *candidate* is a unit that could open a measure: a number ("12.", "12)"), a "Tiltak N:" label,
a code ("BA1", "PU 1"), a letter sub-item ("a)"), a Storting request ("611 Stortinget ber …") or a
list item. Nothing is decided here; `selection` chooses the consistent sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..blocks import BlockKind
from .patterns import REQUEST_LINE
from .units import Unit

# A code is one to four capitals and a number ("BA1", "PU 1", "T3"), or a number and a letter.
CODE = r"[A-ZÆØÅ]{1,4}\s?\d{1,3}[a-z]?"
NUMBER = r"\d{1,3}(?:\s?[a-z](?![\wæøå]))?"
_OPEN = r"(?:\*\*)?"
_TILTAK = re.compile(
    rf"^{_OPEN}(?:tiltak|tiltaket)\s+(?:nr\.?\s*)?({NUMBER}|{CODE})(?:\*\*)?"
    rf"(?:\s*[:.–-]\s*|\s+|$)(?:\*\*)?(.*)$",
    re.I,
)
_NUMBERED = re.compile(rf"^{_OPEN}({NUMBER})([.)])(?:\*\*)?\s+(?:\*\*)?(\S.*)$")
_LETTER = re.compile(r"^(?:\*\*)?\(?([a-h])\)(?:\*\*)?\s+(\S.*)$")
_CODED = re.compile(rf"^{_OPEN}({CODE})(?:\*\*)?\s*[.:)]?\s+(?:\*\*)?(\S.*)$")
# A title starts with a capital, a digit or a quote; "8. mars" is a date, not item 8.
_TITLE_START = re.compile(r"^[\W_]*[A-ZÆØÅ0-9«\"“]")
# Items run together on one layout line: "3. Råd … (KMD) 4. Endringer …".
_RUN_ON = re.compile(r"(?<=[)\].!?»”])\s+(\d{1,3})\.\s+(?=[A-ZÆØÅ«])")


@dataclass(frozen=True, slots=True)
class Candidate:
    index: int
    """Index of the unit that opens the measure."""
    number: str | None
    """As printed ("12", "BA1", "PU 1", "29a"); None for list items without a number."""
    family: str
    """The marker style: "tiltak", "dot", "paren", "letter", "code", "request" or "item:<glyph>"."""
    title: str
    """Text after the marker on the same line; empty when the title is on the next line."""

    @property
    def key(self) -> tuple[int, str]:
        """The number as something to order by: (123, "a")."""
        if self.number is None:
            return (0, "")
        digits = re.search(r"\d+", self.number)
        letter = re.search(r"(?<=\d)\s?([a-z])$", self.number)
        return (int(digits.group(0)) if digits else 0, letter.group(1) if letter else "")

    @property
    def prefix(self) -> str:
        """The letters of a code ("BA" of "BA1"), so that "BA" and "PU" are separate series."""
        if self.number is None:
            return ""
        return re.sub(r"[\d\s].*$", "", self.number).upper()


def split_run_on(units: list[Unit]) -> list[Unit]:
    """Numbered items that a PDF printed on one line become one unit each."""
    result: list[Unit] = []
    for unit in units:
        first = _NUMBERED.match(unit.plain)
        if unit.kind is BlockKind.TABLE_ROW or not first or first.group(2) != ".":
            result.append(unit)
            continue
        expected = _number(first.group(1)) + 1
        pieces, start = [], 0
        for match in _RUN_ON.finditer(unit.plain):
            if int(match.group(1)) == expected:
                pieces.append(unit.plain[start : match.start()].strip())
                start = match.start() + 1
                expected += 1
        if not pieces:
            result.append(unit)
            continue
        pieces.append(unit.plain[start:].strip())
        result.extend(replace(unit, text=piece, plain=piece) for piece in pieces)
    return result


def _number(text: str) -> int:
    digits = re.match(r"\d+", text)
    return int(digits.group(0)) if digits else 0


def candidate_at(units: list[Unit], index: int) -> Candidate | None:
    """The candidate the unit at `index` makes, if any."""
    unit = units[index]
    if unit.kind is BlockKind.TABLE_ROW:
        return None
    text = unit.text
    plain = unit.plain
    if index > 0 and units[index - 1].block == unit.block and unit.kind is BlockKind.LIST_ITEM:
        return None  # the second line of a list item
    request = REQUEST_LINE.match(text)
    if request:
        return Candidate(index, request.group(1), "request", request.group(2))
    labelled = _TILTAK.match(plain)
    if labelled and (labelled.group(2) == "" or _TITLE_START.match(labelled.group(2))):
        number = " ".join(labelled.group(1).split())
        return Candidate(index, number, "tiltak", labelled.group(2).strip())
    numbered = _NUMBERED.match(plain)
    if numbered and _TITLE_START.match(numbered.group(3)):
        family = "dot" if numbered.group(2) == "." else "paren"
        return Candidate(index, numbered.group(1).replace(" ", ""), family, numbered.group(3))
    letter = _LETTER.match(plain)
    if letter:
        return Candidate(index, letter.group(1), "letter", letter.group(2))
    coded = _CODED.match(plain)
    if coded and _TITLE_START.match(coded.group(2)) and not coded.group(1).isdigit():
        return Candidate(index, coded.group(1), "code", coded.group(2))
    if unit.kind is BlockKind.LIST_ITEM:
        return Candidate(index, None, f"item:{unit.marker or ''}", plain)
    return None


def candidates(units: list[Unit]) -> list[Candidate]:
    """Every candidate of the document, in order."""
    found = (candidate_at(units, index) for index in range(len(units)))
    return [candidate for candidate in found if candidate is not None]
