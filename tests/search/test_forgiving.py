"""Search that forgives, on the 2026 status report of the corpus: "Mente du …" suggestions from
the index's vocabulary, Norwegian compounds split into known words, and word* consistent with
the plain word.

Run on SQLite and on PostgreSQL (DATABASE_URL=postgres://…): the expectations are the same.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.api import PLAN
from tiltak.plans.models import Plan
from tiltak.search.selectors import SearchResults, search_measures
from tiltak.search.text import edit_distance, parse_query, split_compound, stem

pytestmark = pytest.mark.django_db


def found(query: str) -> set[str]:
    """The numbers of every measure of the corpus plan a query finds."""
    plan = Plan.objects.get(slug=PLAN)
    return {hit.measure.number for hit in search_measures(query, plan=plan, limit=500).hits}


def results(query: str) -> SearchResults:
    """The search in the corpus plan."""
    return search_measures(query, plan=Plan.objects.get(slug=PLAN), limit=500)


# The table: what a user types, and the suggestion it gets ("" for none).
SUGGESTIONS = [
    ("barnehsu", "barnehus"),
    ("barnehsu ", "barnehus"),
    ("voldd", "vold"),
    ("voldd ", "vold"),
    ("krisesenterr", "krisesenter"),
    ("kjønslemlestelse", "kjønnslemlestelse"),
    ("Barnehsu OR voldd", "barnehus OR vold"),
    ("overgrep barnehsu", "overgrep barnehus"),
    # Correctly spelled words, whole or being typed, never get a correction.
    ("vold", ""),
    ("barnehus ", ""),
    ("kjønnslemlestelse", ""),
    ("politiet ", ""),
    ("nettovergrep", ""),  # a compound of known words is searched, not corrected
]


@pytest.mark.parametrize(("query", "suggestion"), SUGGESTIONS)
def test_suggestion(corpus: Callable[[], None], query: str, suggestion: str) -> None:
    result = results(query)
    assert result.suggestion == suggestion
    if suggestion:
        assert result.total < 3
        assert results(suggestion + " ").total > 0  # the suggestion finds something
    if not suggestion and query.strip() != "nettovergrep":
        assert result.total > 0


# Compounds: (typed, the same words apart). The compound is not in the index as a whole word.
COMPOUNDS = [
    ("nettovergrep", "nett overgrep"),
    ("nettovergrep ", "nett overgrep "),
    ("overgrepsvold ", "overgrep vold "),
    ("barnehusvold ", "barnehus vold "),
    ("politibarnehus ", "politi barnehus "),
]


@pytest.mark.parametrize(("compound", "apart"), COMPOUNDS)
def test_compound_finds_its_parts(corpus: Callable[[], None], compound: str, apart: str) -> None:
    assert found(compound) == found(apart) != set()
    assert results(compound).suggestion == ""


def test_a_known_word_is_not_split(corpus: Callable[[], None]) -> None:
    # "barnevernstjenesten" is in the report: it finds itself, not every "barnevern" with some
    # "tjeneste" (which finds other measures).
    assert found("barnevernstjeneste ") == {"46", "47", "72", "95", "96"}
    assert found("barnevern tjeneste ") == {"6", "52", "53", "66", "119"}
    assert results("barnevernstjeneste ").suggestion == ""


@pytest.mark.parametrize("word", ["vold", "overgrep", "barnehus", "politi", "kommun"])
def test_prefix_finds_all_the_plain_word_finds(corpus: Callable[[], None], word: str) -> None:
    plain = found(word + " ")
    assert plain
    assert found(word + "*") >= plain
    assert found(word + "* ") == found(word)  # explicit * as a word being typed


def test_prefix_is_of_the_stem() -> None:
    starred = next(parse_query("barnehusene*").terms())
    assert starred.prefix and starred.stems == (stem("barnehusene"),)
    assert not next(parse_query("vold ").terms()).prefix


def test_split_and_distance_helpers() -> None:
    known = {
        s for w in ("nett", "overgrep", "barnevern", "tjenesten", "barn", "vern") if (s := stem(w))
    }
    assert split_compound("nettovergrep", known) == ("nett", "overgrep")
    parts = split_compound("barnevernstjeneste", known)  # barnevern(s) + tjeneste
    assert [stem(p) for p in parts] == [stem("barnevern"), stem("tjeneste")]
    parts = split_compound("nettetovergrep", known)  # linking e (or a stem-equal form)
    assert [stem(p) for p in parts] == [stem("nett"), stem("overgrep")]
    assert split_compound("nettover", known) == ()
    assert edit_distance("barnehsu", "barnehus", 2) == 1  # a swap of neighbours is one edit
    assert edit_distance("voldd", "vold", 2) == 1
    assert edit_distance("vold", "overgrep", 2) == 3


def test_public_vocabulary_is_kept_per_data_version_and_drafts_are_read_afresh(
    corpus: Callable[[], None],
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tiltak.caching.version import bump_data_version
    from tiltak.rounds.models import ReportingRound, StatusEntry

    def reads_vocabulary(query: str, **options: object) -> bool:
        with CaptureQueriesContext(connection) as context:
            search_measures(query, plan=plan, **options)  # type: ignore[arg-type]
        return any("search_searchword" in q["sql"] for q in context.captured_queries)

    plan = Plan.objects.get(slug=PLAN)
    assert search_measures("barnehsu", plan=plan).suggestion == "barnehus"
    assert not reads_vocabulary("barnehsu")  # kept
    bump_data_version()
    assert reads_vocabulary("barnehsu")  # read again after a change

    # A draft's new word is known at once to a search of drafts (public=False), though saving
    # a draft does not move the data version on.
    published = plan.rounds.get()
    draft = ReportingRound.objects.create(
        plan=plan, title="Status våren 2027", slug="status-varen-2027", as_of="2027-06"
    )
    entry = published.entries.order_by("pk").first()
    assert entry is not None
    StatusEntry.objects.create(round=draft, measure=entry.measure, narrative="Sjøsprøyt i fjæra.")
    assert search_measures("sjøsprøytt", plan=plan, public=False).suggestion == "sjøsprøyt"
    assert reads_vocabulary("sjøsprøytt", public=False)
