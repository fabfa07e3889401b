"""A small plan with two published rounds (imported) and a draft round, for the search tests."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tiltak.documents.model import (
    Chapter,
    Measure,
    Organisation,
    PlanDocument,
    PlanInfo,
    ReportInfo,
)
from tiltak.plans.models import Plan
from tiltak.rounds.importing import import_plan_document
from tiltak.rounds.models import ReportingRound, StatusEntry

PLAN_TITLE = "Opptrappingsplan mot vold og overgrep mot barn (2024–2028)"
FILLER = (
    "Arbeidet følges opp av departementet i samarbeid med direktoratet, og det er satt av "
    "midler i statsbudsjettet til tiltaket."
)


def measure(number: str, chapter: str, title: str, narrative: str, **kw: Any) -> Measure:
    """A measure of the test plan."""
    kw.setdefault("responsible", ["JD"])
    kw.setdefault("status", "in_progress")
    return Measure(
        number=number, kind=kw.pop("kind", "measure"), chapter=chapter, title=title,
        narrative=narrative, **kw,
    )  # fmt: skip


def build_document(report: str = "Status våren 2025", as_of: str = "2025-06") -> PlanDocument:
    """The test plan's status report."""
    return PlanDocument(
        plan=PlanInfo(title=PLAN_TITLE, period=(2024, 2028)),
        report=ReportInfo(title=report, as_of=as_of),
        chapters=[Chapter("1", "Forebygging"), Chapter("2", "Bistand og beskyttelse")],
        measures=[
            measure(
                "1",
                "1",
                "Styrke Statens barnehus",
                f"Barnehusene har fått nye lokaler. {FILLER}",
                responsible=["JD", "HOD"],
            ),
            measure(
                "2",
                "1",
                "Utrede en egen lov om avhør",
                f"Utredningen vurderer hvordan avhør på et barnehus skal gjøres. {FILLER}",
                status="completed",
            ),
            measure(
                "3",
                "2",
                "Etablere en nasjonal hjelpetelefon",
                f"Hjelpetelefonen er åpen hele døgnet. {FILLER}",
                responsible=["BFD"],
            ),
            measure(
                "4",
                "2",
                "Kartlegge tilbudet til utsatte barn",
                "Kartleggingen viser at hjelpetelefonen brukes mye. Mange ringer hjelpetelefonen "
                "om natten, og hjelpetelefonen har fått flere ansatte. " + FILLER,
                responsible=["BFD", "JD"],
                status="not_started",
            ),
            measure(
                "5",
                "2",
                "Følge opp kommunale handlingsplaner",
                "Veilederen for [kommunale handlingsplaner](https://example.org/veileder) er "
                "revidert. Overgrepet mot barn i saken ble omtalt i **rapporten**. " + FILLER,
                responsible=["KDD"],
            ),
            measure(
                "6",
                "2",
                "Stortinget ber regjeringen vurdere en ordning for overgrepsutsatte",
                f"<script>alert('x')</script> Ordningen for overgrep er vurdert. {FILLER}",
                kind="request",
                responsible=["JD"],
                status="ongoing",
            ),
        ],
        organisations=[
            Organisation("JD", "Justis- og beredskapsdepartementet", "ministry"),
            Organisation("HOD", "Helse- og omsorgsdepartementet", "ministry"),
            Organisation("BFD", "Barne- og familiedepartementet", "ministry"),
            Organisation("KDD", "Kommunal- og distriktsdepartementet", "ministry"),
        ],
    )


@pytest.fixture
def make_document() -> Callable[..., PlanDocument]:
    """Build a fresh copy of the test plan's report."""
    return lambda **kw: copy.deepcopy(build_document(**kw))


@pytest.fixture
def store(db: None) -> dict[str, Any]:
    """The plan imported twice (rounds 2025 and 2026, published) and a draft round 2027."""
    import_plan_document(build_document(), source_name="2025.txt", source_sha256="a" * 64)
    second = build_document("Status våren 2026", "2026-06")
    second.measures[2].narrative = f"Hjelpetelefonen er utvidet med chat. {FILLER}"
    import_plan_document(second, source_name="2026.txt", source_sha256="b" * 64)
    plan = Plan.objects.get()
    draft = ReportingRound.objects.create(
        plan=plan, title="Status våren 2027", slug="status-varen-2027", as_of="2027-06"
    )
    for m in plan.measures.all():
        text = "Hemmeligord i utkastet." if m.number == "1" else ""
        StatusEntry.objects.create(round=draft, measure=m, narrative=text)
    rounds = {r.slug: r for r in plan.rounds.all()}
    return {
        "plan": plan,
        "r2025": rounds["status-varen-2025"],
        "r2026": rounds["status-varen-2026"],
        "draft": draft,
    }
