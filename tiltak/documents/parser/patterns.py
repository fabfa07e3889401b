"""The shapes of text the parser recognises, in bokmål and nynorsk."""

from __future__ import annotations

import re

NUMBER = r"\d{1,4}(?:\s?[a-z])?"
MEASURE_LINE = re.compile(rf"^(?:\*\*)?(?:tiltak\s+)?({NUMBER})[.)]\s+(?:\*\*)?(\S.*)$", re.I)
REQUEST_LINE = re.compile(
    r"^(?:\*\*)?(?:(?:anmodnings)?vedtak\s+(?:nr\.?\s*)?)?(\d{3,4})[.:]?\s+(?:\*\*)?"
    r"((?:Stortinget|Stortingen)\b.*)$",
    re.I,
)
LABELLED_MEASURE = re.compile(
    rf"^(?:tiltak|tiltaket)\s+(?:nr\.?\s*)?({NUMBER})\s*[:.–-]\s+(.+)$", re.I
)
CHAPTER_LINE = re.compile(r"^(\d{1,2})\s+([A-ZÆØÅ][^\t]{2,90})$")
RESPONSIBLE_LABEL = re.compile(
    r"^(?:ansvarl[ie]ge?(?:\s+(?:departement(?:er|a|ene)?|instans(?:er)?|etat(?:er)?))?"
    r"|ansvar|departement(?:er|a)?|hovudansvar|hovedansvar)\s*:\s*(.*)$",
    re.I,
)
STATUS_LABEL = re.compile(r"^status(?:\s+[\w. ]{1,25})?\s*:\s*(.*)$", re.I)
PERIOD_LABEL = re.compile(
    r"^(?:gjennomføring(?:speriode|stid)?|periode|tidsperiode|tidsplan|tidsramme|tidspunkt|"
    r"gjennomføringsår)\s*:\s*(.*)$",
    re.I,
)
LABELS = (("responsible", RESPONSIBLE_LABEL), ("status", STATUS_LABEL), ("period", PERIOD_LABEL))
OVERVIEW_HEADING = re.compile(
    r"^(?:\d+\.?\s+)?(?:oversikt|tabell|samla oversikt|samlet oversikt)\b.*\btiltak", re.I
)
REFERENCE = re.compile(
    r"\btiltak(?:ene|a)?\s+(?:nr\.?\s*)?(\d{1,3}(?!\d)(?:[a-h]\b|\s[a-h](?=[,.;:)]|$))?"
    r"(?:(?:\s*,\s*|\s+og\s+|\s+eller\s+)\d{1,3}(?!\d))*)",
    re.I,
)
REQUEST_REFERENCE = re.compile(
    r"\b(?:anmodnings)?vedtak(?:et)?\s+(?:nr\.?\s*)?(\d{3,4}(?:(?:\s*,\s*|\s+og\s+)\d{3,4})*)\b",
    re.I,
)


def label_of(text: str) -> tuple[str, str] | None:
    """("responsible" | "status" | "period", value) when `text` is a label line."""
    for name, pattern in LABELS:
        match = pattern.match(text)
        if match:
            return name, match.group(1).strip()
    return None
