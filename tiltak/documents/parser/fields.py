"""Labelled values anywhere inside a measure's text, and owners written into its title.

Documents put "Ansvarlig:", "Status:" and "Gjennomføring:" before the narrative, after it, glued
to the previous word ("…2016-2020.Gjennomføring: 2015-2020Ansvarlig: KMD"), alone on a line with
the value on the next ("Status" / "Pågående – i rute."), or stacked ("Ansvarlig:\\nGjennomføring:\\n
JD, AD\\n2014-2017"). One reader handles them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..normalise.organisations import OrganisationRegistry, parse_responsible
from ..normalise.status import normalise_status
from .units import Unit

_RESPONSIBLE = (
    r"Ansvarl[ie]ge?(?:\s+(?:departement(?:er|a|ene)?|instans(?:er)?|etat(?:er)?))?"
    r"|Hovedansvarl[ie]g|Hovudansvarl[ie]g|Hovedansvar|Hovudansvar|Ansvar|Departement(?:er|a)?"
)
_STATUS = r"Status"
_PERIOD = (
    r"Gjennomføring(?:speriode|stid|sår)?|Tidsperiode|Tidsplan|Tidsramme|Tidspunkt|Periode|Frist"
)
_NAMES = (("responsible", _RESPONSIBLE), ("status", _STATUS), ("period", _PERIOD))
_ANY = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _NAMES)
# A label inside running text starts with a capital and may be glued to what precedes it.
_INLINE = re.compile(rf"(?:{_ANY})\s*:\s*")
# At the start of a line any case goes, and status may be qualified ("Status per juni 2026:").
_LEADING = re.compile(
    rf"^(?:\*\*)?(?:{_ANY})(?(status)(?:\s+[\wæøå.]+){{0,3}})\s*:(?:\*\*)?\s*", re.I
)
# A label alone on its line; its value is the next line.
_ALONE = re.compile(rf"^(?:\*\*)?(?:{_ANY})\s*:?(?:\*\*)?$", re.I)
# Sub-headings inside a measure that carry no value of their own.
_SECTION = re.compile(
    r"^(?:\*\*)?(?:tiltak|beskrivelse|beskriving|omtale|kommentar|rapportering|"
    r"tiltaksbeskrivelse)\s*:?(?:\*\*)?$",
    re.I,
)
# A value longer than this after a bare "Status:" is narrative, not a label.
MAX_LABEL_VALUE = 40
_PROSE_STATUS = re.compile(
    r"\b(?:tiltaket|arbeidet|prosjektet|oppdraget)\s+(?:er|anses\s+som|ansees\s+som|regnes\s+som|vurderes\s+som|blir\s+sett\s+på\s+"
    r"som|er\s+no|er\s+nå)\s+(?P<label>(?:ikke\s+|ikkje\s+)?[a-zæøå]+)",
    re.I,
)
_STATUS_SENTENCE = re.compile(r"^(?P<label>[A-ZÆØÅ][\wæøå /]{2,30}?)(?:\s+[–—-]\s+[^.]{0,60})?\.?$")
_TRANSFERRED = re.compile(
    r"ansvar(?:et)?\s+for\s+tiltaket\s+er\s+(?:overført|overført)\s+fra\s+(?P<old>.+?)\s+til\s+"
    r"(?P<new>[^.,;]+)",
    re.I,
)


@dataclass(slots=True)
class Fields:
    labels: dict[str, str] = field(default_factory=dict)
    narrative: list[Unit] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    """(code, message) for what the field step inferred rather than read."""


def _split_labels(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first label, and (name, value) for each label after it."""
    leading = _LEADING.match(text)
    matches = list(_INLINE.finditer(text, leading.end() if leading else 0))
    matches = [m for m in matches if m.group(0)[0].isupper()]
    if not leading and not matches:
        return text, []
    spans: list[tuple[str, int, int]] = []
    if leading:
        spans.append((leading.lastgroup or "", leading.start(), leading.end()))
    spans.extend((m.lastgroup or "", m.start(), m.end()) for m in matches)
    before = text[: spans[0][1]].strip()
    values = []
    for position, (name, _, end) in enumerate(spans):
        stop = spans[position + 1][1] if position + 1 < len(spans) else len(text)
        values.append((name, text[end:stop].strip().rstrip(".").strip()))
    return before, values


def read_fields(units: list[Unit]) -> Fields:
    """Labels and narrative of the units of one measure."""
    fields = Fields()
    pending: list[str] = []
    for unit in units:
        text = unit.plain
        alone = _ALONE.match(text)
        if alone:
            pending.append(alone.lastgroup or "")
            continue
        if _SECTION.match(text):
            continue
        if pending:
            name = pending.pop(0)
            sentences = len(text) > MAX_LABEL_VALUE or ". " in text
            if name == "status" and sentences and not normalise_status(text):
                # "STATUS:" followed by the narrative: the status, if any, is in its prose.
                fields.narrative.append(unit)
                continue
            fields.labels.setdefault(name, text.rstrip(".").strip())
            continue
        before, values = _split_labels(text)
        if before:
            fields.narrative.append(
                unit if not values else replace(unit, text=before, plain=before)
            )
        for name, value in values:
            if value:
                fields.labels.setdefault(name, value)
            else:
                pending.append(name)
    if "status" not in fields.labels:
        _status_from_prose(fields)
    if "responsible" not in fields.labels:
        for unit in fields.narrative:
            moved = _TRANSFERRED.search(unit.plain)
            if moved:
                fields.labels["responsible"] = moved.group("new").strip()
                fields.notes.append(
                    ("responsible-transferred", f"ansvaret er overført fra {moved.group('old')}")
                )
                break
    return fields


def _status_from_prose(fields: Fields) -> None:
    """A status stated in a sentence ("Tiltaket anses som gjennomført") or a short line."""
    for unit in fields.narrative:
        sentence = _STATUS_SENTENCE.match(unit.plain)
        if sentence and normalise_status(sentence.group("label")):
            fields.labels["status"] = unit.plain.rstrip(".")
            fields.narrative.remove(unit)
            return
        stated = _PROSE_STATUS.search(unit.plain)
        if stated and normalise_status(stated.group("label")):
            fields.labels["status"] = stated.group("label")
            fields.notes.append(("status-from-prose", f"status lest fra teksten: «{unit.plain}»"))
            return


# "(HOD og JD)", "(Kulturdepartementet m.fl.)", "(JD koordinerer)", an unclosed "(KD".
_TRAILING_PARENTHESIS = re.compile(r"^(?P<title>.*?\S)\s*\((?P<owners>[^()]{1,160})\)?[^\w(«»]*$")
_OWNER_NOISE = re.compile(
    r"\b(?:m\.\s?fl\.?|mfl\.?|med flere|koordinerer|koordinator|leder|ledar|hovedansvar|"
    r"hovudansvar|i samarbeid med|i samarbeid)\b",
    re.I,
)


def trailing_owners(title: str, registry: OrganisationRegistry) -> tuple[str, str | None]:
    """The title without a trailing parenthesis that only names owners, and those owners."""
    match = _TRAILING_PARENTHESIS.match(title)
    if not match:
        return title, None
    owners = _OWNER_NOISE.sub(",", match.group("owners")).strip(" ,")
    parsed = parse_responsible(owners, registry)
    if parsed.unknown or not (parsed.acronyms or parsed.all):
        return title, None
    return match.group("title"), owners


# "Kommunal- og moderniseringsdepartementet har ansvaret for flere aktiviteter …"
_INTRO_OWNER = re.compile(
    r"(?:^|[.!?]\s+)(?P<owner>[A-ZÆØÅ][\wæøå ,-]{2,90}?(?:departementet|direktoratet))\s+"
    r"(?:har|fikk|får|skal ha)\s+(?:hoved)?ansvar(?:et)?\b",
)


def owner_from_introduction(
    units: list[Unit], registry: OrganisationRegistry
) -> tuple[str, str] | None:
    """(owner, sentence) when the text before the measures gives all of them one owner."""
    for unit in units:
        match = _INTRO_OWNER.search(unit.plain)
        if match and not parse_responsible(match.group("owner"), registry).unknown:
            return match.group("owner"), unit.plain
    return None
