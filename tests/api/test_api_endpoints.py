"""The public API: published data only, pagination, filters, changes, ETag and Cache-Control."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.support.api import PLAN, STRATEGY
from tiltak.plans.models import Plan
from tiltak.rounds.exchange import export_rounds, import_exchange
from tiltak.rounds.models import ReportingRound, StatusEntry

pytestmark = pytest.mark.django_db


def _get(client: Client, url: str, **headers: Any) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response.json()


def test_plans_list_and_detail(corpus: Any, client: Client) -> None:
    plans = _get(client, "/api/plans")
    assert plans["count"] == 2 and plans["pages"] == 1
    assert [p["plan"] for p in plans["items"]] == [PLAN, STRATEGY]
    first = plans["items"][0]
    assert first["period_start"] == 2024 and first["period_end"] == 2028
    assert first["measure_count"] == 131 and first["round_count"] == 1
    assert first["coordinating_organisation"]["acronym"] == "JD"
    plan = _get(client, f"/api/plans/{PLAN}")
    assert [c["chapter"] for c in plan["chapters"]][:3] == ["1", "2", "3"]
    assert plan["rounds"][0]["slug"] == "status-varen-2026"
    assert plan["rounds"][0]["as_of"] == "2026-06"
    assert _get(client, f"/api/plans/{PLAN}/chapters")[1]["measure_count"] == 30
    rnd = _get(client, f"/api/plans/{PLAN}/rounds/status-varen-2026")
    assert sum(rnd["status_counts"].values()) == 131
    assert client.get("/api/plans/no-such-plan").status_code == 404
    assert client.get(f"/api/plans/{PLAN}/rounds/no-such-round").status_code == 404


def test_measures_pagination_and_filters(corpus: Any, client: Client) -> None:
    url = f"/api/plans/{PLAN}/measures"
    page = _get(client, url + "?page_size=50&page=3")
    assert page["count"] == 131 and page["pages"] == 3 and len(page["items"]) == 31
    assert page["items"][-1]["number"] == "619"
    assert _get(client, url + "?page=9")["items"] == []
    requests = _get(client, url + "?kind=request")
    assert requests["count"] == 9
    assert {m["chapter"] for m in requests["items"]} == {"6"}
    item = _get(client, url + "?chapter=1&page_size=1")["items"][0]
    assert item["number"] == "1" and item["round"] == "status-varen-2026"
    assert set(item) >= {"plan", "round", "number", "kind", "chapter", "chapter_title", "title"}
    assert item["responsible"] == ["AID"] and isinstance(item["responsible_all"], bool)
    completed = _get(client, url + "?status=completed&page_size=200")
    assert completed["count"] > 0
    assert {m["status"] for m in completed["items"]} == {"completed"}
    hod = _get(client, url + "?organisation=hod&page_size=200")
    assert hod["count"] > 0 and all("HOD" in m["responsible"] for m in hod["items"])
    assert client.get(url + "?status=done").status_code == 422
    assert client.get(url + "?page=0").status_code == 422
    assert client.get(url + "?page_size=1000").status_code == 422


def test_measure_detail(corpus: Any, client: Client) -> None:
    measure = _get(client, f"/api/plans/{PLAN}/measures/17")
    assert measure["title"].startswith("Videreføre deltakelsen i EU Internet Forum")
    assert measure["responsible"] == ["JD"]
    assert [s["round"] for s in measure["statuses"]] == ["status-varen-2026"]
    assert measure["statuses"][0]["status"] == "in_progress"
    assert measure["predecessors"] == [] and measure["successors"] == []
    assert client.get(f"/api/plans/{PLAN}/measures/999").status_code == 404


def test_lineage_in_measure_detail(corpus: Any, client: Client) -> None:
    from tiltak.lineage.services import Actor, confirm_link

    strategy = Plan.objects.get(slug=STRATEGY).measures.get(number="14")
    plan = Plan.objects.get(slug=PLAN).measures.get(number="17")
    confirm_link(strategy, plan, actor=Actor("test"))
    after = _get(client, f"/api/plans/{PLAN}/measures/17")
    assert after["predecessors"] == [
        {
            "plan": STRATEGY,
            "number": "14",
            "title": "Fornye medlemskap i WePROTECT Global Alliance.",
            "relation": "continues",
            "round": "opprinnelig-plan",
            "status": None,
            "status_label": "",
        }
    ]
    before = _get(client, f"/api/plans/{STRATEGY}/measures/14")
    assert before["successors"][0]["number"] == "17"
    assert before["successors"][0]["status"] == "in_progress"


def test_unpublished_rounds_are_hidden(corpus: Any, client: Client) -> None:
    ReportingRound.objects.filter(plan__slug=STRATEGY).update(state="closed")
    assert [p["plan"] for p in _get(client, "/api/plans")["items"]] == [PLAN]
    assert client.get(f"/api/plans/{STRATEGY}").status_code == 404
    assert client.get(f"/api/plans/{STRATEGY}/measures/14").status_code == 404


def _second_round() -> None:
    """A later round of the 2024–2028 plan where measure 1 is done and 2 has a new narrative."""
    from dataclasses import replace

    plan = Plan.objects.get(slug=PLAN)
    rows = []
    for row in export_rounds(plan):
        if row.number == "2":
            row = replace(row, status="completed", status_label="Gjennomført")
        if row.number == "3":
            row = replace(row, narrative="Ny omtale.")
        rows.append(replace(row, round="Status høsten 2026", round_as_of="2026-11"))
    import_exchange(rows)


def test_changes_between_rounds(corpus: Any, client: Client) -> None:
    single = _get(client, f"/api/plans/{PLAN}/changes")
    assert single["round_before"] is None and single["count"] == 131
    assert {c["change"] for c in single["items"]} == {"added"}
    _second_round()
    changes = _get(client, f"/api/plans/{PLAN}/changes")
    assert changes["round_before"] == "status-varen-2026"
    assert changes["round_after"] == "status-hosten-2026"
    by_number = {c["number"]: c for c in changes["items"]}
    assert set(by_number) == {"2", "3"}
    assert by_number["2"]["change"] == "status_changed"
    assert by_number["2"]["status_before"] == "in_progress"
    assert by_number["2"]["status_after"] == "completed"
    assert by_number["3"]["change"] == "narrative_changed"
    explicit = _get(
        client, f"/api/plans/{PLAN}/changes?from=status-varen-2026&to=status-hosten-2026"
    )
    assert explicit["count"] == 2
    assert client.get(f"/api/plans/{PLAN}/changes?from=nope").status_code == 404
    latest = _get(client, f"/api/plans/{PLAN}/measures?page_size=2&chapter=1")
    assert latest["items"][1]["round"] == "status-hosten-2026"
    older = _get(client, f"/api/plans/{PLAN}/measures?round=status-varen-2026&chapter=1")
    assert older["items"][1]["status"] == "in_progress"


def test_organisations(corpus: Any, client: Client) -> None:
    orgs = _get(client, "/api/organisations?page_size=200")
    acronyms = [o["acronym"] for o in orgs["items"]]
    assert {"JD", "BFD", "HOD", "KUD"} <= set(acronyms) and acronyms == sorted(acronyms)
    jd = _get(client, "/api/organisations/jd")
    assert jd["name"] == "Justis- og beredskapsdepartementet" and jd["measure_count"] > 90
    assert client.get("/api/organisations/XYZ").status_code == 404


def test_search(corpus: Any, client: Client) -> None:
    found = _get(client, "/api/search?q=WePROTECT")
    numbers = {(h["plan"], h["number"]) for h in found["items"]}
    assert {(PLAN, "17"), (STRATEGY, "14")} <= numbers
    assert found["count"] == len(found["items"])
    assert any("<mark>" in h["title_html"] for h in found["items"])
    only = _get(client, f"/api/search?q=WePROTECT&plan={PLAN}&round=status-varen-2026")
    assert {h["number"] for h in only["items"]} >= {"17"}
    assert {h["plan"] for h in only["items"]} == {PLAN}
    assert client.get("/api/search?q=x&round=status-varen-2026").status_code == 404
    assert _get(client, "/api/search?q=%00")["count"] == 0


def test_etag_and_cache_control(corpus: Any, client: Client) -> None:
    url = f"/api/plans/{PLAN}/measures?page_size=5"
    first = client.get(url)
    etag = first["ETag"]
    assert etag and first["Cache-Control"] == "public, max-age=60"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag and again.content == b""
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get(url + "&page=2")["ETag"] != etag
    rnd = client.get(f"/api/plans/{PLAN}/measures?round=status-varen-2026")
    assert rnd["Cache-Control"] == "public, max-age=3600"
    entry = StatusEntry.objects.filter(measure__plan__slug=PLAN).first()
    assert entry is not None
    entry.narrative += " Endret."
    entry.save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_docs_are_served_without_external_requests(client: Client, settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    schema = client.get("/api/openapi.json").json()
    public = {
        path: ops
        for path, ops in schema["paths"].items()
        if all("public" in op["tags"] for op in ops.values())
    }
    assert set(public) == {
        "/api/plans",
        "/api/plans/{plan}",
        "/api/plans/{plan}/chapters",
        "/api/plans/{plan}/rounds",
        "/api/plans/{plan}/rounds/{round_slug}",
        "/api/plans/{plan}/measures",
        "/api/plans/{plan}/measures/{number}",
        "/api/plans/{plan}/changes",
        "/api/organisations",
        "/api/organisations/{acronym}",
        "/api/search",
    }
    assert all(list(ops) == ["get"] for ops in public.values())
    # The rest is the write API (tests/api/test_api_write.py).
    assert all(
        "write" in op["tags"]
        for path, ops in schema["paths"].items()
        if path not in public
        for op in ops.values()
    )


def test_public_responses_are_kept_until_the_data_change(
    corpus: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    url = f"/api/plans/{PLAN}/measures?page_size=5"
    first = client.get(url)
    with django_assert_max_num_queries(1):  # the data version only
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"] and again["Content-Type"] == first["Content-Type"]
    assert again["Cache-Control"] == first["Cache-Control"]
    with django_assert_max_num_queries(1):
        unchanged = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304 and unchanged["ETag"] == first["ETag"]
    number = first.json()["items"][0]["number"]
    entry = (
        StatusEntry.objects.filter(
            measure__plan__slug=PLAN, measure__number=number, round__state="published"
        )
        .order_by("-round__as_of")
        .first()
    )
    assert entry is not None
    entry.narrative = "Endret etter at svaret ble lagret."
    entry.save()
    changed = client.get(url)
    assert changed["ETag"] != first["ETag"]
    assert changed.json()["items"][0]["narrative"] == "Endret etter at svaret ble lagret."


def test_answers_to_a_request_with_credentials_are_never_kept(corpus: Any, client: Client) -> None:
    from django.core.cache import cache

    from tiltak.api.selectors import data_version

    url = f"/api/plans/{PLAN}"
    key = f"tiltak:api:{data_version()}:{url}"
    response = client.get(url, headers={"Authorization": "Bearer tiltak_00000000_x"})
    assert response.status_code == 200 and cache.get(key) is None
    client.get(url)
    assert cache.get(key) is not None
