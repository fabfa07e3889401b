"""Every page of the portal renders, shows only published rounds, and filters as asked."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tiltak.plans.models import Measure, Plan

from .conftest import BIG_PLAN, STRATEGY, HandBuilt, text_of

pytestmark = pytest.mark.django_db


def page(client: Client, url: str, status: int = 200) -> HTMLParser:
    """GET the URL, check the status code, and parse the page."""
    response = client.get(url)
    assert response.status_code == status, url
    return HTMLParser(response.content.decode())


def assert_accessible_frame(tree: HTMLParser) -> None:
    """The page has lang="nb", a skip link to main, landmarks and exactly one h1."""
    assert tree.css_first("html").attributes["lang"] == "nb"
    skip = tree.css_first("a.ds-skip-link")
    assert skip is not None and skip.attributes["href"] == "#hovedinnhold"
    assert tree.css_first("main#hovedinnhold") is not None
    assert tree.css_first("header") is not None and tree.css_first("footer") is not None
    assert len(tree.css("h1")) == 1
    for table in tree.css("table"):
        assert table.css_first("caption") is not None
        assert all(th.attributes.get("scope") in {"col", "row"} for th in table.css("th"))


def measure_numbers(tree: HTMLParser) -> list[str]:
    """The measure numbers in the list's table, in order."""
    return [td.text(strip=True) for td in tree.css("td.measure-number")]


# The sample plans


def test_sample_pages_render(client: Client, samples: dict[str, Plan]) -> None:
    plan = samples[BIG_PLAN]
    measure = plan.measures.get(number="12")
    organisation = measure.responsibilities.get(position=0).organisation
    for url in (
        "/",
        f"/planer/{BIG_PLAN}/",
        f"/planer/{BIG_PLAN}/tiltak/",
        f"/planer/{BIG_PLAN}/tiltak/?side=3",
        f"/planer/{BIG_PLAN}/tiltak/12/",
        f"/planer/{BIG_PLAN}/tiltak/611/",
        f"/planer/{BIG_PLAN}/endringer/",
        f"/planer/{STRATEGY}/",
        f"/planer/{STRATEGY}/tiltak/",
        f"/organisasjoner/{organisation.acronym}/",
    ):
        assert_accessible_frame(page(client, url))


def test_front_page_lists_plans_with_latest_round(client: Client, samples: dict[str, Plan]) -> None:
    tree = page(client, "/")
    cards = tree.css("li.plan-card")
    assert len(cards) == 2
    text = text_of(tree.html or "")
    assert "Status våren 2026" in text and "131 tiltak" in text
    big = next(card for card in cards if BIG_PLAN in (card.html or ""))
    counts = {
        node.attributes["data-status"]: int(node.text()) for node in big.css("strong[data-status]")
    }
    assert sum(counts.values()) == 131
    svg = big.css_first("svg[role=img]")
    assert svg.css_first("title") is not None


def test_front_page_shows_the_newest_plans_and_links_to_all(
    client: Client, samples: dict[str, Plan], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "/planer/" not in [a.attributes.get("href") for a in page(client, "/").css("main a")]
    monkeypatch.setattr("tiltak.portal.selectors.FRONT_PAGE_PLANS", 1)
    tree = page(client, "/?mer")  # another address: the page kept above is not served
    assert len(tree.css("li.plan-card")) == 1
    link = tree.css_first('main a[href="/planer/"]')
    assert link is not None and link.text(strip=True) == "Se alle 2 planer"


def test_measure_list_pages_of_fifty(client: Client, samples: dict[str, Plan]) -> None:
    first = page(client, f"/planer/{BIG_PLAN}/tiltak/")
    assert len(measure_numbers(first)) == 50
    assert "131 tiltak" in text_of(first.css_first("h2#treff").html or "")
    last = page(client, f"/planer/{BIG_PLAN}/tiltak/?side=3")
    assert len(measure_numbers(last)) == 31
    assert measure_numbers(last)[-1] == "619"
    assert first.css_first("nav.ds-pagination a[aria-current=true]").text(strip=True).endswith("1")


def test_measure_list_filters(client: Client, samples: dict[str, Plan]) -> None:
    plan = samples[BIG_PLAN]
    requests = page(client, f"/planer/{BIG_PLAN}/tiltak/?type=anmodningsvedtak")
    assert measure_numbers(requests) == [str(n) for n in range(611, 620)]
    completed = page(client, f"/planer/{BIG_PLAN}/tiltak/?status=completed")
    expected = plan.rounds.get().entries.filter(status="completed").count()
    assert 0 < len(measure_numbers(completed)) == expected
    chapter = page(client, f"/planer/{BIG_PLAN}/tiltak/?kapittel=2&departement=JD")
    numbers = measure_numbers(chapter)
    wanted = Measure.objects.filter(
        plan=plan, chapter__key="2", responsibilities__organisation__acronym="JD"
    )
    assert sorted(numbers) == sorted(m.number for m in wanted)
    assert chapter.css_first("select#f-kapittel option[selected]").attributes["value"] == "2"


def test_measure_list_search_highlights(client: Client, samples: dict[str, Plan]) -> None:
    tree = page(client, f"/planer/{BIG_PLAN}/tiltak/?q=krisesenter")
    assert measure_numbers(tree)
    marks = tree.css("table mark")
    assert marks and all("krisesent" in mark.text().lower() for mark in marks)


def test_measure_list_query_count_is_bounded(
    client: Client, samples: dict[str, Plan], django_assert_max_num_queries: Any
) -> None:
    client.get(f"/planer/{BIG_PLAN}/tiltak/?q=vold")  # builds the search index once
    for url in (
        f"/planer/{BIG_PLAN}/tiltak/",
        f"/planer/{BIG_PLAN}/tiltak/?side=2&kapittel=2",
        f"/planer/{BIG_PLAN}/tiltak/?q=vold&departement=JD",
    ):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"/planer/{BIG_PLAN}/").status_code == 200
    with django_assert_max_num_queries(12):  # two of them for links to other plans
        assert client.get(f"/planer/{BIG_PLAN}/tiltak/12/").status_code == 200


def test_strategy_without_statuses(client: Client, samples: dict[str, Plan]) -> None:
    tree = page(client, f"/planer/{STRATEGY}/")
    cell = tree.css_first('table[data-table=overall] td[data-status="none"]')
    assert cell.text(strip=True) == "30"


# The hand-built plan


def test_plan_page_defaults_to_latest_round_and_switches(
    client: Client, hand_built: HandBuilt
) -> None:
    url = f"/planer/{hand_built.plan.slug}/"
    latest = page(client, url)
    assert latest.css_first("select#velg-runde option[selected]").text() == "Status høsten 2025"
    total = latest.css_first("table[data-table=overall] tfoot td").text(strip=True)
    assert total == "5"
    older = page(client, f"{url}?runde=status-varen-2025")
    assert older.css_first("table[data-table=overall] tfoot td").text(strip=True) == "4"
    assert "eldre rapporteringsrunde" in text_of(older.html or "")
    page(client, f"{url}?runde=status-varen-2026", 404)  # the draft
    page(client, f"{url}?runde=finnes-ikke", 404)


def test_unpublished_is_never_shown(client: Client, hand_built: HandBuilt) -> None:
    slug = hand_built.plan.slug
    for url in ("/", f"/planer/{slug}/", f"/planer/{slug}/tiltak/", f"/planer/{slug}/tiltak/1/"):
        html = client.get(url).content.decode()
        assert "UTKAST-HEMMELIG" not in html and "hemmelig funn" not in html
        assert "Status våren 2026" not in html
    assert "skjult-plan" not in client.get("/").content.decode()
    hidden = hand_built.hidden_plan.slug
    page(client, f"/planer/{hidden}/", 404)
    page(client, f"/planer/{hidden}/tiltak/", 404)
    page(client, f"/planer/{hidden}/tiltak/1/", 404)
    page(client, f"/planer/{hidden}/endringer/", 404)
    page(client, f"/planer/{slug}/tiltak/1/?runde=status-varen-2026", 404)
    page(client, f"/planer/{slug}/tiltak/?runde=status-varen-2026", 404)
    page(client, f"/planer/{slug}/endringer/?til=status-varen-2026", 404)
    organisation = page(client, "/organisasjoner/AD/")
    assert "Skjult tiltak" not in (organisation.html or "")


def test_not_found(client: Client, hand_built: HandBuilt) -> None:
    page(client, "/planer/finnes-ikke/", 404)
    page(client, "/planer/finnes-ikke/tiltak/", 404)
    page(client, f"/planer/{hand_built.plan.slug}/tiltak/999/", 404)
    page(client, "/organisasjoner/FINNESIKKE/", 404)


def test_measure_page(client: Client, hand_built: HandBuilt) -> None:
    slug = hand_built.plan.slug
    tree = page(client, f"/planer/{slug}/tiltak/1/")
    assert_accessible_frame(tree)
    assert tree.css_first("h1").text(strip=True) == "Lage en veileder om vold"
    links = [a.attributes["href"] for a in tree.css("dl.facts ul a")]
    assert links == ["/organisasjoner/ND/", "/organisasjoner/AD/"]  # lead first
    assert "hovedansvarlig" in text_of(tree.css_first("dl.facts").html or "")
    assert tree.css_first(".status-line .ds-tag").text() == "Under arbeid"
    timeline = [li.text(separator=" ", strip=True) for li in tree.css("ol.timeline > li")]
    assert len(timeline) == 2
    assert "Status våren 2025" in timeline[0] and "Ikke startet" in timeline[0]
    assert "Status høsten 2025" in timeline[1] and "Under arbeid" in timeline[1]
    reference = tree.css_first("section[aria-labelledby=henvisninger] a")
    assert reference.attributes["href"] == f"/planer/{slug}/tiltak/3/"
    narrative = tree.css_first("div.narrative")
    assert narrative.css_first("script") is None and "alert" not in (narrative.html or "")
    assert "her" in narrative.text()
    assert [a.attributes["href"] for a in narrative.css("a")] == ["https://www.regjeringen.no/"]
    assert narrative.css_first("a").attributes["rel"] == "noopener"
    assert len(narrative.css("li")) == 2


def test_measure_page_everyone_findings_and_spaces(client: Client, hand_built: HandBuilt) -> None:
    slug = hand_built.plan.slug
    three = page(client, f"/planer/{slug}/tiltak/3/")
    assert "alle departementer deltar" in text_of(three.css_first("dl.facts").html or "")
    referenced = three.css_first("section[aria-labelledby=henvisninger] a")
    assert referenced.attributes["href"] == f"/planer/{slug}/tiltak/1/"
    two = page(client, f"/planer/{slug}/tiltak/2/")
    findings = two.css("ul.findings > li")
    assert len(findings) == 1 and "annen tittel" in findings[0].text()
    spaced = page(client, f"/planer/{slug}/tiltak/4%20b/")
    assert spaced.css_first("h1").text(strip=True) == "Kartlegge tilbudet til barn"
    listing = page(client, f"/planer/{slug}/tiltak/")
    assert f"/planer/{slug}/tiltak/4%20b/" in (listing.html or "")
    older = page(client, f"/planer/{slug}/tiltak/2/?runde=status-varen-2025")
    assert older.css_first(".status-line .ds-tag").text() == "Under arbeid"


def test_measure_list_round_and_kind_filters(client: Client, hand_built: HandBuilt) -> None:
    slug = hand_built.plan.slug
    assert measure_numbers(page(client, f"/planer/{slug}/tiltak/")) == [
        "1",
        "2",
        "3",
        "4 b",
        "611",
    ]
    spring = page(client, f"/planer/{slug}/tiltak/?runde=status-varen-2025")
    assert measure_numbers(spring) == ["1", "2", "3", "4 b"]
    assert measure_numbers(page(client, f"/planer/{slug}/tiltak/?type=tiltak")) == [
        "1",
        "2",
        "3",
        "4 b",
    ]
    none = page(client, f"/planer/{slug}/tiltak/?runde=status-varen-2025&status=none")
    assert measure_numbers(none) == ["3"]
    ongoing = page(client, f"/planer/{slug}/tiltak/?status=ongoing&departement=ND")
    assert measure_numbers(ongoing) == ["4 b"]
    searched = page(client, f"/planer/{slug}/tiltak/?q=veileder")
    assert measure_numbers(searched) == ["1"]
    assert searched.css_first("table mark") is not None
    assert measure_numbers(page(client, f"/planer/{slug}/tiltak/?q=veileder&kapittel=2")) == []


def test_organisation_page_with_successor(client: Client, hand_built: HandBuilt) -> None:
    old = page(client, "/organisasjoner/GD/")
    assert_accessible_frame(old)
    alert = old.css_first(".ds-alert")
    assert alert is not None and alert.css_first("a").attributes["href"] == "/organisasjoner/ND/"
    assert [td.text(strip=True) for td in old.css("td.measure-number")] == ["2"]
    new = page(client, "/organisasjoner/ND/")
    assert [td.text(strip=True) for td in new.css("td.measure-number")] == ["1", "4 b", "611"]
    assert "Gammeldepartementet" in text_of(new.html or "")
    tags = [tag.text() for tag in new.css("td .ds-tag")]
    assert tags == ["Under arbeid", "Løpende", "Under arbeid"]  # the latest published round


def test_changes_page(client: Client, hand_built: HandBuilt) -> None:
    slug = hand_built.plan.slug
    tree = page(client, f"/planer/{slug}/endringer/?fra=status-varen-2025&til=status-hosten-2025")
    assert_accessible_frame(tree)
    changed = {
        row.attributes["data-number"]: [tag.text() for tag in row.css(".ds-tag")]
        for row in tree.css("tr[data-number]")
    }
    assert changed == {
        "1": ["Ikke startet", "Under arbeid"],
        "2": ["Under arbeid", "Gjennomført"],
        "3": ["Uten status", "Ikke startet"],
    }
    added = tree.css_first("section[aria-labelledby=nye]").text()
    assert "611" in added
    titles = text_of(tree.css_first("section[aria-labelledby=titler]").html or "")
    assert "Styrke krisesentrene" in titles and "Styrke alle krisesentre" in titles
    default = page(client, f"/planer/{slug}/endringer/")
    assert len(default.css("tr[data-number]")) == 3
    same = page(client, f"/planer/{slug}/endringer/?fra=status-hosten-2025&til=status-hosten-2025")
    assert same.css_first(".ds-alert") is not None


def test_plan_page_links_report_downloads(client: Client, hand_built: HandBuilt) -> None:
    slug = hand_built.plan.slug
    tree = page(client, f"/planer/{slug}/?runde=status-varen-2025")
    links = [a.attributes["href"] for a in tree.css("section[aria-labelledby=rapport] a")]
    assert links == [
        f"/rapporter/{slug}/status-varen-2025.{fmt}" for fmt in ("pdf", "docx", "html", "md")
    ]
    response = client.get(links[-1])
    assert response.status_code == 200
