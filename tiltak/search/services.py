"""Services that write the search index: reindex everything, one plan, or some entries.

A document is rewritten only when its source (measure title and narrative) or INDEX_VERSION
changed, so reindexing after an import costs little for the rounds it did not touch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

from django.db import connection, transaction
from django.db.models import QuerySet

from tiltak.documents.plaintext import markdown_to_text
from tiltak.plans.models import Plan
from tiltak.rounds.models import StatusEntry

from .models import ImpactedRound, SearchDocument, SearchImpact, SearchWord
from .text import INDEX_VERSION, index_text, scope_token, stem, vocabulary

BATCH = 1000
_Row = tuple[int, int, str, str, str]  # entry, round, digest, title, narrative
T = TypeVar("T")


def reindex(plan: Plan | None = None) -> int:
    """Bring the index up to date for one plan, or for everything; the documents written."""
    if plan is None:
        return _sync(StatusEntry.objects.all(), SearchDocument.objects.all())
    return _sync(
        StatusEntry.objects.filter(round__plan=plan),
        SearchDocument.objects.filter(round__plan=plan),
    )


def reindex_plan_slugs(slugs: Iterable[str]) -> int:
    """Reindex the plans with these slugs (the import services call this); documents written."""
    return sum(reindex(plan) for plan in Plan.objects.filter(slug__in=set(slugs)))


def reindex_entries(entry_ids: Iterable[int]) -> int:
    """Reindex these status entries; the documents written."""
    ids = list(entry_ids)
    if not ids:
        return 0
    return _sync(
        StatusEntry.objects.filter(pk__in=ids), SearchDocument.objects.filter(entry_id__in=ids)
    )


def ensure_index() -> bool:
    """Build the whole index if it is empty while status entries exist; True if it did."""
    if SearchDocument.objects.exists() or not StatusEntry.objects.exists():
        return False
    reindex()
    return True


def digest(title: str, narrative: str) -> str:
    """What a document was made from, so an unchanged source is not indexed again."""
    source = f"{INDEX_VERSION}\0{title}\0{narrative}".encode()
    return hashlib.sha1(source, usedforsecurity=False).hexdigest()


def _sync(entries: QuerySet[StatusEntry], documents: QuerySet[SearchDocument]) -> int:
    """Make the documents of `entries` match them; drop documents in `documents` without one."""
    with transaction.atomic():
        stored = dict(documents.values_list("entry_id", "digest"))
        touched: set[int] = set()
        stale: list[int] = []
        changed: list[_Row] = []
        for entry_id, round_id, title, narrative in entries.values_list(
            "pk", "round_id", "measure__title", "narrative"
        ).iterator(chunk_size=BATCH):
            wanted = digest(title, narrative)
            old = stored.pop(entry_id, None)
            if old == wanted:
                continue
            if old is not None:
                stale.append(entry_id)
            changed.append((entry_id, round_id, wanted, title, narrative))
            touched.add(round_id)
        if stored:  # documents whose entry is gone from the set
            stale += stored
            touched |= set(
                SearchDocument.objects.filter(entry_id__in=list(stored)).values_list(
                    "round_id", flat=True
                )
            )
        for ids in _chunks(stale, BATCH):
            SearchDocument.objects.filter(entry_id__in=ids).delete()
        for rows in _chunks(changed, BATCH):
            _write(rows)
        rebuild_vocabulary(touched)
        forget_impacts(touched)
        return len(changed)


def rebuild_vocabulary(round_ids: Iterable[int]) -> None:
    """Count the words of these rounds' indexed texts (titles and narratives) again."""
    ids = sorted(set(round_ids))
    if not ids:
        return
    SearchWord.objects.filter(round_id__in=ids).delete()
    for chunk in _chunks(ids, 100):
        texts: dict[int, list[str]] = {r: [] for r in chunk}
        for round_id, title, narrative in (
            StatusEntry.objects.filter(round_id__in=chunk)
            .values_list("round_id", "measure__title", "narrative")
            .iterator(chunk_size=BATCH)
        ):
            texts[round_id] += (title, markdown_to_text(narrative))
        words = [
            SearchWord(round_id=r, word=w, stem=stem(w) or w, count=n)
            for r, round_texts in texts.items()
            for w, n in vocabulary(round_texts).items()
        ]
        SearchWord.objects.bulk_create(words, batch_size=BATCH)


# A stem's weight in a document, as ts_rank_cd weighs it in selectors (title A = 1.0, narrative
# B = 0.2, normalisation 1: divided by 1 + the log of the document's length), per occurrence.
_IMPACTS = f"""
    INSERT INTO {SearchImpact._meta.db_table} (entry_id, stem, impact)
    SELECT d.entry_id, u.lexeme,
           COALESCE((SELECT sum(CASE w WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.2 WHEN 'C' THEN 0.2
                                 ELSE 0.1 END) FROM unnest(u.weights) AS w), 0.1)
           / (1 + ln(greatest(length(d.vector), 1)))
    FROM {SearchDocument._meta.db_table} d CROSS JOIN LATERAL unnest(d.vector) AS u
    WHERE d.round_id = ANY(%s::bigint[])
"""


def refresh_impacts(round_ids: Iterable[int]) -> int:
    """Make the champion lists hold exactly these rounds (PostgreSQL); the rounds built.

    Rounds no longer wanted are dropped. The missing ones are built in one transaction, once
    even when several servers ask at the same moment (their marker rows are the lock).
    """
    if connection.vendor != "postgresql":
        return 0
    wanted = set(round_ids)
    built = set(ImpactedRound.objects.values_list("round_id", flat=True))
    forget_impacts(built - wanted)
    missing = sorted(wanted - built)
    if not missing:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ImpactedRound._meta.db_table} (round_id) "
            "SELECT unnest(%s::bigint[]) ON CONFLICT DO NOTHING RETURNING round_id",
            [missing],
        )
        mine = [row[0] for row in cursor.fetchall()]  # the others were built meanwhile
        if mine:
            _drop_impacts(mine)
            cursor.execute(_IMPACTS, [mine])
    return len(mine)


def forget_impacts(round_ids: Iterable[int]) -> None:
    """Drop the champion lists of these rounds (their documents changed, or they are old)."""
    ids = sorted(set(round_ids))
    if not ids or connection.vendor != "postgresql":
        return
    # Lists exist only beside their marker (written in one transaction): a draft's save costs
    # one lookup, not a delete over its entries.
    markers = ImpactedRound.objects.filter(round_id__in=ids)
    built = list(markers.values_list("round_id", flat=True))
    if built:
        markers.delete()
        _drop_impacts(built)


def _drop_impacts(round_ids: list[int]) -> None:
    """Delete the champion-list rows of these rounds' entries."""
    entries = StatusEntry.objects.filter(round_id__in=round_ids).values("pk")
    SearchImpact.objects.filter(entry_id__in=entries).delete()


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """The items in lists of at most `size`."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _write(rows: Sequence[_Row]) -> None:
    """Insert documents for (entry, round, digest, title, raw narrative) rows."""
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""
                INSERT INTO {table} (entry_id, round_id, digest, title, narrative, scope, vector)
                SELECT e, r, d, '', '', '',
                       setweight(to_tsvector('norwegian', t), 'A')
                       || setweight(to_tsvector('norwegian', n), 'B')
                FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[], %s::text[])
                     AS u(e, r, d, t, n)
                """,
                [
                    [row[0] for row in rows],
                    [row[1] for row in rows],
                    [row[2] for row in rows],
                    [row[3] for row in rows],
                    [markdown_to_text(row[4]) for row in rows],
                ],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {table} (entry_id, round_id, digest, title, narrative, scope) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (e, r, d, index_text(t), index_text(markdown_to_text(n)), scope_token(r))
                    for e, r, d, t, n in rows
                ],
            )
