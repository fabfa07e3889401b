"""The exchange format: export, lossless round trip through CSV and XLSX, row validation."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from openpyxl import load_workbook

from tiltak.documents.model import PlanDocument, ReportInfo
from tiltak.plans.models import Organisation, Plan
from tiltak.rounds.exchange import (
    COLUMNS,
    ExchangeError,
    exchange_format,
    export_rounds,
    import_exchange,
    read_exchange,
    write_csv,
    write_xlsx,
)
from tiltak.rounds.importing import ImportFailed, import_plan_document
from tiltak.rounds.models import ReportingRound

pytestmark = pytest.mark.django_db
SLUG = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"


def _two_rounds(make_document: Callable[..., PlanDocument]) -> Plan:
    import_plan_document(make_document(), source_name="a.txt", source_sha256="a" * 64)
    later = make_document(report=ReportInfo(title="Status våren 2027", as_of="2027-05"))
    later.measures = [m for m in later.measures if m.number != "22"]
    later.measures[0].narrative = "=SUM(A1:A3) is text, not a formula\r\nline two"
    later.measures[1].status_label = "Under arbeid*"
    import_plan_document(later, source_name="b.txt", source_sha256="b" * 64)
    return Plan.objects.get()


def _empty_database() -> None:
    Plan.objects.all().delete()
    Organisation.objects.all().delete()


def test_export_rows(make_document: Callable[..., PlanDocument]) -> None:
    plan = _two_rounds(make_document)
    rows = export_rounds(plan)
    assert len(rows) == 10
    first = rows[0]
    assert first.values()[:4] == (plan.slug, plan.title, "Status våren 2026", "2026-06")
    by_number = {r.number: r for r in rows[:5]}
    assert by_number["2"].responsible == "JD, BFD, KUD"
    assert by_number["1"].responsible == "AID" and by_number["1"].responsible_all == "ja"
    assert by_number["2"].responsible_all == "nei"
    assert by_number["611"].kind == "request" and by_number["611"].status == "ongoing"
    assert by_number["22"].status == "" and by_number["21 b"].chapter_title == "Forebygging"
    assert rows[8].round == "Status våren 2027" and rows[8].number == "22"
    assert rows[8].status == ""
    only = export_rounds(plan, [plan.rounds.get(slug="status-varen-2027")], facts_only=True)
    assert len(only) == 5 and {r.narrative for r in only} == {""}


def test_csv_round_trip_byte_identical(make_document: Callable[..., PlanDocument]) -> None:
    plan = _two_rounds(make_document)
    data = write_csv(export_rounds(plan))
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\r\n")
    assert exchange_format(data) == "csv"
    _empty_database()
    results = import_exchange(read_exchange(data), source_name="x.csv", source_sha256="c" * 64)
    assert [r.outcome for r in results] == ["created", "new_round"]
    assert [r.conflicts for r in results] == [[], []]
    again = write_csv(export_rounds(Plan.objects.get(slug=SLUG)))
    assert again == data
    assert [r.outcome for r in import_exchange(read_exchange(again))] == ["unchanged"] * 2


def test_xlsx_round_trip_identical(make_document: Callable[..., PlanDocument]) -> None:
    plan = _two_rounds(make_document)
    rows = export_rounds(plan)
    data = write_xlsx(rows)
    assert write_xlsx(rows) == data  # deterministic bytes
    assert exchange_format(data) == "xlsx"
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["tiltak"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert tuple(c.value for c in sheet[1]) == COLUMNS
    assert sheet.cell(row=7, column=14).value.startswith("=SUM")  # text, not a formula
    assert sheet.cell(row=7, column=14).data_type == "s"
    assert read_exchange(data) == rows
    _empty_database()
    import_exchange(read_exchange(data))
    again = write_xlsx(export_rounds(Plan.objects.get(slug=SLUG)))
    assert again == data
    cells = [[c.value for c in row] for row in load_workbook(io.BytesIO(again))["tiltak"]]
    assert cells == [[c.value for c in row] for row in sheet]


def test_exchange_into_existing_plan_follows_document_rules(
    make_document: Callable[..., PlanDocument],
) -> None:
    plan = _two_rounds(make_document)
    rows = [r for r in export_rounds(plan) if r.round == "Status våren 2027"]
    from dataclasses import replace

    edited = [
        replace(r, round="Status høsten 2027", round_as_of="2027-11", status="completed")
        for r in rows
    ]
    edited[0] = replace(edited[0], title="Ny tittel")
    results = import_exchange(edited)
    assert [r.outcome for r in results] == ["new_round"]
    assert [c.split(":")[0] for c in results[0].conflicts] == ["title_differs"]
    rnd = ReportingRound.objects.get(slug="status-hosten-2027")
    assert set(rnd.entries.values_list("status", flat=True)) == {"completed"}
    assert plan.measures.get(number="1").title == "Styrke samordningen av arbeidet mot vold"


HEADER = ",".join(COLUMNS)
GOOD = 'p,Plan (2024–2028),Status 2026,2026-06,1,measure,1,Kap,Tittel,"JD, BFD",nei,completed,,'


def _csv(*lines: str) -> bytes:
    return ("\r\n".join([HEADER, *lines]) + "\r\n").encode()


def test_reader_accepts_good_rows_and_semicolons() -> None:
    rows = read_exchange(_csv(GOOD))
    assert rows[0].responsible == "JD, BFD" and rows[0].status == "completed"
    semicolons = (
        HEADER.replace(",", ";") + "\r\n" + GOOD.replace(",", ";").replace('"JD; BFD"', '"JD, BFD"')
    )
    assert read_exchange(semicolons.encode("cp1252"))[0].plan_title == "Plan (2024–2028)"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (GOOD.replace("completed", "done"), "row 2: status 'done' is not empty or one of"),
        (GOOD.replace(",1,measure", ",,measure"), "row 2: number is empty"),
        (GOOD.replace("measure", "tiltak"), "row 2: kind 'tiltak' is not one of measure, request"),
        (GOOD.replace(",nei,", ",kanskje,"), "row 2: responsible_all 'kanskje' is not ja or nei"),
        (GOOD.replace("2026-06", "juni"), "round_as_of 'juni' is not"),
        (GOOD.replace("p,", "P Q,", 1), "plan 'P Q' is not a slug"),
        (GOOD + ",extra", "row 2: expected 14 columns, found 15"),
    ],
)
def test_reader_row_errors(line: str, message: str) -> None:
    with pytest.raises(ExchangeError, match=message):
        read_exchange(_csv(line), source="bad.csv")


def test_reader_reports_every_bad_row_with_numbers() -> None:
    with pytest.raises(ExchangeError) as caught:
        read_exchange(_csv(GOOD, GOOD, GOOD.replace("completed", "x")), source="bad.csv")
    error = caught.value
    assert [e.row for e in error.errors] == [3, 4, 4]
    assert "measure 1 appears twice in round 'Status 2026' (row 2)" in str(error)
    assert "\n" not in str(error) and str(error).startswith("bad.csv: row 3:")


def test_reader_rejects_wrong_header_and_garbage() -> None:
    with pytest.raises(ExchangeError, match="row 1: the header must be"):
        read_exchange(b"a,b,c\r\n1,2,3\r\n")
    with pytest.raises(ExchangeError, match="not a readable XLSX"):
        read_exchange(b"PK\x03\x04garbage")
    with pytest.raises(ExchangeError, match="no rows"):
        read_exchange(_csv())
    assert exchange_format(b"Justis- og beredskapsdepartementet\n") is None


def test_document_then_its_own_export_is_unchanged(
    document: PlanDocument, snapshot: Callable[[], dict[str, object]]
) -> None:
    import_plan_document(document, source_name="a.txt", source_sha256="a" * 64)
    rows = export_rounds(Plan.objects.get())
    before = snapshot()
    assert [r.outcome for r in import_exchange(rows)] == ["unchanged"]
    assert snapshot() == before
    assert ReportingRound.objects.get().findings.count() == 3  # the document's findings kept


def test_partial_exchange_file_checks_only_its_rows(document: PlanDocument) -> None:
    from dataclasses import replace

    import_plan_document(document, source_name="a.txt", source_sha256="a" * 64)
    rows = export_rounds(Plan.objects.get())
    one = [replace(rows[3], narrative="")]
    result = import_exchange(one, source_name="hod.csv", source_sha256="d" * 64)[0]
    assert result.outcome == "unchanged"
    assert sorted(c.split(":")[0] for c in result.conflicts) == ["measure_missing"] * 4
    rnd = ReportingRound.objects.get()
    assert rnd.entries.get(measure__number="1").status == "completed"
    assert rnd.introduction == "Regjeringen la fram planen i 2023."
    assert rnd.findings.filter(code="overview_title_differs").exists()
    with pytest.raises(ImportFailed, match="measure 22: status"):
        import_exchange([replace(rows[3], status="completed", status_label="Gjennomført")])
    assert rnd.entries.get(measure__number="22").status is None
