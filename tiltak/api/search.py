"""Search for the API: tiltak.search when it is installed, else a simple substring search."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from tiltak.plans.models import Plan, ReportingRound, StatusEntry

from .selectors import MeasureFilters, clean_text, filter_entries, public_plans

SNIPPET = 160


@dataclass(frozen=True, slots=True)
class Hit:
    """One search hit (the same shape as tiltak.search's hits)."""

    measure: Any
    entry: StatusEntry | None
    rank: float
    title_html: str
    snippet_html: str


@dataclass(frozen=True, slots=True)
class Result:
    """The hits of one page and the total."""

    total: int
    hits: list[Hit]


def search(
    query: str,
    *,
    plan: Plan | None,
    rnd: ReportingRound | None,
    filters: MeasureFilters,
    limit: int,
    offset: int,
) -> Result:
    """Published measures matching the query and filters, best first."""
    from django.apps import apps

    query = clean_text(query)
    if not apps.is_installed("tiltak.search"):
        return _fallback(query, plan=plan, rnd=rnd, filters=filters, limit=limit, offset=offset)
    from tiltak.search.selectors import search_measures

    found = search_measures(
        query,
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
    return Result(total=found.total, hits=list(found.hits))


def _latest_published_rounds(plan: Plan | None) -> list[int]:
    """The id of the latest published round of each public plan (or of one plan)."""
    plans = public_plans() if plan is None else public_plans().filter(pk=plan.pk)
    ids = []
    for p in plans.only("pk"):
        last = (
            ReportingRound.objects.filter(plan=p, state=ReportingRound.State.PUBLISHED)
            .order_by("as_of", "id")
            .values_list("pk", flat=True)
            .last()
        )
        if last is not None:
            ids.append(last)
    return ids


def _fallback(
    query: str,
    *,
    plan: Plan | None,
    rnd: ReportingRound | None,
    filters: MeasureFilters,
    limit: int,
    offset: int,
) -> Result:
    """Entries of the latest published rounds whose title or narrative contains every word."""
    rounds = [rnd.pk] if rnd is not None else _latest_published_rounds(plan)
    entries = StatusEntry.objects.filter(round_id__in=rounds).select_related(
        "measure", "measure__plan", "measure__chapter", "round"
    )
    entries = filter_entries(entries, filters)
    terms = [t for t in query.split() if t][:10]
    for term in terms:
        entries = entries.filter(Q(measure__title__icontains=term) | Q(narrative__icontains=term))
    entries = entries.distinct().order_by("measure__plan__slug", "measure__order", "id")
    total = entries.count()
    hits = []
    for entry in entries[offset : offset + limit]:
        title = entry.measure.title
        in_title = all(t.lower() in title.lower() for t in terms)
        hits.append(
            Hit(
                measure=entry.measure,
                entry=entry,
                rank=1.0 if in_title else 0.5,
                title_html=_mark(title, terms),
                snippet_html=_mark(_snippet(entry.narrative, terms), terms),
            )
        )
    hits.sort(key=lambda h: -h.rank)
    return Result(total=total, hits=hits)


def _snippet(text: str, terms: list[str]) -> str:
    """About SNIPPET characters of the text around the first term found."""
    lower = text.lower()
    starts = [lower.find(t.lower()) for t in terms if t.lower() in lower]
    start = max(0, min(starts) - SNIPPET // 3) if starts else 0
    piece = " ".join(text[start : start + SNIPPET].split())
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


def _mark(text: str, terms: list[str]) -> str:
    """The text HTML-escaped with each term (any case) in <mark>."""
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [
            html.escape(text[last : match.start()]),
            f"<mark>{html.escape(match.group())}</mark>",
        ]
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)
