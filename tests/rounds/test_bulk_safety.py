"""Bulk update checks only what the editor changed, and permission before anything stored."""

from __future__ import annotations

import io
import zipfile

import pytest

from tiltak.rounds import bulk, services

from .conftest import World, edited_workbook

SECRET = "Hemmelig utkast fra JD"


def _rows(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    return [list(r) for r in load_workbook(io.BytesIO(data))["tiltak"].iter_rows(values_only=True)]


def _with_row(data: bytes, row: list[object]) -> bytes:
    """The workbook with one more row in the sheet «tiltak» (and nothing in «versjoner»)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    workbook["tiltak"].append(row)
    for cell in workbook["tiltak"][workbook["tiltak"].max_row]:
        cell.data_type = "s" if cell.value is not None else cell.data_type
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_unchanged_row_edited_by_a_colleague_is_ignored(world: World) -> None:
    world.open()
    jd = world.users["lead_editor"]
    data = bulk.export_round(jd, world.draft)  # measures 1 and 2
    services.save_entry(
        world.users["co_editor"],
        world.entry("2").pk,
        expected_version=1,
        status_label="Under arbeid",
        narrative="HOD skrev dette på nettsiden.",
    )
    preview = bulk.preview_upload(jd, world.draft, edited_workbook(data, {"1": "Fra fil."}))
    assert preview.ok and not preview.conflicts
    assert [c.number for c in preview.changes] == ["1"]
    assert bulk.apply_changes(jd, world.draft, preview.to_session()) == 1
    assert world.entry("2").narrative == "HOD skrev dette på nettsiden."
    assert world.entry("1").narrative == "Fra fil."


def test_conflicts_are_per_row_and_the_rest_applies(world: World) -> None:
    world.open()
    jd = world.users["lead_editor"]
    data = edited_workbook(bulk.export_round(jd, world.draft), {"1": "Fra fil.", "2": "Også."})
    services.save_entry(
        world.users["co_editor"],
        world.entry("2").pk,
        expected_version=1,
        status_label="",
        narrative="Imellom.",
    )
    preview = bulk.preview_upload(jd, world.draft, data)
    assert preview.ok and [c.number for c in preview.changes] == ["1"]
    assert [(c.row, c.number) for c in preview.conflicts] == [(3, "2")]
    assert "ikke lagret" in preview.conflicts[0].message


@pytest.mark.parametrize("guess", [SECRET, "En annen tekst"])
def test_another_ministrys_row_is_refused_before_any_comparison(world: World, guess: str) -> None:
    world.open()
    jd, bfd = world.users["lead_editor"], world.users["unrelated_editor"]
    services.save_entry(
        jd, world.entry("1").pk, expected_version=1, status_label="Under arbeid", narrative=SECRET
    )
    row_one = next(
        r for r in _rows(bulk.export_round(world.users["admin"], world.draft)) if r[4] == "1"
    )
    row_one[13] = guess
    data = _with_row(bulk.export_round(bfd, world.draft), row_one)
    preview = bulk.preview_upload(bfd, world.draft, data)
    assert [(e.number, e.message) for e in preview.errors] == [("1", "Du kan ikke endre tiltak 1.")]
    assert not preview.changes


def _patched(data: bytes, old: bytes, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                content = content.replace(old, new)
            target.writestr(info, content)
    return out.getvalue()


@pytest.mark.parametrize("value", [b"1e400", b"nan", b"-1e400", b"2.5"])
def test_odd_numbers_in_the_versions_sheet_are_no_error_500(world: World, value: bytes) -> None:
    from openpyxl import load_workbook

    world.open()
    jd = world.users["lead_editor"]
    data = edited_workbook(bulk.export_round(jd, world.draft), {"1": "Ny."})
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["versjoner"]
    sheet.cell(2, 1).value = 777001.0
    sheet.cell(2, 2).value = 777002.0
    out = io.BytesIO()
    workbook.save(out)
    data = _patched(out.getvalue(), b"<v>777001</v>", b"<v>" + value + b"</v>")
    data = _patched(data, b"<v>777002</v>", b"<v>" + value + b"</v>")
    preview = bulk.preview_upload(jd, world.draft, data)
    if value == b"nan":  # openpyxl cannot read the sheet at all
        assert [e.message for e in preview.errors] == [
            "Filen mangler arket «versjoner», eller det er skadet: last ned på nytt."
        ]
    else:
        assert [c.number for c in preview.conflicts] == ["1"]  # its version is unknown
        assert not preview.errors
