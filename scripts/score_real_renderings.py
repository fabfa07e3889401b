"""How well the DOCX and PDF readers read the real plan excerpts, rendered by users' tools.

Renders every file of ``corpus/real/`` as LibreOffice's DOCX and PDF of the text, a Word-like
DOCX (a paragraph per blank-line group, no styles) and LibreOffice's PDFs of both DOCX; scores
each rendering against the ground truth of its source text and prints a table: file × format →
right/total, extra measures, refused.

With ``--against-text FILE…`` it renders those texts (the corpus's own report and strategy have
no ground truth) and prints, per format, how many of the text's measures come back with the same
number, title, status and responsible.

Usage: ``python scripts/score_real_renderings.py [REAL_DIR] [--keep DIR] [--verbose]
[--against-text FILE…]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support, from a checkout

from tests.support.render import PLAIN_TEXT_FORMATS, render_plain_texts
from tiltak.documents import DocumentError, parse_path
from tiltak.documents.evaluation import FileScore, ground_truth, score_path

DEFAULT_REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
FORMATS = ("text", *PLAIN_TEXT_FORMATS)


def score_renderings(real: Path, folder: Path) -> dict[str, list[FileScore]]:
    """Per format (the text itself first), the scores of every file with ground truth."""
    truths = ground_truth(real)
    names = sorted(truths)
    renderings = render_plain_texts([real / name for name in names], folder)
    if renderings is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    scores = {"text": [score_path(name, real / name, truths[name]) for name in names]}
    for fmt, paths in renderings.items():
        scores[fmt] = [
            score_path(name, path, truths[name]) for name, path in zip(names, paths, strict=True)
        ]
    return scores


def against_text(texts: list[Path], folder: Path) -> None:
    """Per text and format: measures found, and those equal to the text's (number, title
    words, status, responsible)."""
    renderings = render_plain_texts(texts, folder)
    if renderings is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    for position, text in enumerate(texts):
        expected = parse_path(text).measures
        cells = [f"{text.name}: {len(expected)} measures"]
        for fmt, paths in renderings.items():
            try:
                found = {m.number: m for m in parse_path(paths[position]).measures}
            except DocumentError:
                cells.append(f"{fmt} refused")
                continue
            same = sum(
                1
                for m in expected
                if (other := found.get(m.number)) is not None
                and other.title.split() == m.title.split()
                and (other.status, other.responsible) == (m.status, m.responsible)
            )
            cells.append(f"{fmt} {len(found)} found, {same} same")
        print("; ".join(cells))


def cell(score: FileScore) -> str:
    if score.error:
        return "refused"
    extra = f" +{score.extra}" if score.extra else ""
    return f"{score.right}/{score.total}{extra}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("real", nargs="?", type=Path, default=DEFAULT_REAL)
    parser.add_argument("--keep", type=Path, help="folder to keep the renderings in")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--against-text", nargs="+", type=Path, help="texts to compare with")
    args = parser.parse_args(argv)
    if args.against_text:
        with tempfile.TemporaryDirectory() as scratch:
            against_text(args.against_text, args.keep or Path(scratch))
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        scores = score_renderings(args.real, args.keep or Path(scratch))
    names = [score.name for score in scores["text"]]
    width = max(len(name) for name in names)
    print(f"{'file':<{width}}  " + "  ".join(f"{fmt:>13}" for fmt in FORMATS))
    for row, name in enumerate(names):
        cells = "  ".join(f"{cell(scores[fmt][row]):>13}" for fmt in FORMATS)
        print(f"{name:<{width}}  {cells}")
    print()
    print(f"{'format':<14} {'right/total':>12} {'share':>7} {'extra':>6} {'refused':>8}")
    for fmt in FORMATS:
        right = sum(score.right for score in scores[fmt])
        total = sum(score.total for score in scores[fmt])
        extra = sum(score.extra for score in scores[fmt])
        refused = sum(bool(score.error) for score in scores[fmt])
        print(f"{fmt:<14} {f'{right}/{total}':>12} {right / total:>7.1%} {extra:>6} {refused:>8}")
    if args.verbose:
        for fmt in PLAIN_TEXT_FORMATS:
            for score in scores[fmt]:
                for miss in ([score.error] if score.error else []) + score.misses:
                    print(f"{fmt} {score.name}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
