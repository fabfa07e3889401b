"""The draft report of the open round: the coordinator's alone, never stored for the public."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from django.core.files.storage import storages
from django.urls import reverse

from tests.reports.test_draft import page_texts
from tests.support.world import World
from tiltak.rounds import services


def _url(world: World, fmt: str) -> str:
    return reverse("rounds:draft_report", args=[world.plan.slug, world.draft.slug, fmt])


@pytest.fixture
def reports_dir(settings: Any, tmp_path: Any) -> Any:
    """An empty report storage of its own, to see that nothing is written to it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "reports": {
            "BACKEND": "tiltak.storage.AtomicFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "reports")},
        },
    }
    (tmp_path / "reports").mkdir()
    return tmp_path / "reports"


def _draft_with_text(world: World) -> None:
    world.open()
    entry = world.entry("1")
    services.save_entry(
        world.users["lead_editor"],
        entry.pk,
        expected_version=entry.version,
        status_label="Under arbeid",
        narrative="Et **ikke godkjent** utkast om politiet.",
    )


@pytest.mark.parametrize("role", ["anonymous", "lead_editor", "reader"])
def test_refused_for_everyone_but_the_coordinator(world: World, role: str) -> None:
    world.open()
    response = world.client(role).get(_url(world, "pdf"))
    assert response.status_code in {302, 403}
    assert response.get("Content-Type") != "application/pdf"


def test_pdf_says_utkast_on_every_page_and_shows_the_draft(world: World, reports_dir: Any) -> None:
    _draft_with_text(world)
    response = world.client("coordinator").get(_url(world, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert "utkast.pdf" in response["Content-Disposition"]
    pages = page_texts(response.content)
    assert len(pages) > 1
    assert all("UTKAST" in text for text in pages)
    whole = "\n".join(pages)
    assert "ikke godkjent" in whole  # the unapproved draft is shown …
    assert "Arbeidsflyt: Utkast" in whole  # … and marked
    assert list(reports_dir.iterdir()) == []


def test_docx_header_says_utkast(world: World) -> None:
    _draft_with_text(world)
    response = world.client("coordinator").get(_url(world, "docx"))
    assert response.status_code == 200
    word = docx.Document(io.BytesIO(response.content))
    assert all("UTKAST" in s.header.paragraphs[0].text for s in word.sections)
    assert word.core_properties.title.startswith("UTKAST")


def test_unknown_format_and_published_round(world: World) -> None:
    world.open()
    client = world.client("coordinator")
    assert client.get(_url(world, "html")).status_code == 404
    published = reverse("rounds:draft_report", args=[world.plan.slug, world.published.slug, "pdf"])
    assert client.get(published).status_code == 403


def test_public_download_of_the_round_still_404s(world: World, reports_dir: Any) -> None:
    _draft_with_text(world)
    coordinator = world.client("coordinator")
    assert coordinator.get(_url(world, "pdf")).status_code == 200
    public = reverse("reports:download", args=[world.plan.slug, world.draft.slug, "pdf"])
    assert world.client("anonymous").get(public).status_code == 404
    assert coordinator.get(public).status_code == 404
    assert storages["reports"].listdir("")[1] == []
    assert list(reports_dir.iterdir()) == []


def test_round_page_links_the_draft(world: World) -> None:
    world.open()
    page = reverse("rounds:review", args=[world.plan.slug, world.draft.slug])
    html = world.client("coordinator").get(page).content.decode()
    assert _url(world, "pdf") in html and _url(world, "docx") in html
    assert _url(world, "pdf") not in world.client("reader").get(page).content.decode()


def test_a_round_not_opened_yet_has_a_draft_too(world: World) -> None:
    """Before opening, the round has no entries: the draft is a report without measures."""
    response = world.client("coordinator").get(_url(world, "pdf"))
    assert response.status_code == 200
    assert all("UTKAST" in text for text in page_texts(response.content))
