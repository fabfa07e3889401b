"""Open data: downloads re-import to the same data; DCAT-AP-NO names every distribution."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from rdflib import RDF, Graph, Namespace, URIRef

from tiltak.opendata.services import NLOD, read_json
from tiltak.plans.models import Organisation, Plan
from tiltak.rounds.exchange import export_rounds, import_exchange, read_exchange, write_csv
from tiltak.rounds.models import ReportingRound

pytestmark = pytest.mark.django_db
PLAN = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
STRATEGY = "forebygging-og-bekjempelse-av-internettrelaterte-2021-2025"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")


def _download(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return b"".join(response) if response.streaming else response.content


def _empty_store() -> None:
    Plan.objects.all().delete()
    Organisation.objects.all().delete()


def _all_rows() -> list[Any]:
    return [row for plan in Plan.objects.order_by("slug") for row in export_rounds(plan)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_downloads_reimport_to_the_same_data(corpus: Any, client: Client, fmt: str) -> None:
    before = _all_rows()
    files = [
        _download(client, f"/data/{PLAN}.{fmt}"),
        _download(client, f"/data/{STRATEGY}/opprinnelig-plan.{fmt}"),
    ]
    _empty_store()
    for data in files:
        rows = read_json(data) if fmt == "json" else read_exchange(data)
        import_exchange(rows, source_name=f"x.{fmt}")
    after = _all_rows()
    assert len(after) == 161
    assert [r.values()[2:] for r in after] == [r.values()[2:] for r in before]
    assert write_csv(export_rounds(Plan.objects.get(slug=PLAN))) == files[0] or fmt != "csv"


def test_json_has_a_header_and_the_exchange_rows(corpus: Any, client: Client) -> None:
    document = json.loads(_download(client, f"/data/{PLAN}/status-varen-2026.json"))
    header = document["header"]
    assert header["format"] == "tiltak-exchange" and header["plan"] == PLAN
    assert header["rows"] == len(document["rows"]) == 131
    assert header["license"] == NLOD
    assert document["rows"][0]["number"] == "1" and document["rows"][0]["responsible_all"] in (
        "ja",
        "nei",
    )


def test_files_have_media_types_and_caching(corpus: Any, client: Client) -> None:
    csv = client.get(f"/data/{PLAN}/status-varen-2026.csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="' in csv["Content-Disposition"]
    assert csv["Cache-Control"] == "public, max-age=3600"
    assert (
        client.get(
            csv.url if hasattr(csv, "url") else f"/data/{PLAN}/status-varen-2026.csv",
            headers={"If-None-Match": csv["ETag"]},
        ).status_code
        == 304
    )
    xlsx = client.get(f"/data/{PLAN}.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get("/data/no-such-plan.csv").status_code == 404
    assert client.get(f"/data/{PLAN}/no-such-round.json").status_code == 404


def test_unpublished_rounds_are_not_offered(corpus: Any, client: Client) -> None:
    ReportingRound.objects.filter(plan__slug=STRATEGY).update(state="draft", published_at=None)
    assert client.get(f"/data/{STRATEGY}.csv").status_code == 404
    assert client.get(f"/data/{STRATEGY}/opprinnelig-plan.csv").status_code == 404
    assert STRATEGY not in client.get("/data/dcat.jsonld").content.decode()


def test_dcat_jsonld_names_every_distribution(corpus: Any, client: Client) -> None:
    index = json.loads(_download(client, "/data/"))
    urls = {f["url"] for plan in index["plans"] for f in plan["files"]}
    assert len(urls) == 2 * 3 * 2  # two plans × (all rounds + one round) × three formats
    graph = Graph().parse(data=_download(client, "/data/dcat.jsonld"), format="json-ld")
    downloads = {str(o) for o in graph.objects(None, DCAT.downloadURL)}
    assert downloads == urls
    for url in urls:  # every file is really there
        assert client.get(url.removeprefix("http://testserver")).status_code == 200

    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    for prop in (DCT.title, DCT.description, DCT.publisher, DCAT.dataset):
        assert graph.value(catalogs[0], prop) is not None, prop
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 2
    required = (
        DCT.identifier,
        DCT.title,
        DCT.description,
        DCT.publisher,
        DCAT.theme,
        DCAT.keyword,
        DCAT.distribution,
        DCAT.contactPoint,
        DCT.accrualPeriodicity,
        DCT.language,
        DCT.accessRights,
    )
    for dataset in datasets:
        for prop in required:
            assert graph.value(dataset, prop) is not None, (dataset, prop)
        publisher = graph.value(dataset, DCT.publisher)
        assert graph.value(publisher, FOAF.name) is not None
    plan = URIRef(f"http://testserver/data/{PLAN}")
    assert str(graph.value(graph.value(plan, DCT.publisher), FOAF.name)) == (
        "Justis- og beredskapsdepartementet"
    )
    temporal = graph.value(plan, DCT.temporal)
    assert str(graph.value(temporal, DCAT.startDate)) == "2024-01-01"
    assert str(graph.value(temporal, DCAT.endDate)) == "2028-12-31"
    themes = {str(t) for t in graph.objects(plan, DCAT.theme)}
    assert "http://publications.europa.eu/resource/authority/data-theme/JUST" in themes
    keywords = {str(k) for k in graph.objects(plan, DCAT.keyword)}
    assert {"tiltak", "vold", "overgrep"} <= keywords
    for dist in graph.subjects(RDF.type, DCAT.Distribution):
        for prop in (DCAT.accessURL, DCAT.downloadURL, DCT.license, DCAT.mediaType, DCT["format"]):
            assert graph.value(dist, prop) is not None, (dist, prop)
        assert str(graph.value(dist, DCT.license)) == NLOD
    assert len(list(graph.subjects(RDF.type, DCAT.Distribution))) == len(urls)


def test_dcat_turtle_and_licence_setting(corpus: Any, client: Client, settings: Any) -> None:
    settings.TILTAK_DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
    turtle = _download(client, "/data/dcat.ttl").decode()
    graph = Graph().parse(data=turtle, format="turtle")
    licences = {str(o) for o in graph.objects(None, DCT.license)}
    assert licences == {"https://creativecommons.org/licenses/by/4.0/"}
    assert len(list(graph.objects(None, DCAT.downloadURL))) == 12
