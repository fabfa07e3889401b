"""References from a narrative to other measures: "Se også tiltak 7", "tiltak 6 og 59"."""

from __future__ import annotations

import re

from .patterns import REFERENCE, REQUEST_REFERENCE
from .units import strip_markup


def references_in(narrative: str, own_number: str | None = None) -> list[str]:
    """Numbers of the measures and requests a narrative refers to, in order, without repeats."""
    text = strip_markup(narrative)
    found: list[str] = []
    for pattern in (REFERENCE, REQUEST_REFERENCE):
        for match in pattern.finditer(text):
            for number in re.split(r"\s*,\s*|\s+og\s+|\s+eller\s+", match.group(1)):
                number = " ".join(number.split())
                if number and number != own_number and number not in found:
                    found.append(number)
    return found
