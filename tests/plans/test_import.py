"""The document import service: new plans, re-imports, new rounds, conflicts, atomicity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tiltak.documents.model import Measure as DocMeasure
from tiltak.documents.model import PlanDocument, ReportInfo
from tiltak.plans.models import Chapter, Measure, MeasureReference, Organisation, Plan
from tiltak.rounds import importing
from tiltak.rounds.importing import ImportFailed, import_plan_document
from tiltak.rounds.models import ReportingRound, RoundFinding, StatusEntry

pytestmark = pytest.mark.django_db
SLUG = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"


def _import(document: PlanDocument, **kwargs: Any) -> importing.ImportResult:
    kwargs.setdefault("source_name", "status-2026.txt")
    kwargs.setdefault("source_sha256", "a" * 64)
    return import_plan_document(document, **kwargs)


def test_new_plan_creates_everything(document: PlanDocument) -> None:
    result = _import(document)
    assert result.outcome == "created"
    assert (result.plan_slug, result.round_slug) == (SLUG, "status-varen-2026")
    assert result.measures == 5
    assert result.conflicts == []
    plan = Plan.objects.get()
    assert plan.kind == "opptrappingsplan"
    assert (plan.period_start, plan.period_end) == (2024, 2028)
    assert plan.subtitle == "Trygghet for alle"
    assert plan.coordinating_organisation is not None
    assert plan.coordinating_organisation.acronym == "JD"
    assert [c.key for c in plan.chapters.all()] == ["1", "2", "6"]
    assert plan.chapters.get(key="1").introduction == "Innledning."
    assert [m.number for m in plan.measures.all()] == ["1", "2", "21 b", "22", "611"]
    two = plan.measures.get(number="2")
    assert two.responsible_acronyms() == ["JD", "BFD", "KUD"]
    assert plan.measures.get(number="21 b").responsible_acronyms() == ["BFD", "JD"]
    assert plan.measures.get(number="1").responsible_all is True
    assert two.responsible_all is False
    assert plan.measures.get(number="611").kind == "request"
    assert two.chapter is not None and two.chapter.key == "1"


def test_new_plan_round_statuses_findings_references(document: PlanDocument) -> None:
    _import(document)
    rnd = ReportingRound.objects.get()
    assert rnd.state == "published" and rnd.published_at is not None
    assert (rnd.as_of, rnd.title, rnd.source_name) == (
        "2026-06",
        "Status våren 2026",
        "status-2026.txt",
    )
    assert rnd.introduction == "Regjeringen la fram planen i 2023."
    statuses = {e.measure.number: (e.status, e.status_label) for e in rnd.entries.all()}
    assert statuses == {
        "1": ("completed", "Gjennomført"),
        "2": ("in_progress", "Under arbeid"),
        "21 b": ("not_started", "Ikke startet"),
        "22": (None, ""),
        "611": ("ongoing", "Løpende"),
    }
    assert rnd.entries.get(measure__number="1").narrative.startswith("Arbeidet er ferdig.")
    refs = {(r.from_measure.number, r.to_measure.number) for r in MeasureReference.objects.all()}
    assert refs == {("1", "2"), ("2", "1")}
    findings = list(rnd.findings.values_list("code", "severity", "measure_number"))
    assert findings == [
        ("overview_title_differs", "warning", "2"),
        ("link_missing", "info", ""),
        ("reference_unresolved", "info", "2"),
    ]
    first = rnd.findings.first()
    assert first is not None and first.measure is not None and first.measure.number == "2"
    assert first.evidence == {"overview": "Etablere direktoratsgruppe"}


def test_organisations_upserted_by_acronym(document: PlanDocument) -> None:
    Organisation.objects.create(acronym="HOD", name="HOD")  # placeholder from an exchange file
    Organisation.objects.create(acronym="BFD", name="Barne-, likestillings- og inkl.dep.")
    result = _import(document)
    assert Organisation.objects.get(acronym="HOD").name == "Helse- og omsorgsdepartementet"
    assert Organisation.objects.get(acronym="BFD").name == "Barne-, likestillings- og inkl.dep."
    assert Organisation.objects.get(acronym="Bufdir").kind == "directorate"
    assert not Organisation.objects.filter(acronym="EU").exists()  # not an owner of anything
    assert "organisation_name_differs" in set(RoundFinding.objects.values_list("code", flat=True))
    assert result.conflicts == []


def test_reimport_same_document_changes_nothing(
    document: PlanDocument, snapshot: Callable[[], dict[str, Any]]
) -> None:
    _import(document)
    before = snapshot()
    result = _import(document)
    assert result.outcome == "unchanged"
    assert result.measures == 5
    assert snapshot() == before


def test_reimport_with_changed_status_refused(
    document: PlanDocument,
    make_document: Callable[..., PlanDocument],
    snapshot: Callable[[], dict[str, Any]],
) -> None:
    _import(document)
    before = snapshot()
    changed = make_document()
    changed.measures[1].status = "completed"
    changed.measures[1].status_label = "Gjennomført"
    with pytest.raises(ImportFailed, match="is published and this document differs"):
        _import(changed, source_sha256="b" * 64)
    assert StatusEntry.objects.get(measure__number="2").status == "in_progress"
    assert snapshot() == before


def test_second_round_matched_by_number_with_conflicts(
    document: PlanDocument, make_document: Callable[..., PlanDocument]
) -> None:
    _import(document)
    later = make_document(report=ReportInfo(title="Status våren 2027", as_of="2027-05"))
    later.measures = [m for m in later.measures if m.number != "22"]
    later.measures[0].status = "ongoing"
    later.measures[1].title = "Etablere direktoratsgruppen for vold"
    later.measures[2].responsible = ["JD"]
    later.measures.append(
        DocMeasure(
            number="23", kind="measure", chapter="2", title="Nytt tiltak", status="completed"
        )
    )
    result = _import(later, source_name="status-2027.txt")
    assert result.outcome == "new_round"
    assert result.round_slug == "status-varen-2027"
    codes = sorted(c.split(":")[0] for c in result.conflicts)
    assert codes == [
        "measure_missing",
        "measure_not_in_plan",
        "responsible_differs",
        "title_differs",
    ]
    plan = Plan.objects.get()
    assert plan.rounds.count() == 2
    assert not plan.measures.filter(number="23").exists()
    assert plan.measures.get(number="2").title == "Etablere en direktoratsgruppe"
    assert plan.measures.get(number="21 b").responsible_acronyms() == ["BFD", "JD"]
    rnd = plan.rounds.get(slug="status-varen-2027")
    assert rnd.entries.count() == 5
    assert rnd.entries.get(measure__number="1").status == "ongoing"
    missing = rnd.entries.get(measure__number="22")
    assert (missing.status, missing.status_label, missing.narrative) == (None, "", "")
    stored = set(rnd.findings.values_list("code", "measure_number"))
    assert {
        ("measure_missing", "22"),
        ("measure_not_in_plan", "23"),
        ("title_differs", "2"),
    } <= stored
    assert plan.rounds.get(slug="status-varen-2026").entries.get(measure__number="1").status == (
        "completed"
    )
    assert _import(later, source_name="status-2027.txt").outcome == "unchanged"


def test_plan_override_slug(document: PlanDocument) -> None:
    result = _import(document, plan_slug="vold-2024")
    assert result.plan_slug == "vold-2024"
    later = PlanDocument(
        plan=document.plan, report=ReportInfo(title="Status 2027"), measures=document.measures
    )
    assert _import(later, plan_slug="vold-2024").outcome == "new_round"
    with pytest.raises(ImportFailed, match="not a slug"):
        _import(document, plan_slug="Not A Slug")


def test_document_without_report_gets_baseline_round(
    make_document: Callable[..., PlanDocument],
) -> None:
    document = make_document(report=None, findings=[])
    for measure in document.measures:
        measure.status, measure.status_label = None, None
    result = _import(document)
    assert result.round_title == "Opprinnelig plan"
    rnd = ReportingRound.objects.get()
    assert rnd.as_of == "2024"
    assert set(rnd.entries.values_list("status", flat=True)) == {None}


def test_bad_document_refused_untouched(
    make_document: Callable[..., PlanDocument], snapshot: Callable[[], dict[str, Any]]
) -> None:
    before = snapshot()
    with pytest.raises(ImportFailed, match="no measures"):
        _import(make_document(measures=[]))
    bad = make_document()
    bad.measures[0].number = "1" * 30
    with pytest.raises(ImportFailed, match="longer than 20"):
        _import(bad)
    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_failure_midway_leaves_database_untouched(
    document: PlanDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(self: object, *args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing._Importer, "import_round", explode)
    with pytest.raises(RuntimeError):
        _import(document)
    for model in (Plan, Chapter, Measure, Organisation, ReportingRound, StatusEntry):
        assert model.objects.count() == 0, model.__name__


def test_duplicate_measure_reported_not_imported(
    make_document: Callable[..., PlanDocument],
) -> None:
    document = make_document()
    document.measures.append(DocMeasure(number="2", kind="measure", chapter="1", title="Dobbel"))
    result = _import(document)
    assert result.measures == 5
    assert RoundFinding.objects.filter(code="duplicate_measure", measure_number="2").exists()
