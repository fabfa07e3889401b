"""Search for the API: tiltak.search over published data, with the API's filters."""

from __future__ import annotations

from tiltak.plans.models import Plan
from tiltak.rounds.models import ReportingRound
from tiltak.search.selectors import SearchResults, search_measures

from .selectors import MeasureFilters, clean_text


def search(
    query: str,
    *,
    plan: Plan | None,
    rnd: ReportingRound | None,
    filters: MeasureFilters,
    limit: int,
    offset: int,
) -> SearchResults:
    """Published measures matching the query and filters, best first."""
    return search_measures(
        clean_text(query),
        plan=plan,
        round=rnd,
        chapter=filters.chapter,
        organisation=filters.organisation,
        status=filters.status,
        kind=filters.kind,
        limit=limit,
        offset=offset,
        public=True,
    )
