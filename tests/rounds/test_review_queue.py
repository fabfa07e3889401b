"""The coordinator's review queue and findings: filters by ministry, state and severity, the
last published round beside the new, approving all submitted without JavaScript, findings
without a repeated prefix, linked to their measure, and acknowledged with a reason so they stop
repeating in later rounds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from tests.support.world import World
from tiltak.audit.models import AuditEvent
from tiltak.documents.model import Finding, Severity
from tiltak.rounds import review, selectors, services
from tiltak.rounds.findings import fingerprint, without_prefix
from tiltak.rounds.models import FindingAcknowledgement, StatusEntry
from tiltak.rounds.review import ReviewFilters

pytestmark = pytest.mark.django_db
Workflow = StatusEntry.Workflow
LINKS = "Se [rapporten](#) og [her](#)."


def _submit(world: World, role: str, number: str, label: str, text: str) -> StatusEntry:
    entry = world.entry(number)
    return services.save_entry(
        world.users[role],
        entry.pk,
        expected_version=entry.version,
        status_label=label,
        narrative=text,
        submit=True,
    )


@pytest.fixture
def opened(world: World) -> World:
    """The round open; JD submits 1 (new status, links without target) and 2, BFD nothing."""
    world.open(date.today() + timedelta(days=7))
    _submit(world, "lead_editor", "1", "Gjennomført", LINKS)
    _submit(world, "lead_editor", "2", "Ikke startet", "Omtale av tiltak 2 i 2025.")
    return world


def _link_findings(world: World, filters: ReviewFilters | None = None) -> list[str]:
    found = review.review_findings(world.draft, filters or ReviewFilters())
    return [row.text for g in found.groups if g.code == "link-without-target" for row in g.rows]


# Filters.


def test_filters_read_from_a_query_and_fall_back_on_unknown_values() -> None:
    filters = ReviewFilters.from_query(
        {"departement": "HOD", "tilstand": "alle", "alvorlighet": "warning", "kvitterte": "1"}
    )
    assert filters == ReviewFilters("HOD", "alle", "warning", True)
    assert filters.query() == "departement=HOD&tilstand=alle&alvorlighet=warning&kvitterte=1"
    odd = ReviewFilters.from_query({"tilstand": "drop table", "alvorlighet": "fatal"})
    assert odd == ReviewFilters() and odd.query() == ""
    assert ReviewFilters(organisation="JD").with_acknowledged == "departement=JD&kvitterte=1"


def test_queue_shows_submitted_by_default_filtered_by_ministry(opened: World) -> None:
    queue = review.review_queue(opened.draft, ReviewFilters())
    assert [r.entry.measure.number for r in queue.rows] == ["1", "2"]
    assert queue.organisations == ["BFD", "HOD", "JD"]
    # HOD is co-responsible for measure 2 only.
    hod = review.review_queue(opened.draft, ReviewFilters(organisation="HOD"))
    assert [r.entry.measure.number for r in hod.rows] == ["2"]
    assert hod.submitted_ids == [opened.entry("2").pk]
    bfd = review.review_queue(opened.draft, ReviewFilters(organisation="BFD", state="alle"))
    assert [(r.entry.measure.number, r.entry.workflow_state) for r in bfd.rows] == [
        ("3", Workflow.NOT_STARTED)
    ]
    counts = {c.key: c.count for c in bfd.state_counts}
    assert counts["not_started"] == 1 and counts["submitted"] == 0


def test_queue_rows_carry_the_last_published_status_and_text(opened: World) -> None:
    queue = review.review_queue(opened.draft, ReviewFilters())
    assert queue.previous_round == opened.published
    one, two = queue.rows
    assert one.previous is not None and one.previous.status_label == "Under arbeid"
    assert one.status_changed and one.text_changed
    assert [f.code for f in one.entry.findings].count("link-without-target") == 2
    assert two.previous is not None and not two.status_changed and not two.text_changed


# Findings.


def test_a_finding_is_shown_once_with_its_measure_not_twice() -> None:
    finding = Finding("link-without-target", Severity.WARNING, "1", "tiltak 1: lenken mangler mål")
    assert without_prefix(finding) == "lenken mangler mål"
    other = Finding("x", Severity.WARNING, "1", "tiltak 12: noe")
    assert without_prefix(other) == "tiltak 12: noe"
    whole = Finding("x", Severity.WARNING, None, "innledningen: noe")
    assert without_prefix(whole) == "innledningen: noe"


def test_findings_are_grouped_linked_and_filtered(opened: World) -> None:
    found = review.review_findings(opened.draft, ReviewFilters())
    links = next(g for g in found.groups if g.code == "link-without-target")
    assert links.severity == "warning" and len(links.rows) == 2
    assert [r.text for r in links.rows] == [
        "lenken «rapporten» mangler mål",
        "lenken «her» mangler mål",
    ]
    assert {r.entry.pk for r in links.rows if r.entry} == {opened.entry("1").pk}
    assert links.rows[0].organisations == ["JD"]
    assert _link_findings(opened, ReviewFilters(organisation="BFD")) == []
    assert _link_findings(opened, ReviewFilters(severity="error")) == []
    assert len(_link_findings(opened, ReviewFilters(organisation="JD", severity="warning"))) == 2


def test_acknowledged_finding_stays_acknowledged_in_the_next_round(opened: World) -> None:
    coordinator = opened.users["coordinator"]
    rows = review.finding_rows(opened.draft) or []
    first = next(r for r in rows if r.text == "lenken «rapporten» mangler mål")
    done = services.acknowledge_findings(
        coordinator, opened.draft, [first.fingerprint], reason="Lenken mangler i kilden."
    )
    assert len(done) == 1 and done[0].measure_number == "1" and done[0].round == opened.draft
    assert _link_findings(opened) == ["lenken «her» mangler mål"]
    queued = review.review_queue(opened.draft, ReviewFilters()).rows[0].entry
    assert [f.code for f in queued.findings].count("link-without-target") == 1
    shown = review.review_findings(opened.draft, ReviewFilters(acknowledged=True))
    assert shown.acknowledged == 1
    assert len(_link_findings(opened, ReviewFilters(acknowledged=True))) == 2
    # The entry's own pages leave it out too.
    texts = [f.message for f in selectors.entry_findings(opened.draft, "1")]
    assert texts == ["tiltak 1: lenken «her» mangler mål"]
    # And the editor's workspace.
    group = selectors.workspace_groups(opened.users["lead_editor"])[0]
    one = next(e for e in group.entries if e.measure.number == "1")
    assert one.finding_count == 1
    assert [f.message for f in group.findings if f.code == "link-without-target"] == texts

    # Publish, start the next round: the text is carried forward, the finding with it.
    services.approve_entries(coordinator, [opened.entry("1").pk])
    services.publish_round(coordinator, opened.draft, override_reason="Prøve")
    autumn = services.create_round(
        coordinator, opened.plan, title="Status høsten 2026", as_of="2026-12"
    )
    autumn = services.open_round(coordinator, autumn, deadline=date.today() + timedelta(days=7))
    assert StatusEntry.objects.get(round=autumn, measure__number="1").narrative == LINKS
    found = review.review_findings(autumn, ReviewFilters())
    links = next(g for g in found.groups if g.code == "link-without-target")
    assert [r.text for r in links.rows] == ["lenken «her» mangler mål"]
    assert found.acknowledged == 1
    assert FindingAcknowledgement.objects.count() == 1


def test_a_changed_finding_comes_back(opened: World) -> None:
    rows = review.finding_rows(opened.draft) or []
    services.acknowledge_findings(
        opened.users["coordinator"], opened.draft, [r.fingerprint for r in rows], reason="Kjent."
    )
    assert _link_findings(opened) == []
    services.return_entry(opened.users["coordinator"], opened.entry("1").pk, comment="Rett.")
    _submit(opened, "lead_editor", "1", "Gjennomført", "Se [planen](#).")
    assert _link_findings(opened) == ["lenken «planen» mangler mål"]


def test_only_the_coordinator_acknowledges_and_with_a_reason(opened: World) -> None:
    rows = review.finding_rows(opened.draft) or []
    prints = [rows[0].fingerprint]
    for role in ("lead_editor", "reader"):
        with pytest.raises(PermissionDenied):
            services.acknowledge_findings(opened.users[role], opened.draft, prints, reason="Ok")
    with pytest.raises(services.WorkflowError, match="Skriv hvorfor"):
        services.acknowledge_findings(
            opened.users["coordinator"], opened.draft, prints, reason="  "
        )
    with pytest.raises(services.WorkflowError, match="Fant ikke"):
        services.acknowledge_findings(
            opened.users["coordinator"], opened.draft, ["0" * 64], reason="Ok"
        )
    assert FindingAcknowledgement.objects.count() == 0


def test_acknowledging_is_audited(opened: World) -> None:
    rows = review.finding_rows(opened.draft) or []
    services.acknowledge_findings(
        opened.users["coordinator"], opened.draft, [rows[0].fingerprint], reason="Fra kilden."
    )
    event = AuditEvent.objects.get(action="acknowledge_finding")
    assert event.actor == opened.users["coordinator"]
    assert event.reason == "Fra kilden."
    assert event.plan_id == opened.plan.pk and event.round_id == opened.draft.pk
    assert event.measure_id == opened.entry("1").measure_id
    lines = selectors.measure_history(event.measure_id or 0)
    assert any("kvitterte ut et funn" in str(line) for line in lines)


def test_fingerprint_ignores_spacing_and_case() -> None:
    a = Finding("c", Severity.WARNING, "1", "tiltak 1: Lenken  «her»\nmangler mål")
    b = Finding("c", Severity.WARNING, "1", "tiltak 1: lenken «her» mangler mål")
    assert fingerprint(a) == fingerprint(b)
