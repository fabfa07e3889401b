"""The import, export, migrate and manage commands, in-process and as subprocesses."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import tiltak.documents
from tiltak import commands
from tiltak.documents.errors import DocumentError
from tiltak.documents.model import PlanDocument
from tiltak.imports import cli
from tiltak.plans.models import Plan
from tiltak.rounds.exchange import export_rounds, write_csv
from tiltak.rounds.importing import import_plan_document
from tiltak.rounds.models import ReportingRound

SLUG = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
DRIVER = (
    "import argparse, sys\n"
    "from tiltak import commands\n"
    "from tiltak.imports import cli\n"
    "parser = argparse.ArgumentParser(prog='tiltak')\n"
    "subparsers = parser.add_subparsers(required=True)\n"
    "cli.register(subparsers)\n"
    "commands.register(subparsers)\n"
    "args = parser.parse_args(sys.argv[1:])\n"
    "sys.exit(args.handler(args))\n"
)


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tiltak")
    subparsers = parser.add_subparsers(required=True)
    cli.register(subparsers)
    commands.register(subparsers)
    return parser.parse_args(argv)


def _run(*argv: str) -> int:
    args = _parse(*argv)
    code: int = args.handler(args)
    return code


@pytest.fixture
def exchange_csv(tmp_path: Path, document: PlanDocument) -> bytes:
    """The small document exported as CSV, the database emptied again."""
    import_plan_document(document, source_name="a.txt", source_sha256="a" * 64)
    data = write_csv(export_rounds(Plan.objects.get()))
    Plan.objects.all().delete()
    return data


@pytest.mark.django_db
def test_import_and_export_csv_in_process(
    tmp_path: Path, exchange_csv: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(exchange_csv)
    assert _run("import", str(path)) == 0
    out = capsys.readouterr().out
    assert (
        out
        == f"plan.csv: {SLUG} / status-varen-2026: created (5 measures, 0 findings, 0 conflicts)\n"
    )
    assert _run("import", str(path)) == 0
    assert "unchanged" in capsys.readouterr().out
    assert _run("export", SLUG, "-o", str(tmp_path / "out.csv")) == 0
    assert (tmp_path / "out.csv").read_bytes() == exchange_csv
    assert _run("export", SLUG, "-o", str(tmp_path / "out.xlsx")) == 0
    assert (tmp_path / "out.xlsx").read_bytes().startswith(b"PK")
    assert _run("export", SLUG, "--round", "status-varen-2026", "--facts-only") == 0


@pytest.mark.django_db
def test_import_directory_and_document(
    tmp_path: Path,
    exchange_csv: bytes,
    make_document: Callable[..., PlanDocument],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "a.csv").write_bytes(exchange_csv)
    (tmp_path / "notes.txt").write_text("ignored")
    assert _run("import", str(tmp_path)) == 0
    assert capsys.readouterr().out.startswith("a.csv: ")
    later = make_document()
    later.report.title = "Status våren 2027"
    later.measures[0].title = "Endret tittel"
    monkeypatch.setattr(tiltak.documents, "parse_path", lambda path: later, raising=False)
    report = tmp_path / "status-2027.txt"
    report.write_text("a report")
    assert _run("import", str(report)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("new round (5 measures, 4 findings, 1 conflicts)")
    assert out[1].startswith("  conflict: title_differs: Tiltak 1 ")
    assert ReportingRound.objects.count() == 2


@pytest.mark.django_db
def test_bad_inputs_one_line_exit_2(
    tmp_path: Path,
    exchange_csv: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run("import", str(tmp_path / "missing.csv")) == 2
    err = capsys.readouterr().err
    assert err.startswith("tiltak: error: ") and "no such file" in err and err.count("\n") == 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(exchange_csv.replace(b",completed,", b",finished,"))
    assert _run("import", str(bad)) == 2
    err = capsys.readouterr().err
    assert err == (
        "tiltak: error: bad.csv: row 2: status 'finished' is not empty or one of "
        "not_started, in_progress, completed, ongoing\n"
    )
    (tmp_path / "good.csv").write_bytes(exchange_csv)
    assert _run("import", str(tmp_path)) == 2  # one bad file: nothing imported
    capsys.readouterr()
    assert Plan.objects.count() == 0

    def unreadable(path: Path) -> PlanDocument:
        raise DocumentError(f"{path.name}: not a plan document")

    monkeypatch.setattr(tiltak.documents, "parse_path", unreadable, raising=False)
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    assert _run("import", str(tmp_path / "x.pdf")) == 2
    assert capsys.readouterr().err == "tiltak: error: x.pdf: not a plan document\n"
    assert _run("export", "nope") == 2
    assert capsys.readouterr().err == "tiltak: error: no plan 'nope' (plans: none)\n"


def _subprocess(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        TILTAK_DATA_DIR=str(tmp_path / "data"),
        DJANGO_SETTINGS_MODULE="tiltak.settings",
    )
    return subprocess.run(
        [sys.executable, "-c", DRIVER, *argv], capture_output=True, env=env, timeout=120
    )


@pytest.mark.django_db
def test_subprocess_unmigrated_then_migrate_import_export(
    tmp_path: Path, exchange_csv: bytes
) -> None:
    csv_path = tmp_path / "plan.csv"
    csv_path.write_bytes(exchange_csv)
    done = _subprocess(tmp_path, "import", str(csv_path))
    assert done.returncode == 2
    assert done.stderr == b"tiltak: error: the database is not set up; run `tiltak migrate`\n"
    assert done.stdout == b""
    done = _subprocess(tmp_path, "migrate")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"database ready (") and done.stderr == b""
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o777 == 0o600
    done = _subprocess(tmp_path, "import", str(csv_path))
    assert done.returncode == 0, done.stderr
    assert b"created (5 measures" in done.stdout
    done = _subprocess(tmp_path, "export", SLUG)
    assert done.returncode == 0 and done.stdout == exchange_csv
    done = _subprocess(tmp_path, "import", str(tmp_path / "nothing.csv"))
    assert done.returncode == 2 and done.stderr.count(b"\n") == 1
    assert b"Traceback" not in done.stderr
    done = _subprocess(tmp_path, "manage", "check")
    assert done.returncode == 0 and b"no issues" in done.stdout
