"""How well the DOCX and PDF readers read the real plan excerpts, rendered by users' tools.

Renders every file of ``corpus/real/`` as LibreOffice's DOCX and PDF of the text, a Word-like
DOCX (a paragraph per blank-line group, no styles) and LibreOffice's PDFs of both DOCX; scores
each rendering against the ground truth of its source text and prints a table: file × format →
right/total, extra measures, refused.

Usage: ``python scripts/score_real_renderings.py [REAL_DIR] [--keep DIR] [--verbose]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.support.render import PLAIN_TEXT_FORMATS, render_plain_texts
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
    args = parser.parse_args(argv)
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
