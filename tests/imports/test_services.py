"""The import services: upload into a draft, save it corrected, plans and measures by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied

from tiltak.accounts.models import PlanRole
from tiltak.audit.models import AuditEvent
from tiltak.documents import Finding, PlanDocument, Severity
from tiltak.documents import Measure as DocMeasure
from tiltak.documents.model import PlanInfo
from tiltak.imports import services
from tiltak.imports.drafts import document_from_json, document_to_json, parse_responsible
from tiltak.imports.models import ImportDraft
from tiltak.plans.models import Measure, Plan
from tiltak.rounds.exchange import export_rounds, write_csv
from tiltak.rounds.models import ReportingRound, StatusEntry

from .conftest import World, plan_docx


def _rows(draft: ImportDraft, **changes: dict[str, str]) -> list[services.RowCorrection]:
    """The draft's rows as read, with `changes` per measure number applied."""
    rows = []
    for m in document_from_json(draft.document).measures:
        values = {
            "number": m.number,
            "title": m.title,
            "chapter": m.chapter or "",
            "responsible": ", ".join(m.responsible),
            "status": m.status or "",
            "period": m.period or "",
        }
        values.update(changes.get(f"n{m.number}", {}))
        rows.append(services.RowCorrection(**values))  # type: ignore[arg-type]
    return rows


def _new_plan(slug: str = "testing-2025-2028") -> services.SaveTarget:
    return services.SaveTarget(
        plan_title="Handlingsplan mot testing (2025–2028)", new_plan=True, plan_slug=slug
    )


def test_an_editor_may_not_upload(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.read_upload(world.users["lead_editor"], plan_docx(), "plan.docx")
    assert not ImportDraft.objects.exists()


def test_upload_keeps_a_draft_and_saves_nothing(world: World) -> None:
    plans, measures, events = (
        Plan.objects.count(),
        Measure.objects.count(),
        AuditEvent.objects.count(),
    )
    draft = services.read_upload(world.users["coordinator"], plan_docx(), "../../plan.docx")
    document = document_from_json(draft.document)
    assert draft.source_name == "plan.docx"
    assert len(draft.source_sha256) == 64
    assert document.plan.title == "Handlingsplan mot testing (2025–2028)"
    assert [m.number for m in document.measures] == ["1", "2", "3", "4"]
    assert (Plan.objects.count(), Measure.objects.count()) == (plans, measures)
    assert AuditEvent.objects.count() == events


def test_a_document_tiltak_cannot_read_is_a_message(world: World) -> None:
    with pytest.raises(services.ImportRefused, match=r"Tiltak kunne ikke lese «skadet\.docx»"):
        services.read_upload(world.users["coordinator"], b"PK\x03\x04 not a zip", "skadet.docx")
    with pytest.raises(services.ImportRefused, match="er tom"):
        services.read_upload(world.users["coordinator"], b"", "tom.txt")
    assert not ImportDraft.objects.exists()


def test_save_as_new_plan_with_a_corrected_cell_is_audited(world: World) -> None:
    coordinator = world.users["coordinator"]
    draft = services.read_upload(coordinator, plan_docx(), "plan.docx")
    rows = _rows(draft, n2={"responsible": "JD, BFD", "status": "in_progress"})
    result = services.save_draft(coordinator, draft, _new_plan(), rows)
    assert (result.outcome, result.plan_slug, result.measures) == (
        "created",
        "testing-2025-2028",
        4,
    )
    plan = Plan.objects.get(slug="testing-2025-2028")
    measure = plan.measures.get(number="2")
    assert measure.responsible_acronyms() == ["JD", "BFD"]
    entry = StatusEntry.objects.get(measure=measure)
    assert (entry.status, entry.status_label) == ("in_progress", "Under arbeid")
    assert PlanRole.objects.filter(user=coordinator, plan=plan, role="coordinator").exists()
    assert not ImportDraft.objects.filter(pk=draft.pk).exists()
    event = AuditEvent.objects.get(action="import_document", plan_id=plan.pk)
    assert event.actor_id == coordinator.pk
    assert event.after["source_name"] == "plan.docx"
    changed = {c["number"]: c for c in event.after["corrections"]}
    assert changed["2"]["responsible"][1] == ["JD", "BFD"]
    assert set(changed) == {"2"}
    created = AuditEvent.objects.filter(model="plans.plan", plan_id=plan.pk).first()
    assert created is not None and created.action == "import"


def test_removed_rows_and_renumbered_rows(world: World) -> None:
    coordinator = world.users["coordinator"]
    draft = services.read_upload(coordinator, plan_docx(), "plan.docx")
    rows = _rows(draft, n3={"remove": True}, n4={"number": "3"})  # type: ignore[dict-item]
    services.save_draft(coordinator, draft, _new_plan(), rows)
    plan = Plan.objects.get(slug="testing-2025-2028")
    assert list(plan.measures.values_list("number", "title")) == [
        ("1", "Styrke testarbeidet i skolen"),
        ("2", "Etablere et nasjonalt testsenter"),
        ("3", "Kartlegge testbehovet i kommunene"),
    ]


def test_a_refused_save_saves_nothing(world: World) -> None:
    coordinator = world.users["coordinator"]
    draft = services.read_upload(coordinator, plan_docx(), "plan.docx")
    plans = Plan.objects.count()
    with pytest.raises(services.ImportRefused, match="Nummer 1 står på flere tiltak"):
        services.save_draft(coordinator, draft, _new_plan(), _rows(draft, n2={"number": "1"}))
    with pytest.raises(services.ImportRefused, match="allerede en plan med kortnavnet «testplan»"):
        services.save_draft(coordinator, draft, _new_plan("testplan"), _rows(draft))
    with pytest.raises(services.ImportRefused, match="passer ikke"):
        services.save_draft(coordinator, draft, _new_plan(), _rows(draft)[:2])
    with pytest.raises(services.ImportRefused, match="Ukjent status"):
        services.save_draft(coordinator, draft, _new_plan(), _rows(draft, n1={"status": "x"}))
    assert Plan.objects.count() == plans
    assert ImportDraft.objects.filter(pk=draft.pk).exists()
    assert not AuditEvent.objects.filter(action__startswith="import").exists()


def test_save_as_a_new_round_of_a_plan_the_user_coordinates(world: World) -> None:
    coordinator = world.users["coordinator"]
    measures = [
        ("1", "Styrke politiets arbeid", "JD", "Gjennomført"),
        ("2", "Bedre helsetilbudet til utsatte barn", "JD, HOD", "Under arbeid"),
        ("3", "Etablere flere barnehus", "BFD", "Gjennomført"),
    ]
    draft = services.read_upload(
        coordinator, plan_docx("Handlingsplan for prøving (2025–2028)", measures), "status.docx"
    )
    target = services.SaveTarget(
        plan_title="Handlingsplan for prøving (2025–2028)",
        new_plan=False,
        plan_slug="testplan",
        round_title="Status våren 2025",
        as_of="2025-06",
    )
    with pytest.raises(services.ImportRefused, match="har allerede en runde"):
        services.save_draft(coordinator, draft, target, _rows(draft))
    target = replace(target, round_title="Status høsten 2026", as_of="2026-10")
    result = services.save_draft(coordinator, draft, target, _rows(draft))
    assert result.outcome == "new_round"
    rnd = ReportingRound.objects.get(plan=world.plan, slug="status-hosten-2026")
    assert rnd.as_of == "2026-10"
    statuses = dict(rnd.entries.values_list("measure__number", "status"))
    assert statuses == {"1": "completed", "2": "in_progress", "3": "completed"}
    assert AuditEvent.objects.filter(action="import_document", plan_id=world.plan.pk).exists()


def test_a_round_needs_a_plan_the_user_coordinates(world: World) -> None:
    other = Plan.objects.create(slug="annen", title="En annen plan")
    coordinator = world.users["coordinator"]
    draft = services.read_upload(coordinator, plan_docx(), "plan.docx")
    target = services.SaveTarget(
        plan_title="x", new_plan=False, plan_slug=other.slug, round_title="Status 2026"
    )
    with pytest.raises(PermissionDenied):
        services.save_draft(coordinator, draft, target, _rows(draft))
    with pytest.raises(PermissionDenied):
        services.save_draft(world.users["admin"], draft, _new_plan(), _rows(draft))


def test_an_exchange_file_is_read_by_the_exchange_reader(world: World) -> None:
    rows = export_rounds(world.plan, [world.published])
    data = write_csv([*rows, *(replace(r, round="Status 2026") for r in rows)])
    with pytest.raises(services.ImportRefused, match="2 planer eller runder"):
        services.read_upload(world.users["coordinator"], data, "testplan.csv")
    one_round = write_csv(export_rounds(world.plan, [world.published]))
    draft = services.read_upload(world.users["coordinator"], one_round, "testplan.csv")
    document = document_from_json(draft.document)
    assert draft.plan_slug == "testplan"
    assert document.source_format == "exchange"
    assert [(m.number, m.responsible) for m in document.measures] == [
        ("1", ["JD"]),
        ("2", ["JD", "HOD"]),
        ("3", ["BFD"]),
    ]


def test_a_damaged_draft_is_refused(world: World) -> None:
    draft = services.read_upload(world.users["coordinator"], plan_docx(), "plan.docx")
    draft.document["measures"][0]["status"] = "<script>"
    with pytest.raises(services.ImportRefused, match="skadet"):
        services.draft_document(draft)


def test_a_plan_by_hand(world: World) -> None:
    coordinator = world.users["coordinator"]
    with pytest.raises(PermissionDenied):
        services.create_empty_plan(world.users["lead_editor"], title="Ny plan")
    plan = services.create_empty_plan(coordinator, title="Strategi for håndarbeid (2026–2030)")
    assert (plan.slug, plan.kind, plan.period_start) == (
        "strategi-for-handarbeid-2026-2030",
        "strategi",
        2026,
    )
    assert PlanRole.objects.filter(user=coordinator, plan=plan).exists()
    added = services.add_measures(
        coordinator,
        plan,
        [
            services.NewMeasure(
                "1", "Lage en veileder", chapter="Kunnskap", responsible="KD, NYDEP"
            ),
            services.NewMeasure("", ""),
            services.NewMeasure("2", "Samle erfaringer", chapter="kunnskap", responsible="alle"),
        ],
    )
    assert [m.number for m in added] == ["1", "2"]
    first, second = plan.measures.order_by("order")
    assert first.responsible_acronyms() == ["KD", "NYDEP"]
    assert first.chapter is not None and first.chapter == second.chapter
    assert (first.chapter.key, first.chapter.title) == ("1", "Kunnskap")
    assert second.responsible_all
    assert AuditEvent.objects.filter(action="add_measure", model="plans.measure").count() == 2
    with pytest.raises(services.ImportRefused, match="allerede et tiltak nummer 2"):
        services.add_measures(coordinator, plan, [services.NewMeasure("2", "Igjen")])
    with pytest.raises(services.ImportRefused, match="allerede en plan"):
        services.create_empty_plan(coordinator, title="X", slug=plan.slug)


def test_measures_by_hand_join_the_open_round(world: World) -> None:
    world.open()
    services.add_measures(
        world.users["coordinator"], world.plan, [services.NewMeasure("4", "Nytt")]
    )
    assert world.draft.entries.filter(measure__number="4", workflow_state="not_started").exists()
    assert not world.published.entries.filter(measure__number="4").exists()


def test_responsible_text() -> None:
    assert parse_responsible("JD, HOD; JD, alle ,") == (["JD", "HOD"], True)
    assert parse_responsible("") == ([], False)


def test_a_truncated_document_is_saved_once_reviewed(world: World) -> None:
    """The command line refuses a document that looks cut off; the review showed the finding."""
    document = PlanDocument(
        plan=PlanInfo(title="Handlingsplan mot kutt (2025–2028)"),
        report=None,
        measures=[
            DocMeasure("1", "measure", None, "Første"),
            DocMeasure("2", "measure", None, "Andre"),
        ],
        findings=[Finding("document-truncated", Severity.ERROR, "2", "slutter midt i tiltak 2")],
    )
    coordinator = world.users["coordinator"]
    draft = ImportDraft.objects.create(
        user=coordinator, source_name="kutt.txt", source_sha256="0" * 64,
        document=document_to_json(document),
    )  # fmt: skip
    target = replace(_new_plan("kutt"), plan_title="Handlingsplan mot kutt (2025–2028)")
    result = services.save_draft(coordinator, draft, target, _rows(draft))
    assert (result.outcome, result.measures) == ("created", 2)
    assert Plan.objects.get(slug="kutt").measures.count() == 2


def test_only_the_newest_drafts_are_kept(world: World) -> None:
    coordinator = world.users["coordinator"]
    drafts = [services.read_upload(coordinator, plan_docx(), f"{n}.docx") for n in range(7)]
    kept = set(ImportDraft.objects.filter(user=coordinator).values_list("pk", flat=True))
    assert kept == {d.pk for d in drafts[-services.DRAFTS_PER_USER :]}


def test_a_chapter_only_a_measure_names_is_kept() -> None:
    document = PlanDocument(
        plan=PlanInfo(title="Plan"),
        report=None,
        measures=[DocMeasure("1", "measure", "9", "A")],
    )
    row = services.RowCorrection("1", "A", "9", "", "", "")
    corrected, changes = services.apply_corrections(document, [row])
    assert (corrected.measures[0].chapter, changes) == ("9", [])
    with pytest.raises(services.ImportRefused, match="kapittel dokumentet ikke har"):
        services.apply_corrections(document, [replace(row, chapter="8")])
