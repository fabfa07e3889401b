"""Following a plan: the changes page's narrative diffs, the plan's Atom feed and the measure
list as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import feedparser
import pytest
from django.test import Client
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tiltak.documents.vocabulary import status_label
from tiltak.rounds.models import StatusEntry

from .conftest import HandBuilt

pytestmark = pytest.mark.django_db

LONG_BEFORE = " ".join(f"ord{i}" for i in range(80))
LONG_AFTER = LONG_BEFORE.replace("ord10 ", "ordti nytt ord ").replace("ord40 ", "")


def _narrate(entry_of: StatusEntry, text: str) -> None:
    entry_of.narrative = text
    entry_of.save()


@pytest.fixture
def narrated(hand_built: HandBuilt) -> HandBuilt:
    """Narratives that change from spring to autumn: a short one for 4 b (same status), a long
    one for 2 (new status too); the draft's secret text stays unpublished."""
    spring, autumn = hand_built.spring, hand_built.autumn
    _narrate(spring.entries.get(measure__number="4 b"), "Tilbudet er kartlagt i tre fylker.")
    _narrate(autumn.entries.get(measure__number="4 b"), "Tilbudet er kartlagt i alle fylker.")
    _narrate(spring.entries.get(measure__number="2"), LONG_BEFORE)
    _narrate(autumn.entries.get(measure__number="2"), LONG_AFTER)
    return hand_built


def test_changes_page_shows_a_word_diff_of_each_new_narrative(
    client: Client, narrated: HandBuilt
) -> None:
    page = client.get(f"/planer/{narrated.plan.slug}/endringer/")
    assert page.status_code == 200
    tree = HTMLParser(page.content.decode())
    items = {
        node.attributes["data-number"]: node
        for node in tree.css("section[aria-labelledby=ny-omtale] li.narrative-diff")
    }
    assert sorted(items) == ["2", "4 b"]
    short = items["4 b"]
    assert [n.text() for n in short.css(".word-diff del")] == ["tre"]
    assert [n.text() for n in short.css(".word-diff ins")] == ["alle"]
    assert short.css_first("details") is None
    long = items["2"]  # changed status as well, and long: folded with a count
    summary = long.css_first("details summary")
    assert summary is not None
    assert summary.text(strip=True) == "Teksten er endret (3 ord lagt til, 2 fjernet)"
    assert [n.text() for n in long.css("details .word-diff del")] == ["ord10", "ord40"]
    assert [n.text() for n in long.css("details .word-diff ins")] == ["ordti nytt ord"]
    assert "UTKAST-HEMMELIG" not in page.content.decode()


def test_plan_feed_is_atom_with_rounds_and_changed_measures(
    client: Client, narrated: HandBuilt
) -> None:
    slug = narrated.plan.slug
    page = HTMLParser(client.get(f"/planer/{slug}/").content.decode())
    alternate = page.css_first('head link[rel=alternate][type="application/atom+xml"]')
    assert alternate is not None
    feed_url = alternate.attributes["href"]
    assert [a.attributes["href"] for a in page.css("main a") if "Atom" in a.text()] == [feed_url]

    response = client.get(feed_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.version == "atom10"
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title.startswith(narrated.plan.title)
    links = [entry.link for entry in feed.entries]
    assert all(link.startswith("http://testserver/planer/") for link in links)
    titles = [entry.title for entry in feed.entries]
    assert narrated.spring.title in titles
    assert narrated.autumn.title in titles
    assert not any(narrated.draft.title in title for title in titles)
    assert "UTKAST-HEMMELIG" not in response.content.decode()
    autumn = next(e for e in feed.entries if e.title == narrated.autumn.title)
    assert f"?runde={narrated.autumn.slug}" in autumn.link
    assert autumn.published_parsed is not None
    assert f"{status_label('completed')}: 1" in autumn.summary
    changed = {
        e.link.split("/tiltak/")[1].split("/")[0]: e.summary
        for e in feed.entries
        if "/tiltak/" in e.link
    }
    # 1, 2, 3 changed status; 4 b only its narrative; 611 is new, not changed
    assert sorted(changed) == ["1", "2", "3", "4%20b"]
    assert "Omtalen er endret (1 ord lagt til, 1 fjernet)." in changed["4%20b"]
    assert status_label("completed") in changed["2"]
    assert "Omtalen er endret (3 ord lagt til, 2 fjernet)." in changed["2"]


def test_feed_of_a_plan_without_published_rounds_is_not_found(
    client: Client, hand_built: HandBuilt
) -> None:
    assert client.get(f"/planer/{hand_built.hidden_plan.slug}/atom/").status_code == 404


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_measure_list_csv_has_the_filtered_rows_only(client: Client, hand_built: HandBuilt) -> None:
    slug, autumn = hand_built.plan.slug, hand_built.autumn
    _narrate(autumn.entries.get(measure__number="3"), '=HYPERLINK("http://x","klikk")')
    listing = HTMLParser(
        client.get(f"/planer/{slug}/tiltak/", {"departement": "AD"}).content.decode()
    )
    link = next(a for a in listing.css("a") if "Last ned som CSV" in a.text())
    href = link.attributes["href"] or ""
    assert "departement=AD" in href
    response = client.get(href)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response.content)
    assert rows[0] == ["Nummer", "Tiltak", "Ansvarlig", "Status", "Omtale"]
    assert [row[0] for row in rows[1:]] == ["1", "3"]
    assert rows[2] == [
        "3",
        "Utrede en ny hjelpetelefon",
        "AD, alle",
        status_label("not_started"),
        '\'=HYPERLINK("http://x","klikk")',
    ]
    assert rows[1][2] == "ND, AD"
    assert "første punkt" in rows[1][4]
    assert "[her](#)" not in rows[1][4]


def test_measure_list_csv_follows_status_round_and_search(
    client: Client, hand_built: HandBuilt
) -> None:
    url = f"/planer/{hand_built.plan.slug}/tiltak.csv"
    spring = {"runde": hand_built.spring.slug}
    none = _csv_rows(client.get(url, {**spring, "status": "none"}).content)
    assert [row[0] for row in none[1:]] == ["3"]
    found = _csv_rows(client.get(url, {**spring, "q": "krisesentrene"}).content)
    assert [row[0] for row in found[1:]] == ["2"]
    everything = _csv_rows(client.get(url).content)
    assert [row[0] for row in everything[1:]] == ["1", "2", "3", "4 b", "611"]


def test_measure_list_csv_is_kept_with_its_file_name_until_the_data_changes(
    client: Client, hand_built: HandBuilt, django_assert_max_num_queries: Any
) -> None:
    url = f"/planer/{hand_built.plan.slug}/tiltak.csv"
    first = client.get(url)
    with django_assert_max_num_queries(2):  # the data version (and the session), not the rows
        kept = client.get(url)
    assert kept.content == first.content
    assert kept["Content-Disposition"] == first["Content-Disposition"]
    assert first["Content-Disposition"].endswith('-tiltak.csv"')
    _narrate(hand_built.autumn.entries.get(measure__number="1"), "En helt ny omtale.")
    assert "En helt ny omtale." in client.get(url).content.decode("utf-8-sig")
