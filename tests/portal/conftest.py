"""Fixtures for the portal tests: the sample plans, and a hand-built plan with several rounds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tiltak.plans.models import (
    Chapter,
    Measure,
    MeasureReference,
    MeasureResponsibility,
    Organisation,
    Plan,
)
from tiltak.rounds.exchange import import_exchange, read_exchange
from tiltak.rounds.models import ReportingRound, RoundFinding, StatusEntry

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
BIG_PLAN = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
STRATEGY = "forebygging-og-bekjempelse-av-internettrelaterte-2021-2025"
PUBLISHED_AT = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: Any) -> None:
    """Templates resolve static URLs without a collectstatic manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def samples(db: None) -> dict[str, Plan]:
    """Both sample exchange files imported, by plan slug."""
    files = sorted(SAMPLES.glob("*.csv"))
    if not files:
        pytest.skip("no sample exchange files")
    for path in files:
        import_exchange(read_exchange(path.read_bytes(), source=path.name), source_name=path.name)
    return {plan.slug: plan for plan in Plan.objects.all()}


@dataclass
class HandBuilt:
    """The hand-built plan and the things tests look at."""

    plan: Plan
    spring: ReportingRound
    autumn: ReportingRound
    draft: ReportingRound
    hidden_plan: Plan
    old_ministry: Organisation
    new_ministry: Organisation


def _round(plan: Plan, title: str, slug: str, as_of: str, state: str) -> ReportingRound:
    """A round of the plan; published ones get a publication date."""
    return ReportingRound.objects.create(
        plan=plan,
        title=title,
        slug=slug,
        as_of=as_of,
        state=state,
        published_at=PUBLISHED_AT if state == "published" else None,
    )


@pytest.fixture
def hand_built(db: None) -> HandBuilt:
    """A plan with two published rounds and a draft, a historical ministry and findings."""
    old = Organisation.objects.create(
        acronym="GD", name="Gammeldepartementet", kind="ministry", valid_to="2024-01"
    )
    new = Organisation.objects.create(acronym="ND", name="Nydepartementet", kind="ministry")
    old.successor = new
    old.save()
    other = Organisation.objects.create(acronym="AD", name="Annetdepartementet", kind="ministry")
    plan = Plan.objects.create(
        slug="handlingsplan-test", title="Handlingsplan for testing (2025–2027)", kind="other"
    )
    ch1 = Chapter.objects.create(plan=plan, key="1", title="Forebygging", order=1)
    ch2 = Chapter.objects.create(plan=plan, key="2", title="Hjelp og beskyttelse", order=2)
    specs = [
        ("1", "measure", ch1, "Lage en veileder om vold", [new, other], False),
        ("2", "measure", ch1, "Styrke krisesentrene", [old], False),
        ("3", "measure", ch2, "Utrede en ny hjelpetelefon", [other], True),
        ("4 b", "measure", ch2, "Kartlegge tilbudet til barn", [new], False),
        ("611", "request", ch2, "Stortinget ber regjeringen om en plan", [new], False),
    ]
    measures = {}
    for order, (number, kind, chapter, title, orgs, everyone) in enumerate(specs):
        measure = Measure.objects.create(
            plan=plan,
            number=number,
            kind=kind,
            chapter=chapter,
            title=title,
            order=order,
            responsible_all=everyone,
        )
        for position, org in enumerate(orgs):
            MeasureResponsibility.objects.create(
                measure=measure, organisation=org, position=position
            )
        measures[number] = measure
    MeasureReference.objects.create(from_measure=measures["1"], to_measure=measures["3"])
    spring = _round(plan, "Status våren 2025", "status-varen-2025", "2025-06", "published")
    autumn = _round(plan, "Status høsten 2025", "status-hosten-2025", "2025-12", "published")
    draft = _round(plan, "Status våren 2026", "status-varen-2026", "2026-06", "draft")
    statuses = {
        spring: {"1": "not_started", "2": "in_progress", "3": None, "4 b": "ongoing"},
        autumn: {
            "1": "in_progress",
            "2": "completed",
            "3": "not_started",
            "4 b": "ongoing",
            "611": "in_progress",
        },
        draft: {"1": "completed", "2": "completed", "3": "completed", "4 b": "completed"},
    }
    narratives = {
        "1": "Arbeidet med veilederen går etter planen. Les mer [her](#) og på "
        "[regjeringen.no](https://www.regjeringen.no/).\n\n<script>alert('x')</script>\n\n"
        "- første punkt\n- andre punkt",
    }
    for rnd, by_number in statuses.items():
        for number, status in by_number.items():
            StatusEntry.objects.create(
                round=rnd,
                measure=measures[number],
                status=status,
                status_label="",
                narrative=narratives.get(number, "") if rnd != draft else "UTKAST-HEMMELIG",
            )
    RoundFinding.objects.create(
        round=autumn,
        position=0,
        code="title_differs",
        severity="warning",
        measure=measures["2"],
        measure_number="2",
        message="Tiltak 2 har en annen tittel i dokumentet; tittelen i planen er beholdt.",
        evidence={"stored": "Styrke krisesentrene", "document": "Styrke alle krisesentre"},
    )
    RoundFinding.objects.create(
        round=draft,
        position=0,
        code="secret",
        severity="error",
        measure=measures["1"],
        measure_number="1",
        message="Et hemmelig funn i utkastet.",
    )
    hidden_plan = Plan.objects.create(slug="skjult-plan", title="En plan uten publiserte runder")
    hidden_measure = Measure.objects.create(plan=hidden_plan, number="1", title="Skjult tiltak")
    MeasureResponsibility.objects.create(measure=hidden_measure, organisation=other)
    _round(hidden_plan, "Utkast", "utkast", "2026", "draft")
    StatusEntry.objects.create(round=hidden_plan.rounds.get(), measure=hidden_measure)
    return HandBuilt(plan, spring, autumn, draft, hidden_plan, old, new)


@pytest.fixture
def client() -> Client:
    """A test client for an anonymous visitor."""
    return Client()


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
