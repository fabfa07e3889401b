"""Slugs, plan kinds and periods derived from titles."""

from __future__ import annotations

import re

from django.utils.text import slugify

_NORWEGIAN = str.maketrans({"æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "å": "a", "Å": "a"})
_PERIOD = re.compile(r"\(?\s*((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)\d{2})\s*\)?")
_FUNCTION_WORDS = frozenset(
    [
        "og",
        "i",
        "om",
        "av",
        "for",
        "til",
        "med",
        "mot",
        "pa",
        "fra",
        "ved",
        "eller",
        "som",
        "en",
        "et",
        "den",
        "det",
        "de",
        "samt",
    ]
)
PLAN_SLUG_WORDS = 5
_KINDS = (
    ("opptrappingsplan", "opptrappingsplan"),
    ("handlingsplan", "handlingsplan"),
    ("strategi", "strategi"),
)


def slugify_nb(text: str) -> str:
    """A URL slug with the Norwegian letters spelt out: æ→ae, ø→o, å→a."""
    return slugify(text.translate(_NORWEGIAN))


def period_from_title(title: str) -> tuple[int, int] | None:
    """The period "(2024–2028)" a title ends with or contains, if any."""
    match = _PERIOD.search(title)
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    return (start, end) if end >= start else None


def plan_slug(title: str, period: tuple[int, int] | None = None) -> str:
    """The plan's slug: five title words, trailing function words dropped, then the period.

    "Opptrappingsplan mot vold og overgrep mot barn … (2024–2028)" gives
    "opptrappingsplan-mot-vold-og-overgrep-2024-2028".
    """
    period = period or period_from_title(title)
    words = slugify_nb(_PERIOD.sub(" ", title)).split("-")[:PLAN_SLUG_WORDS]
    while len(words) > 1 and words[-1] in _FUNCTION_WORDS:
        words.pop()
    if period:
        words += [str(period[0]), str(period[1])]
    return "-".join(w for w in words if w)[:100] or "plan"


def round_slug(title: str) -> str:
    """The round's slug: its whole title slugified, e.g. "status-varen-2026"."""
    return slugify_nb(title)[:100] or "runde"


def plan_kind_from_title(title: str) -> str:
    """The plan kind named earliest in the title (opptrappingsplan, handlingsplan, strategi)."""
    lowered = title.lower()
    found = [(lowered.find(word), kind) for word, kind in _KINDS if word in lowered]
    return min(found)[1] if found else "other"
