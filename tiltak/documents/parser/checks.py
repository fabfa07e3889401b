"""Findings: where the document disagrees with itself or leaves a doubt."""

from __future__ import annotations

import difflib
import re

from ..model import Finding, Measure, Organisation, OverviewRow, Severity
from ..normalise.lexicon import norwegian_lexicon
from ..normalise.organisations import OrganisationRegistry, parse_responsible
from ..normalise.status import normalise_status
from .listings import Listing
from .units import Unit, comparable, strip_markup


def word_diff(first: str, second: str) -> str:
    """The words that differ, as "−removed +added" pairs."""
    a, b = _words(first), _words(second)
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed, added = " ".join(a[i1:i2]), " ".join(b[j1:j2])
            changes.append(f"«{removed}» → «{added}»")
    return "; ".join(changes)


def _words(text: str) -> list[str]:
    return [word.strip(";,") for word in text.split() if word not in ("-", "–", "•")]


def compare_overview(
    measures: list[Measure],
    overview: list[OverviewRow],
    registry: OrganisationRegistry,
    findings: list[Finding],
) -> None:
    """Body against overview table: the body wins, every disagreement is a finding."""
    rows = {row.number: row for row in overview}
    for measure in measures:
        row = rows.get(measure.number)
        number = measure.number
        if row is None:
            findings.append(
                Finding(
                    "overview-missing",
                    Severity.WARNING,
                    number,
                    f"tiltak {number} står i teksten, men ikke i oversiktstabellen",
                )
            )
            continue
        _compare_title(number, measure.title, strip_markup(row.title), findings)
        if row.responsible_raw is not None:
            parsed = parse_responsible(row.responsible_raw, registry)
            if (parsed.acronyms, parsed.all) != (measure.responsible, measure.responsible_all):
                findings.append(
                    Finding(
                        "overview-responsible-mismatch",
                        Severity.ERROR,
                        number,
                        f"tiltak {number}: ansvarlig er «{measure.responsible_raw}» i teksten, "
                        f"men «{row.responsible_raw}» i oversiktstabellen",
                        {"body": measure.responsible_raw or "", "overview": row.responsible_raw},
                    )
                )
        if row.status_label is not None and measure.status_label is not None:
            overview_status = normalise_status(row.status_label)
            if overview_status != measure.status:
                findings.append(
                    Finding(
                        "overview-status-mismatch",
                        Severity.ERROR,
                        number,
                        f"tiltak {number}: status er «{measure.status_label}» i teksten, "
                        f"men «{row.status_label}» i oversiktstabellen",
                        {"body": measure.status_label, "overview": row.status_label},
                    )
                )
    numbers = {measure.number for measure in measures}
    for row in overview:
        if row.number not in numbers:
            findings.append(
                Finding(
                    "body-missing",
                    Severity.WARNING,
                    row.number,
                    f"tiltak {row.number} står i oversiktstabellen, men har ingen omtale i teksten",
                    {"overview": row.title},
                )
            )


def _compare_title(number: str, body: str, other: str, findings: list[Finding]) -> None:
    if " ".join(body.split()) == " ".join(other.split()):
        return
    same_words = comparable(body) == comparable(other)
    findings.append(
        Finding(
            "overview-title-format" if same_words else "overview-title-mismatch",
            Severity.INFO if same_words else Severity.WARNING,
            number,
            f"tiltak {number}: tittelen er skrevet ulikt i teksten og i oversiktstabellen"
            + ("" if same_words else f" ({word_diff(body, other)})"),
            {"body": body, "overview": other},
        )
    )


def compare_listings(
    listings: list[Listing], measures: list[Measure], findings: list[Finding]
) -> None:
    """A measure listed several times with different wording."""
    chosen = {measure.number: measure.title for measure in measures}
    for listing in listings:
        for item in listing.items:
            title = chosen.get(item.number)
            if title and comparable(title) != comparable(item.title):
                findings.append(
                    Finding(
                        "listing-title-mismatch",
                        Severity.WARNING,
                        item.number,
                        f"tiltak {item.number}: tittelen er skrevet ulikt i ulike lister "
                        f"({word_diff(title, item.title)})",
                        {"chosen": title, "other": item.title},
                    )
                )


def cleanest_title(titles: list[str]) -> str:
    """The title with the fewest words a Norwegian dictionary does not know; the first wins ties."""
    lexicon = norwegian_lexicon()

    def unknown_words(title: str) -> int:
        words = re.findall(r"[A-Za-zÆØÅæøå]+", title)
        return sum(
            1 for word in words if not word.isupper() and not lexicon.is_compound(word.lower())
        )

    return min(titles, key=unknown_words)


def check_numbers(measures: list[Measure], findings: list[Finding]) -> None:
    """Duplicate numbers, and gaps in the numbering of measures."""
    seen: set[str] = set()
    for measure in measures:
        if measure.number in seen:
            findings.append(
                Finding(
                    "duplicate-number",
                    Severity.ERROR,
                    measure.number,
                    f"nummer {measure.number} er brukt av flere tiltak",
                )
            )
        seen.add(measure.number)
    numbers = sorted(
        {int(m.number) for m in measures if m.kind == "measure" and m.number.isdigit()}
    )
    if numbers:
        for missing in sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers)):
            findings.append(
                Finding(
                    "missing-number",
                    Severity.WARNING,
                    str(missing),
                    f"tiltak {missing} mangler: nummereringen hopper over det",
                )
            )


def check_references(measures: list[Measure], findings: list[Finding]) -> None:
    numbers = {measure.number for measure in measures}
    for measure in measures:
        for reference in measure.references:
            if reference not in numbers:
                findings.append(
                    Finding(
                        "unknown-reference",
                        Severity.WARNING,
                        measure.number,
                        f"tiltak {measure.number} viser til tiltak {reference}, som ikke finnes",
                        {"reference": reference},
                    )
                )


def check_truncation(measures: list[Measure], units: list[Unit], findings: list[Finding]) -> None:
    """A document that ends inside a measure: labels missing where the others have them."""
    if not measures:
        return
    last, others = measures[-1], measures[:-1]
    missing_labels = any(
        sum(1 for m in others if getattr(m, field)) > len(others) / 2 and not getattr(last, field)
        for field in ("status_label", "responsible_raw")
    )
    ends_open = bool(units) and not re.search(r"[.!?:»)”\"*\]]$|\d$", units[-1].plain)
    if missing_labels or (ends_open and last.narrative):
        findings.append(
            Finding(
                "document-truncated",
                Severity.ERROR,
                last.number,
                f"dokumentet ser ut til å slutte midt i tiltak {last.number}",
                {"last_text": units[-1].plain[-120:] if units else ""},
            )
        )


def organisations_used(
    measures: list[Measure], registry: OrganisationRegistry, findings: list[Finding]
) -> list[Organisation]:
    """The document's acronym list and every responsible organisation, each with its name."""
    acronyms = list(registry.declared)
    for measure in measures:
        acronyms.extend(a for a in measure.responsible if a not in acronyms)
    organisations = []
    for acronym in acronyms:
        organisation = registry.resolve(acronym)
        if organisation is None:
            organisation = Organisation(acronym, acronym)
        organisations.append(organisation)
    return organisations
