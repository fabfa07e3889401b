"""The editor's page (issue 13, part 2): the whole title, last published status and text beside
the draft with a word diff, a diff on conflicts, and the workspace ordered, filterable and
with the days left to the deadline."""

from __future__ import annotations

import re
from datetime import date

from django.urls import reverse

from tiltak.plans.models import Measure
from tiltak.rounds import services
from tiltak.rounds.deadlines import deadline_text
from tiltak.rounds.models import StatusEntry

from .conftest import World

LONG_TITLE = (
    "Styrke politiets og påtalemyndighetens arbeid med vold i nære relasjoner gjennom bedre "
    "opplæring, felles rutiner for risikovurdering og et tettere samarbeid med barnevernet, "
    "kommunene og krisesentrene i hele landet, også etter at saken er avsluttet"
)


def edit_url(entry: StatusEntry) -> str:
    return f"/arbeidsflate/tiltak/{entry.pk}/"


def test_the_edit_page_shows_the_whole_long_title(world: World) -> None:
    world.open()
    Measure.objects.filter(plan=world.plan, number="1").update(title=LONG_TITLE)
    html = world.client("lead_editor").get(edit_url(world.entry("1"))).content.decode()
    heading = re.search(r'<h1 class="ds-heading entry-title"[^>]*>(.*?)</h1>', html, re.S)
    assert heading is not None
    assert LONG_TITLE in heading.group(1) and "…" not in heading.group(1)


def test_the_edit_page_shows_last_published_status_text_and_a_word_diff(world: World) -> None:
    world.open()
    entry = world.entry("1")
    services.save_entry(
        world.users["lead_editor"],
        entry.pk,
        expected_version=entry.version,
        status_label="Gjennomført",
        narrative="Omtale av **tiltak 1** i 2026.",
    )
    html = world.client("lead_editor").get(edit_url(entry)).content.decode()
    assert "Sist publisert: Status våren 2025" in html
    assert re.search(r'data-testid="previous-status">Under arbeid<', html)
    assert 'data-testid="previous-narrative"><p>Omtale av tiltak 1 i 2025.</p>' in html
    diff = re.search(r'data-testid="previous-diff">(.*?)</p>', html, re.S)
    assert diff is not None
    assert "<del>2025.</del>" in diff.group(1) and "<ins>2026.</ins>" in diff.group(1)
    assert "**" not in diff.group(1)  # the words are compared, not the Markdown marks
    assert "(nå: Gjennomført)" in html


def test_an_unchanged_draft_says_so_and_the_review_page_shows_last_round_too(
    world: World,
) -> None:
    world.open()
    entry = world.entry("3")  # copied from the published round, unchanged
    editor = world.client("unrelated_editor").get(edit_url(entry)).content.decode()
    assert "Omtalen er uendret." in editor and "<del>" not in editor
    review = world.client("coordinator").get(
        reverse("rounds:review_entry", args=[world.plan.slug, world.draft.slug, entry.pk])
    )
    assert review.status_code == 200
    assert 'data-testid="previous-status">Gjennomført<' in review.content.decode()


def test_a_measure_without_a_published_round_says_so(world: World) -> None:
    world.open()
    measure = Measure.objects.create(plan=world.plan, number="4", title="Nytt tiltak", order=9)
    entry = StatusEntry.objects.create(round=world.draft, measure=measure)
    html = world.client("admin").get(edit_url(entry)).content.decode()
    assert "ingen publisert status fra en tidligere runde" in html


def test_the_conflict_page_shows_a_word_diff_of_the_two_versions(world: World) -> None:
    world.open()
    entry = world.entry("2")
    url = edit_url(entry)
    jd, hod = world.client("lead_editor"), world.client("co_editor")
    saved = {"version": 1, "status_label": "Under arbeid", "action": "save"}
    jd.post(url, {**saved, "narrative": "Tiltaket er i gang i alle fylker."})
    refused = hod.post(
        url,
        {**saved, "status_label": "Gjennomført", "narrative": "Tiltaket er ferdig i alle fylker."},
    )
    assert refused.status_code == 409
    html = refused.content.decode()
    diff = re.search(r'data-testid="conflict-diff">(.*?)</p>', html, re.S)
    assert diff is not None
    assert "<del>i gang</del>" in diff.group(1) and "<ins>ferdig</ins>" in diff.group(1)
    assert "lagret «Under arbeid», din «Gjennomført»" in html


def _states(html: str) -> list[str]:
    return re.findall(r'<tr data-state="(\w+)">', html)


def test_the_workspace_puts_returned_first_and_filters_by_workflow_state(world: World) -> None:
    world.open()
    measure = Measure.objects.create(plan=world.plan, number="4", title="Nytt tiltak", order=9)
    StatusEntry.objects.create(round=world.draft, measure=measure)  # not started
    for number, state in [("1", "submitted"), ("2", "draft"), ("3", "returned")]:
        StatusEntry.objects.filter(pk=world.entry(number).pk).update(workflow_state=state)
    admin = world.client("admin")
    html = admin.get("/arbeidsflate/").content.decode()
    assert _states(html) == ["returned", "not_started", "draft", "submitted"]
    assert '<select class="ds-input" id="f-tilstand" name="tilstand">' in html
    assert "Returnert (1)" in html
    filtered = admin.get("/arbeidsflate/", {"tilstand": "draft"}).content.decode()
    assert _states(filtered) == ["draft"]
    assert '<option value="draft" selected>' in filtered
    nothing = admin.get("/arbeidsflate/", {"tilstand": "approved"}).content.decode()
    assert _states(nothing) == [] and "har denne arbeidsflyten" in nothing
    unknown = admin.get("/arbeidsflate/", {"tilstand": "<script>"}).content.decode()
    assert len(_states(unknown)) == 4


def test_the_workspace_shows_the_deadline_and_the_days_left(world: World) -> None:
    world.open(deadline=date(2030, 3, 15))
    html = world.client("lead_editor").get("/arbeidsflate/").content.decode()
    assert "Frist 15. mars 2030 – " in html and "dager igjen" in html


def test_days_left_for_future_today_and_past_deadlines() -> None:
    deadline = date(2026, 3, 15)
    assert deadline_text(deadline, date(2026, 3, 3)) == "Frist 15. mars 2026 – 12 dager igjen"
    assert deadline_text(deadline, date(2026, 3, 14)) == "Frist 15. mars 2026 – 1 dag igjen"
    assert deadline_text(deadline, deadline) == "Frist i dag, 15. mars 2026"
    assert deadline_text(deadline, date(2026, 3, 16)) == (
        "Fristen gikk ut for 1 dag siden (15. mars 2026)"
    )
    assert deadline_text(deadline, date(2026, 3, 18)) == (
        "Fristen gikk ut for 3 dager siden (15. mars 2026)"
    )
    assert deadline_text(None, deadline) == ""


def test_a_submitted_entry_shows_its_text_rendered_never_raw_markdown(world: World) -> None:
    world.open()
    entry = world.entry("1")
    editor = world.users["lead_editor"]
    saved = services.save_entry(
        editor,
        entry.pk,
        expected_version=entry.version,
        status_label="Under arbeid",
        narrative="Arbeidet er **godt i gang**:\n\n- første punkt\n- andre punkt",
    )
    services.submit_entry(editor, entry.pk, expected_version=saved.version)
    html = world.client("lead_editor").get(edit_url(entry)).content.decode()
    assert "<strong>godt i gang</strong>" in html
    assert "<li>første punkt</li>" in html
    assert "**godt i gang**" not in html and "<pre" not in html
