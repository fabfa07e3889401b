"""Fixtures for the report tests: the corpus report imported, read back, and rendered once."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tiltak.documents import parse_path
from tiltak.documents.model import PlanDocument

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
REPORT = CORPUS / "plan-2024-2028-status-2026.txt"
FORMATS = ("md", "html", "docx", "pdf")


class _Rollback(Exception):
    """Leaves the session database as it was."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that reads the stored report needs the test database, also when it runs alone
    (pytest-django sets up only the databases of the tests marked for one)."""
    for item in items:
        if "stored_document" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def corpus_report() -> Path:
    """The 2026 status report of the corpus; the tests that need it skip without it."""
    if not REPORT.is_file():
        pytest.skip(f"the corpus is not at {CORPUS}")
    return REPORT


def import_corpus(path: Path) -> Any:
    """Import the corpus report into the database and return its round."""
    from tiltak.rounds.importing import import_plan_document
    from tiltak.rounds.models import ReportingRound

    result = import_plan_document(parse_path(path), source_name=path.name, source_sha256="0" * 64)
    return ReportingRound.objects.get(plan__slug=result.plan_slug, slug=result.round_slug)


@pytest.fixture(scope="session")
def stored_document(
    corpus_report: Path, django_db_setup: None, django_db_blocker: Any
) -> PlanDocument:
    """The corpus report imported into Tiltak and read back as the reports read it."""
    from django.db import transaction

    from tiltak.reports.selectors import report_document

    document: PlanDocument | None = None
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                document = report_document(import_corpus(corpus_report))
                raise _Rollback
        except _Rollback:
            pass
    assert document is not None
    return document


@pytest.fixture(scope="session")
def rendered(
    stored_document: PlanDocument, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The stored report rendered in every format, once per session."""
    from tiltak.documents.reports import render_report

    folder = tmp_path_factory.mktemp("reports")
    paths = {}
    for fmt in FORMATS:
        path = folder / f"report.{fmt}"
        path.write_bytes(render_report(stored_document, fmt))
        paths[fmt] = path
    return paths


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's command, or a skip."""
    command = shutil.which("soffice") or shutil.which("libreoffice")
    if command is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    return command
