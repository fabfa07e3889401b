"""Round lifecycle: open copies the last status, the entry workflow, publishing and corrections."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from tiltak.deployment import parse_storage_url
from tiltak.portal import selectors as portal
from tiltak.rounds import services
from tiltak.rounds.models import ReportingRound, StatusEntry

from .conftest import World


def test_opening_copies_the_last_status_and_narrative(world: World) -> None:
    rnd = world.open(date(2026, 6, 1))
    assert rnd.state == "open" and rnd.deadline == date(2026, 6, 1) and rnd.opened_at
    entries = {e.measure.number: e for e in rnd.entries.select_related("measure")}
    assert set(entries) == {"1", "2", "3"}
    assert entries["3"].status == "completed"
    assert entries["3"].narrative == "Omtale av tiltak 3 i 2025."
    assert {e.workflow_state for e in entries.values()} == {"not_started"}
    assert {e.version for e in entries.values()} == {1}


def test_opening_twice_or_by_an_editor_is_refused(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.open_round(world.users["lead_editor"], world.draft, deadline=date(2026, 6, 1))
    world.open()
    with pytest.raises(services.WorkflowError):
        services.open_round(world.users["coordinator"], world.draft, deadline=date(2026, 6, 1))


def test_workflow_draft_submit_return_fix_approve_publish(world: World) -> None:
    world.open()
    jd, coordinator = world.users["lead_editor"], world.users["coordinator"]
    entry = world.entry("1")
    entry = services.save_entry(
        jd, entry.pk, expected_version=1, status_label="Gjennomført", narrative="Ferdig."
    )
    assert (entry.workflow_state, entry.status, entry.version) == ("draft", "completed", 2)
    entry = services.save_entry(
        jd,
        entry.pk,
        expected_version=2,
        status_label="Gjennomført",
        narrative="Ferdig.",
        submit=True,
    )
    assert entry.workflow_state == "submitted"
    with pytest.raises(PermissionDenied):  # submitted entries are locked for editors
        services.save_entry(jd, entry.pk, expected_version=3, status_label="", narrative="x")
    entry = services.return_entry(coordinator, entry.pk, comment="Skriv hva som ble gjort.")
    assert entry.workflow_state == "returned" and entry.review_comment
    entry = services.save_entry(
        jd,
        entry.pk,
        expected_version=entry.version,
        status_label="Gjennomført",
        narrative="Ferdig: veilederen er publisert.",
        submit=True,
    )
    services.approve_entries(coordinator, [entry.pk])
    assert world.entry("1").workflow_state == "approved"
    with pytest.raises(services.PublishBlocked) as blocked:
        services.publish_round(coordinator, world.draft)
    assert blocked.value.unapproved == 2
    rnd = services.publish_round(coordinator, world.draft, override_reason="To tiltak mangler.")
    assert rnd.state == "published" and rnd.published_by == coordinator and rnd.published_at
    assert rnd.publish_override_reason == "To tiltak mangler."
    assert portal.pick_round(portal.plan_published_rounds(world.plan), None) == rnd


def test_unknown_status_label_is_refused(world: World) -> None:
    world.open()
    with pytest.raises(services.WorkflowError):
        services.save_entry(
            world.users["lead_editor"],
            world.entry("1").pk,
            expected_version=1,
            status_label="Nesten ferdig kanskje",
            narrative="",
        )


def test_a_synonym_maps_to_the_plans_label(world: World) -> None:
    world.open()
    entry = services.save_entry(
        world.users["lead_editor"],
        world.entry("1").pk,
        expected_version=1,
        status_label="Igangsatt",
        narrative="",
    )
    assert entry.status == "in_progress" and entry.status_label == "Under arbeid"


def test_a_correction_is_a_new_round_and_the_portal_shows_the_newest(world: World) -> None:
    coordinator = world.users["coordinator"]
    before = list(world.published.entries.values_list("narrative", flat=True))
    correction = services.correct_round(coordinator, world.published, reason="Feil i tiltak 3.")
    assert correction.corrects == world.published and correction.state == "draft"
    correction = services.open_round(coordinator, correction, deadline=date(2026, 1, 1))
    # The correction starts from the corrected round's entries.
    assert world.entry("3", correction).narrative == "Omtale av tiltak 3 i 2025."
    entry = world.entry("3", correction)
    services.save_entry(
        world.users["unrelated_editor"],
        entry.pk,
        expected_version=1,
        status_label="Under arbeid",
        narrative="Rettet omtale.",
        submit=True,
    )
    for e in correction.entries.all():
        if e.workflow_state != "submitted":
            StatusEntry.objects.filter(pk=e.pk).update(workflow_state="submitted")
    services.approve_entries(coordinator, list(correction.entries.values_list("pk", flat=True)))
    services.publish_round(coordinator, correction, override_reason="Tilbakegang er riktig.")
    # The published original is untouched; the portal's latest is the correction.
    assert list(world.published.entries.values_list("narrative", flat=True)) == before
    world.published.refresh_from_db()
    assert world.published.state == "published"
    latest = portal.pick_round(portal.plan_published_rounds(world.plan), None)
    assert latest == correction


def test_publish_warms_reports_once(
    world: World, settings: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TILTAK_WARM_REPORTS_ON_PUBLISH = True
    calls: list[ReportingRound] = []
    monkeypatch.setattr(
        "tiltak.reports.services.warm_reports", lambda rnd, *a, **k: calls.append(rnd)
    )
    world.open()
    # The report job is queued when the publishing transaction commits, and runs at once here.
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_round(world.users["coordinator"], world.draft, override_reason="Test.")
    assert [r.pk for r in calls] == [world.draft.pk]


def test_publish_really_renders_the_reports(
    world: World, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TILTAK_WARM_REPORTS_ON_PUBLISH = True
    settings.TILTAK_WARM_REPORT_FORMATS = ("md", "html")
    settings.STORAGES = {**settings.STORAGES, **parse_storage_url("", tmp_path)}
    world.open()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_round(world.users["coordinator"], world.draft, override_reason="Test.")
    assert sorted(p.suffix for p in (tmp_path / "reports").iterdir()) == [".html", ".md"]
