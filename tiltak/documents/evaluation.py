"""Field-by-field scores of the parser against hand-written ground truth.

The ground truth format is the one of ``corpus/real/ground-truth.json``: per file the plan title,
whether it is a status report, and the measures a careful reader finds (number, title,
responsible, responsible_all, and status where the document states one).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DocumentError
from .model import Measure, PlanDocument

# Fields a ground-truth measure may leave out where the document is cut before them.
_OPTIONAL_FIELDS = ("responsible", "responsible_all", "status")


@dataclass(slots=True)
class FileScore:
    name: str
    right: int = 0
    checked: int = 0
    extra: int = 0
    """Measures the parser found that the ground truth does not have; each counts as a miss."""
    error: str | None = None
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.checked + self.extra

    @property
    def ratio(self) -> float:
        return self.right / self.total if self.total else 1.0


def comparable_title(text: str) -> str:
    """Letters and digits only: spacing, punctuation and line-end hyphenation do not count."""
    return re.sub(r"[\W_]+", "", text.casefold())


def comparable_number(text: str) -> str:
    """ "PU 1" and "PU1", "29 a" and "29a" are the same number."""
    return re.sub(r"\s+", "", text).casefold()


def score_document(name: str, document: PlanDocument, truth: dict[str, Any]) -> FileScore:
    """Right fields out of the checked ones, with a line for every miss."""
    score = FileScore(name)

    def check(what: str, expected: object, found: object, equal: bool | None = None) -> None:
        score.checked += 1
        if equal if equal is not None else expected == found:
            score.right += 1
        else:
            score.misses.append(f"{what}: expected {expected!r}, found {found!r}")

    if truth.get("plan_title"):
        check(
            "plan title",
            truth["plan_title"],
            document.plan.title,
            comparable_title(truth["plan_title"]) == comparable_title(document.plan.title),
        )
    check("report", truth["report"], document.report is not None)
    found: dict[str, Measure] = {comparable_number(m.number): m for m in document.measures}
    expected_numbers = {comparable_number(m["number"]) for m in truth["measures"]}
    score.extra = len(set(found) - expected_numbers)
    for extra in sorted(set(found) - expected_numbers):
        score.misses.append(f"measure {found[extra].number}: not expected ({found[extra].title!r})")
    for expected in truth["measures"]:
        number = expected["number"]
        measure = found.get(comparable_number(number))
        fields = ["title"] + [key for key in _OPTIONAL_FIELDS if key in expected]
        if measure is None:
            score.checked += len(fields)
            score.misses.append(f"measure {number}: missing")
            continue
        check(
            f"{number} title",
            expected["title"],
            measure.title,
            comparable_title(expected["title"]) == comparable_title(measure.title),
        )
        if "responsible" in expected:
            check(
                f"{number} responsible",
                sorted(expected["responsible"]),
                sorted(measure.responsible),
            )
        if "responsible_all" in expected:
            check(f"{number} responsible_all", expected["responsible_all"], measure.responsible_all)
        if "status" in expected:
            check(f"{number} status", expected["status"], measure.status)
    return score


def score_path(name: str, path: str | Path, truth: dict[str, Any]) -> FileScore:
    """The score of the document at `path` (any format) against one file's ground truth; a
    refused file scores nothing and keeps the reason."""
    from . import parse_path

    try:
        document = parse_path(path)
    except DocumentError as error:
        fields = sum(1 + sum(key in m for key in _OPTIONAL_FIELDS) for m in truth["measures"])
        return FileScore(name, checked=fields + 1 + bool(truth.get("plan_title")), error=str(error))
    return score_document(name, document, truth)


def ground_truth(directory: str | Path) -> dict[str, dict[str, Any]]:
    """The directory's ``ground-truth.json``: per file name, the truth about it."""
    text = (Path(directory) / "ground-truth.json").read_text(encoding="utf-8")
    truths: dict[str, dict[str, Any]] = json.loads(text)
    return truths


def score_directory(directory: str | Path) -> list[FileScore]:
    """Scores of every file named in the directory's ``ground-truth.json``."""
    directory = Path(directory)
    return [
        score_path(name, directory / name, truth)
        for name, truth in sorted(ground_truth(directory).items())
    ]
