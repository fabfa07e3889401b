"""The same measures, titles, responsible and statuses from text, DOCX and PDF renderings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiltak.documents import PlanDocument, parse_path
from tiltak.documents.parser.units import comparable


def facts(document: PlanDocument) -> list[tuple[object, ...]]:
    return [
        (m.number, m.kind, m.chapter, comparable(m.title), m.responsible, m.responsible_all,
         m.status, m.status_label)
        for m in document.measures
    ]  # fmt: skip


def overview_codes(document: PlanDocument) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.measure) for f in document.findings if f.code.startswith("overview"))


@pytest.fixture(scope="module")
def plan_text(corpus_dir: Path) -> PlanDocument:
    return parse_path(corpus_dir / "plan-2024-2028-status-2026.txt")


@pytest.fixture(scope="module")
def strategy_text(corpus_dir: Path) -> PlanDocument:
    return parse_path(corpus_dir / "strategy-2021-internet-related-abuse.txt")


@pytest.mark.parametrize("rendering", ["plan_docx", "plan_pdf"])
def test_status_report(
    rendering: str, plan_text: PlanDocument, request: pytest.FixtureRequest
) -> None:
    document = parse_path(request.getfixturevalue(rendering))
    assert document.source_format == rendering.split("_")[1]
    assert len(document.measures) == 131
    assert facts(document) == facts(plan_text)
    assert overview_codes(document) == overview_codes(plan_text)
    assert document.plan.title == plan_text.plan.title
    assert document.report == plan_text.report


@pytest.mark.parametrize("rendering", ["strategy_docx", "strategy_pdf"])
def test_strategy(
    rendering: str, strategy_text: PlanDocument, request: pytest.FixtureRequest
) -> None:
    document = parse_path(request.getfixturevalue(rendering))
    assert len(document.measures) == 30
    assert facts(document) == facts(strategy_text)
    assert [c.title for c in document.chapters] == [c.title for c in strategy_text.chapters]
