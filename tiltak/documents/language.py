"""Which written Norwegian a text is in: bokmål or nynorsk, by counting words only one uses."""

from __future__ import annotations

import re
from typing import Literal

PlanLanguage = Literal["nb", "nn"]
PLAN_LANGUAGES: tuple[PlanLanguage, ...] = ("nb", "nn")

# Common words that differ between the two (and the status words reports use); a word both
# write alike («og», «tiltak») says nothing.
_NYNORSK = re.compile(
    r"\b(ikkje|eit|frå|kva|korleis|vere|berre|dei|mykje|òg|heile|kvart|saman|byrja|løpande)\b",
    re.I,
)
_BOKMAL = re.compile(
    r"\b(ikke|et|fra|hva|hvordan|være|bare|de|mye|også|hele|hvert|sammen|påbegynt|løpende)\b",
    re.I,
)


def detect_language(text: str) -> PlanLanguage:
    """«nn» when the text has more nynorsk than bokmål marker words, else «nb»."""
    return "nn" if len(_NYNORSK.findall(text)) > len(_BOKMAL.findall(text)) else "nb"


def as_plan_language(value: str | None) -> PlanLanguage:
    """A stored language as a `PlanLanguage`; anything else is bokmål."""
    return "nn" if value == "nn" else "nb"
