"""The measure list's pagination on every page, and «Mente du …?» under a search that finds few."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tiltak.plans.models import Plan

from .conftest import BIG_PLAN, text_of

pytestmark = pytest.mark.django_db


def page(client: Client, url: str) -> HTMLParser:
    """GET the URL (200) and parse it."""
    response = client.get(url)
    assert response.status_code == 200, url
    return HTMLParser(response.content.decode())


def pagination(tree: HTMLParser) -> list[str]:
    """The pagination's items as a reader sees them; an empty item is drawn as "…" by
    Designsystemet, a hidden item ("-") takes room but is not shown.
    """
    items = []
    for li in tree.css("nav.ds-pagination li"):
        child = next(iter(li.iter()), None)
        text = " ".join(li.text().split())
        if child is None and not text:
            items.append("…")  # li:empty::before { content: "…" }
        elif child is not None and child.attributes.get("aria-hidden") == "true" and text != "…":
            items.append("-")
        else:
            items.append(text.removeprefix("Side "))
    return items


@pytest.mark.parametrize(
    ("side", "expected"),
    [
        (1, ["-", "1", "2", "3", "Neste side"]),
        (2, ["Forrige side", "1", "2", "3", "Neste side"]),
        (3, ["Forrige side", "1", "2", "3", "-"]),
    ],
)
def test_no_ellipsis_before_the_first_or_after_the_last_page(
    client: Client, samples: dict[str, Plan], side: int, expected: list[str]
) -> None:
    tree = page(client, f"/planer/{BIG_PLAN}/tiltak/?side={side}")
    assert pagination(tree) == expected
    current = tree.css_first("nav.ds-pagination a[aria-current=true]")
    assert current is not None
    assert current.text().split() == ["Side", str(side)]


def test_ellipsis_only_between_pages(
    client: Client, samples: dict[str, Plan], settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tiltak.portal.selectors.PAGE_SIZE", 10)  # 14 pages
    first = pagination(page(client, f"/planer/{BIG_PLAN}/tiltak/"))
    assert first[0] == "-" and first[1] == "1" and first[-2] == "14" and "…" in first[2:-2]
    last = pagination(page(client, f"/planer/{BIG_PLAN}/tiltak/?side=14"))
    assert last[-1] == "-" and last[-2] == "14" and last[1] == "1" and "…" in last[2:-2]
    middle = pagination(page(client, f"/planer/{BIG_PLAN}/tiltak/?side=7"))
    assert middle[0] == "Forrige side" and middle[1] == "1" and middle[-2] == "14"
    assert middle.count("…") == 2 and middle[-1] == "Neste side"


def test_mente_du_links_the_corrected_search(client: Client, samples: dict[str, Plan]) -> None:
    tree = page(client, f"/planer/{BIG_PLAN}/tiltak/?q=barnehsu&status=completed")
    heading = tree.css_first("h2#treff")
    assert heading is not None and "Ingen tiltak passer filtrene" in text_of(heading.html or "")
    hint = tree.css_first("p.search-suggestion")
    assert hint is not None and " ".join(hint.text().split()) == "Mente du barnehus?"
    anchor = hint.css_first("a")
    assert anchor is not None
    link = parse_qs(urlsplit(anchor.attributes["href"] or "").query)
    assert link == {"q": ["barnehus"], "status": ["completed"]}
    corrected = page(client, f"/planer/{BIG_PLAN}/tiltak/?q=barnehus")
    assert corrected.css("td.measure-number") and corrected.css_first("p.search-suggestion") is None
