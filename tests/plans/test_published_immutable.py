"""Published rounds are never changed by an import or an exchange file (issue 12)."""

from __future__ import annotations

import argparse
import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tiltak.documents.model import Finding, PlanDocument, ReportInfo, Severity
from tiltak.imports import cli
from tiltak.plans.models import Plan
from tiltak.rounds.exchange import export_rounds, import_exchange
from tiltak.rounds.importing import ImportFailed, import_plan_document
from tiltak.rounds.models import ReportingRound, StatusEntry

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT.parent / "shared" / "corpus" / "plan-2024-2028-status-2026.txt"
SAMPLES = ROOT / "samples"


def _import(document: PlanDocument, **kwargs: Any) -> Any:
    kwargs.setdefault("source_name", "status-2026.txt")
    kwargs.setdefault("source_sha256", "a" * 64)
    return import_plan_document(document, **kwargs)


def _narratives() -> dict[str, str]:
    return dict(
        StatusEntry.objects.filter(round__slug="status-varen-2026").values_list(
            "measure__number", "narrative"
        )
    )


def test_changed_status_of_published_round_refused(
    document: PlanDocument,
    make_document: Callable[..., PlanDocument],
    snapshot: Callable[[], dict[str, Any]],
) -> None:
    _import(document)
    before = snapshot()
    changed = make_document()
    changed.measures[1].status = "completed"
    changed.measures[1].status_label = "Gjennomført"
    changed.measures[0].narrative = "Noe annet."
    with pytest.raises(ImportFailed) as caught:
        _import(changed, source_sha256="b" * 64)
    message = str(caught.value)
    assert "\n" not in message
    assert "is published" in message
    assert "measure 1: narrative; measure 2: status, status_label" in message
    assert "Lag en rettet versjon" in message
    assert snapshot() == before


def test_same_document_unchanged_newer_document_new_round(
    document: PlanDocument, make_document: Callable[..., PlanDocument]
) -> None:
    _import(document)
    assert _import(make_document()).outcome == "unchanged"
    newer = make_document(report=ReportInfo(title="Status våren 2026", as_of="2026-09"))
    newer.measures[1].status = "completed"
    result = _import(newer, source_sha256="b" * 64)
    assert result.outcome == "new_round"
    assert result.round_slug == "status-varen-2026-2"
    old = StatusEntry.objects.get(round__slug="status-varen-2026", measure__number="2")
    assert old.status == "in_progress"
    assert _import(newer, source_sha256="b" * 64).outcome == "unchanged"
    assert ReportingRound.objects.count() == 2


def test_older_as_of_refused(
    document: PlanDocument, make_document: Callable[..., PlanDocument]
) -> None:
    _import(document)
    older = make_document(report=ReportInfo(title="Status våren 2026", as_of="2026-03"))
    with pytest.raises(ImportFailed, match=r"as-of date 2026-03 \(published: 2026-06\)"):
        _import(older)


def test_facts_only_exchange_never_clears_narratives(document: PlanDocument) -> None:
    _import(document)
    before = _narratives()
    assert before["1"].startswith("Arbeidet er ferdig.")
    rows = export_rounds(Plan.objects.get(), facts_only=True)
    assert [r.outcome for r in import_exchange(rows)] == ["unchanged"]
    assert _narratives() == before


def test_document_fills_in_a_facts_only_round_once(
    document: PlanDocument, make_document: Callable[..., PlanDocument]
) -> None:
    _import(document)
    facts = export_rounds(Plan.objects.get(), facts_only=True)
    Plan.objects.all().delete()
    assert [r.outcome for r in import_exchange(facts)] == ["created"]
    assert set(_narratives().values()) == {""}
    assert _import(make_document()).outcome == "updated"
    filled = _narratives()
    assert filled["1"].startswith("Arbeidet er ferdig.")
    assert ReportingRound.objects.get().introduction == "Regjeringen la fram planen i 2023."
    assert [r.outcome for r in import_exchange(facts)] == ["unchanged"]
    assert _narratives() == filled
    changed = make_document()
    changed.measures[0].narrative = "Omskrevet."
    with pytest.raises(ImportFailed, match="measure 1: narrative"):
        _import(changed)


def test_round_published_in_tiltak_is_not_filled_in(
    document: PlanDocument, make_document: Callable[..., PlanDocument]
) -> None:
    _import(document)
    facts = export_rounds(Plan.objects.get(), facts_only=True)
    Plan.objects.all().delete()
    import_exchange(facts)
    ReportingRound.objects.update(opened_at="2026-05-01T00:00:00Z")
    with pytest.raises(ImportFailed, match="narratives the published round does not have"):
        _import(make_document())
    assert set(_narratives().values()) == {""}


def test_exchange_row_that_differs_is_refused(document: PlanDocument) -> None:
    _import(document)
    rows = export_rounds(Plan.objects.get())
    same = [rows[0]]
    assert [r.outcome for r in import_exchange(same)] == ["unchanged"]
    one = [replace(rows[3], status="completed", status_label="Gjennomført")]
    with pytest.raises(ImportFailed, match="measure 22: status, status_label"):
        import_exchange(one, source_name="hod.csv")
    assert StatusEntry.objects.get(measure__number="22").status is None


def test_round_being_reported_is_never_imported_into(
    document: PlanDocument, make_document: Callable[..., PlanDocument]
) -> None:
    _import(document)
    ReportingRound.objects.update(state=ReportingRound.State.OPEN, deadline=date(2026, 7, 1))
    with pytest.raises(ImportFailed, match=r"being reported in Tiltak \(open\)"):
        _import(make_document())


def _truncated(make_document: Callable[..., PlanDocument]) -> PlanDocument:
    document = make_document()
    document.findings.append(
        Finding("document-truncated", Severity.ERROR, "611", "Dokumentet stopper midt i.")
    )
    return document


def test_truncated_document_needs_the_flag(make_document: Callable[..., PlanDocument]) -> None:
    with pytest.raises(ImportFailed, match="looks truncated after measure 611"):
        _import(_truncated(make_document))
    assert not Plan.objects.exists()
    assert _import(_truncated(make_document), allow_truncated=True).outcome == "created"


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="tiltak")
    cli.register(parser.add_subparsers(required=True))
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


@pytest.mark.skipif(not REPORT.exists(), reason="the corpus is not there")
def test_make_run_again_keeps_the_report_and_truncated_copy_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli("import", str(SAMPLES)) == 0  # the first `make run`
    assert _cli("import", str(REPORT)) == 0  # the README's next step
    assert "status-varen-2026: updated" in capsys.readouterr().out
    narratives = _narratives()
    assert sum(1 for text in narratives.values() if text) > 100
    for _ in range(2):  # `make run` again, any number of times
        assert _cli("import", str(SAMPLES)) == 0
        assert "status-varen-2026: unchanged" in capsys.readouterr().out
        assert _narratives() == narratives
    head = tmp_path / "status-2026-head.txt"
    head.write_bytes(
        subprocess.run(["head", "-c", "60000", str(REPORT)], capture_output=True).stdout
    )
    assert _cli("import", str(head)) == 2
    error = capsys.readouterr().err
    assert "document-truncated" in error and "--allow-truncated" in error
    assert len(error.strip().splitlines()) == 1
    assert _cli("import", str(head), "--allow-truncated") == 2
    assert "is published and this document differs" in capsys.readouterr().err
    assert _narratives() == narratives
