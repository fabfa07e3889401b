"""Limits where input enters through the pages, the API and imports: one narrative limit for
all, and hostile spreadsheets answered with a clear refusal instead of an error 500."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.documents.test_limits import dimension_bomb
from tiltak import limits
from tiltak.api import tokens
from tiltak.documents.model import Measure, PlanDocument, PlanInfo, ReportInfo
from tiltak.rounds import bulk
from tiltak.rounds.importing import ImportFailed, import_plan_document

from .conftest import World, edited_workbook

HUGE = "[" * 2_400_000
TOO_LONG = "a" * (limits.MAX_NARRATIVE_CHARS + 1)
REFUSAL = "Omtalen er 2\u00a0400\u00a0000 tegn lang; grensen er 20\u00a0000 tegn."


def _edit(world: World, action: str, narrative: str) -> Any:
    entry = world.entry("1")
    return world.client("lead_editor").post(
        f"/arbeidsflate/tiltak/{entry.pk}/",
        {
            "action": action,
            "status_label": "Under arbeid",
            "narrative": narrative,
            "version": str(entry.version),
        },
    )


def test_the_browser_stops_typing_at_the_limit(world: World) -> None:
    # A browser would otherwise send 2.4 MB of "[" URL-encoded as 7.2 MB, past Django's
    # upload limit, and show a bare 400 instead of the refusal below.
    world.open()
    entry = world.entry("1")
    page = world.client("lead_editor").get(f"/arbeidsflate/tiltak/{entry.pk}/")
    assert f'maxlength="{limits.MAX_NARRATIVE_CHARS}"' in page.content.decode()


def test_the_edit_form_refuses_a_huge_narrative(world: World) -> None:
    world.open()
    before = world.entry("1")
    page = _edit(world, "save", HUGE)
    assert page.status_code == 400
    assert REFUSAL in page.content.decode()
    after = world.entry("1")
    assert (after.narrative, after.version) == (before.narrative, before.version)


def test_the_preview_refuses_a_huge_narrative_without_rendering_it(world: World) -> None:
    world.open()
    page = _edit(world, "preview", HUGE)
    assert page.status_code == 400
    assert REFUSAL in page.content.decode()
    assert page.context.get("preview") is None


def test_a_narrative_at_the_limit_is_saved_and_one_more_character_is_not(world: World) -> None:
    world.open()
    at_limit = "a" * limits.MAX_NARRATIVE_CHARS
    assert _edit(world, "save", at_limit).status_code == 302
    assert world.entry("1").narrative == at_limit
    page = _edit(world, "save", TOO_LONG)
    assert page.status_code == 400
    assert "grensen er 20\u00a0000 tegn" in page.content.decode()
    assert world.entry("1").narrative == at_limit


def _api_put(world: World, narrative: str) -> Any:
    entry = world.entry("1")
    secret = tokens.create_token(world.users["lead_editor"], "grense")[1]
    return Client().put(
        f"/api/entries/{entry.pk}",
        data={
            "status_label": "Under arbeid",
            "narrative": narrative,
            "expected_version": entry.version,
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )


@pytest.mark.parametrize("narrative", [TOO_LONG, "**a " * 25_000, "~~a " * 25_000])
def test_the_api_refuses_a_narrative_over_the_limit(world: World, narrative: str) -> None:
    world.open()
    before = world.entry("1").version
    response = _api_put(world, narrative)
    assert response.status_code == 422
    assert world.entry("1").version == before


def test_the_api_saves_a_hostile_narrative_at_the_limit(world: World) -> None:
    """Saving reindexes the entry for search: the Markdown stripper must not hang on it."""
    world.open()
    narrative = "**a " * (limits.MAX_NARRATIVE_CHARS // 4)
    response = _api_put(world, narrative)
    assert response.status_code == 200, response.content[:300]
    assert world.entry("1").narrative == narrative.strip()


def _upload(world: World, data: bytes) -> Any:
    return world.client("lead_editor").post(
        f"/arbeidsflate/runde/{world.draft.pk}/last-opp/",
        {"file": SimpleUploadedFile("runde.xlsx", data)},
    )


def test_bulk_upload_of_a_dimension_bomb_is_a_row_error(world: World) -> None:
    world.open()
    page = _upload(world, dimension_bomb(with_far_cell=True))
    assert page.status_code == 422
    assert "the sheet has more than 5000 rows" in page.content.decode()
    assert [e.row for e in page.context["preview"].errors] == [1048576]


def test_bulk_upload_with_a_narrative_over_the_limit(world: World) -> None:
    world.open()
    data = bulk.export_round(world.users["lead_editor"], world.draft)
    page = _upload(world, edited_workbook(data, {"1": TOO_LONG}))
    errors = page.context["preview"].errors
    assert [(e.row, e.message) for e in errors] == [
        (2, "a cell has 20001 characters; the limit is 20000")
    ]
    assert world.entry("1").narrative != TOO_LONG


def _nan_version(data: bytes) -> bytes:
    """The workbook with its versions sheet's first version cell holding NaN."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    workbook["versjoner"].cell(2, 2).value = 777002.0
    saved = io.BytesIO()
    workbook.save(saved)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename).replace(b"<v>777002</v>", b"<v>nan</v>")
            target.writestr(info, content)
    return out.getvalue()


def test_bulk_upload_with_nan_in_the_versions_sheet_is_no_error_500(world: World) -> None:
    world.open()
    data = edited_workbook(bulk.export_round(world.users["lead_editor"], world.draft), {"1": "Ny."})
    page = _upload(world, _nan_version(data))
    assert page.status_code == 422
    assert "versjoner" in page.content.decode()


def test_a_document_import_refuses_a_narrative_over_the_limit(db: None) -> None:
    document = PlanDocument(
        plan=PlanInfo(title="Handlingsplan mot lange tekster (2025–2028)"),
        report=ReportInfo(title="Status 2026", as_of="2026"),
        measures=[Measure(number="1", kind="measure", chapter=None, title="T", narrative=TOO_LONG)],
    )
    with pytest.raises(ImportFailed, match="the narrative of measure 1 is longer than 20000"):
        import_plan_document(document, source_name="lang.txt", source_sha256="0" * 64)
