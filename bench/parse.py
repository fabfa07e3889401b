"""`make bench`: parse time of each corpus document as text, DOCX and PDF (WeasyPrint's and
LibreOffice's), reading a PDF against pdftotext, and the field scores on the real documents."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timing import median_seconds as timed  # bench/ is first on sys.path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the repository root, for the tests' renderers (tests.support)

from tests.support.render import libreoffice_pdfs, render_docx, render_pdf  # noqa: E402
from tiltak.documents import parse_path  # noqa: E402
from tiltak.documents.evaluation import score_directory  # noqa: E402
from tiltak.documents.normalise.lexicon import norwegian_lexicon  # noqa: E402
from tiltak.documents.readers import read_path  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DOCUMENTS = {
    "2026 status report": CORPUS / "plan-2024-2028-status-2026.txt",
    "2021 strategy": CORPUS / "strategy-2021-internet-related-abuse.txt",
}
RUNS = 5


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    """The median wall time of `runs` calls."""
    return timed(action, runs)


def main() -> int:
    if not CORPUS.is_dir():
        print(f"bench: the corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    norwegian_lexicon()
    print(
        f"Loading the hunspell dictionaries (once per process): "
        f"{time.perf_counter() - start:.2f} s\n"
    )
    print("| document | format | pages | read | parse (read + clean + parse) | measures |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as directory:
        for name, source in DOCUMENTS.items():
            text = source.read_text(encoding="utf-8")
            files = {"text": source}
            for fmt, render in (("docx", render_docx), ("pdf", render_pdf)):
                files[fmt] = Path(directory) / f"{source.stem}.{fmt}"
                render(text, files[fmt])
            libreoffice = libreoffice_pdf(files["docx"], Path(directory))
            if libreoffice:
                files["pdf (LibreOffice)"] = libreoffice
            for fmt, path in files.items():
                blocks = read_path(path)
                read = median_seconds(lambda path=path: read_path(path))
                parse = median_seconds(lambda path=path: parse_path(path))
                count = len(parse_path(path).measures)
                pages = blocks.pages or "–"
                print(f"| {name} | {fmt} | {pages} | {read:.3f} s | {parse:.3f} s | {count} |")
                if path.suffix == ".pdf":
                    pdfs[f"{name}, {fmt}"] = (path, read, blocks.pages or 0)
        long_pdf = _long_libreoffice_pdf(Path(directory))
        if long_pdf:
            read = median_seconds(lambda: read_path(long_pdf))
            pages = read_path(long_pdf).pages or 0
            pdfs["both documents in one file, pdf (LibreOffice)"] = (long_pdf, read, pages)
        print_pdftotext(pdfs)
    print_real_scores()
    return 0


pdfs: dict[str, tuple[Path, float, int]] = {}


def _long_libreoffice_pdf(folder: Path) -> Path | None:
    """A PDF of well over 100 pages: the two corpus documents one after the other."""
    text = "\n\n".join(source.read_text(encoding="utf-8") for source in DOCUMENTS.values())
    docx = folder / "both.docx"
    render_docx(text, docx)
    return libreoffice_pdf(docx, folder)


def libreoffice_pdf(docx: Path, folder: Path) -> Path | None:
    """LibreOffice's PDF of a DOCX (as a secretariat exports one), or None without soffice."""
    pdfs = libreoffice_pdfs([docx], folder / "libreoffice")
    return pdfs[0] if pdfs else None


def print_pdftotext(files: dict[str, tuple[Path, float, int]]) -> None:
    """Reading a PDF into blocks against Poppler's pdftotext on the same file, same run."""
    if not shutil.which("pdftotext"):
        return
    print("\n| PDF | pages | pdftotext | Tiltak reads | ratio |")
    print("| --- | --- | --- | --- | --- |")
    for name, (path, read, pages) in files.items():
        command = ["pdftotext", "-layout", str(path), "/dev/null"]
        poppler = median_seconds(lambda command=command: subprocess.run(command, check=True))
        print(f"| {name} | {pages} | {poppler:.3f} s | {read:.3f} s | {read / poppler:.1f} × |")


def print_real_scores() -> None:
    """Fields right per file of the real development set (`corpus/real/`)."""
    real = CORPUS / "real"
    if not (real / "ground-truth.json").is_file():
        return
    scores = score_directory(real)
    print("\n| real document | fields right | share |")
    print("| --- | --- | --- |")
    for score in scores:
        note = f" (refused: {score.error})" if score.error else ""
        print(f"| {score.name} | {score.right}/{score.total} | {score.ratio:.0%}{note} |")
    right = sum(score.right for score in scores)
    total = sum(score.total for score in scores)
    print(f"| **all {len(scores)} files** | **{right}/{total}** | **{right / total:.1%}** |")


if __name__ == "__main__":
    sys.exit(main())
