"""Small plan documents built in code for the rule tests, and where the corpus is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tiltak.documents.checks import run_checks
from tiltak.documents.model import (
    Chapter,
    Finding,
    Measure,
    Organisation,
    OverviewRow,
    PlanDocument,
    PlanInfo,
    ReportInfo,
)

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
REPORT = CORPUS / "plan-2024-2028-status-2026.txt"
STRATEGY = CORPUS / "strategy-2021-internet-related-abuse.txt"

ORGANISATIONS = [
    Organisation("JD", "Justis- og beredskapsdepartementet", "ministry"),
    Organisation("BFD", "Barne- og familiedepartementet", "ministry"),
    Organisation("HOD", "Helse- og omsorgsdepartementet", "ministry"),
    Organisation("KUD", "Kultur- og likestillingsdepartementet", "ministry"),
]


def measure(number: str, **fields: Any) -> Measure:
    """A measure in chapter 1, owned by JD, in progress with a short narrative."""
    values: dict[str, Any] = {
        "kind": "measure",
        "chapter": "1",
        "title": f"Tiltak nummer {number} om vold",
        "responsible": ["JD"],
        "responsible_raw": "JD",
        "status": "in_progress",
        "status_label": "Under arbeid",
        "narrative": "Arbeidet er godt i gang.",
    }
    values.update(fields)
    return Measure(number=number, **values)


def document(*measures: Measure, **fields: Any) -> PlanDocument:
    """A status report of the plan 2024–2028 per June 2026 with these measures."""
    values: dict[str, Any] = {
        "plan": PlanInfo(
            "Opptrappingsplan mot vold (2024–2028)", period=(2024, 2028), kind="opptrappingsplan"
        ),
        "report": ReportInfo("Status våren 2026", "2026-06"),
        "chapters": [Chapter("1", "Forebygging"), Chapter("2", "Straffeforfølging")],
        "measures": list(measures) or [measure("1"), measure("2")],
        "organisations": list(ORGANISATIONS),
    }
    values.update(fields)
    return PlanDocument(**values)


def row(number: str, title: str, responsible: str = "JD", status: str = "Under arbeid",
        chapter: str = "Forebygging") -> OverviewRow:  # fmt: skip
    """A row of the overview table."""
    return OverviewRow(number, title, responsible, status, chapter)


def found(
    doc: PlanDocument, code: str, previous: PlanDocument | None = None, **kw: Any
) -> list[Finding]:
    """The findings of one rule."""
    return run_checks(doc, previous, codes=[code], **kw)


def numbers(findings: list[Finding]) -> list[str | None]:
    """The measure numbers of the findings, in order."""
    return [f.measure for f in findings]
