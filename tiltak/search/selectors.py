"""Free-text search over measures: their titles and the narratives of one round per plan.

Which round: `round` if given; else each plan's latest published round (its latest round of
any state when public=False). With public=True an unpublished `round` finds nothing. A hit is
one status entry of that round, so a measure without an entry there is not found.
Query syntax, web-search style and the same on both databases: words all must match,
"a phrase", a OR b (binding tighter than the spaces between words), -word to exclude; the last
word also matches as a prefix while it is being typed (no space after it). Words match by
their Norwegian Snowball stems; stop words are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from tiltak.plans.models import Measure, Plan
from tiltak.rounds.models import ReportingRound, StatusEntry
from tiltak.rounds.public import MeasureFilters, filter_entries, is_public, public_rounds

from .models import SearchDocument
from .services import ensure_index
from .text import Query, highlight, parse_query, snippet

MAX_LIMIT = 500
# ts_rank_cd weights {D, C, B, A}: a title word (A) counts as five narrative words (B).
PG_WEIGHTS = "{0.1, 0.2, 0.2, 1.0}"
# bm25 column weights: title, narrative, scope (the round's token, which is no match).
FTS5_WEIGHTS = (5.0, 1.0, 0.0)


@dataclass(slots=True)
class SearchHit:
    """A measure found, the status entry searched, and the highlighted title and snippet."""

    measure: Measure
    entry: StatusEntry | None
    rank: float
    title_html: str
    snippet_html: str


@dataclass(slots=True)
class SearchResults:
    """One page of hits, best first, and how many there are in all."""

    total: int = 0
    hits: list[SearchHit] = field(default_factory=list)


def search_measures(
    query: str,
    *,
    plan: Plan | None = None,
    round: ReportingRound | None = None,
    chapter: str | None = None,
    organisation: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
    public: bool = True,
) -> SearchResults:
    """Measures matching `query`, best first, with highlighted title and narrative snippet.

    Filters: plan, round, and the measure filters of the public read layer (chapter key,
    organisation acronym, status or "none", kind). An empty query, or one of only stop words,
    finds nothing.
    """
    parsed = parse_query(query)
    if not parsed:
        return SearchResults()
    round_ids = _round_ids(plan, round, public)
    if not round_ids:
        return SearchResults()
    ensure_index()
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    filters = MeasureFilters(
        chapter=chapter or "", organisation=organisation or "", status=status or "", kind=kind or ""
    )
    condition, params = _filters(filters)
    search = _postgres if connection.vendor == "postgresql" else _sqlite
    ranked, total = search(parsed, round_ids, condition, params, limit, offset)
    return SearchResults(total=total, hits=_hits(ranked, parsed))


def _round_ids(plan: Plan | None, rnd: ReportingRound | None, public: bool) -> list[int]:
    """The rounds to search: the given one, or the latest (published) round of each plan."""
    if rnd is not None:
        if (plan is not None and rnd.plan_id != plan.pk) or (public and not is_public(rnd)):
            return []
        return [rnd.pk]
    rounds = public_rounds() if public else ReportingRound.objects.all()
    if plan is not None:
        rounds = rounds.filter(plan=plan)
    latest: dict[int, int] = {}
    for plan_id, round_id in rounds.order_by("plan_id", "as_of", "id").values_list("plan_id", "id"):
        latest[plan_id] = round_id
    return sorted(latest.values())


def _filters(filters: MeasureFilters) -> tuple[str, list[Any]]:
    """A condition on h.entry_id for the filters, with the public read layer's rules."""
    if not filters.active:
        return "", []
    entries = filter_entries(StatusEntry.objects.all(), filters).values("id")
    sql, params = entries.query.sql_with_params()
    return f"WHERE h.entry_id IN ({sql})", list(params)


# Both rank in a materialized CTE of (entry, score) only, so the window count stays small;
# ties go by entry id (entries are made in plan order), the same on both databases.
_PAGE = (
    "SELECT h.entry_id, h.score, COUNT(*) OVER () FROM h {condition} "
    "ORDER BY h.score DESC, h.entry_id LIMIT %s OFFSET %s"
)


def _sqlite(
    query: Query,
    round_ids: list[int],
    condition: str,
    params: list[Any],
    limit: int,
    offset: int,
) -> tuple[list[tuple[int, float]], int]:
    """(entry id, rank) of one page, and the total, from the FTS5 index (rounds in the MATCH)."""
    weights = ", ".join(str(w) for w in FTS5_WEIGHTS)
    sql = (
        "WITH h AS MATERIALIZED (SELECT rowid AS entry_id, "
        f"-bm25(search_fts, {weights}) AS score "
        "FROM search_fts WHERE search_fts MATCH %s) " + _PAGE.format(condition=condition)
    )
    return _page(sql, [query.fts5(round_ids), *params], limit, offset)


def _postgres(
    query: Query,
    round_ids: list[int],
    condition: str,
    params: list[Any],
    limit: int,
    offset: int,
) -> tuple[list[tuple[int, float]], int]:
    """(entry id, rank) of one page, and the total, from the tsvector index."""
    sql = (
        "WITH h AS MATERIALIZED (SELECT d.entry_id, "
        f"ts_rank_cd('{PG_WEIGHTS}', d.vector, q.q, 1) AS score "
        f"FROM {SearchDocument._meta.db_table} d, to_tsquery('norwegian', %s) AS q(q) "
        f"WHERE d.round_id IN ({', '.join(['%s'] * len(round_ids))}) AND d.vector @@ q.q) "
        + _PAGE.format(condition=condition)
    )
    return _page(sql, [query.tsquery(), *round_ids, *params], limit, offset)


def _page(
    sql: str, params: list[Any], limit: int, offset: int
) -> tuple[list[tuple[int, float]], int]:
    """Run a ranked query; count again without the page when the page is empty."""
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, max(limit, 1), offset])
        rows = cursor.fetchall()
        if rows:
            total = int(rows[0][2])
        elif offset:
            cursor.execute(sql, [*params, 1, 0])
            first = cursor.fetchone()
            total = int(first[2]) if first else 0
        else:
            total = 0
    return [(int(r[0]), float(r[1])) for r in rows[:limit]], total


def _hits(ranked: list[tuple[int, float]], query: Query) -> list[SearchHit]:
    """Load the entries of a page with their measures, and highlight them."""
    if not ranked:
        return []
    entries = StatusEntry.objects.select_related(
        "round", "measure__plan", "measure__chapter"
    ).in_bulk([entry_id for entry_id, _ in ranked])
    hits = []
    for entry_id, rank in ranked:
        entry = entries.get(entry_id)
        if entry is None:
            continue
        hits.append(
            SearchHit(
                measure=entry.measure,
                entry=entry,
                rank=rank,
                title_html=highlight(entry.measure.title, query),
                snippet_html=snippet(entry.narrative, query),
            )
        )
    return hits
