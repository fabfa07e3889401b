"""The change report between two rounds lists exactly the changes made."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tiltak.documents import read_bytes
from tiltak.documents.reports import compare
from tiltak.reports.selectors import report_document
from tiltak.reports.services import change_report_bytes
from tiltak.rounds.models import ReportingRound, StatusEntry

from .conftest import import_corpus

pytestmark = pytest.mark.django_db

NEW_STATUS = {"1": "in_progress", "25": "in_progress", "612": "completed"}
LABELS = {"in_progress": "Under arbeid", "completed": "Gjennomført"}
NEW_NARRATIVE = ("7", "Veilederen er sendt til alle kommuner.\n\n- ny rutine\n- nytt kurs")


def next_round(before: ReportingRound) -> ReportingRound:
    """A copy of `before` as a newer round, with three statuses and one narrative changed."""
    after = ReportingRound.objects.create(
        plan=before.plan,
        title="Status høsten 2026",
        slug="status-hosten-2026",
        as_of="2026-12",
        state=ReportingRound.State.PUBLISHED,
        published_at=datetime(2026, 12, 15, tzinfo=UTC),
    )
    entries = []
    for entry in before.entries.select_related("measure"):
        number = entry.measure.number
        status = NEW_STATUS.get(number, entry.status)
        entries.append(
            StatusEntry(
                round=after,
                measure=entry.measure,
                status=status,
                status_label=LABELS[status] if number in NEW_STATUS else entry.status_label,
                narrative=NEW_NARRATIVE[1] if number == NEW_NARRATIVE[0] else entry.narrative,
            )
        )
    StatusEntry.objects.bulk_create(entries)
    return after


@pytest.fixture
def rounds(corpus_report: Path) -> tuple[ReportingRound, ReportingRound]:
    before = import_corpus(corpus_report)
    return before, next_round(before)


def test_exactly_the_changes(rounds: tuple[ReportingRound, ReportingRound]) -> None:
    before, after = rounds
    changes = compare(report_document(before), report_document(after))
    assert [(c.number, c.before, c.after) for c in changes.status_changed] == [
        ("1", "Gjennomført", "Under arbeid"),
        ("25", "Ikke startet", "Under arbeid"),
        ("612", "Under arbeid", "Gjennomført"),
    ]
    assert [m.number for m in changes.new_narrative] == ["7"]
    assert len(changes.not_updated) == 131 - 4
    assert not {"1", "7", "25", "612"} & {m.number for m in changes.not_updated}
    assert changes.added == []


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_change_report_formats(rounds: Any, fmt: str) -> None:
    """The rendered change report names the rounds and holds every change."""
    before, after = rounds
    data = change_report_bytes(before, after, fmt)
    text = data.decode("utf-8") if fmt != "docx" else _docx_text(data)
    assert "Endringer fra Status våren 2026 til Status høsten 2026" in text
    assert "3 tiltak har endret status, 1 har ny omtale og 127 er ikke oppdatert" in text
    assert "Veilederen er sendt til alle kommuner." in text
    assert "ny rutine" in text


def test_change_report_pdf(rounds: Any) -> None:
    before, after = rounds
    data = change_report_bytes(before, after, "pdf")
    assert data.startswith(b"%PDF-1.7")
    text = " ".join(block.text for block in read_bytes(data, "changes.pdf").blocks)
    assert "Endret status" in text and "Veilederen er sendt til alle kommuner." in text


def _docx_text(data: bytes) -> str:
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
