"""`make bench`: parse time of each corpus document as text, DOCX and PDF (median of runs)."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timing import median_seconds as timed  # bench/ is first on sys.path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from render import render_docx, render_pdf  # noqa: E402

from tiltak.documents import parse_path  # noqa: E402
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
            for fmt, path in files.items():
                blocks = read_path(path)
                read = median_seconds(lambda path=path: read_path(path))
                parse = median_seconds(lambda path=path: parse_path(path))
                count = len(parse_path(path).measures)
                pages = blocks.pages or "–"
                print(f"| {name} | {fmt} | {pages} | {read:.3f} s | {parse:.3f} s | {count} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
