"""Findings: where the document disagrees with itself or leaves a doubt.

The comparisons are the rules of `tiltak.documents.checks`, so `tiltak parse` and
`tiltak check` report the same findings; what needs the parser's own state stays here.
"""

from __future__ import annotations

import re

from ..checks import consistency as rules
from ..checks.registry import finding
from ..checks.text import word_diff
from ..model import Finding, Measure, Organisation, OverviewRow
from ..normalise.lexicon import norwegian_lexicon
from ..normalise.organisations import OrganisationRegistry
from .listings import Listing
from .units import Unit, comparable

__all__ = [
    "check_numbers",
    "check_references",
    "check_truncation",
    "cleanest_title",
    "compare_listings",
    "compare_overview",
    "organisations_used",
    "word_diff",
]


def compare_overview(
    measures: list[Measure],
    overview: list[OverviewRow],
    registry: OrganisationRegistry,
    findings: list[Finding],
) -> None:
    """Body against overview table: the body wins, every disagreement is a finding."""
    findings.extend(rules.overview_findings(measures, overview, registry))


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
                    finding(
                        "listing-title-mismatch",
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
    findings.extend(rules.number_findings(measures))


def check_references(measures: list[Measure], findings: list[Finding]) -> None:
    """References to measures the document does not have."""
    findings.extend(rules.reference_findings(measures))


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
            finding(
                "document-truncated",
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
