"""A stored round read back as a PlanDocument gives what was imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiltak.documents import parse_path
from tiltak.documents.parser.units import comparable
from tiltak.rounds.documents import round_document
from tiltak.rounds.importing import import_plan_document
from tiltak.rounds.models import ReportingRound

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present"),
]


def test_round_document_matches_the_parsed_report() -> None:
    parsed = parse_path(CORPUS / "plan-2024-2028-status-2026.txt")
    result = import_plan_document(parsed, source_name="plan.txt", source_sha256="0" * 64)
    rnd = ReportingRound.objects.get(plan__slug=result.plan_slug, slug=result.round_slug)
    document = round_document(rnd)
    assert document.report is not None and document.report.title == "Status våren 2026"
    assert document.plan.period == (2024, 2028)
    assert [c.title for c in document.chapters] == [c.title for c in parsed.chapters]

    def facts(doc):  # type: ignore[no-untyped-def]
        return [
            (m.number, m.kind, m.chapter, comparable(m.title), m.responsible, m.responsible_all,
             m.status, m.status_label, m.narrative, sorted(m.references))
            for m in doc.measures
        ]  # fmt: skip

    assert facts(document) == facts(parsed)
    assert document.measure("1").responsible_raw == "AID, alle"  # type: ignore[union-attr]
    assert document.measure("53").responsible_raw == "HOD, BFD og KD"  # type: ignore[union-attr]
    assert {f.code for f in document.findings} >= {"overview-responsible-mismatch"}
