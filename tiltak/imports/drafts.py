"""A parsed document as JSON and back, validated on the way in, and the rows the review shows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from tiltak.documents import Finding, Measure, PlanDocument

MAX_DRAFT_BYTES = 8 * 1024 * 1024
SOURCE_CHARS = 240  # how much of a measure's narrative the review shows as its source text


class DraftInvalid(Exception):
    """The stored parse is not a valid document (too large, or damaged)."""


@cache
def _adapter() -> TypeAdapter[PlanDocument]:
    return TypeAdapter(PlanDocument)


def document_to_json(document: PlanDocument) -> Any:
    """The document as JSON values; DraftInvalid if it is larger than MAX_DRAFT_BYTES."""
    data = _adapter().dump_python(document, mode="json")
    size = len(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    if size > MAX_DRAFT_BYTES:
        raise DraftInvalid(
            f"Det som ble lest er for stort til å gjennomgås i nettleseren "
            f"({size // (1024 * 1024)} MB). Del dokumentet, eller importer det med "
            "kommandolinjen (tiltak import)."
        )
    return data


def document_from_json(data: Any) -> PlanDocument:
    """The document again, every field checked against the model's types."""
    try:
        return _adapter().validate_python(data)
    except ValidationError as error:
        raise DraftInvalid(f"Importen er skadet ({error.error_count()} feil).") from None


def responsible_text(measure: Measure) -> str:
    """Acronyms as the review table shows them, "alle" last when every ministry is."""
    return ", ".join(
        [*measure.responsible, "alle"] if measure.responsible_all else measure.responsible
    )


def parse_responsible(text: str) -> tuple[list[str], bool]:
    """(acronyms, responsible_all) from "JD, HOD" or "alle"; blanks and duplicates dropped."""
    acronyms: dict[str, None] = {}
    everyone = False
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if part.lower() in ("alle", "alle departementer"):
            everyone = True
        elif part:
            acronyms.setdefault(part, None)
    return list(acronyms), everyone


@dataclass(slots=True)
class ReviewRow:
    """One measure as the review table shows it: the values read, its findings, its source."""

    index: int
    measure: Measure
    findings: list[Finding] = field(default_factory=list)
    source: str = ""


def review_rows(document: PlanDocument) -> list[ReviewRow]:
    """Every measure with the parser's findings about it and a short piece of its source text."""
    by_number: dict[str, list[Finding]] = {}
    for finding in document.findings:
        if finding.measure:
            by_number.setdefault(finding.measure, []).append(finding)
    rows = []
    for index, measure in enumerate(document.measures):
        findings = by_number.get(measure.number, [])
        rows.append(ReviewRow(index, measure, findings, _source(measure, findings)))
    return rows


def general_findings(document: PlanDocument) -> list[Finding]:
    """The findings about the document as a whole, or about no measure it has."""
    numbers = {m.number for m in document.measures}
    return [f for f in document.findings if not f.measure or f.measure not in numbers]


def _source(measure: Measure, findings: list[Finding]) -> str:
    """The start of the measure's narrative, else the text a finding quotes as its evidence."""
    text = " ".join(measure.narrative.split())
    if not text:
        quoted = [str(v) for f in findings for v in f.evidence.values() if str(v).strip()]
        text = " ".join(" ".join(quoted).split())
    if len(text) <= SOURCE_CHARS:
        return text
    return text[:SOURCE_CHARS].rsplit(" ", 1)[0] + " …"
