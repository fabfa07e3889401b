"""The `tiltak` console script: exit codes and one-line errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tiltak.cli import main

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parents[1] / "documents" / "fixtures"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tiltak.cli", *args], capture_output=True, text=True, check=False
    )


def test_parse_text_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(FIXTURES / "ansvarlig-gjennomforing.txt")]) == 0
    out = capsys.readouterr().out
    assert "Et liv uten vold" in out
    assert "4 tiltak og 0 anmodningsvedtak i 2 kapitler" in out
    assert "Gjennomført       2" in out


def test_parse_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(FIXTURES / "stablede-etiketter.txt"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["number"] for m in data["measures"]] == ["1", "2"]
    assert data["report"] == {"title": "Status per juni 2018", "as_of": "2018-06"}


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")
def test_findings_do_not_fail_a_parse() -> None:
    result = run("parse", str(CORPUS / "plan-2024-2028-status-2026.txt"))
    assert result.returncode == 0
    assert "overview-responsible-mismatch" in result.stdout


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"  \n\n ", "the file is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("prose.txt", b"Bare litt tekst uten tiltak.\n", "no measures found"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old binary Word"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 100, "not a Word"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "PDF"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    result = run("parse", str(_write(tmp_path, name, data)))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tiltak: error: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = run("parse", str(tmp_path / "nope.pdf"))
    assert (missing.returncode, missing.stderr.strip()) == (
        2,
        f"tiltak: error: {tmp_path / 'nope.pdf'}: no such file",
    )
    directory = run("parse", str(tmp_path))
    assert directory.returncode == 2 and "is a directory" in directory.stderr


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    assert run("parse").returncode == 2
    assert run("parse", "x.txt", "--format", "xml").returncode == 2


def test_long_pdf_reports_page_progress(plan_pdf: Path) -> None:
    from tiltak.documents.progress import page_progress
    from tiltak.documents.readers import read_path

    seen: list[tuple[int, int]] = []
    token = page_progress.set(lambda done, total: seen.append((done, total)))
    try:
        document = read_path(plan_pdf)
    finally:
        page_progress.reset(token)
    assert seen[-1] == (document.pages, document.pages)
    assert [done for done, _ in seen] == list(range(1, len(seen) + 1))


def test_encrypted_pdf_exits_2(tmp_path: Path) -> None:
    import pikepdf
    import weasyprint

    plain = tmp_path / "plain.pdf"
    weasyprint.HTML(string="<p>1. Tiltak</p><p>Status: Byrja</p>").write_pdf(plain)
    with pikepdf.open(plain) as pdf:
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(owner="o", user="u"))
    result = run("parse", str(tmp_path / "locked.pdf"))
    assert result.returncode == 2
    assert "encrypted" in result.stderr and len(result.stderr.splitlines()) == 1


def test_zip_bomb_docx_exits_2(tmp_path: Path) -> None:
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(210):
                member.write(bytes(2**20))
    assert bomb.stat().st_size < 2 * 2**20
    result = run("parse", str(bomb))
    assert result.returncode == 2
    assert "zip bomb" in result.stderr and len(result.stderr.splitlines()) == 1
