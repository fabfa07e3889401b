"""Free-text search over measures: their titles and the narratives of one round per plan.

Which round: `round` if given; else each plan's latest published round (its latest round of
any state when public=False). With public=True an unpublished `round` finds nothing. A hit is
one status entry of that round, so a measure without an entry there is not found.
Query syntax, web-search style and the same on both databases: words all must match,
"a phrase", a OR b (binding tighter than the spaces between words), -word to exclude; the last
word also matches as a prefix while it is being typed (no space after it), and so does word*.
Words match by their Norwegian Snowball stems; stop words are ignored. When a search finds
fewer than SUGGEST_BELOW measures, a word the searched rounds' vocabulary does not know is
searched again as the parts of a compound when it splits into known words ("nettovergrep":
nett and overgrep), and the others get the nearest known word as a suggestion ("barnehsu").
On PostgreSQL the public search over all plans ranks champion lists (see _champion_search).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import F, Sum, Window
from django.db.models.functions import RowNumber

from tiltak.caching.version import data_version
from tiltak.plans.models import Measure, Plan
from tiltak.rounds.models import ReportingRound, StatusEntry
from tiltak.rounds.public import MeasureFilters, filter_entries, is_public, public_rounds

from .models import SearchDocument, SearchImpact, SearchWord
from .services import ensure_index, refresh_impacts
from .text import (
    MAX_VOCABULARY_WORD,
    Query,
    Term,
    best_correction,
    compound_pieces,
    highlight,
    max_edits,
    parse_query,
    replace_words,
    snippet,
    split_compound,
)

MAX_LIMIT = 500
# ts_rank_cd weights {D, C, B, A}: a title word (A) counts as five narrative words (B).
PG_WEIGHTS = "{0.1, 0.2, 0.2, 1.0}"
# bm25 column weights: title, narrative, scope (the round's token, which is no match).
FTS5_WEIGHTS = (5.0, 1.0, 0.0)
# Fewer hits than this and the unknown words of the query get a "Mente du …" suggestion.
SUGGEST_BELOW = 3
# A search over all plans ranks at most this many documents per query word: the ones where the
# word weighs most (its champion list). See _champion_search.
CHAMPIONS = 500
# A vocabulary summed for a search is kept this long (keyed by the data version, so never stale).
VOCABULARY_SECONDS = 3600
# A prefix ("barneh", "vold*") draws on the champion lists of at most this many of its stems.
PREFIX_STEMS = 50


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
    """One page of hits, best first, and how many there are in all; the query with its
    unknown words corrected when it found few ("" when there is nothing to suggest).
    """

    total: int = 0
    hits: list[SearchHit] = field(default_factory=list)
    suggestion: str = ""
    # False when the total is the database's estimate (a search over all plans that matched
    # more documents than it ranked); the hits are then the best of those ranked.
    total_is_exact: bool = True


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
    round_ids = searched_rounds(plan, round, public)
    if not round_ids:
        return SearchResults()
    ensure_index()
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    filters = MeasureFilters(
        chapter=chapter or "", organisation=organisation or "", status=status or "", kind=kind or ""
    )
    condition, params = _filters(filters)
    broad = public and plan is None and round is None and not filters.active

    def search(terms: Query) -> tuple[list[tuple[int, float]], int, bool]:
        """One page and the total; whether the total is exact."""
        champions = _champion_search(terms, round_ids, limit, offset) if broad else None
        if champions is not None:
            return champions
        backend = _postgres if connection.vendor == "postgresql" else _sqlite
        ranked, total = backend(terms, round_ids, condition, params, limit, offset)
        return ranked, total, True

    ranked, total, exact = search(parsed)
    suggestion = ""
    if total < SUGGEST_BELOW:  # only then is a word likely unknown: no cost to other searches
        words = _vocabulary(round_ids, kept=public)
        unknown = _unknown_words([*parsed.terms(), *parsed.excluded], words)
        splits = _compound_splits(unknown, words)
        if splits:
            parsed = parsed.with_parts(splits)
            ranked, total, exact = search(parsed)
        if total < SUGGEST_BELOW:
            positive = {w for t in parsed.terms() for w in t.words}
            wrong = [w for w in unknown if w in positive and w not in splits]
            suggestion = _suggestion(query, wrong, words)
    return SearchResults(
        total=total, hits=_hits(ranked, parsed), suggestion=suggestion, total_is_exact=exact
    )


def _checkable(term: Term) -> bool:
    """A one-word term the vocabulary can know: letters only, not too long."""
    word = term.words[0]
    return (
        not term.phrase
        and term.stems[0] is not None
        and len(word) <= MAX_VOCABULARY_WORD
        and word.isalpha()
    )


def _vocabulary(round_ids: list[int], *, kept: bool) -> dict[str, tuple[str, int]]:
    """Every word of these rounds with its stem and count. With `kept` (public rounds, whose
    every change moves the data version on), read once per data version: the latest rounds of
    400 plans hold a million vocabulary rows, 0.4 s to sum."""
    digest = hashlib.sha1(",".join(map(str, round_ids)).encode(), usedforsecurity=False)
    key = f"search:vocabulary:{data_version()}:{digest.hexdigest()}" if kept else ""
    words: dict[str, tuple[str, int]] | None = cache.get(key) if kept else None
    if words is None:
        rows = (
            SearchWord.objects.filter(round_id__in=round_ids)
            .values("word", "stem")
            .annotate(total=Sum("count"))
            .values_list("word", "stem", "total")
        )
        words = {word: (stem_, int(total)) for word, stem_, total in rows}
        if kept:
            cache.set(key, words, VOCABULARY_SECONDS)
    return words


def _unknown_words(terms: list[Term], words: dict[str, tuple[str, int]]) -> list[str]:
    """The one-word terms whose stem no word of `words` has (as a prefix: starts with)."""
    singles = [t for t in terms if _checkable(t)]
    if not singles:
        return []
    found = {stem_ for stem_, _ in words.values()}
    unknown = []
    for term in singles:
        stem_ = term.stems[0]
        assert stem_ is not None
        known = any(f.startswith(stem_) for f in found) if term.prefix else stem_ in found
        if not known and term.words[0] not in unknown:
            unknown.append(term.words[0])
    return unknown


def _compound_splits(
    unknown: list[str], words: dict[str, tuple[str, int]]
) -> dict[str, tuple[str, ...]]:
    """The unknown words that split into words of `words`, and their parts."""
    pieces = {w: compound_pieces(w) for w in unknown}
    wanted = set().union(*pieces.values()) if pieces else set()
    if not wanted:
        return {}
    known = {stem_ for stem_, _ in words.values()} & wanted
    splits = {w: split_compound(w, known) for w in unknown if pieces[w]}
    return {w: parts for w, parts in splits.items() if parts}


def _suggestion(query: str, unknown: list[str], words: dict[str, tuple[str, int]]) -> str:
    """The query with each unknown word replaced by the nearest word of `words`."""
    replacements = {}
    for word in unknown:
        edits = max_edits(word)
        counts = {
            known: count
            for known, (_, count) in words.items()
            if len(word) - edits <= len(known) <= len(word) + edits
        }
        correction = best_correction(word, counts)
        if correction:
            replacements[word] = correction
    return replace_words(query, replacements).strip() if replacements else ""


def searched_rounds(
    plan: Plan | None = None, rnd: ReportingRound | None = None, public: bool = True
) -> list[int]:
    """The rounds to search: the given one, or the latest (published) round of each plan."""
    if rnd is not None:
        if (plan is not None and rnd.plan_id != plan.pk) or (public and not is_public(rnd)):
            return []
        return [rnd.pk]
    rounds = public_rounds() if public else ReportingRound.objects.all()
    if plan is not None:
        rounds = rounds.filter(plan=plan)
    newest_first = [F("as_of").desc(), F("id").desc()]
    latest = (
        rounds.order_by()  # no default ordering: it joins the plans only to sort
        .annotate(place=Window(RowNumber(), partition_by=F("plan_id"), order_by=newest_first))
        .filter(place=1)
    )
    return sorted(latest.values_list("id", flat=True))


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
    among: Collection[int] | None = None,
) -> tuple[list[tuple[int, float]], int]:
    """(entry id, rank) of one page, and the total, from the tsvector index (only the
    documents of the entries `among`, when given)."""
    candidates = "AND d.entry_id = ANY(%s::bigint[]) " if among is not None else ""
    sql = (
        "WITH h AS MATERIALIZED (SELECT d.entry_id, "
        f"ts_rank_cd('{PG_WEIGHTS}', d.vector, q.q, 1) AS score "
        f"FROM {SearchDocument._meta.db_table} d, to_tsquery('norwegian', %s) AS q(q) "
        f"WHERE d.round_id = ANY(%s::bigint[]) {candidates}"
        "AND d.vector @@ q.q) " + _PAGE.format(condition=condition)
    )
    chosen = [sorted(among)] if among is not None else []
    return _page(sql, [query.tsquery(), round_ids, *chosen, *params], limit, offset)


def _champion_search(
    query: Query, round_ids: list[int], limit: int, offset: int
) -> tuple[list[tuple[int, float]], int, bool] | None:
    """A page of a search over all plans that ranks only champion-list documents (PostgreSQL).

    Ranking every match costs time in proportion to the matches (tens of thousands for two
    common words in a national store). Instead, for each query word only the CHAMPIONS
    documents where it weighs most are ranked, exactly as the full search ranks them (the
    champion lists of Manning, Raghavan and Schütze, "Introduction to Information Retrieval",
    7.1.3). When some required word's list holds every document with that word, those
    documents include every match and the page and total are exact; otherwise the total is
    PostgreSQL's estimate. None when the lists cannot serve the page: not PostgreSQL, no
    list, or a page beyond the documents they rank (the full search answers then).
    """
    if connection.vendor != "postgresql":
        return None
    refresh_impacts(round_ids)
    lists, lexemes = _champion_lists(query)
    candidates = {e for entries in lists.values() for e in entries[:CHAMPIONS] if e > 0}
    complete = bool(lists) and _complete(query, lists, lexemes)
    if not candidates:
        return ([], 0, True) if complete else None
    ranked, matched = _postgres(query, round_ids, "", [], limit, offset, among=candidates)
    if complete:
        return ranked, matched, True
    if offset + limit > matched:
        return None
    return ranked, max(matched, _estimate(query, round_ids)), False


def _champion_lists(query: Query) -> tuple[dict[str, list[int]], dict[str, set[str]]]:
    """Each lexeme of the query's words with its champion list (up to CHAMPIONS + 1 entries,
    best first), and each word's lexemes, as PostgreSQL's Norwegian configuration makes them.

    A prefix word's list (keyed "lexeme*") is the best of the lists of the stems that start
    with it (at most PREFIX_STEMS of them, ordered by their bytes; with more, the list starts
    with -1, no entry, so that it counts as cut short).
    """
    words: dict[str, bool] = {}  # word: is a prefix
    for term in query.leaves():
        for word, stem_ in zip(term.words, term.stems, strict=True):
            if stem_:
                words[word] = words.get(word, False) or term.prefix
    if not words:
        return {}, {}
    table = SearchImpact._meta.db_table
    best = (
        f"SELECT entry_id, impact FROM {table} WHERE stem = {{stem}} ORDER BY impact DESC LIMIT %s"
    )
    sql = f"""
        WITH RECURSIVE l(word, lexeme, prefix) AS (
            SELECT w.word, x.lexeme, w.prefix
            FROM unnest(%s::text[], %s::boolean[]) AS w(word, prefix)
            CROSS JOIN LATERAL unnest(to_tsvector('norwegian', w.word)) AS x
        ), started(word, lexeme, stem, n) AS (
            SELECT l.word, l.lexeme,
                   (SELECT i.stem FROM {table} i WHERE i.stem >= l.lexeme ORDER BY i.stem LIMIT 1),
                   1
            FROM l WHERE l.prefix
            UNION ALL
            SELECT s.word, s.lexeme,
                   (SELECT i.stem FROM {table} i WHERE i.stem > s.stem ORDER BY i.stem LIMIT 1),
                   s.n + 1
            FROM started s WHERE starts_with(s.stem, s.lexeme) AND s.n <= %s
        )
        SELECT l.word, l.lexeme, c.entry_id, c.impact FROM l
        LEFT JOIN LATERAL ({best.format(stem="l.lexeme")}) AS c ON true WHERE NOT l.prefix
        UNION ALL
        SELECT word, lexeme || '*', entry_id, impact FROM (
            SELECT s.word, s.lexeme, c.entry_id, c.impact,
                   row_number() OVER (PARTITION BY s.word ORDER BY c.impact DESC) AS place
            FROM started s CROSS JOIN LATERAL ({best.format(stem="s.stem")}) AS c
            WHERE starts_with(s.stem, s.lexeme) AND s.n <= %s
        ) AS p WHERE place <= %s
        UNION ALL  -- a prefix with more stems than PREFIX_STEMS: its list is cut short
        SELECT s.word, s.lexeme || '*', NULL, 'Infinity'::float FROM started s
        WHERE starts_with(s.stem, s.lexeme) AND s.n > %s
    """
    ranked: dict[str, list[tuple[float, int]]] = {}
    lexemes: dict[str, set[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                list(words),
                list(words.values()),
                PREFIX_STEMS,  # one stem more than used shows that there are more
                CHAMPIONS + 1,
                CHAMPIONS + 1,
                PREFIX_STEMS,
                CHAMPIONS + 1,
                PREFIX_STEMS,
            ],
        )
        for word, lexeme, entry_id, impact in cursor.fetchall():
            lexemes.setdefault(word, set()).add(lexeme)
            entries = ranked.setdefault(lexeme, [])
            if impact is not None:
                # -1: the marker of a prefix with too many stems (see _complete)
                entries.append((-float(impact), int(entry_id) if entry_id is not None else -1))
    lists = {lexeme: [entry for _, entry in sorted(entries)] for lexeme, entries in ranked.items()}
    return lists, lexemes


def _complete(query: Query, lists: dict[str, list[int]], lexemes: dict[str, set[str]]) -> bool:
    """True when the champion lists hold every match: some group of the query, all of whose
    alternatives need a word whose list was not cut short."""

    def uncut(lexeme: str) -> bool:
        entries = lists.get(lexeme, [])
        return len(entries) <= CHAMPIONS and -1 not in entries

    def whole(term: Term) -> bool:
        if term.parts:  # every part must match, so one whole part bounds the matches
            return any(whole(part) for part in term.parts)
        return any(uncut(lexeme) for word in term.words for lexeme in lexemes.get(word, ()))

    return any(all(whole(term) for term in group) for group in query.groups)


def _estimate(query: Query, round_ids: list[int]) -> int:
    """PostgreSQL's estimate of the documents of these rounds that match (no scan)."""
    sql = (
        f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {SearchDocument._meta.db_table} d "
        f"WHERE d.round_id = ANY(%s::bigint[]) AND d.vector @@ to_tsquery('norwegian', %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [round_ids, query.tsquery()])
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


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
