"""The benchmark's national store (bench/national.py, written with COPY) is what the search
services would have written: reindexing it rewrites nothing and finds the same words."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.db import connection

from tiltak.rounds.models import ReportingRound, StatusEntry
from tiltak.search.models import SearchDocument, SearchWord
from tiltak.search.selectors import search_measures
from tiltak.search.services import rebuild_vocabulary, reindex

pytestmark = pytest.mark.django_db

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_the_national_store_is_indexed_as_reindex_would_index_it() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the national store is written with PostgreSQL's COPY")
    sys.path.insert(0, str(BENCH))
    try:
        from national import make_national_store
    finally:
        sys.path.remove(str(BENCH))

    store = make_national_store(2, 5, 3)

    assert (store.plans, store.entries) == (2, 30)
    assert StatusEntry.objects.count() == SearchDocument.objects.count() == 30
    assert set(ReportingRound.objects.values_list("state", flat=True)) == {"published"}
    words = dict(SearchWord.objects.values_list("id", "count"))
    assert reindex() == 0  # every digest matches its source
    rnd = ReportingRound.objects.order_by("id").first()
    assert rnd is not None
    before = dict(SearchWord.objects.filter(round=rnd).values_list("word", "count"))
    rebuild_vocabulary([rnd.pk])
    assert dict(SearchWord.objects.filter(round=rnd).values_list("word", "count")) == before
    assert len(words) > 0
    # A word of a stored narrative is found through the stored vectors.
    word = max(before, key=lambda w: (before[w], w))
    assert search_measures(word).total > 0
