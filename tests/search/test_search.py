"""Search over measures: stemming, ranking, highlighting, filters, publication, odd input.

Run on SQLite and on PostgreSQL (DATABASE_URL=postgres://…): the expected results are the same
constants on both, so passing twice shows both backends give identical results.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from tiltak.documents.plaintext import markdown_to_text
from tiltak.plans.models import Measure, Plan
from tiltak.rounds.importing import import_plan_document
from tiltak.rounds.models import StatusEntry
from tiltak.search.models import SearchDocument
from tiltak.search.selectors import SearchResults, search_measures
from tiltak.search.services import reindex
from tiltak.search.text import index_text, parse_query, stem

pytestmark = pytest.mark.django_db


def numbers(results: SearchResults) -> list[str]:
    """The measure numbers of the hits, in order."""
    return [hit.measure.number for hit in results.hits]


# Stemming.


@pytest.mark.parametrize(
    ("word", "expected"),
    [("overgrepet", "overgrep"), ("barnehusene", "barnehus"), ("kommunale", "kommunal")],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == stem(expected) == expected


def test_stop_words_are_not_stemmed() -> None:
    assert stem("og") is None
    assert stem("Ikke") is None
    assert index_text("Vold og overgrep") == "vold \ue000 overgrep"


def test_stemmed_forms_find_each_other(store: dict[str, Any]) -> None:
    assert numbers(search_measures("overgrepet ")) == ["6", "5"]
    assert set(numbers(search_measures("barnehusene "))) == {"1", "2"}
    assert numbers(search_measures("kommunal ")) == ["5"]


# Ranking.


def test_title_match_ranks_above_narrative_only_match(store: dict[str, Any]) -> None:
    results = search_measures("barnehus ")
    assert numbers(results) == ["1", "2"]  # 1 has it in its title, 2 in its narrative
    assert results.hits[0].rank > results.hits[1].rank > 0


def test_more_matches_rank_higher(store: dict[str, Any]) -> None:
    # In 2025, measure 3's title and narrative and measure 4's narrative (three times) match.
    results = search_measures("hjelpetelefonen ", round=store["r2025"])
    assert numbers(results) == ["3", "4"]
    plain = search_measures("ringer natten ", round=store["r2025"])
    assert numbers(plain) == ["4"]


# Highlighting.


def test_highlighting(store: dict[str, Any]) -> None:
    hit = search_measures("barnehus ").hits[0]
    assert hit.title_html == "Styrke Statens <mark>barnehus</mark>"
    assert hit.snippet_html.startswith("<mark>Barnehusene</mark> har fått nye lokaler.")
    six = search_measures("overgrep", kind="request").hits[0]
    assert six.title_html.endswith("ordning for <mark>overgrepsutsatte</mark>")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in six.snippet_html
    assert "<script" not in six.snippet_html
    assert "Ordningen for <mark>overgrep</mark> er vurdert." in six.snippet_html
    assert re.sub(r"</?mark>", "", six.snippet_html).count("<") == 0


def test_snippet_strips_markdown(store: dict[str, Any]) -> None:
    hit = search_measures("veilederen").hits[0]
    assert hit.snippet_html.startswith(
        "<mark>Veilederen</mark> for kommunale handlingsplaner er revidert. Overgrepet mot barn "
        "i saken ble omtalt i rapporten."
    )
    assert "example.org" not in hit.snippet_html
    assert "**" not in hit.snippet_html


def test_snippet_is_about_thirty_words_around_the_match(store: dict[str, Any]) -> None:
    entry = StatusEntry.objects.get(round=store["r2026"], measure__number="2")
    before = " ".join(f"ord{i}" for i in range(60))
    after = " ".join(f"tekst{i}" for i in range(60))
    entry.narrative = f"{before} Her nevnes trafikklys en gang. {after}"
    entry.save()
    snippet = search_measures("trafikklys").hits[0].snippet_html
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>trafikklys</mark>" in snippet
    assert 25 <= len(snippet.split()) <= 32
    assert snippet.index("<mark>") > len("… ord1 ord2 ord3")


def test_markdown_to_text_cases() -> None:
    text = (
        "# Overskrift\n\n- punkt med [lenke](https://a.no/x_(y)) og ![bilde](b.png)\n"
        "1. *kursiv* og __fet__ og `kode` og \\*stjerne\\* og <i>skrå</i> og snake_case_ord\n"
        "> sitat"
    )
    assert markdown_to_text(text) == (
        "Overskrift\n\npunkt med lenke og bilde\n"
        "kursiv og fet og kode og *stjerne* og skrå og snake_case_ord\nsitat"
    )


# Filters and publication.


def test_filters(store: dict[str, Any]) -> None:
    plan = store["plan"]
    query = "arbeidet "  # in every narrative

    def found(**filters: Any) -> list[str]:
        return sorted(numbers(search_measures(query, **filters)))

    assert found() == ["1", "2", "3", "4", "5", "6"]
    assert found(plan=plan) == ["1", "2", "3", "4", "5", "6"]
    assert found(chapter="1") == ["1", "2"]
    assert found(organisation="BFD") == ["3", "4"]
    assert found(organisation="HOD") == ["1"]
    assert found(status="completed") == ["2"]
    assert found(status="in_progress", round=store["r2025"]) == ["1", "3", "5"]
    assert found(kind="request") == ["6"]
    assert found(chapter="2", organisation="JD") == ["4", "6"]
    assert found(chapter="9") == []
    other = Plan.objects.create(slug="annen", title="Annen plan")
    assert search_measures(query, plan=other).total == 0
    assert search_measures(query, plan=other, round=store["r2025"]).total == 0


def test_round_filter_and_default_round(store: dict[str, Any]) -> None:
    # "chat" is only in the 2026 narrative of measure 3, "døgnet" only in 2025's.
    assert numbers(search_measures("chat")) == ["3"]
    assert search_measures("døgnet").total == 0
    hits = search_measures("døgnet", round=store["r2025"]).hits
    assert [h.measure.number for h in hits] == ["3"]
    assert hits[0].entry is not None and hits[0].entry.round == store["r2025"]
    latest = search_measures("chat").hits[0]
    assert latest.entry is not None and latest.entry.round == store["r2026"]
    assert latest.measure.plan == store["plan"] and latest.measure.chapter is not None


def test_unpublished_rounds_are_not_searched_for_the_public(store: dict[str, Any]) -> None:
    draft = store["draft"]
    assert search_measures("hemmeligord").total == 0
    assert search_measures("hemmeligord", round=draft).total == 0
    assert numbers(search_measures("hemmeligord", round=draft, public=False)) == ["1"]
    internal = search_measures("hemmeligord", public=False)
    assert numbers(internal) == ["1"]
    assert internal.hits[0].entry is not None and internal.hits[0].entry.round == draft
    assert search_measures("styrke", public=True).hits[0].entry.round == store["r2026"]


def test_pagination(store: dict[str, Any]) -> None:
    everything = numbers(search_measures("arbeidet"))
    page = search_measures("arbeidet", limit=2, offset=2)
    assert page.total == 6 and numbers(page) == everything[2:4]
    past = search_measures("arbeidet", limit=2, offset=10)
    assert past.total == 6 and past.hits == []
    assert search_measures("arbeidet", limit=0).total == 6


# Query syntax and odd input.


def test_query_syntax(store: dict[str, Any]) -> None:
    assert sorted(numbers(search_measures("barnehus OR hjelpetelefon"))) == ["1", "2", "3", "4"]
    assert numbers(search_measures("barnehus OR hjelpetelefon chat")) == ["3"]
    assert numbers(search_measures("barnehus -avhør")) == ["1"]
    assert numbers(search_measures('"egen lov"')) == ["2"]
    assert numbers(search_measures('"lov egen"')) == []
    assert numbers(search_measures('"nye lokaler" barnehusene')) == ["1"]
    assert numbers(search_measures("kartleggin")) == ["4"]  # a prefix while typing
    assert numbers(search_measures("kartleggin ")) == []  # a finished word: no prefix
    assert numbers(search_measures("barnehus -")) == ["1", "2"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   \n\t",
        "og",
        "og i på",
        '"',
        '""',
        "*",
        "**barn*",
        "OR",
        "barn OR",
        "OR OR barn",
        "NEAR(",
        "NEAR(barn vold, 2)",
        "-",
        "-barn",
        "--",
        "barn AND NOT vold",
        "title: barn",
        "scope: r1",
        "{title} : barn",
        "^barn",
        "barn + vold",
        "'; DROP TABLE plans_plan; --",
        "\\",
        "%_",
        "…–«»",
        "æøå ÆØÅ",
        "Sámi čđŋšŧž",
        "漢字 🙂",
        "\x00\x01",
        "barn:* & !vold | (",
        "barn " * 500,
        "x" * 1000,
        "overgrep " + '"' * 999,
    ],
)
def test_odd_input_never_raises(store: dict[str, Any], query: str) -> None:
    results = search_measures(query)
    assert results.total >= len(results.hits)
    for hit in results.hits:
        assert "<script" not in hit.snippet_html


def test_empty_and_stop_word_queries_find_nothing(store: dict[str, Any]) -> None:
    for query in ("", "   ", "og", "i og på", "-barnehus", '"og"', "OR"):
        assert search_measures(query).total == 0, query
        assert not parse_query(query)


# Keeping the index up to date.


def test_reindex_after_second_import(store: dict[str, Any], make_document: Any) -> None:
    document = make_document(report="Status sommeren 2026", as_of="2026-09")
    document.measures[0].narrative = "Barnehusene har fått egne solcellepaneler."
    result = import_plan_document(document, source_name="2026b.txt", source_sha256="c" * 64)
    assert result.outcome == "new_round"
    assert numbers(search_measures("solcellepanel")) == ["1"]
    assert search_measures("lokaler").total == 0  # gone from 2026
    assert numbers(search_measures("lokaler", round=store["r2025"])) == ["1"]
    third = make_document(report="Status høsten 2026", as_of="2026-12")
    third.measures[1].narrative = "Avhørene skjer nå i vindmølleparken."
    import_plan_document(third, source_name="2026h.txt", source_sha256="d" * 64)
    assert numbers(search_measures("vindmølleparken")) == ["2"]
    assert search_measures("solcellepanel").total == 0  # the newest published round is searched


def test_saving_an_entry_or_a_measure_reindexes_it(store: dict[str, Any]) -> None:
    entry = StatusEntry.objects.get(round=store["r2026"], measure__number="4")
    entry.narrative = "Ny tekst om snøskred."
    entry.save()
    assert numbers(search_measures("snøskred")) == ["4"]
    measure = Measure.objects.get(number="2")
    measure.title = "Utrede en lov om fjellredning"
    measure.save()
    assert numbers(search_measures("fjellredning")) == ["2"]


def test_empty_index_is_built_on_first_search(store: dict[str, Any]) -> None:
    SearchDocument.objects.all().delete()
    assert numbers(search_measures("barnehus ")) == ["1", "2"]
    assert SearchDocument.objects.count() == StatusEntry.objects.count()


def test_reindex_writes_only_what_changed(store: dict[str, Any]) -> None:
    assert reindex() == 0
    assert reindex(store["plan"]) == 0
    StatusEntry.objects.filter(measure__number="1").update(narrative="Oppdatert uten signal.")
    assert reindex(store["plan"]) == 3
    assert numbers(search_measures("oppdatert")) == ["1"]


def test_reindex_command(store: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    SearchDocument.objects.all().delete()
    call_command("search_reindex", plan=store["plan"].slug)
    assert "18 documents written" in capsys.readouterr().out
    assert SearchDocument.objects.count() == 18


def test_deleting_a_plan_removes_its_documents(store: dict[str, Any]) -> None:
    store["plan"].delete()
    assert SearchDocument.objects.count() == 0
    assert search_measures("barnehus").total == 0
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'barnehus'")
            assert cursor.fetchone()[0] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_python_stems_agree_with_postgresql(store: dict[str, Any]) -> None:
    words = sorted(
        {w.lower() for e in StatusEntry.objects.all() for w in re.findall(r"[^\W_]+", e.narrative)}
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, ts_lexize('norwegian_stem', w) FROM unnest(%s::text[]) AS w", [words]
        )
        lexemes = dict(cursor.fetchall())
    for word in words:
        if any(ch.isdigit() for ch in word):
            continue
        expected = lexemes[word]
        assert (stem(word) is None) == (expected == []), word
        if expected:
            assert stem(word) == expected[0], word
