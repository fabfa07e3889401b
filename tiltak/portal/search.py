"""Free-text search for the measure list, through tiltak.search, paged like a queryset."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import overload

from django.utils.safestring import SafeString, mark_safe

from tiltak.plans.models import Plan
from tiltak.rounds.models import ReportingRound, StatusEntry
from tiltak.search.selectors import MAX_LIMIT, SearchHit, search_measures

from .selectors import PAGE_SIZE, MeasureFilters


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
        wanted = filters.public()
        self.options: dict[str, object] = {
            "plan": plan,
            "round": rnd,
            "chapter": wanted.chapter,
            "organisation": wanted.organisation,
            "status": wanted.status,
            "kind": wanted.kind,
        }
        self._total: int | None = None
        self.suggestion = ""  # "Mente du …": the query corrected, when it found few
        self._pages: dict[tuple[int, int], list[Hit]] = {}

    def count(self) -> int:
        """How many hits in all."""
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
        self.suggestion = found.suggestion
        hits = [h for h in (_hit(hit) for hit in found.hits) if h is not None]
        self._pages[start, stop] = hits
        return hits

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Hit]:
        """Every hit, a page at a time."""
        start = 0
        while hits := self._fetch(start, start + PAGE_SIZE):
            yield from hits
            start += PAGE_SIZE

    @overload
    def __getitem__(self, key: int) -> Hit: ...
    @overload
    def __getitem__(self, key: slice) -> list[Hit]: ...
    def __getitem__(self, key: int | slice) -> Hit | list[Hit]:
        if isinstance(key, int):
            if key < 0:
                raise IndexError("search results are indexed from the start")
            hits = self._fetch(key, key + 1)
            if not hits:
                raise IndexError(key)
            return hits[0]
        start = key.start or 0
        stop = key.stop if key.stop is not None else start + MAX_LIMIT
        return self._fetch(start, stop)
