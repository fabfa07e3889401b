"""Numbered lists of measures without labels, as plans and strategies print them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..blocks import BlockKind
from ..normalise.organisations import OrganisationRegistry, parse_responsible
from .patterns import MEASURE_LINE, OVERVIEW_HEADING, label_of
from .units import Unit

_NOT_A_GROUP = re.compile(
    r"^(tiltak|tiltaka|regjeringen vil|regjeringa vil|tiltak \d{4}.*|oversikt.*|innhold|"
    r"forord|innledning)$",
    re.I,
)
_TRAILING_OWNERS = re.compile(r"^(.*[.!?»)])\s+([A-ZÆØÅ][\wÆØÅæøå ,/()]*)$")


@dataclass(slots=True)
class ListedMeasure:
    number: str
    title: str
    group: str | None
    responsible_raw: str | None = None


@dataclass(slots=True)
class Listing:
    items: list[ListedMeasure] = field(default_factory=list)
    is_overview: bool = False


def read_listings(units: list[Unit], registry: OrganisationRegistry) -> list[Listing]:
    """Runs of numbered items, each with the group title printed above it."""
    listings: list[Listing] = []
    current: Listing | None = None
    group: str | None = None
    in_overview = False
    last_number = 0
    for unit in units:
        if unit.kind is BlockKind.TABLE_ROW:
            continue
        text = unit.plain
        if OVERVIEW_HEADING.match(text) and unit.kind is not BlockKind.LIST_ITEM:
            in_overview, current = True, None
            continue
        match = MEASURE_LINE.match(text)
        if match and not label_of(text):
            number = int(re.sub(r"\D", "", match.group(1)) or 0)
            if current is None or (number <= last_number and number == 1):
                current = Listing(is_overview=in_overview)
                listings.append(current)
            title, owners = _split_owners(match.group(2), registry)
            current.items.append(ListedMeasure(match.group(1), title, group, owners))
            last_number = number
            continue
        if current is not None and current.items and _is_owners(text, registry):
            if current.items[-1].responsible_raw is None:
                current.items[-1].responsible_raw = text
            continue
        stripped = text.strip(" _:")
        if stripped and len(stripped) < 110 and not stripped.endswith((".", ",")):
            if not _NOT_A_GROUP.match(stripped) and unit.kind is not BlockKind.LIST_ITEM:
                group = stripped
        elif len(text) > 160:
            current = None  # running prose ends a listing
    return [listing for listing in listings if len(listing.items) >= 2]


def _is_owners(text: str, registry: OrganisationRegistry) -> bool:
    parsed = parse_responsible(text, registry)
    return len(text) < 60 and not parsed.unknown and (bool(parsed.acronyms) or parsed.all)


def _split_owners(text: str, registry: OrganisationRegistry) -> tuple[str, str | None]:
    """ "Fornye medlemskap i WePROTECT Global Alliance. JD" → the title and "JD"."""
    match = _TRAILING_OWNERS.match(text)
    if match and _is_owners(match.group(2), registry):
        return match.group(1), match.group(2)
    return text, None
