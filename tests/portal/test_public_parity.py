"""The portal and the API show the same public data: one read layer, one set of rules.

For the same data, both list the same rounds (a corrected round once), the same measures for
every filter, the same search hits, and the same changes between two rounds.
"""

from __future__ import annotations

import pytest
from django.test import Client
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tiltak.rounds.models import ReportingRound, StatusEntry

from .conftest import PUBLISHED_AT, HandBuilt

pytestmark = pytest.mark.django_db

PORTAL_PARAMS = {"chapter": "kapittel", "organisation": "departement", "status": "status"}
PORTAL_KINDS = {"measure": "tiltak", "request": "anmodningsvedtak"}


def _portal_numbers(client: Client, url: str, params: dict[str, str]) -> list[str]:
    response = client.get(url, params)
    assert response.status_code == 200
    tree = HTMLParser(response.content.decode())
    return [td.text(strip=True) for td in tree.css("table tbody td.measure-number")]


def _portal_query(filters: dict[str, str], rnd: ReportingRound) -> dict[str, str]:
    query = {PORTAL_PARAMS[k]: v for k, v in filters.items() if k in PORTAL_PARAMS}
    if "kind" in filters:
        query["type"] = PORTAL_KINDS[filters["kind"]]
    query["runde"] = rnd.slug
    return query


def _api_numbers(client: Client, url: str, params: dict[str, str]) -> list[str]:
    response = client.get(url, {**params, "page_size": 200})
    assert response.status_code == 200, response.content
    return [item["number"] for item in response.json()["items"]]


@pytest.fixture
def corrected(hand_built: HandBuilt) -> ReportingRound:
    """A published correction of the autumn round, with one narrative rewritten."""
    original = hand_built.autumn
    correction = ReportingRound.objects.create(
        plan=original.plan,
        title=f"{original.title} (rettet)",
        slug=f"{original.slug}-rettet",
        as_of=original.as_of,
        state="published",
        published_at=PUBLISHED_AT,
        corrects=original,
        correction_reason="Ny omtale av tiltak 4 b",
    )
    for entry in original.entries.all():
        narrative = "Ny omtale." if entry.measure.number == "4 b" else entry.narrative
        StatusEntry.objects.create(
            round=correction,
            measure=entry.measure,
            status=entry.status,
            status_label=entry.status_label,
            narrative=narrative,
        )
    return correction


def test_rounds_are_the_same(
    client: Client, hand_built: HandBuilt, corrected: ReportingRound
) -> None:
    slug = hand_built.plan.slug
    page = HTMLParser(client.get(f"/planer/{slug}/").content.decode())
    portal = [o.attributes["value"] for o in page.css("select[name=runde] option")]
    api = [r["slug"] for r in client.get(f"/api/plans/{slug}/rounds").json()]
    assert sorted(portal) == sorted(api) == sorted([hand_built.spring.slug, corrected.slug])


FILTERS = [
    {},
    {"chapter": "2"},
    {"organisation": "ND"},
    {"organisation": "nd"},  # an acronym in any case
    {"status": "none"},
    {"status": "completed"},
    {"kind": "request"},
    {"kind": "measure", "chapter": "1", "organisation": "AD"},
]


@pytest.mark.parametrize(
    "filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "none"
)
@pytest.mark.parametrize("season", ["spring", "autumn"])
def test_filtered_measures_are_the_same(
    client: Client, hand_built: HandBuilt, filters: dict[str, str], season: str
) -> None:
    rnd: ReportingRound = getattr(hand_built, season)
    slug = hand_built.plan.slug
    portal = _portal_numbers(client, f"/planer/{slug}/tiltak/", _portal_query(filters, rnd))
    api = _api_numbers(client, f"/api/plans/{slug}/measures", {**filters, "round": rnd.slug})
    assert portal == api
    if filters == {"status": "none"} and season == "spring":
        assert api == ["3"]


@pytest.mark.parametrize(
    "filters", [{}, {"status": "none"}, {"organisation": "ad"}, {"kind": "request"}]
)
def test_search_hits_are_the_same(
    client: Client, hand_built: HandBuilt, filters: dict[str, str]
) -> None:
    rnd, slug = hand_built.spring, hand_built.plan.slug
    query = {**_portal_query(filters, rnd), "q": "hjelpetelefon veileder krisesentrene OR tilbudet"}
    portal = _portal_numbers(client, f"/planer/{slug}/tiltak/", query)
    api = _api_numbers(
        client,
        "/api/search",
        {**filters, "q": query["q"], "plan": slug, "round": rnd.slug},
    )
    assert sorted(portal) == sorted(api)


def test_changes_are_the_same(
    client: Client, hand_built: HandBuilt, corrected: ReportingRound
) -> None:
    slug, before = hand_built.plan.slug, hand_built.spring
    page = client.get(f"/planer/{slug}/endringer/", {"fra": before.slug, "til": corrected.slug})
    assert page.status_code == 200
    tree = HTMLParser(page.content.decode())
    sections = {
        "status_changed": "statusendringer",
        "narrative_changed": "ny-omtale",
        "added": "nye",
        "removed": "fjernet",
    }
    portal = {
        kind: sorted(
            node.attributes["data-number"] or ""
            for node in tree.css(f"section[aria-labelledby={section}] [data-number]")
            # "Ny omtale" also shows new narratives of measures that changed status
            if node.attributes.get("data-change", kind) == kind
        )
        for kind, section in sections.items()
    }
    response = client.get(
        f"/api/plans/{slug}/changes",
        {"round_before": before.slug, "round_after": corrected.slug},
    ).json()
    api = {
        kind: sorted(i["number"] for i in response["items"] if i["change"] == kind)
        for kind in sections
    }
    assert portal == api
    assert api == {
        "status_changed": ["1", "2", "3"],
        "narrative_changed": ["4 b"],
        "added": ["611"],
        "removed": [],
    }
