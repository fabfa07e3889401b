"""Bulk update through a spreadsheet: preview, row errors, all or nothing."""

from __future__ import annotations

import io

from tiltak.rounds import bulk, services

from .conftest import World, edited_workbook


def _set(data: bytes, number: str, column: str, value: str) -> bytes:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["tiltak"]
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        if str(sheet.cell(row, header.index("number") + 1).value) == number:
            sheet.cell(row, header.index(column) + 1).value = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_download_has_only_my_measures_and_versions(world: World) -> None:
    world.open()
    data = bulk.export_round(world.users["co_editor"], world.draft)
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    numbers = [str(r[4]) for r in workbook["tiltak"].iter_rows(min_row=2, values_only=True)]
    assert numbers == ["2"]
    rows = list(workbook["versjoner"].iter_rows(values_only=True))
    assert [row[:2] for row in rows] == [("number", "version"), ("2", "1")]
    assert rows[0][2] == "digest" and len(rows[1][2]) == 32


def test_preview_lists_changes_and_row_errors(world: World) -> None:
    world.open()
    user = world.users["admin"]
    data = bulk.export_round(user, world.draft)
    data = edited_workbook(data, {"1": "Ny omtale av 1."})
    data = _set(data, "2", "status_label", "Nesten ferdig")
    data = _set(data, "3", "number", "99")
    preview = bulk.preview_upload(user, world.draft, data)
    assert [(c.number, c.after["narrative"]) for c in preview.changes] == [("1", "Ny omtale av 1.")]
    messages = {e.number: e.message for e in preview.errors}
    assert messages["2"] == (
        "Ukjent status «Nesten ferdig». Bruk en av: Ikke startet, Under arbeid, Gjennomført, "
        "Løpende."
    )
    assert messages["99"] == "Ukjent tiltaksnummer 99."
    assert not preview.ok


def test_a_known_label_sets_the_status(world: World) -> None:
    world.open()
    user = world.users["lead_editor"]
    data = _set(bulk.export_round(user, world.draft), "1", "status_label", "Gjennomført")
    preview = bulk.preview_upload(user, world.draft, data)
    assert preview.ok and preview.changes[0].after["status"] == "completed"
    assert bulk.apply_changes(user, world.draft, preview.to_session()) == 1
    entry = world.entry("1")
    assert (entry.status, entry.workflow_state, entry.version) == ("completed", "draft", 2)


def test_changed_since_download_is_a_conflict_and_apply_is_all_or_nothing(world: World) -> None:
    world.open()
    user = world.users["lead_editor"]
    data = edited_workbook(bulk.export_round(user, world.draft), {"1": "Fra fil.", "2": "Fra fil."})
    preview = bulk.preview_upload(user, world.draft, data)
    assert preview.ok and len(preview.changes) == 2
    # Someone saves measure 2 between preview and apply: nothing is applied.
    services.save_entry(
        world.users["co_editor"], world.entry("2").pk, expected_version=1, status_label="",
        narrative="Imellom.",
    )  # fmt: skip
    try:
        bulk.apply_changes(user, world.draft, preview.to_session())
    except bulk.BulkRefused as error:
        assert "2" in str(error)
    else:
        raise AssertionError("applied")
    assert world.entry("1").narrative == "Omtale av tiltak 1 i 2025."
    # Uploading the old file again shows a conflict in row 2 only; row 1 still applies.
    preview = bulk.preview_upload(user, world.draft, data)
    assert preview.ok and [c.number for c in preview.changes] == ["1"]
    assert [(c.number, c.message.split(";")[0]) for c in preview.conflicts] == [
        ("2", "Tiltak 2 er endret i Tiltak siden filen ble lastet ned")
    ]
    assert bulk.apply_changes(user, world.draft, preview.to_session()) == 1
    assert world.entry("1").narrative == "Fra fil."
    assert world.entry("2").narrative == "Imellom."


def test_through_the_pages(world: World) -> None:
    world.open()
    client = world.client("lead_editor")
    download = client.get(f"/arbeidsflate/runde/{world.draft.pk}/last-ned.xlsx")
    assert download.status_code == 200
    data = edited_workbook(download.content, {"1": "Via sidene."})
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = f"/arbeidsflate/runde/{world.draft.pk}/last-opp/"
    page = client.post(upload, {"file": SimpleUploadedFile("r.xlsx", data)})
    assert page.status_code == 200 and "Lagre alle endringene" in page.content.decode()
    done = client.post(upload + "bruk/", {"token": page.context["token"]})
    assert done.status_code == 302 and world.entry("1").narrative == "Via sidene."
