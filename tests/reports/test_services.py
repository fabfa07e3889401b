"""Cached report files per round and format, the download view and the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import resolve, reverse

from tiltak.deployment import parse_storage_url
from tiltak.reports import services
from tiltak.reports.cli import handle_report
from tiltak.reports.views import download
from tiltak.rounds.models import ReportingRound

from .conftest import import_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def rnd(corpus_report: Path, settings: Any, tmp_path: Path) -> ReportingRound:
    settings.DATA_DIR = tmp_path
    settings.STORAGES = {**settings.STORAGES, **parse_storage_url("", tmp_path)}
    return import_corpus(corpus_report)


def test_cached_per_round_and_format(rnd: ReportingRound, monkeypatch: Any) -> None:
    from django.conf import settings

    calls: list[str] = []
    real = services.render_report

    def counting(document: Any, fmt: str) -> bytes:
        calls.append(fmt)
        return real(document, fmt)

    monkeypatch.setattr(services, "render_report", counting)
    first = services.report_file(rnd, "md")
    name = services.report_name(rnd, "md")
    path = Path(services.report_storage().path(name))
    assert path.read_bytes() == first and path.name.startswith(f"{rnd.pk}-")
    assert path.parent == Path(settings.DATA_DIR) / "reports"  # where they were kept before
    assert services.report_file(rnd, "md") == first
    assert calls == ["md"]
    # A published correction: a new file, the old one removed.
    entry = rnd.entries.get(measure__number="3")
    entry.narrative = "Rettet omtale."
    entry.save()
    corrected = services.report_file(rnd, "md")
    assert calls == ["md", "md"]
    assert b"Rettet omtale." in corrected and corrected != first
    assert [p.name for p in path.parent.glob(f"{rnd.pk}-*.md")] == [services.report_name(rnd, "md")]
    assert not list(path.parent.glob(".tmp-*"))  # written through a temporary file


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
    with services.report_storage().open(services.report_name(rnd, fmt), "rb") as stored:
        assert response.content == stored.read()


def test_reports_kept_in_the_configured_storage(rnd: ReportingRound, settings: Any) -> None:
    """Any storage of Django's storage API will do (here in memory, like object storage)."""
    from django.core.files.storage import storages

    settings.STORAGES = {
        **settings.STORAGES,
        "reports": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    storage = storages["reports"]
    assert type(storage).__name__ == "InMemoryStorage"
    data = services.report_file(rnd, "md")
    name = services.report_name(rnd, "md")
    assert storage.listdir("") == ([], [name])
    with storage.open(name, "rb") as stored:
        assert stored.read() == data
    assert services.warm_reports(rnd, ("md", "html")) == [name, services.report_name(rnd, "html")]
    assert sorted(storage.listdir("")[1]) == sorted([name, services.report_name(rnd, "html")])
    assert not (Path(settings.DATA_DIR) / "reports").exists()  # nothing on the local disk


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
