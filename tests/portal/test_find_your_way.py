"""Finding your way (issue 14): the index pages, the footer on every public page, the
accessibility statement, and /data/ as a page for people and JSON for programs."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, RequestFactory

from tiltak.opendata import views as opendata_views
from tiltak.opendata.services import COLUMN_DESCRIPTIONS
from tiltak.plans.models import Measure, MeasureResponsibility, Organisation
from tiltak.rounds.exchange import COLUMNS

from .conftest import HandBuilt, text_of

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SOURCE = "https://kode.example.no/tiltak"
FOOTER = {
    "Åpne data": 'href="/data/"',
    "API-dokumentasjon": 'href="/api/docs"',
    "Tilgjengelighetserklæring": 'href="/tilgjengelighet/"',
    "Kildekode": f'href="{SOURCE}"',
}


@pytest.fixture(autouse=True)
def _source(settings: Any) -> None:
    settings.TILTAK_SOURCE_URL = SOURCE


def test_no_source_link_until_the_source_is_configured(
    client: Client, hand_built: HandBuilt, settings: Any
) -> None:
    settings.TILTAK_SOURCE_URL = ""
    html = client.get("/planer/").content.decode()
    assert "Tilgjengelighetserklæring" in html
    assert "Kildekode" not in html


def test_plan_index_lists_public_plans_only(client: Client, hand_built: HandBuilt) -> None:
    page = client.get("/planer/")
    html = page.content.decode()
    text = text_of(html)
    assert page.status_code == 200
    assert 'href="/planer/handlingsplan-test/"' in html
    assert "Status høsten 2025" in text and "(per desember 2025)" in text
    assert "Publiseringsdato 30. juni 2026" in text
    assert "Tiltak 5" in text and "Publiserte runder 2" in text
    # the draft round and the plan without a published round stay out
    assert "Status våren 2026" not in text
    assert "skjult-plan" not in html and "En plan uten publiserte runder" not in text


def test_organisation_index_counts_public_measures_only(
    client: Client, hand_built: HandBuilt
) -> None:
    only_hidden = Organisation.objects.create(acronym="HD", name="Hemmeligdepartementet")
    MeasureResponsibility.objects.create(
        measure=Measure.objects.get(plan=hand_built.hidden_plan),
        organisation=only_hidden,
        position=1,
    )
    page = client.get("/organisasjoner/")
    html = page.content.decode()
    text = text_of(html)
    assert page.status_code == 200
    # AD has two measures in the public plan and one in the plan without a published round
    assert "Annetdepartementet (AD) 2 tiltak" in text
    assert "Nydepartementet (ND) 3 tiltak" in text
    assert "Gammeldepartementet (GD) 1 tiltak" in text
    assert "Hemmeligdepartementet" not in text
    for acronym in ("AD", "ND", "GD"):
        assert f'href="/organisasjoner/{acronym}/"' in html
        assert client.get(f"/organisasjoner/{acronym}/").status_code == 200


def test_index_pages_without_public_plans(client: Client, db: None) -> None:
    assert "Ingen planer har publiserte" in client.get("/planer/").content.decode()
    assert "Ingen organisasjoner" in client.get("/organisasjoner/").content.decode()


PUBLIC_PAGES = (
    "/",
    "/planer/",
    "/organisasjoner/",
    "/planer/handlingsplan-test/",
    "/planer/handlingsplan-test/tiltak/",
    "/planer/handlingsplan-test/tiltak/1/",
    "/planer/handlingsplan-test/endringer/",
    "/organisasjoner/ND/",
    "/tilgjengelighet/",
    "/konto/logg-inn/",
)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_has_the_footer(client: Client, hand_built: HandBuilt, path: str) -> None:
    page = client.get(path, HTTP_ACCEPT=BROWSER_ACCEPT)
    html = page.content.decode()
    assert page.status_code == 200
    footer = html[html.index("<footer") :]
    for label, href in FOOTER.items():
        assert label in footer and href in footer, (path, label)


def test_data_page_and_error_pages_have_the_footer(client: Client, hand_built: HandBuilt) -> None:
    from django.views import defaults

    data = client.get("/data/", HTTP_ACCEPT=BROWSER_ACCEPT).content.decode()
    missing = client.get("/planer/finnes-ikke/")
    assert missing.status_code == 404
    error = defaults.server_error(RequestFactory().get("/")).content.decode()
    for html in (data, missing.content.decode(), error):
        footer = html[html.index("<footer") :]
        assert all(href in footer for href in FOOTER.values())


def test_accessibility_statement(client: Client, db: None, settings: Any) -> None:
    settings.TILTAK_CONTACT_EMAIL = ""
    text = text_of(client.get("/tilgjengelighet/").content.decode())
    assert "Tilgjengelighetserklæring" in text
    assert "WCAG 2.1" in text and "EN 301 549" in text and "AA" in text
    assert "axe-core" in text and "tastatur" in text and "390 piksler" in text
    assert "Kjente mangler" in text
    assert "ta kontakt med departementet" in text and "mailto:" not in text
    settings.TILTAK_CONTACT_EMAIL = "uu@tiltak.example.no"
    html = client.get("/tilgjengelighet/").content.decode()
    assert 'href="mailto:uu@tiltak.example.no"' in html


def test_data_page_for_people(client: Client, hand_built: HandBuilt) -> None:
    page = client.get("/data/", HTTP_ACCEPT=BROWSER_ACCEPT)
    html = page.content.decode()
    text = text_of(html)
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert "Accept" in page["Vary"]
    assert "Norsk lisens for offentlige data (NLOD) 2.0" in text and "kommersielt" in text
    assert "Handlingsplan for testing (2025–2027)" in text
    for name in ("handlingsplan-test", "handlingsplan-test/status-hosten-2025"):
        for fmt in ("csv", "xlsx", "json"):
            assert f'href="http://testserver/data/{name}.{fmt}"' in html
    assert "Alle publiserte runder" in text and "Sist endret 30. juni 2026" in text
    assert "status-varen-2026" not in html and "skjult-plan" not in html
    assert 'href="/data/dcat.jsonld"' in html and 'href="/data/?format=json"' in html
    for column in COLUMNS:
        assert f"<code>{column}</code>" in html


def test_every_column_is_described() -> None:
    assert set(COLUMN_DESCRIPTIONS) == set(COLUMNS)
    assert all(COLUMN_DESCRIPTIONS.values())


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/data/", "application/json"),
        ("/data/", None),
        ("/data/", "*/*"),
        ("/data/?format=json", BROWSER_ACCEPT),
    ],
)
def test_data_json_for_clients_is_unchanged(
    client: Client, hand_built: HandBuilt, path: str, accept: str | None
) -> None:
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = client.get(path, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "Accept" in response["Vary"]
    # the same document the JSON view builds
    expected = opendata_views._index_json(RequestFactory().get("/data/")).content
    assert response.content == expected
    files = json.loads(response.content)["plans"][0]["files"]
    assert {f["round"] for f in files} == {None, "status-varen-2025", "status-hosten-2025"}


def test_data_page_and_json_have_their_own_etags(client: Client, hand_built: HandBuilt) -> None:
    html = client.get("/data/", HTTP_ACCEPT=BROWSER_ACCEPT)
    data = client.get("/data/", HTTP_ACCEPT="application/json")
    assert html["ETag"] != data["ETag"]
    again = client.get("/data/", HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=data["ETag"])
    assert again.status_code == 304 and "Accept" in again["Vary"]
    stale = client.get("/data/", HTTP_ACCEPT=BROWSER_ACCEPT, HTTP_IF_NONE_MATCH=data["ETag"])
    assert stale.status_code == 200 and stale["Content-Type"].startswith("text/html")
