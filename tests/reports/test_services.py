"""Cached report files per round and format, the download view and the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import resolve, reverse

from tiltak.reports import services
from tiltak.reports.cli import handle_report
from tiltak.reports.views import download
from tiltak.rounds.models import ReportingRound

from .conftest import import_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def rnd(corpus_report: Path, settings: Any, tmp_path: Path) -> ReportingRound:
    settings.DATA_DIR = tmp_path
    return import_corpus(corpus_report)


def test_cached_per_round_and_format(rnd: ReportingRound, monkeypatch: Any) -> None:
    calls: list[str] = []
    real = services.render_report

    def counting(document: Any, fmt: str) -> bytes:
        calls.append(fmt)
        return real(document, fmt)

    monkeypatch.setattr(services, "render_report", counting)
    first = services.report_file(rnd, "md")
    path = services.report_path(rnd, "md")
    assert path.read_bytes() == first and path.name.startswith(f"{rnd.pk}-")
    assert services.report_file(rnd, "md") == first
    assert calls == ["md"]
    # A published correction: a new file, the old one removed.
    entry = rnd.entries.get(measure__number="3")
    entry.narrative = "Rettet omtale."
    entry.save()
    corrected = services.report_file(rnd, "md")
    assert calls == ["md", "md"]
    assert b"Rettet omtale." in corrected and corrected != first
    assert [p.name for p in path.parent.glob(f"{rnd.pk}-*.md")] == [
        services.report_path(rnd, "md").name
    ]


@pytest.mark.parametrize(
    ("fmt", "media_type", "disposition"),
    [
        ("md", "text/markdown; charset=utf-8", "attachment"),
        ("html", "text/html; charset=utf-8", "inline"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "attachment"),
    ],
)  # fmt: skip
def test_download(rnd: ReportingRound, fmt: str, media_type: str, disposition: str) -> None:
    url = reverse("download", urlconf="tiltak.reports.urls", args=[rnd.plan.slug, rnd.slug, fmt])
    match = resolve(url, urlconf="tiltak.reports.urls")
    request = RequestFactory().get(url)
    response = download(request, **match.kwargs)
    assert response.status_code == 200
    assert response["Content-Type"] == media_type
    name = f"{rnd.plan.slug}-{rnd.slug}.{fmt}"
    assert response["Content-Disposition"] == f'{disposition}; filename="{name}"'
    assert response.content == services.report_path(rnd, fmt).read_bytes()


def test_download_published_rounds_only(rnd: ReportingRound) -> None:
    request = RequestFactory().get("/")
    with pytest.raises(Http404):
        download(request, rnd.plan.slug, rnd.slug, "exe")
    with pytest.raises(Http404):
        download(request, rnd.plan.slug, "no-such-round", "md")
    rnd.state = ReportingRound.State.DRAFT
    rnd.save()
    with pytest.raises(Http404):
        download(request, rnd.plan.slug, rnd.slug, "md")


def _args(**values: Any) -> argparse.Namespace:
    defaults = {"round": None, "changes_since": None, "format": None, "output": None}
    return argparse.Namespace(**{**defaults, **values})


def test_cli(rnd: ReportingRound, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "rapport.html"
    assert handle_report(_args(plan=rnd.plan.slug, output=out)) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert handle_report(_args(plan=rnd.plan.slug, format="md", round=rnd.slug)) == 0
    assert "### 611 Stortinget ber" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"plan": "nope"}, "no plan 'nope'"),
        ({"round": "x"}, "has no round 'x'"),
        ({"changes_since": "status-varen-2026"}, "--changes-since names the reported round"),
    ],
)
def test_cli_errors(rnd: ReportingRound, values: dict[str, str], message: str, capsys: Any) -> None:
    assert handle_report(_args(**{"plan": rnd.plan.slug, **values})) == 2
    err = capsys.readouterr().err
    assert err.startswith("tiltak: error: ") and message in err and err.count("\n") == 1
