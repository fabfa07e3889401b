"""Free-text search for the measure list, through tiltak.search, paged like a queryset."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from tiltak.plans.models import Plan, ReportingRound, StatusEntry
from tiltak.search.selectors import MAX_LIMIT, SearchHit, search_measures

from .selectors import KIND_PARAMS, NO_STATUS, PAGE_SIZE, STATUS_LABELS, MeasureFilters


@dataclass(slots=True)
class Hit:
    """A status entry matching the query, with highlighted title and snippet (HTML-safe)."""

    entry: StatusEntry
    title_html: SafeString
    snippet_html: SafeString


def _hit(hit: SearchHit) -> Hit | None:
    """The portal's view of a search hit (None if it has no status entry)."""
    if hit.entry is None:
        return None
    return Hit(
        entry=hit.entry,
        title_html=mark_safe(hit.title_html),  # tiltak.search escapes and adds <mark>
        snippet_html=mark_safe(hit.snippet_html),
    )


class SearchResultPages:
    """Search results that a Paginator pages through, asking tiltak.search one page at a time."""

    def __init__(
        self, query: str, *, plan: Plan, rnd: ReportingRound, filters: MeasureFilters
    ) -> None:
        self.query = query
        self.options: dict[str, object] = {
            "plan": plan,
            "round": rnd,
            "chapter": filters.chapter or None,
            "organisation": filters.organisation or None,
            "status": filters.status
            if filters.status in STATUS_LABELS and filters.status != NO_STATUS
            else None,
            "kind": KIND_PARAMS.get(filters.kind),
        }
        # tiltak.search filters on a status value; "no status" is filtered here instead.
        self.without_status = filters.status == NO_STATUS
        self._total: int | None = None
        self._all: list[Hit] | None = None
        self._pages: dict[tuple[int, int], list[Hit]] = {}

    def _everything(self) -> list[Hit]:
        """Every hit without a status (at most MAX_LIMIT searched)."""
        if self._all is None:
            found = search_measures(self.query, limit=MAX_LIMIT, **self.options)  # type: ignore[arg-type]
            hits = (_hit(h) for h in found.hits)
            self._all = [h for h in hits if h is not None and not h.entry.status]
        return self._all

    def count(self) -> int:
        """How many hits in all."""
        if self.without_status:
            return len(self._everything())
        if self._total is None:
            self._fetch(0, PAGE_SIZE)  # the first page comes with the total
        assert self._total is not None
        return self._total

    def _fetch(self, start: int, stop: int) -> list[Hit]:
        """Hits start to stop: from a page already fetched that covers them, else one search."""
        for (first, last), hits in self._pages.items():
            end = min(last, self._total if self._total is not None else last)
            if first <= start and stop <= max(end, start):
                return hits[start - first : stop - first]
        found = search_measures(
            self.query,
            limit=stop - start,
            offset=start,
            **self.options,  # type: ignore[arg-type]
        )
        self._total = found.total
        hits = [h for h in (_hit(hit) for hit in found.hits) if h is not None]
        self._pages[start, stop] = hits
        return hits

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[Hit]:
        if not isinstance(key, slice):
            raise TypeError("search results are read a page (slice) at a time")
        start = key.start or 0
        stop = key.stop if key.stop is not None else start + MAX_LIMIT
        if self.without_status:
            return self._everything()[start:stop]
        return self._fetch(start, stop)
