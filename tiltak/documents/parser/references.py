"""References from a narrative to other measures: "Se også tiltak 7", "tiltak 6 og 59"."""

from __future__ import annotations

import re

from .patterns import REFERENCE, REQUEST_REFERENCE
from .units import strip_markup

PLAN_KINDS = ("opptrappingsplan", "handlingsplan", "strategi")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"(*\[-])|\n+")
_PLAN_WORD = re.compile(
    r"\b(regjeringens\s+(?:nye\s+)?)?(handlingsplan|strategi|opptrappingsplan)(en)?\b", re.I
)


def sentences(text: str) -> list[str]:
    """The text split into sentences and lines (list items are sentences of their own)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def other_plan(sentence: str, kind: str | None) -> str | None:
    """The other plan a sentence names ("handlingsplanen"), if it names one by kind."""
    for match in _PLAN_WORD.finditer(sentence):
        specific = match.group(1) or match.group(3)
        if specific and match.group(2).casefold() != kind:
            return match.group(0)
    return None


def numbers_mentioned(sentence: str) -> list[str]:
    """The measure and request numbers a sentence mentions, in order, without repeats."""
    found: list[str] = []
    for pattern in (REFERENCE, REQUEST_REFERENCE):
        for match in pattern.finditer(sentence):
            for number in re.split(r"\s*,\s*|\s+og\s+|\s+eller\s+", match.group(1)):
                number = " ".join(number.split())
                if number and number not in found:
                    found.append(number)
    return found


def references_in(
    narrative: str, own_number: str | None = None, kind: str | None = None
) -> list[str]:
    """Numbers of this plan's measures and requests a narrative refers to.

    A sentence that names another plan ("tiltak 3 i handlingsplanen …") refers to that plan's
    measures, not this one's, so its numbers are left out; `kind` is this plan's own kind.
    """
    found: list[str] = []
    for raw in sentences(narrative):
        sentence = strip_markup(raw)
        if "tiltak" not in sentence.casefold() and "vedtak" not in sentence.casefold():
            continue
        if other_plan(sentence, kind):
            continue
        for number in numbers_mentioned(sentence):
            if number != own_number and number not in found:
                found.append(number)
    return found
