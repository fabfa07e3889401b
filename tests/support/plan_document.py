"""A hand-built plan document and row counts, for the store and command-line tests (a plugin in
the root conftest)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tiltak.documents.model import (
    Chapter,
    Finding,
    Measure,
    Organisation,
    PlanDocument,
    PlanInfo,
    ReportInfo,
    Severity,
)

PLAN_TITLE = "Opptrappingsplan mot vold og overgrep mot barn og vold i nære relasjoner (2024–2028)"


def build_document(**changes: Any) -> PlanDocument:
    """A small status report like the 2024–2028 plan's, with five measures and a request."""
    document = PlanDocument(
        plan=PlanInfo(
            title=PLAN_TITLE,
            subtitle="Trygghet for alle",
            period=(2024, 2028),
            owner="Justis- og beredskapsdepartementet",
        ),
        report=ReportInfo(title="Status våren 2026", as_of="2026-06"),
        chapters=[
            Chapter(key="1", title="Helhetlig og samordnet innsats", introduction="Innledning."),
            Chapter(key="2", title="Forebygging"),
            Chapter(key="6", title="Anmodningsvedtak"),
        ],
        measures=[
            Measure(
                number="1",
                kind="measure",
                chapter="1",
                title="Styrke samordningen av arbeidet mot vold",
                responsible=["AID"],
                responsible_all=True,
                status="completed",
                status_label="Gjennomført",
                narrative="Arbeidet er ferdig.\n\n- punkt en\n- punkt, «to»",
                references=["2"],
            ),
            Measure(
                number="2",
                kind="measure",
                chapter="1",
                title="Etablere en direktoratsgruppe",
                responsible=["JD", "BFD", "KUD"],
                status="in_progress",
                status_label="Under arbeid",
                narrative='Se også tiltak 1 og "sitat".',
                references=["1", "99"],
            ),
            Measure(
                number="21 b",
                kind="measure",
                chapter="2",
                title="Forebygge vold i nære relasjoner",
                responsible=["BFD", "JD"],
                status="not_started",
                status_label="Ikke startet",
            ),
            Measure(
                number="22",
                kind="measure",
                chapter="2",
                title="Kartlegge hjelpetelefoner",
                responsible=["HOD"],
                status=None,
                status_label=None,
            ),
            Measure(
                number="611",
                kind="request",
                chapter="6",
                title="Stortinget ber regjeringen vurdere en ny ordning",
                responsible=["JD"],
                status="ongoing",
                status_label="Løpende",
            ),
        ],
        organisations=[
            Organisation("AID", "Arbeids- og inkluderingsdepartementet", "ministry", 2022),
            Organisation("BFD", "Barne- og familiedepartementet", "ministry", 2019),
            Organisation("JD", "Justis- og beredskapsdepartementet", "ministry", 2012),
            Organisation("KUD", "Kultur- og likestillingsdepartementet", "ministry", 2022),
            Organisation("HOD", "Helse- og omsorgsdepartementet", "ministry", 2002),
            Organisation("Bufdir", "Barne-, ungdoms- og familiedirektoratet", "directorate"),
            Organisation("EU", "Den europeiske unionen", "other"),
        ],
        findings=[
            Finding(
                code="overview_title_differs",
                severity=Severity.WARNING,
                measure="2",
                message="Tittelen i oversikten er en annen.",
                evidence={"overview": "Etablere direktoratsgruppe"},
            ),
            Finding(code="link_missing", severity=Severity.INFO, measure=None, message="Lenke."),
        ],
        introduction="Regjeringen la fram planen i 2023.",
    )
    for name, value in changes.items():
        setattr(document, name, value)
    return document


@pytest.fixture
def document() -> PlanDocument:
    """A fresh copy of the small status report."""
    return build_document()


@pytest.fixture
def make_document() -> Callable[..., PlanDocument]:
    """Build a document, optionally replacing top-level fields."""
    return lambda **changes: copy.deepcopy(build_document(**changes))


def table_snapshot() -> dict[str, Any]:
    """Row counts and (id, updated_at) of every plans table, to prove nothing changed."""
    from django.apps import apps

    snapshot: dict[str, Any] = {}
    for model in apps.get_app_config("plans").get_models():
        fields = {f.name for f in model._meta.get_fields()}
        values = ["pk", "updated_at"] if "updated_at" in fields else ["pk"]
        snapshot[model.__name__] = sorted(model.objects.values_list(*values))
    return snapshot


@pytest.fixture
def snapshot() -> Callable[[], dict[str, Any]]:
    """table_snapshot as a fixture."""
    return table_snapshot
