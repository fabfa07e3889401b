"""Search for the API: tiltak.search over published data, with the API's filters."""

from __future__ import annotations

from tiltak.plans.models import Plan, ReportingRound
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
        chapter=clean_text(filters.chapter) or None,
        organisation=clean_text(filters.organisation) or None,
        status=clean_text(filters.status) or None,
        kind=clean_text(filters.kind) or None,
        limit=limit,
        offset=offset,
        public=True,
    )
