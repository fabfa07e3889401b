"""The search over all plans on PostgreSQL ranks champion lists: the documents where each query
word weighs most. Checked against the full search, which ranks every match."""

from __future__ import annotations

import pytest
from django.db import connection

from tiltak.documents.model import (
    Chapter,
    Measure,
    Organisation,
    PlanDocument,
    PlanInfo,
    ReportInfo,
)
from tiltak.rounds.importing import import_plan_document
from tiltak.rounds.models import StatusEntry
from tiltak.search import selectors
from tiltak.search.models import ImpactedRound, SearchImpact
from tiltak.search.selectors import search_measures, searched_rounds
from tiltak.search.services import refresh_impacts
from tiltak.search.text import parse_query

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="champion lists: PostgreSQL"),
]

FILLER = "Arbeidet følges opp av departementet i samarbeid med direktoratet."


def plan_document(n: int, as_of: str = "2025-06", extra: str = "") -> PlanDocument:
    """Plan n: six measures, measure k mentions «vold» k times and «barn» n times; plan 1's
    also «barnehagen»."""
    measures = [
        Measure(
            number=str(k),
            kind="measure",
            chapter="1",
            title=f"Tiltak {k} i plan {n}",
            narrative=" ".join(["Vold rammer mange."] * k + ["Barn trenger hjelp."] * n)
            + f" {'Barnehagen deltar. ' if n == 1 else ''}{extra} {FILLER}",
            responsible=["JD"],
            status="in_progress",
        )
        for k in range(1, 7)
    ]
    return PlanDocument(
        plan=PlanInfo(title=f"Handlingsplan {n} mot vold", period=(2024, 2028)),
        report=ReportInfo(title=f"Status {as_of}", as_of=as_of),
        chapters=[Chapter("1", "Forebygging")],
        measures=measures,
        organisations=[Organisation("JD", "Justis- og beredskapsdepartementet", "ministry")],
    )


@pytest.fixture
def plans() -> None:
    for n in range(1, 6):
        import_plan_document(plan_document(n), source_name=f"{n}.txt", source_sha256=f"{n}" * 64)


def full(query: str, limit: int = 10, offset: int = 0) -> tuple[list[tuple[int, float]], int]:
    """The full search: every match ranked."""
    return selectors._postgres(parse_query(query), searched_rounds(), "", [], limit, offset)


def ranked(results: selectors.SearchResults) -> list[tuple[int, float]]:
    assert all(h.entry is not None for h in results.hits)
    return [(h.entry.pk, h.rank) for h in results.hits]  # type: ignore[union-attr]


@pytest.mark.usefixtures("plans")
def test_long_lists_give_the_full_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "CHAMPIONS", 1000)
    for query in ("vold barn ", "vold", "barneh", "vold OR barn -hjelp ", '"barn trenger"'):
        results = search_measures(query, limit=10)
        page, total = full(query)
        assert ranked(results) == page, query
        assert (results.total, results.total_is_exact) == (total, True), query


@pytest.mark.usefixtures("plans")
def test_short_lists_rank_their_documents_exactly_and_estimate_the_total(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(selectors, "CHAMPIONS", 4)
    results = search_measures("vold barn ", limit=3)
    assert full("vold barn ", limit=3)[1] == 30
    assert not results.total_is_exact
    assert results.total >= 3
    # The page is the best of the documents where «vold» or «barn» weighs most, as ranked
    # by the full search.
    champions = {
        entry
        for stem in ("vold", "barn")
        for entry in SearchImpact.objects.filter(stem=stem)
        .order_by("-impact")
        .values_list("entry_id", flat=True)[:4]
    }
    every = full("vold barn ", limit=100)[0]
    assert ranked(results) == [(e, r) for e, r in every if e in champions][:3]


@pytest.mark.usefixtures("plans")
def test_a_rare_word_makes_the_lists_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "CHAMPIONS", 6)  # «barnehagen»: the 6 measures of plan 1
    results = search_measures("barnehagen vold ", limit=10)
    page, total = full("barnehagen vold ", limit=10)
    assert (results.total, results.total_is_exact) == (total, True) == (6, True)
    assert ranked(results) == page


@pytest.mark.usefixtures("plans")
def test_pages_beyond_the_lists_and_filters_take_the_full_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(selectors, "CHAMPIONS", 2)
    deep = search_measures("vold barn ", limit=5, offset=20)
    page, total = full("vold barn ", limit=5, offset=20)
    assert ranked(deep) == page
    assert (deep.total, deep.total_is_exact) == (total, True)
    filtered = search_measures("vold barn ", status="in_progress", limit=5)
    assert (filtered.total, filtered.total_is_exact) == (30, True)


@pytest.mark.usefixtures("plans")
def test_a_prefix_draws_on_the_lists_of_its_stems(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "CHAMPIONS", 3)
    results = search_measures("barneha", limit=3)  # «barnehagen»: 6 documents, 3 ranked
    assert (len(results.hits), results.total_is_exact) == (3, False)
    assert {h.measure.plan.title for h in results.hits} == {"Handlingsplan 1 mot vold"}
    more = search_measures("barneha", limit=5)  # more than the list: the full search
    assert (len(more.hits), more.total, more.total_is_exact) == (5, 6, True)


@pytest.mark.usefixtures("plans")
def test_the_lists_follow_the_latest_public_rounds() -> None:
    search_measures("vold")
    first = set(searched_rounds())
    assert set(ImpactedRound.objects.values_list("round_id", flat=True)) == first
    assert SearchImpact.objects.filter(stem="vold").count() == 30

    again = plan_document(1, as_of="2026-06", extra="Kommunen har fått ny veileder.")
    import_plan_document(again, source_name="1b.txt", source_sha256="f" * 64)
    assert search_measures("veileder ").total == 6  # the new round's lists were built
    now = set(searched_rounds())
    assert now != first
    assert set(ImpactedRound.objects.values_list("round_id", flat=True)) == now
    assert SearchImpact.objects.filter(stem="vold").count() == 30  # the old round's dropped

    entry = StatusEntry.objects.filter(round_id__in=now).order_by("pk").first()
    assert entry is not None
    entry.narrative = "Sjøsprøyt og tang."
    entry.save()  # reindexed: its round's lists are made again at the next search
    assert entry.round_id not in set(ImpactedRound.objects.values_list("round_id", flat=True))
    assert search_measures("sjøsprøyt ").total == 1
    assert search_measures("sjøsprøyt ").total_is_exact


@pytest.mark.usefixtures("plans")
def test_two_builders_build_a_round_once() -> None:
    rounds = searched_rounds()
    assert refresh_impacts(rounds) == len(rounds)
    assert refresh_impacts(rounds) == 0
    assert SearchImpact.objects.count() == SearchImpact.objects.distinct().count()
