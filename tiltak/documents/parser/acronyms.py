"""The organisations a document names: its acronym list and "Full name (ACR)" in its text."""

from __future__ import annotations

import re

from ..blocks import BlockKind
from ..normalise.organisations import OrganisationRegistry
from ..plaintext import markdown_to_text
from .units import Unit

_LIST_HEADING = re.compile(
    r"^(akronymer|akronym|forkortelser|forkortingar|forkortinger|forkortelsesliste)\s*:?$", re.I
)
_DEFINITION = re.compile(r"^([A-ZÆØÅ][\wÆØÅæøå&-]{1,11})\s*(?:[–—:=-]|\s{2,})\s*(.{3,200})$")
_IN_TEXT = re.compile(r"\(([A-ZÆØÅ][A-Za-zÆØÅæøå]{1,7})\)")
_ORGANISATION_WORD = re.compile(
    r"departement|direktorat|tilsyn|etat|sent(?:er|ret|eret)|institutt|ombud|rådet|kontor|"
    r"forvaltning|byrå|forening|organisasjon|universitet|høgskole|politi|kommune|"
    r"domstol|agency|centre|center|office|council",
    re.I,
)
_CONNECTORS = {"og", "for", "om", "i", "av", "til", "mot", "med", "på", "–", "-"}


def read_acronym_list(units: list[Unit], registry: OrganisationRegistry) -> set[int]:
    """Declares the acronym list's organisations; returns the indexes of the units it used."""
    used: set[int] = set()
    for start, unit in enumerate(units):
        if not _LIST_HEADING.match(unit.plain) or unit.kind is BlockKind.TABLE_ROW:
            continue
        used.add(start)
        for index in range(start + 1, len(units)):
            entry = units[index]
            if entry.kind is BlockKind.TABLE_ROW and len([c for c in entry.cells if c]) == 2:
                acronym, name = (cell for cell in entry.cells if cell)
            else:
                match = _DEFINITION.match(entry.plain)
                if not match or entry.plain.endswith((".", ":")):
                    break
                acronym, name = match.group(1), match.group(2)
            acronym = acronym.strip(" .:")
            if not re.fullmatch(r"[\wÆØÅæøå&-]{1,12}", acronym):
                break
            registry.declare(acronym, _plain(name))
            used.add(index)
        break
    return used


def read_names_in_text(units: list[Unit], registry: OrganisationRegistry) -> None:
    """Declares acronyms the text introduces as "Kulturdepartementet (KUD)"."""
    for unit in units:
        if "(" not in unit.text:
            continue
        for match in _IN_TEXT.finditer(unit.plain):
            acronym = match.group(1)
            if sum(char.isupper() for char in acronym) < 2 or acronym in registry.declared:
                continue
            name = _name_before(unit.plain[: match.start()])
            if (
                name
                and _ORGANISATION_WORD.search(name)
                and registry.by_name(name)
                in (
                    None,
                    acronym,
                )
            ):
                registry.declare(acronym, name)


def _name_before(text: str) -> str | None:
    """The capitalised name that ends where an acronym in parentheses begins."""
    words = text.rstrip().split(" ")
    name: list[str] = []
    for word in reversed(words[-10:]):
        if not word:
            break
        name.insert(0, word)
        if word[0].isupper():
            break
        if word.endswith((",", ".", ";", ":")) or (
            not word[0].isalpha() and word not in _CONNECTORS
        ):
            return None
    if not name or not name[0][0].isupper():
        return None
    candidate = " ".join(name).strip(" ,")
    return candidate if len(candidate) > 3 else None


def _plain(text: str) -> str:
    return " ".join(markdown_to_text(text, inline=True).split())
