"""The round page as the coordinator uses it: filters kept in links and after posting,
approving all submitted without JavaScript, acknowledging findings (coordinator only), the
«Vis kvitterte (N)» toggle, and the select-all script served as a static file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.support.world import World
from tiltak.rounds import review, services
from tiltak.rounds.models import FindingAcknowledgement, StatusEntry

pytestmark = pytest.mark.django_db
Workflow = StatusEntry.Workflow


@pytest.fixture
def opened(world: World) -> World:
    """Open; JD submits 1 (two links without target) and 2; BFD submits 3."""
    world.open(date.today() + timedelta(days=7))
    for role, number, text in [
        ("lead_editor", "1", "Se [rapporten](#) og [her](#)."),
        ("lead_editor", "2", "Ny omtale av tiltak 2."),
        ("unrelated_editor", "3", "Omtale av tiltak 3 i 2025."),
    ]:
        entry = world.entry(number)
        services.save_entry(
            world.users[role], entry.pk, expected_version=entry.version,
            status_label="Under arbeid", narrative=text, submit=True,
        )  # fmt: skip
    return world


def _url(world: World, tail: str = "") -> str:
    return f"/koordinator/{world.plan.slug}/{world.draft.slug}/{tail}"


def test_the_queue_filters_by_ministry_and_keeps_the_filter_in_links(opened: World) -> None:
    response = opened.client("coordinator").get(_url(opened), {"departement": "BFD"})
    html = response.content.decode()
    assert response.status_code == 200
    entry3 = opened.entry("3").pk
    assert f"tiltak/{entry3}/?departement=BFD" in html
    assert f"tiltak/{opened.entry('1').pk}/" not in html.split('id="funn"')[0]
    assert '<option value="BFD" selected>' in html
    assert "Godkjenn alle innsendte for BFD (1)" in html
    # Last round's status beside the new one, and the text's difference.
    assert "Gjennomført → " in html and 'data-testid="queue-diff"' not in html  # unchanged
    everything = opened.client("coordinator").get(_url(opened)).content.decode()
    assert everything.count('data-testid="queue-diff"') == 2  # measures 1 and 2 changed


def test_approve_all_submitted_without_javascript_in_the_filter(opened: World) -> None:
    response = opened.client("coordinator").post(
        _url(opened), {"action": "approve_all", "departement": "JD", "tilstand": "submitted"}
    )
    assert response.status_code == 302 and response["Location"].endswith("?departement=JD")
    states = {n: opened.entry(n).workflow_state for n in "123"}
    assert states == {"1": Workflow.APPROVED, "2": Workflow.APPROVED, "3": Workflow.SUBMITTED}


def test_approve_the_chosen_ones(opened: World) -> None:
    chosen = opened.entry("3").pk
    response = opened.client("coordinator").post(
        _url(opened), {"action": "approve", "entries": [str(chosen)]}
    )
    assert response.status_code == 302
    assert opened.entry("3").workflow_state == Workflow.APPROVED
    assert opened.entry("1").workflow_state == Workflow.SUBMITTED


def test_an_editor_cannot_approve_all(opened: World) -> None:
    response = opened.client("lead_editor").post(_url(opened), {"action": "approve_all"})
    assert response.status_code == 403
    assert opened.entry("1").workflow_state == Workflow.SUBMITTED


def test_findings_are_linked_without_a_repeated_prefix_and_filtered(opened: World) -> None:
    client = opened.client("coordinator")
    html = client.get(_url(opened)).content.decode()
    section = html.split('id="funn"')[1]
    entry1 = opened.entry("1").pk
    assert f'tiltak/{entry1}/">Tiltak 1</a> (JD): lenken «rapporten» mangler mål' in section
    assert "tiltak 1: lenken" not in section
    assert "En lenke mangler mål" in section and "(2)" in section
    hod = client.get(_url(opened), {"departement": "HOD"}).content.decode()
    assert "lenken «rapporten»" not in hod.split('id="funn"')[1]
    errors_only = client.get(_url(opened), {"alvorlighet": "error"}).content.decode()
    assert "lenken «rapporten»" not in errors_only.split('id="funn"')[1]


def test_the_coordinator_acknowledges_a_whole_group(opened: World) -> None:
    client = opened.client("coordinator")
    response = client.post(
        _url(opened, "funn/kvitter/"),
        {"gruppe": "link-without-target", "reason": "Lenkene mangler i kilden.",
         "departement": "JD"},
    )  # fmt: skip
    assert response.status_code == 302 and "departement=JD" in response["Location"]
    assert FindingAcknowledgement.objects.filter(code="link-without-target").count() == 2
    html = client.get(_url(opened)).content.decode()
    assert "Vis kvitterte (2)" in html and "lenken «rapporten»" not in html
    shown = client.get(_url(opened), {"kvitterte": "1"}).content.decode()
    assert "Skjul kvitterte (2)" in shown and "Lenkene mangler i kilden." in shown


def test_acknowledge_the_chosen_finding(opened: World) -> None:
    rows = review.finding_rows(opened.draft) or []
    chosen = next(r for r in rows if r.text == "lenken «her» mangler mål")
    response = opened.client("coordinator").post(
        _url(opened, "funn/kvitter/"), {"funn": [chosen.fingerprint], "reason": "Kjent."}
    )
    assert response.status_code == 302
    assert list(FindingAcknowledgement.objects.values_list("message", flat=True)) == [
        "tiltak 1: lenken «her» mangler mål"
    ]


def test_an_editor_cannot_acknowledge(opened: World) -> None:
    for role in ("lead_editor", "reader", "anonymous"):
        response = opened.client(role).post(
            _url(opened, "funn/kvitter/"), {"gruppe": "link-without-target", "reason": "Nei."}
        )
        assert response.status_code in (302, 403)
        if role != "anonymous":
            assert response.status_code == 403
    assert FindingAcknowledgement.objects.count() == 0
    page = opened.client("reader").get(_url(opened)).content.decode()
    assert "Kvitter ut" not in page and "Godkjenn alle" not in page


def test_the_select_all_script_is_a_static_file(opened: World) -> None:
    html = opened.client("coordinator").get(_url(opened)).content.decode()
    assert '<script src="/static/rounds/select-all.js" defer></script>' in html
    assert "<script>" not in html
    assert 'data-select-all="entries"' in html and "hidden data-select-all-label" in html


def test_the_entry_page_leads_back_to_the_filtered_queue(opened: World) -> None:
    client = opened.client("coordinator")
    entry = opened.entry("2").pk
    page = client.get(_url(opened, f"tiltak/{entry}/"), {"departement": "HOD"}).content.decode()
    assert f'href="{_url(opened)}?departement=HOD">Tilbake til gjennomgangen' in page
    response = client.post(
        _url(opened, f"tiltak/{entry}/") + "?departement=HOD", {"action": "approve"}
    )
    assert response.status_code == 302 and response["Location"].endswith("?departement=HOD")
    assert opened.entry("2").workflow_state == Workflow.APPROVED
