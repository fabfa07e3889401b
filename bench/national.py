"""A synthetic national store on PostgreSQL, written fast: 400 plans × 150 measures × 10 rounds.

Import it with Django set up on PostgreSQL, from a script in bench/. Plans, chapters, measures
and rounds go in through bulk_create; the 600 000 status entries, their search documents and the
rounds' search vocabulary through COPY. Narratives are drawn from a pool recombined from the 2026
corpus report's sentences, so each pool text's search vector and vocabulary are computed once;
what is stored is what `tiltak.search.services.reindex` would write (same digests, vectors and
word counts), so a later reindex rewrites nothing.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection, transaction
from django.utils import timezone
from synthetic import STATUSES, _narrative, _title, corpus_texts

from tiltak.caching.version import bump_data_version
from tiltak.documents.plaintext import markdown_to_text
from tiltak.plans.models import Chapter, Measure, MeasureResponsibility, Organisation, Plan
from tiltak.rounds.models import ReportingRound, StatusEntry
from tiltak.search.models import SearchDocument, SearchWord
from tiltak.search.selectors import searched_rounds
from tiltak.search.services import digest, refresh_impacts
from tiltak.search.text import stem, vocabulary

SLUG_PREFIX = "nasjonal-"
POOL = 4000  # distinct narratives
CHAPTERS = 6


@dataclass(frozen=True, slots=True)
class NationalStore:
    """What make_national_store wrote, and how long it took."""

    plans: int
    entries: int
    documents: int
    words: int
    seconds: float


def _copy(table: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    """COPY rows into a table (psycopg 3's copy protocol under Django's connection)."""
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _reserve_ids(model: type[StatusEntry], count: int) -> int:
    """The first of `count` primary keys taken from the table's sequence (setval past them)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
            [table, table, count],
        )
        last = int(cursor.fetchone()[0])
    return last - count + 1


def make_national_store(
    plans: int = 400, measures: int = 150, rounds: int = 10, *, seed: int = 2026
) -> NationalStore:
    """Write the store (PostgreSQL only); existing nasjonal-* plans are replaced. Every round
    is published."""
    if connection.vendor != "postgresql":
        raise RuntimeError("the national store is written with COPY: PostgreSQL only")
    began = time.perf_counter()
    rng = random.Random(seed)
    titles, sentences, acronyms = corpus_texts()
    pool = [_narrative(rng, sentences) for _ in range(POOL)]
    pool_plain = [markdown_to_text(text) for text in pool]
    pool_words = [vocabulary([text]) for text in pool_plain]
    published_at = datetime(2026, 6, 1, tzinfo=UTC)
    now = timezone.now()
    entry_table = StatusEntry._meta.db_table
    document_table = SearchDocument._meta.db_table
    word_table = SearchWord._meta.db_table
    stems: dict[str, str] = {}
    documents = words = 0
    with transaction.atomic():
        Plan.objects.filter(slug__startswith=SLUG_PREFIX).delete()
        organisations = [
            Organisation.objects.get_or_create(
                acronym=acronym, defaults={"name": acronym, "kind": Organisation.Kind.MINISTRY}
            )[0]
            for acronym in acronyms
        ]
        plan_rows = Plan.objects.bulk_create(
            Plan(
                slug=f"{SLUG_PREFIX}{p}",
                title=f"Handlingsplan {p}: {_title(rng, titles)}",
                kind=Plan.Kind.HANDLINGSPLAN,
                period_start=2015 + p % 10,
                period_end=2019 + p % 10,
            )
            for p in range(1, plans + 1)
        )
        chapters = Chapter.objects.bulk_create(
            (
                Chapter(plan=plan, key=str(c), title=_title(rng, titles), order=c)
                for plan in plan_rows
                for c in range(1, CHAPTERS + 1)
            ),
            batch_size=5000,
        )
        measure_rows = Measure.objects.bulk_create(
            (
                Measure(
                    plan=plan,
                    number=str(n),
                    kind=Measure.Kind.REQUEST if rng.random() < 0.05 else Measure.Kind.MEASURE,
                    title=_title(rng, titles),
                    order=n,
                    chapter=chapters[i * CHAPTERS + (n - 1) * CHAPTERS // measures],
                )
                for i, plan in enumerate(plan_rows)
                for n in range(1, measures + 1)
            ),
            batch_size=5000,
        )
        MeasureResponsibility.objects.bulk_create(
            (
                MeasureResponsibility(measure=measure, organisation=org, position=position)
                for measure in measure_rows
                for position, org in enumerate(
                    rng.sample(organisations, min(len(organisations), rng.randint(1, 3)))
                )
            ),
            batch_size=5000,
        )
        round_rows = ReportingRound.objects.bulk_create(
            (
                ReportingRound(
                    plan=plan,
                    title=f"Status {plan.period_start + r // 2} ({r})",
                    slug=f"status-{r}",
                    as_of=f"{plan.period_start + r // 2}-{'06' if r % 2 else '12'}",
                    state=ReportingRound.State.PUBLISHED,
                    published_at=published_at,
                )
                for plan in plan_rows
                for r in range(1, rounds + 1)
            ),
            batch_size=5000,
        )
        # Vectors of every pool narrative and every measure title, computed once in SQL.
        with connection.cursor() as cursor:
            cursor.execute("CREATE TEMP TABLE bench_pool (id int PRIMARY KEY, body text)")
            cursor.execute(
                "CREATE TEMP TABLE bench_doc (entry bigint, round bigint, "
                "measure bigint, pool int, digest text)"
            )
        _copy("bench_pool", ("id", "body"), list(enumerate(pool_plain)))
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE bench_pool_vector AS SELECT id, "
                "setweight(to_tsvector('norwegian', body), 'B') AS v FROM bench_pool"
            )
            cursor.execute(
                "CREATE TEMP TABLE bench_title_vector AS SELECT id, "
                "setweight(to_tsvector('norwegian', title), 'A') AS v "
                f"FROM {Measure._meta.db_table} WHERE plan_id = ANY(%s)",
                [[plan.pk for plan in plan_rows]],
            )
        by_plan: dict[int, list[Measure]] = {}
        for measure in measure_rows:
            by_plan.setdefault(measure.plan_id, []).append(measure)
        title_words = {m.pk: vocabulary([m.title]) for m in measure_rows}
        next_id = _reserve_ids(StatusEntry, len(round_rows) * measures)
        for start in range(0, len(round_rows), 200):  # 200 rounds (30 000 entries) per COPY
            entries: list[tuple[object, ...]] = []
            docs: list[tuple[object, ...]] = []
            word_rows: list[tuple[object, ...]] = []
            for rnd in round_rows[start : start + 200]:
                counts: Counter[str] = Counter()
                for measure in by_plan[rnd.plan_id]:
                    k = rng.randrange(POOL)
                    entries.append(
                        (
                            next_id,
                            now,
                            now,
                            rnd.pk,
                            measure.pk,
                            rng.choice(STATUSES),
                            "",
                            pool[k],
                            StatusEntry.Workflow.APPROVED,
                            1,
                            True,
                            "",
                        )
                    )
                    docs.append((next_id, rnd.pk, measure.pk, k, digest(measure.title, pool[k])))
                    counts.update(title_words[measure.pk])
                    counts.update(pool_words[k])
                    next_id += 1
                for word, n in counts.items():
                    if word not in stems:
                        stems[word] = stem(word) or word
                    word_rows.append((rnd.pk, word, stems[word], n))
            _copy(
                entry_table,
                (
                    "id",
                    "created_at",
                    "updated_at",
                    "round_id",
                    "measure_id",
                    "status",
                    "status_label",
                    "narrative",
                    "workflow_state",
                    "version",
                    "updated_this_round",
                    "review_comment",
                ),
                entries,
            )
            _copy("bench_doc", ("entry", "round", "measure", "pool", "digest"), docs)
            _copy(word_table, ("round_id", "word", "stem", "count"), word_rows)
            documents += len(docs)
            words += len(word_rows)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {document_table} "
                "(entry_id, round_id, digest, title, narrative, scope, vector) "
                "SELECT d.entry, d.round, d.digest, '', '', '', t.v || p.v FROM bench_doc d "
                "JOIN bench_title_vector t ON t.id = d.measure "
                "JOIN bench_pool_vector p ON p.id = d.pool"
            )
            for table in ("bench_doc", "bench_pool", "bench_pool_vector", "bench_title_vector"):
                cursor.execute(f"DROP TABLE {table}")
        bump_data_version()
    refresh_impacts(searched_rounds())  # the champion lists of a search over all plans
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return NationalStore(plans, documents, documents, words, time.perf_counter() - began)
