"""The corpus and its DOCX and PDF renderings, for the document and command-line tests (a plugin
in the root conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.render import libreoffice_pdfs, render_docx, render_pdf, render_plain_texts

PLAN = "plan-2024-2028-status-2026.txt"
STRATEGY = "strategy-2021-internet-related-abuse.txt"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    path = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    if not path.is_dir():
        pytest.skip(f"the corpus is not at {path}")
    return path


def _render(factory: pytest.TempPathFactory, corpus: Path, name: str, fmt: str) -> Path:
    source = corpus / name
    if not source.is_file():
        pytest.skip(f"{source} is missing")
    out = factory.mktemp("renderings") / f"{source.stem}.{fmt}"
    (render_docx if fmt == "docx" else render_pdf)(source.read_text(encoding="utf-8"), out)
    return out


@pytest.fixture(scope="session")
def plan_docx(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    return _render(tmp_path_factory, corpus_dir, PLAN, "docx")


@pytest.fixture(scope="session")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    return _render(tmp_path_factory, corpus_dir, PLAN, "pdf")


@pytest.fixture(scope="session")
def strategy_docx(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    return _render(tmp_path_factory, corpus_dir, STRATEGY, "docx")


@pytest.fixture(scope="session")
def strategy_pdf(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    return _render(tmp_path_factory, corpus_dir, STRATEGY, "pdf")


def libreoffice_pdf(docx: Path, out_dir: Path) -> Path:
    """LibreOffice's PDF of a DOCX, or a skip when LibreOffice is not installed."""
    pdfs = libreoffice_pdfs([docx], out_dir)
    if pdfs is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    return pdfs[0]


@pytest.fixture(scope="session")
def plan_libreoffice_pdf(tmp_path_factory: pytest.TempPathFactory, plan_docx: Path) -> Path:
    return libreoffice_pdf(plan_docx, tmp_path_factory.mktemp("libreoffice"))


@pytest.fixture(scope="session")
def report_libreoffice_pdf(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """LibreOffice's PDF of our own status report (DOCX) of the 2026 corpus report, as a
    secretariat exporting it from Writer would make it."""
    from tiltak.documents import parse_path
    from tiltak.documents.reports import render_report

    source = corpus_dir / PLAN
    if not source.is_file():
        pytest.skip(f"{source} is missing")
    folder = tmp_path_factory.mktemp("report-libreoffice")
    docx = folder / f"{source.stem}-status.docx"
    docx.write_bytes(render_report(parse_path(source), "docx"))
    return libreoffice_pdf(docx, folder)


@pytest.fixture(scope="session")
def real_renderings(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path
) -> dict[str, dict[str, Path]]:
    """Every file of the development set (``corpus/real``) as users' tools render it, per
    format of `render_plain_texts`: file name -> rendering; LibreOffice runs once per format."""
    real = corpus_dir / "real"
    if not (real / "ground-truth.json").is_file():
        pytest.skip(f"no ground truth in {real}")
    names = sorted(path.name for path in real.glob("*.txt"))
    renderings = render_plain_texts(
        [real / name for name in names], tmp_path_factory.mktemp("real")
    )
    if renderings is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    return {fmt: dict(zip(names, paths, strict=True)) for fmt, paths in renderings.items()}
