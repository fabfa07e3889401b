"""The measure list as the visitor filtered it, as spreadsheet-safe CSV (tiltak/safe_csv.py)."""

from __future__ import annotations

from collections.abc import Iterator

from tiltak.documents.plaintext import markdown_to_text
from tiltak.documents.vocabulary import status_key
from tiltak.plans.models import Plan
from tiltak.rounds.models import ReportingRound, StatusEntry
from tiltak.safe_csv import spreadsheet_csv

from . import selectors
from .search import SearchResultPages

CSV_HEADER = ("Nummer", "Tiltak", "Ansvarlig", "Status", "Omtale")


def filtered_entries(
    plan: Plan, rnd: ReportingRound, filters: selectors.MeasureFilters
) -> list[StatusEntry]:
    """Every entry the measure list shows for these filters (all pages), in the list's order."""
    if filters.query:
        hits = SearchResultPages(filters.query, plan=plan, rnd=rnd, filters=filters)
        entries = [hit.entry for hit in hits]
    else:
        entries = list(selectors.round_entries(rnd, filters))
    return selectors.with_responsible(entries)


def _responsible(entry: StatusEntry) -> str:
    """The responsible organisations' acronyms, as the list shows them."""
    names = [r.organisation.acronym for r in entry.measure.responsibilities.all()]
    if entry.measure.responsible_all:
        names.append("alle")
    return ", ".join(names)


def _rows(entries: list[StatusEntry]) -> Iterator[tuple[str, str, str, str, str]]:
    for entry in entries:
        yield (
            entry.measure.number,
            entry.measure.title,
            _responsible(entry),
            selectors.STATUS_LABELS[status_key(entry.status)],
            markdown_to_text(entry.narrative),
        )


def measure_list_csv(plan: Plan, rnd: ReportingRound, filters: selectors.MeasureFilters) -> bytes:
    """The filtered measures as CSV in UTF-8 with a byte order mark, no cell a formula."""
    return spreadsheet_csv(CSV_HEADER, _rows(filtered_entries(plan, rnd, filters)))
