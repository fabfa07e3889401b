"""Publishing shows only what was approved; the rest carries the last published status."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tiltak.audit.models import AuditEvent
from tiltak.plans.models import Measure
from tiltak.rounds import services
from tiltak.rounds.models import StatusEntry
from tiltak.search.models import SearchDocument
from tiltak.search.services import digest

from .conftest import World

SECRET = "Hemmelig utkast som aldri ble sendt inn"
SUBMITTED = "Innsendt, men ikke godkjent"
NOT_UPDATED = "Ikke oppdatert i denne runden"


@pytest.fixture
def published(world: World) -> World:
    """The 2026 round published with 1 approved, 2 a draft and 3 submitted but not approved."""
    world.open(date(2026, 6, 1))
    jd, bfd = world.users["lead_editor"], world.users["unrelated_editor"]
    coordinator = world.users["coordinator"]
    one = services.save_entry(
        jd, world.entry("1").pk, expected_version=1, status_label="Gjennomført", narrative="Ny."
    )
    services.submit_entry(jd, one.pk, expected_version=one.version)
    services.approve_entries(coordinator, [one.pk])
    services.save_entry(
        jd, world.entry("2").pk, expected_version=1, status_label="Under arbeid", narrative=SECRET
    )
    services.save_entry(
        bfd,
        world.entry("3").pk,
        expected_version=1,
        status_label="Under arbeid",
        narrative=SUBMITTED,
        submit=True,
    )
    services.publish_round(coordinator, world.draft, override_reason="To mangler.")
    cache.clear()
    return world


def test_only_approved_entries_are_published_as_saved(published: World) -> None:
    entries = {e.measure.number: e for e in published.draft.entries.select_related("measure").all()}
    assert (entries["1"].narrative, entries["1"].status, entries["1"].updated_this_round) == (
        "Ny.",
        "completed",
        True,
    )
    assert (entries["2"].narrative, entries["2"].status, entries["2"].status_label) == (
        "Omtale av tiltak 2 i 2025.",
        "not_started",
        "Ikke startet",
    )
    assert entries["3"].narrative == "Omtale av tiltak 3 i 2025."
    assert entries["3"].status == "completed"
    assert not entries["2"].updated_this_round and not entries["3"].updated_this_round
    assert not StatusEntry.objects.filter(narrative__in=[SECRET, SUBMITTED]).exists()


def test_the_replaced_draft_stays_in_the_audit_log(published: World) -> None:
    event = AuditEvent.objects.filter(action="publish_round", model="rounds.statusentry").get(
        object_id=str(published.entry("2").pk)
    )
    assert event.before is not None and event.before["narrative"] == SECRET
    assert event.after is not None and event.after["updated_this_round"] is False


@pytest.mark.parametrize(
    "url",
    [
        "/planer/testplan/tiltak/2/",
        "/rapporter/testplan/status-varen-2026.html",
        "/rapporter/testplan/status-varen-2026.md",
    ],
)
def test_public_pages_say_not_updated_and_never_show_drafts(published: World, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 200
    text = b"".join(response).decode() if response.streaming else response.content.decode()
    assert NOT_UPDATED in text
    assert SECRET not in text and SUBMITTED not in text
    assert "Omtale av tiltak 2 i 2025." in text


def test_updated_measure_page_has_no_marker(published: World) -> None:
    text = Client().get("/planer/testplan/tiltak/1/").content.decode()
    assert "Ny." in text and NOT_UPDATED not in text


def test_api_and_open_data_carry_updated_this_round(published: World) -> None:
    client = Client()
    page = client.get("/api/plans/testplan/measures?round=status-varen-2026").json()
    flags = {item["number"]: item["updated_this_round"] for item in page["items"]}
    assert flags == {"1": True, "2": False, "3": False}
    detail = client.get("/api/plans/testplan/measures/2").json()
    assert [s["updated_this_round"] for s in detail["statuses"]] == [True, False]
    data = json.loads(client.get("/data/testplan/status-varen-2026.json").content)
    flags = {row["number"]: row["updated_this_round"] for row in data["rows"]}
    assert flags == {"1": True, "2": False, "3": False}
    assert SECRET not in json.dumps(data, ensure_ascii=False)


def test_publish_page_lists_entries_by_state_and_what_the_public_sees(world: World) -> None:
    world.open(date(2026, 6, 1))
    services.save_entry(
        world.users["lead_editor"],
        world.entry("2").pk,
        expected_version=1,
        status_label="Under arbeid",
        narrative=SECRET,
    )
    client = Client()
    client.force_login(world.users["coordinator"])
    text = client.get("/koordinator/testplan/status-varen-2026/publiser/").content.decode()
    assert "Dette ser publikum" in text
    assert "Ikke oppdatert i denne runden" in text and "aldri offentlige" in text
    for label in ("Ikke påbegynt (2)", "Utkast (1)", "Sendt inn (0)", "Returnert (0)"):
        assert label in text
    assert "Godkjent (0)" in text
    draft = world.entry("2")
    assert f"/koordinator/testplan/status-varen-2026/tiltak/{draft.pk}/" in text


def test_carried_entries_are_logged_with_their_plan_round_and_measure(published: World) -> None:
    events = AuditEvent.objects.filter(action="publish_round", model="rounds.statusentry")
    carried = {published.entry(n).pk: published.entry(n).measure_id for n in ("2", "3")}
    assert {int(e.object_id): e.measure_id for e in events} == carried
    assert {(e.plan_id, e.round_id, e.actor_name) for e in events} == {
        (published.plan.pk, published.draft.pk, "koordinator")
    }


def test_carried_entries_are_searched_with_the_published_text(published: World) -> None:
    entry = published.entry("2")
    document = SearchDocument.objects.get(entry_id=entry.pk)
    assert document.digest == digest(entry.measure.title, "Omtale av tiltak 2 i 2025.")


def test_publishing_carries_every_entry_in_a_fixed_number_of_queries(world: World) -> None:
    """Carrying 3 or 43 entries costs the same queries: one bulk update, one insert of audit
    events and one reindex, not a save with its signals per entry."""
    for number in range(4, 44):
        Measure.objects.create(plan=world.plan, number=str(number), title=f"Tiltak {number}")
    world.open(date(2026, 6, 1))
    with CaptureQueriesContext(connection) as queries:
        services.publish_round(world.users["coordinator"], world.draft, override_reason="Alle.")
    assert world.draft.entries.filter(updated_this_round=False).count() == 43
    assert AuditEvent.objects.filter(action="publish_round").count() == 44  # 43 entries, round
    assert len(queries) < 43, [q["sql"][:80] for q in queries]
