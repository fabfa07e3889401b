"""`tiltak check FILE`: output, exit codes and unreadable input."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tests.checks.checkdocs import REPORT
from tiltak.checks.cli import main, register
from tiltak.documents.checks import RULES

REPORT_2025 = """Handlingsplan mot vold (2024–2028)

Status våren 2025

1 Forebygging

1. Etablere et forum for frivillige

Ansvarlig departement: JD

Status: Gjennomført

Forumet ble etablert i 2025.

2. Utarbeide en veileder

Ansvarlig departement: BFD

Status: Under arbeid

Arbeidet med veilederen er i gang, se [veilederen](https://www.bufdir.no/veileder).
"""
REPORT_2026 = REPORT_2025.replace("våren 2025", "våren 2026").replace(
    "Status: Gjennomført", "Status: Under arbeid"
)


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "status-2025.txt", tmp_path / "status-2026.txt"
    first.write_text(REPORT_2025, encoding="utf-8")
    second.write_text(REPORT_2026, encoding="utf-8")
    return first, second


def test_a_clean_file_exits_0(
    reports: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(reports[0])]) == 0
    out = capsys.readouterr().out
    assert "Kontroll: 0 feil, 0 advarsler, 0 merknader" in out


def test_a_regression_against_a_previous_file_exits_1(
    reports: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(reports[1]), "--previous", str(reports[0]), "--format", "json"]) == 1
    (finding,) = json.loads(capsys.readouterr().out)
    assert finding == {
        "code": "status-regression",
        "severity": "error",
        "measure": "1",
        "message": "tiltak 1 var «Gjennomført» i forrige runde, men er «Under arbeid» nå",
        "evidence": {"previous": "Gjennomført", "current": "Under arbeid"},
    }
    assert main([str(reports[1])]) == 0  # without a previous round there is nothing to compare


@pytest.mark.skipif(not REPORT.is_file(), reason="the corpus is not present")
def test_the_corpus_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(REPORT), "--format", "json"]) == 1  # the two responsible disagreements
    findings = json.loads(capsys.readouterr().out)
    assert {tuple(sorted(f)) for f in findings} == {
        ("code", "evidence", "measure", "message", "severity")
    }
    assert sum(f["code"] == "link-without-target" for f in findings) == 75
    assert [f["severity"] for f in findings] == sorted(
        (f["severity"] for f in findings), key=["error", "warning", "info"].index
    )
    assert main([str(REPORT)]) == 1
    text = capsys.readouterr().out
    assert text.index("Feil (2)") < text.index("Advarsler (") < text.index("Merknader (")
    assert "  Tiltak 50\n    [overview-responsible-mismatch] tiltak 50: ansvarlig er «HOD»" in text
    assert "  Hele dokumentet\n" in text


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(RULES)
    assert all(line.split()[1] in ("error", "warning", "info") for line in lines)


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"", "empty"), (b"\x00\x01\x02binary\xff" * 50, ""),
     (b"Bare litt tekst uten tiltak.\n", "no measures found")],
)  # fmt: skip
def test_unreadable_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    path = tmp_path / "rapport.txt"
    if content is not None:
        path.write_bytes(content)
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.err.startswith("tiltak: error: ") and message in captured.err


def test_bad_previous_and_round_for_a_file(
    reports: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(reports[1]), "--previous", str(reports[0].with_name("mangler.txt"))]) == 2
    assert "--previous" in capsys.readouterr().err
    assert main([str(reports[1]), "--round", "status-varen-2025"]) == 2
    assert "--round" in capsys.readouterr().err
    assert main([]) == 2


def test_register_adds_the_check_subcommand(reports: tuple[Path, Path]) -> None:
    parser = argparse.ArgumentParser(prog="tiltak")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["check", str(reports[0]), "--format", "json"])
    assert args.handler(args) == 0
