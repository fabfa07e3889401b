"""How well LibreOffice's PDF of our own status report parses back, measure by measure.

Parses a corpus report, renders its status report to DOCX, converts that with LibreOffice
(`soffice --headless --convert-to pdf`) and parses the PDF; prints how many of the measures come
back and how many titles, statuses, responsible and narratives are word-identical.

Usage: ``python scripts/score_libreoffice.py [REPORT.txt] [--keep DIR] [--pdf PDF]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support, from a checkout

from tests.support.render import libreoffice_convert
from tiltak.documents import PlanDocument, parse_path
from tiltak.documents.model import Measure
from tiltak.documents.plaintext import markdown_to_text
from tiltak.documents.reports import render_report

DEFAULT_REPORT = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REPORT_NAME = "plan-2024-2028-status-2026.txt"
FIELDS = ("title", "status", "responsible", "narrative")


@dataclass
class RoundTrip:
    expected: int
    found: int
    identical: dict[str, int]
    differing: dict[str, list[str]] = field(default_factory=dict)


def words(value: object) -> list[str]:
    """The words of a field as a reader sees them: Markdown markup (links, emphasis, escapes)
    left out, since a rendering keeps the text but not always the markup; lists are joined."""
    if value is None:
        return []
    if isinstance(value, list):
        return " ".join(str(item) for item in value).split()
    return markdown_to_text(str(value)).split()


def field_value(measure: Measure, name: str) -> object:
    return measure.status if name == "status" else getattr(measure, name)


def compare(expected: PlanDocument, found: PlanDocument) -> RoundTrip:
    """Field-by-field comparison of two parses of the same report, keyed by measure number."""
    by_number = {measure.number: measure for measure in found.measures}
    identical = dict.fromkeys(FIELDS, 0)
    differing: dict[str, list[str]] = {name: [] for name in FIELDS}
    for measure in expected.measures:
        other = by_number.get(measure.number)
        for name in FIELDS:
            if other is not None and words(field_value(measure, name)) == words(
                field_value(other, name)
            ):
                identical[name] += 1
            else:
                differing[name].append(measure.number)
    found_count = sum(1 for measure in expected.measures if measure.number in by_number)
    return RoundTrip(len(expected.measures), found_count, identical, differing)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, default=DEFAULT_REPORT / REPORT_NAME)
    parser.add_argument("--keep", type=Path, help="folder to keep the DOCX and PDF in")
    parser.add_argument("--pdf", type=Path, help="score this PDF instead of converting anew")
    parser.add_argument("--verbose", action="store_true", help="list the differing numbers")
    args = parser.parse_args(argv)

    expected = parse_path(args.report)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        pdf = args.pdf
        if pdf is None:
            docx = folder / f"{args.report.stem}.docx"
            docx.write_bytes(render_report(expected, "docx"))
            made = libreoffice_convert([docx], folder)
            if made is None:
                raise SystemExit("LibreOffice (soffice) is not installed")
            pdf = made[0]
        result = compare(expected, parse_path(pdf))
    print(f"measures found: {result.found}/{result.expected}")
    for name in FIELDS:
        print(f"{name} word-identical: {result.identical[name]}/{result.expected}")
        if args.verbose and result.differing[name]:
            print(f"  differing: {' '.join(result.differing[name][:40])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
